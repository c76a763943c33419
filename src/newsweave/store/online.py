"""Stories as articles arrive: the stream clusterer behind `newsweave ingest` and `watch`.

It remembers the recent articles (those within the time window of the newest, at most
`capacity`), with an index from each article's strongest terms to the article. A new article is
scored against the recent articles that share its strongest terms; the ones scoring at least
`JOIN_THRESHOLD` vote, weighted by score, for their stories, and the article joins the winner or
starts a story. `refine` then re-clusters the stories a batch touched with the batch method of
`newsweave.stages.cluster`, and reports how stories merged and split. Memory stays flat: old
articles leave the window, and the term statistics forget rare terms.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsweave.stages.cluster import (
    JOIN_THRESHOLD,
    NEIGHBOURS,
    WINDOW,
    Terms,
    TermStats,
    Vector,
    cluster_batch,
    pair_score,
)

NEAR_DUPLICATE = 0.8  # Jaccard of word sets above which an article is a near-duplicate
_INDEX_TERMS = 10  # strongest terms of an article used to find candidates
_POSTINGS = 48  # most recent articles kept per index term
_CANDIDATES = 60  # candidates scored per new article, by number of shared index terms
_REFINE_ALL = 1000  # windows this small are re-clustered whole at every refine
_REFINE_MAX = 2500  # articles re-clustered at most in one refine
_MAX_TERMS_KNOWN = 300_000  # terms with a document frequency; the rarest go past this


@dataclass(slots=True)
class _Memory:
    story: str
    at: dt.datetime
    vector: Vector
    words: frozenset[str]
    index_terms: tuple[str, ...]
    documents: int  # how many articles the term statistics knew when `vector` was made


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one new article went: its story, the best score, and the article it nearly repeats."""

    story: str
    score: float
    is_new_story: bool
    near_duplicate_of: int | None


@dataclass(frozen=True, slots=True)
class StoryChange:
    """A merge (`story` absorbed `other`) or a split (`other` split off `story`)."""

    kind: str
    story: str
    other: str
    article_count: int


@dataclass(slots=True)
class Refinement:
    """What a refine changed: articles that moved to another story, and merges and splits."""

    moves: dict[int, str] = field(default_factory=dict)
    changes: list[StoryChange] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)  # every story whose members may have changed


