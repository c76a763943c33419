"""What the story and article pages show, computed from a stored `Report` (no analysis here).

The only markup built in Python is an article's text with its passages marked: each piece of
text is escaped on its own and only fixed tags (`<p>`, `<h4>`, `<mark>`, `<span>`, `<del>`) with
generated attributes are put around it. Article ids never become element ids or scripts: an
article is `article-N` on the page and its id only appears as escaped text or a quoted URL part.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from newsweave._text import strip_offsets
from newsweave.model import Article, Claim, ClaimStatus, Relation, Removal, Span, Story
from newsweave.render._common import (
    CLAIM_LABELS,
    CLAIM_ORDER,
    RELATION_PHRASES,
    cited_ids,
    dependence,
    format_published,
    is_independence_known,
    removed_by_reason,
    source_labels,
)
from newsweave.render.html import _dependence
from newsweave.render.html import _safe_url as safe_url
from newsweave.web.graph import copy_graph_svg

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Chip:
    """A citation: a link to one article, labelled with its outlet."""

    label: str
    href: str
    title: str


@dataclass(frozen=True, slots=True)
class Mark:
    """A passage to mark: `kind` is a CSS class (or '' for a claim only), `claim` its number."""

    start: int
    end: int
    kind: str = ""
    note: str = ""
    claim: int | None = None


@dataclass(frozen=True, slots=True)
class ArticleView:
    article: Article
    anchor: str
    label: str
    published: str
    dependence: str | None
    url: str | None
    page: str  # the article's own page
    body: Markup


def story_href(story_id: str) -> str:
    return "/stories/" + quote(story_id, safe="")


def article_href(story_id: str, article_id: str) -> str:
    return f"{story_href(story_id)}/articles/{quote(article_id, safe='')}"


def outlet_href(name: str) -> str:
    return "/outlets/" + quote(name, safe="")


class StoryView:
    """One story with what its pages need: the story page's parts (the articles' marked text,
    the copy graph) are laid out when first asked for, so an article page builds none of them."""

    def __init__(self, story: Story, *, current: bool = True) -> None:
        self.story = story
        self.current = current  # False: articles arrived after this analysis was made
        self.page_html: str | None = None  # the rendered story page, kept with the view
        self._chip_markup: dict[str, str] = {}
        self.labels = source_labels(story)
        self.independence_known = is_independence_known(story)
        self.numbered_claims = list(enumerate(story.claims))
        self._numbers = {article.id: number for number, article in enumerate(story.articles)}
        self.outlets = sorted({article.source for article in story.articles})
        self.removed_groups = removed_by_reason(story.removed)

    @functools.cached_property
    def articles(self) -> list[ArticleView]:
        reused = dependence(self.story)
        marks = _story_marks(self.story, self.labels)
        return [
            ArticleView(
                article=article,
                anchor=f"article-{number}",
                label=self.labels[article.id],
                published=format_published(article.published),
                dependence=_dependence(reused.get(article.id), self.labels),
                url=safe_url(article.url),
                page=article_href(self.story.id, article.id),
                body=highlight(article, marks.get(article.id, [])),
            )
            for number, article in enumerate(self.story.articles)
        ]

    @functools.cached_property
    def graph(self) -> Markup:
        return copy_graph_svg(self.story)

    @property
    def claim_groups(self) -> list[tuple[ClaimStatus, str, list[tuple[int, Claim]]]]:
        groups = []
        for status in CLAIM_ORDER:
            members = [(n, claim) for n, claim in self.numbered_claims if claim.status is status]
            if members:
                groups.append((status, CLAIM_LABELS[status], members))
        return groups

    def chips(self, spans: Iterable[Span]) -> list[Chip]:
        return [self.chip(article_id) for article_id in cited_ids(spans)]

    def chips_html(self, spans: Iterable[Span]) -> Markup:
        """The citation chips of `spans` as markup (built here: a macro per chip is slow)."""
        links = "".join(self._chip_html(article_id) for article_id in cited_ids(spans))
        return Markup(f'<span class="chips">{links}</span>')

    def _chip_html(self, article_id: str) -> str:
        if article_id not in self._chip_markup:
            c = self.chip(article_id)
            self._chip_markup[article_id] = (
                f'<a class="chip" href="{escape(c.href)}" title="{escape(c.title)}">'
                f"{escape(c.label)}</a>"
            )
        return self._chip_markup[article_id]

    def chip(self, article_id: str) -> Chip:
        number = self._numbers.get(article_id)
        if number is None:
            return Chip(article_id, "#", "unknown article")
        article = self.story.articles[number]
        title = f"{article.source} · {article.title or 'untitled'} · {article_id}"
        return Chip(self.labels[article_id], f"#article-{number}", title)

    def page_of(self, article_id: str) -> str:
        return article_href(self.story.id, article_id) if article_id in self._numbers else "#"

    def published(self, article: Article) -> str:
        return format_published(article.published)

    def quote(self, span: Span) -> str:
        return self.story.quote(span)

    def relation(self, relation: Relation) -> str:
        return RELATION_PHRASES[relation]


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """Another article of the story this one is linked to, and how."""

    phrase: str  # "copy of", "copied by", ...
    other: Article
    href: str
    shared: float
    passages: int


class ArticlePage:
    """One article of a story: its text with reused passages marked, its links, its noise."""

    def __init__(self, view: StoryView, article: Article, raw_text: str | None) -> None:
        self.view = view
        self.article = article
        self.label = view.labels[article.id]
        self.published = format_published(article.published)
        self.url = safe_url(article.url)
        marks = _story_marks(view.story, view.labels, with_claims=False).get(article.id, [])
        self.body = highlight(article, marks)
        self.links = _links(view, article)
        self.removed = [r for r in view.story.removed if r.article_id == article.id]
        self.raw = noise_view(raw_text, self.removed) if raw_text else None


def _links(view: StoryView, article: Article) -> list[ArticleLink]:
    inverse = {
        Relation.DUPLICATE: "duplicated by",
        Relation.COPY: "copied by",
        Relation.REWRITE: "rewritten by",
        Relation.COMMON_SOURCE: "shares a source with",
    }
    links = []
    for link in view.story.provenance:
        if article.id == link.derived_article:
            phrase, other = RELATION_PHRASES[link.relation], link.source_article
        elif article.id == link.source_article:
            phrase, other = inverse[link.relation], link.derived_article
        else:
            continue
        try:
            other_article = view.story.article(other)
        except KeyError:
            continue
        links.append(
            ArticleLink(phrase, other_article, view.page_of(other), link.shared, len(link.passages))
        )
    return links


def _story_marks(
    story: Story, labels: dict[str, str], *, with_claims: bool = True
) -> dict[str, list[Mark]]:
    """Per article: passages shared with another article, conflicting statements, claims."""
    marks: dict[str, list[Mark]] = {}

    def add(span: Span, mark: Mark) -> None:
        marks.setdefault(span.article_id, []).append(mark)

    for link in story.provenance:
        source = labels.get(link.source_article, link.source_article)
        derived = labels.get(link.derived_article, link.derived_article)
        for pair in link.passages:
            for span in pair:
                note = (
                    f"{RELATION_PHRASES[link.relation]} {source}"
                    if span.article_id == link.derived_article
                    else f"reused by {derived}"
                )
                add(span, Mark(span.start, span.end, "hl-shared", note))
    for conflict in story.conflicts:
        note = f"Conflict ({conflict.kind}): {conflict.explanation}"
        for span in (conflict.a, conflict.b):
            add(span, Mark(span.start, span.end, "hl-conflict", note))
    if with_claims:
        for number, claim in enumerate(story.claims):
            for span in claim.support:
                add(span, Mark(span.start, span.end, claim=number))
    return marks


def highlight(article: Article, marks: Sequence[Mark] = ()) -> Markup:
    """The article's cleaned text as paragraphs and headings, with `marks` wrapped.

    A passage with a kind becomes `<mark class=... title=...>`; a passage that only carries
    claims becomes `<span class="cl">`; either lists its claims in `data-claims="3 7"`.
    """
    text = article.text
    usable = [m for m in marks if m.start < m.end <= len(text)]
    out: list[Markup] = []
    for line in _LINE.finditer(text):
        start, end = strip_offsets(text, line.start(), line.end())
        if start == end:
            continue
        tag = "h4" if any(h.start <= start and end <= h.end for h in article.headings) else "p"
        here = [m for m in usable if m.start < end and m.end > start]
        cuts = {start, end} | {c for m in here for c in (m.start, m.end) if start < c < end}
        pieces = [
            _piece(text[left:right], [m for m in here if m.start <= left and right <= m.end])
            for left, right in itertools.pairwise(sorted(cuts))
        ]
        out.append(f"<{tag}>{''.join(pieces)}</{tag}>")
    # Every piece was escaped by _piece: the joined string is safe markup.
    return Markup("\n".join(out))


def _piece(text: str, active: list[Mark]) -> str:
    """One run of text, escaped, wrapped in the marks covering it (plain strings: fast)."""
    if not active:
        return str(escape(text))
    kinds = " ".join(sorted({m.kind for m in active if m.kind}))
    claims = " ".join(str(n) for n in sorted({m.claim for m in active if m.claim is not None}))
    data = f' data-claims="{claims}"' if claims else ""  # digits and spaces only
    if kinds:  # fixed class names
        notes = escape("; ".join(dict.fromkeys(m.note for m in active if m.note)))
        return f'<mark class="{kinds}" title="{notes}"{data}>{escape(text)}</mark>'
    return f'<span class="cl"{data}>{escape(text)}</span>'


def noise_view(raw_text: str, removed: Sequence[Removal]) -> Markup:
    """The text as it was read, each removed piece greyed out and labelled with its reason."""
    found: list[tuple[int, int, str]] = []
    cursor = 0
    for removal in removed:
        at = raw_text.find(removal.text, cursor)
        if at < 0:
            at = raw_text.find(removal.text)
        if at < 0 or any(s < at + len(removal.text) and at < e for s, e, _ in found):
            continue
        found.append((at, at + len(removal.text), removal.reason))
        cursor = at + len(removal.text)
    out: list[Markup] = []
    position = 0
    for start, end, reason in sorted(found):
        out.append(escape(raw_text[position:start]))
        out.append(
            Markup(
                '<del class="noise" title="removed: {0}"><span class="reason">{0}</span>{1}</del>'
            ).format(reason, raw_text[start:end])
        )
        position = end
    out.append(escape(raw_text[position:]))
    return Markup("").join(out)
