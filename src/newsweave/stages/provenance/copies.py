"""Who copied whom: copy/rewrite/duplicate/common-source links between the articles of a story,
and the independent sources left once linked articles are folded into one."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import replace
from itertools import combinations

from newsweave.model import (
    AlignLevel,
    Article,
    CopyLink,
    DateOrigin,
    Relation,
    SentencePair,
    Span,
    Story,
)
from newsweave.stages._graph import connected_groups

COPY_SHARE = 0.5  # a copy has at least half of its text verbatim or nearly so from the source
REWRITE_SHARE = 0.65  # a rewrite has most of its text aligned; independent reports of one
# event state many of the same facts too (about half of their sentences, on the demo)
DUPLICATE_SHARE = 0.95  # Jaccard of the two texts' word 5-shingles: the same text
_COPY_LEVELS = frozenset({AlignLevel.VERBATIM, AlignLevel.NEAR_VERBATIM})


def find_copies(story: Story) -> Story:
    """The story with `provenance` links and its `independent_sources` count."""
    overlap = _Overlap(story)
    links: list[CopyLink] = []
    for first, second in combinations(story.articles, 2):
        link = _link(first, second, overlap)
        if link is not None:
            links.append(link)
    links = _mark_common_sources(links)
    story = replace(story, provenance=tuple(links))
    return replace(story, independent_sources=len(set(independent_groups(story).values())))


def independent_groups(story: Story) -> dict[str, int]:
    """Each article's independent-source group: articles linked by provenance share one."""
    links = [(link.source_article, link.derived_article) for link in story.provenance]
    return connected_groups([article.id for article in story.articles], links)


class _Overlap:
    """For each ordered article pair, the sentences of one aligned to the other."""

    def __init__(self, story: Story) -> None:
        self.sizes = {a.id: sum(s.end - s.start for s in a.sentences) for a in story.articles}
        self.pairs: dict[tuple[str, str], list[SentencePair]] = defaultdict(list)
        for pair in story.alignments:
            if not pair.level.is_same_statement:
                continue
            self.pairs[(pair.a.article_id, pair.b.article_id)].append(pair)
            self.pairs[(pair.b.article_id, pair.a.article_id)].append(
                replace(pair, a=pair.b, b=pair.a)
            )

    def share(
        self, derived: str, source: str, *, levels: frozenset[AlignLevel] | None = None
    ) -> float:
        """Share of `derived`'s sentence text aligned to `source` (at the given levels)."""
        covered: dict[Span, int] = {}
        for pair in self.pairs[(derived, source)]:
            if levels is not None and pair.level not in levels:
                continue
            covered[pair.a] = pair.a.end - pair.a.start
        return sum(covered.values()) / max(1, self.sizes[derived])

    def passages(self, source: str, derived: str) -> tuple[tuple[Span, Span], ...]:
        return tuple(
            (pair.b, pair.a)
            for pair in sorted(self.pairs[(derived, source)], key=lambda p: p.a.start)
        )


def _link(first: Article, second: Article, overlap: _Overlap) -> CopyLink | None:
    share_first = overlap.share(first.id, second.id)
    share_second = overlap.share(second.id, first.id)
    if max(share_first, share_second) < COPY_SHARE:
        return None
    source, derived = _direction(first, second, share_first, share_second)
    shared = overlap.share(derived.id, source.id)
    copied = overlap.share(derived.id, source.id, levels=_COPY_LEVELS)
    if _shingle_jaccard(first.text, second.text) >= DUPLICATE_SHARE:
        relation = Relation.DUPLICATE
    elif copied >= COPY_SHARE:
        relation = Relation.COPY
    elif shared >= REWRITE_SHARE:
        relation = Relation.REWRITE
    else:
        return None
    return CopyLink(
        source.id, derived.id, relation, round(shared, 3), overlap.passages(source.id, derived.id)
    )


def _direction(
    first: Article, second: Article, share_first: float, share_second: float
) -> tuple[Article, Article]:
    """(source, derived): the earlier article when the times say so, else the fuller text —
    the one less of which is found in the other, then the longer one."""
    first_at, second_at = _timestamp(first), _timestamp(second)
    if first_at and second_at and first_at != second_at:
        return (first, second) if first_at < second_at else (second, first)
    if share_first != share_second:
        return (first, second) if share_first < share_second else (second, first)
    return (first, second) if len(first.text) >= len(second.text) else (second, first)


def _shingle_jaccard(first: str, second: str) -> float:
    """Jaccard of the word 5-shingles of two whole texts: a duplicate is the same text whatever
    its punctuation and spacing, which can split its sentences differently."""

    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.casefold())
        return {tuple(words[i : i + 5]) for i in range(max(1, len(words) - 4))}

    a, b = shingles(first), shingles(second)
    return len(a & b) / max(1, len(a | b))


def _timestamp(article: Article) -> dt.datetime | None:
    # A borrowed date or a date without a time of day cannot order two articles of one day.
    if article.published is None or article.date_origin is DateOrigin.STORY:
        return None
    if article.published.time() == dt.time(0, 0):
        return None
    return article.published


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
