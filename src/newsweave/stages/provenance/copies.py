"""Who copied whom: copy/rewrite/duplicate/common-source links between the articles of a story,
and the independent sources left once linked articles are folded into one.

A story of n articles that all reuse one text has a link for each of its n(n-1)/2 pairs; only a
spanning forest of them is kept (at most n-1): each derived article's link to its best source,
then whatever else keeps the linked groups as they were (`_forest`)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import replace

from newsweave.model import (
    AlignLevel,
    Article,
    CopyLink,
    DateOrigin,
    Relation,
    Span,
    Story,
)
from newsweave.stages._graph import connected_groups, spanning_links

COPY_SHARE = 0.5  # a copy has at least half of its text verbatim or nearly so from the source
REWRITE_SHARE = 0.65  # a rewrite has most of its text aligned; independent reports of one
# event state many of the same facts too (about half of their sentences, on the demo)
DUPLICATE_SHARE = 0.95  # Jaccard of the two texts' word 5-shingles: the same text
# One sentence in common is one fact two reports share, not a text one took from the other: a
# one-line brief (a caption, a news alert) would otherwise be the copy, or the source, of every
# report that states its fact, and join them all into one source.
MIN_SENTENCES = 2
_COPY_LEVELS = frozenset({AlignLevel.VERBATIM, AlignLevel.NEAR_VERBATIM})


def find_copies(story: Story) -> Story:
    """The story with `provenance` links (a spanning forest of the copy links: each derived
    article's link to its best source first) and its `independent_sources` count."""
    overlap = _Overlap(story)
    shingles = _Shingles()
    articles = {article.id: article for article in story.articles}
    found = []
    # Only pairs with aligned sentences can share text: in a story of many independent reports
    # that is far fewer than all pairs.
    for first, second in overlap.article_pairs():
        link = _link(articles[first], articles[second], overlap, shingles)
        if link is not None:
            found.append(link)
    kept = _forest(_mark_common_sources(found), story)
    links = tuple(
        replace(link, passages=overlap.passages(link.source_article, link.derived_article))
        for link in kept
    )
    story = replace(story, provenance=links)
    return replace(story, independent_sources=len(set(independent_groups(story).values())))


def independent_groups(story: Story) -> dict[str, int]:
    """Each article's independent-source group: articles linked by provenance share one."""
    links = [(link.source_article, link.derived_article) for link in story.provenance]
    return connected_groups([article.id for article in story.articles], links)


def _forest(links: list[CopyLink], story: Story) -> list[CopyLink]:
    """A spanning forest of the links, in the story's order of derived articles.

    First each derived article's link to its best source (`_preferred`); then, in the same order
    of preference, the other links that join two groups not yet linked — an article that took from two
    unlinked sources keeps both, so the groups (`independent_groups`) are those of all links.
    A `common-source` link (two articles that both took from a third) comes last: the two are
    already joined through the third, so it is kept only when nothing else joins them."""
    ranks = {
        article.id: _source_rank(article, index) for index, article in enumerate(story.articles)
    }
    best: dict[str, CopyLink] = {}
    for link in links:
        if link.relation is Relation.COMMON_SOURCE:
            continue
        current = best.get(link.derived_article)
        if current is None or _preferred(link, ranks) < _preferred(current, ranks):
            best[link.derived_article] = link
    firsts = sorted(best.values(), key=lambda link: _preferred(link, ranks))
    chosen = {id(link) for link in firsts}
    rest = sorted(
        (link for link in links if id(link) not in chosen),
        key=lambda link: (link.relation is Relation.COMMON_SOURCE, *_preferred(link, ranks)),
    )
    ordered = firsts + rest
    kept = spanning_links(ranks, [(link.source_article, link.derived_article) for link in ordered])
    is_first = {id(link) for link in firsts}
    return sorted(
        (ordered[index] for index in kept),
        key=lambda link: (
            ranks[link.derived_article][-1],
            id(link) not in is_first,
            ranks[link.source_article][-1],
        ),
    )


def _preferred(link: CopyLink, ranks: dict[str, tuple]) -> tuple:  # type: ignore[type-arg]
    """Which of a derived article's sources is its best: the earliest (an article with a time
    before one without), else the fullest text (as `_direction` orders a pair), then the one that
    covers more of the derived text, then the first in the story. Copies of one text then all
    name the same original, as a reader would."""
    *when, length, index = ranks[link.source_article]
    return (*when, length, -link.shared, index, ranks[link.derived_article][-1])


def _source_rank(article: Article, index: int) -> tuple:  # type: ignore[type-arg]
    moment = _moment(article)
    # A missing day sorts after every known one, a missing time after the known times of its
    # day; 0 is never compared with a day or a time.
    day, seconds = moment or (0, None)
    return (moment is None, day, seconds is None, seconds or 0, -len(article.text), index)


class _Overlap:
    """For each ordered article pair, the sentences of one aligned to the other, as (sentence of
    the first, sentence of the second, level): a big story has millions of sentence pairs, so
    each is kept once per side as a plain tuple, not copied as a reversed SentencePair."""

    def __init__(self, story: Story) -> None:
        self.sizes = {a.id: sum(s.end - s.start for s in a.sentences) for a in story.articles}
        self.order = {article.id: index for index, article in enumerate(story.articles)}
        self.pairs: dict[tuple[str, str], list[tuple[Span, Span, AlignLevel]]] = defaultdict(list)
        for pair in story.alignments:
            if not pair.level.is_same_statement:
                continue
            self.pairs[(pair.a.article_id, pair.b.article_id)].append((pair.a, pair.b, pair.level))
            self.pairs[(pair.b.article_id, pair.a.article_id)].append((pair.b, pair.a, pair.level))

    def article_pairs(self) -> list[tuple[str, str]]:
        """The article pairs with any sentence aligned as the same statement, in story order."""
        order = self.order
        pairs = [(first, second) for first, second in self.pairs if order[first] < order[second]]
        return sorted(pairs, key=lambda pair: (order[pair[0]], order[pair[1]]))

    def share(
        self, derived: str, source: str, *, levels: frozenset[AlignLevel] | None = None
    ) -> float:
        """Share of `derived`'s sentence text aligned to `source` (at the given levels)."""
        covered: dict[Span, int] = {}
        for mine, _, level in self.pairs[(derived, source)]:
            if levels is not None and level not in levels:
                continue
            covered[mine] = mine.end - mine.start
        return sum(covered.values()) / max(1, self.sizes[derived])

    def sentences(self, derived: str, source: str) -> int:
        """How many of `derived`'s sentences are aligned to `source` as the same statement."""
        return len({mine for mine, _, _ in self.pairs[(derived, source)]})

    def passages(self, source: str, derived: str) -> tuple[tuple[Span, Span], ...]:
        return tuple(
            (theirs, mine)
            for mine, theirs, _ in sorted(self.pairs[(derived, source)], key=lambda p: p[0].start)
        )


def _link(
    first: Article, second: Article, overlap: _Overlap, shingles: _Shingles
) -> CopyLink | None:
    """The link between two articles, without its passages (only kept links get them)."""
    share_first = overlap.share(first.id, second.id)
    share_second = overlap.share(second.id, first.id)
    if max(share_first, share_second) < COPY_SHARE:
        return None
    source, derived = _direction(first, second, share_first, share_second)
    # What the pair is, is read on the text more of which is found in the other: a later,
    # longer version of a text reused it whole, whatever it added.
    held, holder = (first, second) if share_first >= share_second else (second, first)
    shared = overlap.share(held.id, holder.id)
    copied = overlap.share(held.id, holder.id, levels=_COPY_LEVELS)
    if shingles.jaccard(first, second) >= DUPLICATE_SHARE:
        relation = Relation.DUPLICATE
    elif overlap.sentences(held.id, holder.id) < MIN_SENTENCES:
        return None
    elif copied >= COPY_SHARE:
        relation = Relation.COPY
    elif shared >= REWRITE_SHARE:
        relation = Relation.REWRITE
    else:
        return None
    return CopyLink(source.id, derived.id, relation, round(overlap.share(derived.id, source.id), 3))


def _direction(
    first: Article, second: Article, share_first: float, share_second: float
) -> tuple[Article, Article]:
    """(source, derived): the earlier article when the days or times say so, else the fuller
    text — the one less of which is found in the other, then the longer one."""
    first_at, second_at = _moment(first), _moment(second)
    if first_at and second_at:
        (first_day, first_time), (second_day, second_time) = first_at, second_at
        if first_day != second_day:
            return (first, second) if first_day < second_day else (second, first)
        if first_time is not None and second_time is not None and first_time != second_time:
            return (first, second) if first_time < second_time else (second, first)
    if share_first != share_second:
        return (first, second) if share_first < share_second else (second, first)
    return (first, second) if len(first.text) >= len(second.text) else (second, first)


class _Shingles:
    """Jaccard of the word 5-shingles of two whole texts: a duplicate is the same text whatever
    its punctuation and spacing, which can split its sentences differently. Each article's
    shingles are read once per story, not once per pair."""

    def __init__(self) -> None:
        self._of: dict[str, frozenset[tuple[str, ...]]] = {}

    def jaccard(self, first: Article, second: Article) -> float:
        a, b = self._shingles(first), self._shingles(second)
        return len(a & b) / max(1, len(a | b))

    def _shingles(self, article: Article) -> frozenset[tuple[str, ...]]:
        if article.id not in self._of:
            words = re.findall(r"\w+", article.text.casefold())
            self._of[article.id] = frozenset(
                tuple(words[i : i + 5]) for i in range(max(1, len(words) - 4))
            )
        return self._of[article.id]


def _moment(article: Article) -> tuple[int, float | None] | None:
    """The article's own publication day, and its time of day in seconds when it gives one: a
    date without a time still orders articles of two days, not two of one day. A date borrowed
    from the story is not the article's own."""
    published = article.published
    if published is None or article.date_origin is DateOrigin.STORY:
        return None
    if published.time() == dt.time(0, 0):
        return (published.toordinal(), None)
    if published.tzinfo is not None:
        published = published.astimezone(dt.UTC)
    midnight = dt.datetime.combine(published.date(), dt.time(0, 0), published.tzinfo)
    return (published.toordinal(), (published - midnight).total_seconds())


def _mark_common_sources(links: list[CopyLink]) -> list[CopyLink]:
    """Two articles that both derive from a third in the story took it from there, not from
    each other: their link becomes `common-source`."""
    sources: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.relation is not Relation.DUPLICATE:
            sources[link.derived_article].add(link.source_article)
    marked = []
    for link in links:
        shared_source = sources[link.derived_article] & sources[link.source_article]
        if shared_source and link.relation is not Relation.DUPLICATE:
            link = replace(link, relation=Relation.COMMON_SOURCE)
        marked.append(link)
    return marked
