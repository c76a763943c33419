"""Report -> one self-contained HTML page (inline CSS, no scripts, no external URLs).

The page is rendered by Jinja2 with autoescaping on. The only markup built in Python is the
highlighted article text, and it is assembled from spans: every piece of text is escaped on its
own and only fixed tags (`<p>`, `<h4>`, `<mark>`) are put around it.
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from newsweave._text import strip_offsets
from newsweave.model import (
    Article,
    Claim,
    ClaimStatus,
    Rejection,
    Relation,
    Removal,
    Report,
    Span,
    Story,
)
from newsweave.render._common import (
    CLAIM_LABELS,
    RELATION_PHRASES,
    cited_ids,
    claims_by_status,
    dependence,
    format_published,
    is_independence_known,
    package_version,
    removed_by_reason,
    source_labels,
)
from newsweave.render._stream import StoryWriter, render_with, write_with

_LINE = re.compile(r"[^\n]+")
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def render_html(report: Report) -> str:
    """The report as a complete HTML document.

    Example:
        >>> render_html(Report(stories=())).startswith("<!doctype html>")
        True
    """
    return render_with(HtmlWriter, report)


def write_html(report: Report, path: str | Path) -> None:
    """Write `render_html(report)` to `path` as UTF-8."""
    write_with(HtmlWriter, report, path)


class HtmlWriter(StoryWriter):
    """The HTML report written story by story. The page opens with totals and a table of
    contents, so the stories wait in a spool; a report of one story is laid out without either,
    so the first story waits until a second one comes (or the report ends)."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self._anchors = _Anchors()
        self._first: Story | None = None
        self._toc: list[_TocEntry] = []
        self._outlets: set[str] = set()
        self._independent: list[int | None] = []
        self._articles = 0
        self._conflicts = 0

    def add(self, story: Story) -> None:
        self._outlets.update(article.source for article in story.articles)
        self._independent.append(story.independent_sources)
        self._articles += len(story.articles)
        self._conflicts += len(story.conflicts)
        if not self._toc and self._first is None:
            self._first = story
            return
        if self._first is not None:
            self._write_story(self._first, single=False)
            self._first = None
        self._write_story(story, single=False)

    def finish(self, rejections: Sequence[Rejection]) -> None:
        single = self._first is not None
        if self._first is not None:
            self._write_story(self._first, single=True)
        known = [count for count in self._independent if count is not None]
        totals = {
            "stories": len(self._toc),
            "articles": self._articles,
            "outlets": len(self._outlets),
            # A total over some stories only would undercount: show it only when every story
            # has one.
            "independent": sum(known) if known and len(known) == len(self._independent) else None,
            "conflicts": self._conflicts,
        }
        title = self._toc[0].title if single else ""
        version = package_version()
        head = _template("head").render(
            single=single, title=title, toc=self._toc, totals=totals, version=version
        )
        self._out.write(head)
        self.copy_spool()
        self._out.write(_template("tail").render(rejections=rejections, version=version))

    def _write_story(self, story: Story, *, single: bool) -> None:
        view = _StoryView.build(story, self._anchors)
        self._toc.append(_TocEntry(view.anchor, story.title, len(view.articles)))
        page = _template("story").render(view=view, single=single, claim_labels=CLAIM_LABELS)
        self.spool.write(page + "\n")


@dataclass(frozen=True, slots=True)
class _TocEntry:
    """A story in the table of contents."""

    anchor: str
    title: str
    articles: int


@dataclass(frozen=True, slots=True)
class _Chip:
    """A citation: a link to one article, labelled with its outlet."""

    article_id: str
    label: str
    href: str
    title: str


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    kind: str  # a CSS class: hl-shared, hl-conflict
    note: str


@dataclass(slots=True)
class _Anchors:
    """Unique, URL-safe element ids, so hostile or clashing article ids still link correctly."""

    taken: set[str] = field(default_factory=set)
    by_key: dict[tuple[str, ...], str] = field(default_factory=dict)

    def get(self, *key: str) -> str:
        if key not in self.by_key:
            base = "-".join(_ANCHOR_UNSAFE.sub("-", part).strip("-") or "x" for part in key)
            anchor, number = base, 1
            while anchor in self.taken:
                number += 1
                anchor = f"{base}-{number}"
            self.taken.add(anchor)
            self.by_key[key] = anchor
        return self.by_key[key]


@dataclass(frozen=True, slots=True)
class _ArticleView:
    """One article as the template shows it."""

    article: Article
    anchor: str
    label: str
    published: str
    dependence: str | None  # "copy of a1"; None when independent or not known
    independence_known: bool
    url: str | None  # only http(s) URLs become links
    body: Markup