class StoryClusterer:
    """Online story assignment over a sliding time window.

    Example:
        >>> from newsweave.stages.cluster import extract_terms
        >>> clusterer, ids = StoryClusterer(), iter(["s1", "s2"])
        >>> now = dt.datetime(2026, 1, 5)
        >>> a = clusterer.place(1, extract_terms("Quake hits Aceh", "A 6.1 quake hit Aceh."), now, lambda: next(ids))
        >>> a.story, a.is_new_story
        ('s1', True)
    """

    def __init__(
        self,
        stats: TermStats | None = None,
        *,
        window: dt.timedelta | None = WINDOW,
        capacity: int = 20_000,
        terms_of: Callable[[list[int]], dict[int, Terms]] | None = None,
    ) -> None:
        self.stats = stats or TermStats()
        self.terms_of = (
            terms_of  # looks up stored terms, to refresh vectors made with young statistics
        )
        self.window = window
        self.capacity = capacity
        self._recent: OrderedDict[int, _Memory] = OrderedDict()
        self._index: defaultdict[str, list[int]] = defaultdict(list)
        self._related: set[str] = set()
        self._latest: dt.datetime | None = None

    def __len__(self) -> int:
        return len(self._recent)

    def place(
        self, key: int, terms: Terms, at: dt.datetime, new_story: Callable[[], str]
    ) -> Placement:
        """Assign a new article to a story (calling `new_story()` for a new id) and remember it."""
        vector = self.stats.vector(terms)
        self.stats.add(terms)
        words = frozenset(t for t in terms if t.startswith("w:"))
        index_terms = _strongest(vector)
        scored = self._neighbours(vector, index_terms, at)
        votes: Counter[str] = Counter()
        for score, other in scored[:NEIGHBOURS]:
            if score >= JOIN_THRESHOLD:
                votes[self._recent[other].story] += score
            self._related.add(self._recent[other].story)
        near_duplicate = None
        if scored:
            best = self._recent[scored[0][1]]
            if words and len(words & best.words) / len(words | best.words) >= NEAR_DUPLICATE:
                near_duplicate = scored[0][1]
        if votes:
            story, is_new = votes.most_common(1)[0][0], False
        else:
            story, is_new = new_story(), True
        self._related.add(story)
        self._remember(
            key, _Memory(story, at, vector, words, index_terms, self.stats.document_count)
        )
        return Placement(story, scored[0][0] if scored else 0.0, is_new, near_duplicate)

    def remember(self, key: int, story: str, terms: Terms, at: dt.datetime) -> None:
        """Take back an article placed before a restart (its terms are already in `stats`)."""
        vector = self.stats.vector(terms)
        words = frozenset(t for t in terms if t.startswith("w:"))
        memory = _Memory(story, at, vector, words, _strongest(vector), self.stats.document_count)
        self._remember(key, memory)

    def refine(self, new_story: Callable[[], str]) -> Refinement:
        """Re-cluster the stories touched since the last refine; merges and splits come back."""
        stories, self._related = self._related, set()
        members: dict[str, list[int]] = defaultdict(list)
        whole_window = len(self._recent) <= _REFINE_ALL
        for key, memory in self._recent.items():
            if whole_window or memory.story in stories:
                members[memory.story].append(key)
        stories |= set(members)
        keys = [
            key
            for story in sorted(members, key=lambda s: len(members[s]))
            for key in members[story]
        ]
        keys = sorted(keys[:_REFINE_MAX])
        if len(keys) < 2:
            return Refinement(stories=stories)
        self._refresh_vectors(keys)
        labels = cluster_batch(
            [self._recent[k].vector for k in keys],
            [self._recent[k].at for k in keys],
            window=self.window,
        )
        refinement = _reconcile(keys, [self._recent[k].story for k in keys], labels, new_story)
        for key, story in refinement.moves.items():
            self._recent[key].story = story
        refinement.stories = stories | set(refinement.moves.values())
        return refinement

    def _refresh_vectors(self, keys: list[int]) -> None:
        # IDF from a young store is poor; vectors made when the store knew under 80% of the
        # articles it knows now are rebuilt from the stored terms.
        if self.terms_of is None:
            return
        now = self.stats.document_count
        stale = [key for key in keys if self._recent[key].documents < 0.8 * now]
        if not stale:
            return
        for key, terms in self.terms_of(stale).items():
            memory = self._recent[key]
            memory.vector = self.stats.vector(terms)
            memory.documents = now

    def _neighbours(
        self, vector: Vector, index_terms: Iterable[str], at: dt.datetime
    ) -> list[tuple[float, int]]:
        hits: Counter[int] = Counter()
        for term in index_terms:
            hits.update(self._index.get(term, ()))
        scored = []
        for other, _ in hits.most_common(_CANDIDATES):
            memory = self._recent.get(other)
            if memory is None or (self.window is not None and abs(memory.at - at) > self.window):
                continue
            scored.append((pair_score(vector, memory.vector), other))
        scored.sort(reverse=True)
        return scored

    def _remember(self, key: int, memory: _Memory) -> None:
        self._recent[key] = memory
        for term in memory.index_terms:
            postings = self._index[term]
            postings.append(key)
            if len(postings) > _POSTINGS:
                del postings[: len(postings) - _POSTINGS]
        if self._latest is None or memory.at > self._latest:
            self._latest = memory.at
        self._forget()

    def _forget(self) -> None:
        assert self._latest is not None
        horizon = self._latest - self.window if self.window is not None else None
        while self._recent:
            oldest_key, oldest = next(iter(self._recent.items()))
            if len(self._recent) <= self.capacity and (horizon is None or oldest.at >= horizon):
                break
            del self._recent[oldest_key]
            for term in oldest.index_terms:
                postings = self._index.get(term)
                if postings is not None:
                    if oldest_key in postings:
                        postings.remove(oldest_key)
                    if not postings:
                        del self._index[term]
        self.stats.prune(_MAX_TERMS_KNOWN)


def _strongest(vector: Vector) -> tuple[str, ...]:
    candidates = [(w, t) for t, w in vector.items() if t[0] in "wn"]
    candidates.sort(reverse=True)
    return tuple(t for _, t in candidates[:_INDEX_TERMS])


def _reconcile(
    keys: list[int], old: list[str], labels: list[int], new_story: Callable[[], str]
) -> Refinement:
    """Name each new cluster after the old story it holds most of, so ids stay stable."""
    overlap: Counter[tuple[int, str]] = Counter(zip(labels, old, strict=True))
    old_sizes = Counter(old)
    named: dict[int, str] = {}
    taken: set[str] = set()
    # Biggest overlaps first; ties go to the older (smaller-numbered) story.
    for (label, story), _ in sorted(
        overlap.items(), key=lambda item: (-item[1], _story_order(item[0][1]))
    ):
        if label not in named and story not in taken:
            named[label] = story
            taken.add(story)
    for label in sorted(set(labels)):
        if label not in named:
            named[label] = new_story()
    refinement = Refinement()
    for key, story, label in zip(keys, old, labels, strict=True):
        if named[label] != story:
            refinement.moves[key] = named[label]
    destinations_of: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for label, story in zip(labels, old, strict=True):
        destinations_of[story][named[label]] += 1
    for story in sorted(destinations_of, key=_story_order):
        destinations = destinations_of[story]
        if story not in taken:
            target, count = destinations.most_common(1)[0]
            refinement.changes.append(StoryChange("merge", target, story, count))
        for target, count in sorted(destinations.items()):
            if target != story and target not in old_sizes:
                refinement.changes.append(StoryChange("split", story, target, count))
    return refinement


def _story_order(story: str) -> tuple[int, str]:
    digits = story.lstrip("s")
    return (int(digits), story) if digits.isdigit() else (1 << 62, story)