@dataclass(frozen=True, slots=True)
class _StoryView:
    """One story with everything the template needs precomputed."""

    story: Story
    anchor: str
    articles: list[_ArticleView]
    claim_groups: list[tuple[ClaimStatus, list[Claim]]]
    removed_groups: list[tuple[str, list[Removal]]]
    outlets: int
    _chips: dict[str, _Chip]

    @classmethod
    def build(cls, story: Story, anchors: _Anchors) -> _StoryView:
        labels = source_labels(story)
        derived = dependence(story)
        known = is_independence_known(story)
        marks = _marks(story, labels)
        articles = [
            _ArticleView(
                article=article,
                anchor=anchors.get("article", article.id),
                label=labels[article.id],
                published=format_published(article.published),
                dependence=_dependence(derived.get(article.id), labels),
                independence_known=known,
                url=_safe_url(article.url),
                body=_highlight(article, marks.get(article.id, [])),
            )
            for article in story.articles
        ]
        chips = {
            view.article.id: _Chip(
                view.article.id,
                view.label,
                "#" + view.anchor,
                f"{view.article.id} · {view.article.source} · {view.article.title or 'untitled'}",
            )
            for view in articles
        }
        return cls(
            story=story,
            anchor=anchors.get("story", story.id),
            articles=articles,
            claim_groups=claims_by_status(story.claims),
            removed_groups=removed_by_reason(story.removed),
            outlets=len({article.source for article in story.articles}),
            _chips=chips,
        )

    def chips(self, spans: Iterable[Span]) -> list[_Chip]:
        """One citation chip per cited article, in order of first citation."""
        return [self.chip(article_id) for article_id in cited_ids(spans)]

    def chip(self, article_id: str) -> _Chip:
        return self._chips.get(article_id) or _Chip(article_id, article_id, "#", "unknown article")

    def quote(self, span: Span) -> str:
        return self.story.quote(span)

    def relation(self, relation: Relation) -> str:
        return RELATION_PHRASES[relation]

    def section(self, name: str) -> str:
        return f"{self.anchor}-{name}"


def _highlight(article: Article, marks: Iterable[_Mark] = ()) -> Markup:
    """The article's cleaned text as HTML paragraphs, headings and `<mark>`ed passages.

    Each line of the text becomes a `<p>`, or an `<h4>` when a heading span covers it. Marks that
    cross a line break are split at it. Every piece of text is escaped separately.
    """
    text = article.text
    marks = [m for m in marks if m.start < m.end <= len(text)]
    out: list[Markup] = []
    for line in _LINE.finditer(text):
        start, end = strip_offsets(text, line.start(), line.end())
        if start == end:
            continue
        is_heading = any(h.start <= start and end <= h.end for h in article.headings)
        tag = "h4" if is_heading else "p"
        cuts = {start, end}
        for mark in marks:
            cuts.update(cut for cut in (mark.start, mark.end) if start < cut < end)
        points = sorted(cuts)
        pieces: list[Markup] = []
        for left, right in itertools.pairwise(points):
            active = [m for m in marks if m.start <= left and right <= m.end]
            piece = escape(text[left:right])
            if active:
                kinds = " ".join(sorted({m.kind for m in active}))
                notes = "; ".join(dict.fromkeys(m.note for m in active))
                piece = Markup('<mark class="{}" title="{}">{}</mark>').format(kinds, notes, piece)
            pieces.append(piece)
        out.append(Markup("<{0}>{1}</{0}>").format(Markup(tag), Markup("").join(pieces)))
    return Markup("\n").join(out)


def _marks(story: Story, labels: dict[str, str]) -> dict[str, list[_Mark]]:
    """Passages to highlight in each article: text shared with another article, conflicts."""
    marks: dict[str, list[_Mark]] = {}

    def add(span: Span, kind: str, note: str) -> None:
        marks.setdefault(span.article_id, []).append(_Mark(span.start, span.end, kind, note))

    for link in story.provenance:
        source = labels.get(link.source_article, link.source_article)
        derived = labels.get(link.derived_article, link.derived_article)
        for first, second in link.passages:
            for span in (first, second):
                if span.article_id == link.derived_article:
                    add(span, "hl-shared", f"{RELATION_PHRASES[link.relation]} {source}")
                else:
                    add(span, "hl-shared", f"reused by {derived}")
    for conflict in story.conflicts:
        note = f"Conflict ({conflict.kind}): {conflict.explanation}"
        add(conflict.a, "hl-conflict", note)
        add(conflict.b, "hl-conflict", note)
    return marks


def _dependence(reused: tuple[Relation, str] | None, labels: dict[str, str]) -> str | None:
    if reused is None:
        return None
    relation, source = reused
    return f"{RELATION_PHRASES[relation]} {labels.get(source, source)}"


def _safe_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in {"http", "https"} else None


def _load_template(name: str) -> str:
    resource = importlib.resources.files("newsweave.render").joinpath("templates", name)
    return resource.read_text(encoding="utf-8")


def _template(part: str) -> jinja2.Template:
    return _environment().get_template(f"report_{part}.html.j2")


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = lambda value: f"{value:.0%}"
    env.filters["plural"] = lambda count, one, many=None: (
        f"{count} {one if count == 1 else many or one + 's'}"
    )
    return env
