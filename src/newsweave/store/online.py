"""Stories as articles arrive: the online side of `stages.grouping.stories`, for ingest and watch.

The clusterer remembers recent articles (at most `capacity`, and none further than
`WINDOW_DAYS` behind the newest dated one) with their vectors, an index from blocking key to
article, and each story's centroid. A new article is scored (`score_pair`) against the recent
articles that share a blocking key and are within the window; it joins the story of its best
neighbours whose centroid it matches as the batch grouping's centroid joins require, or starts
a story. `refine` then re-groups the stories a batch touched with `group_labels` (the batch
grouping `analyze` and `newsweave cluster` use), so online placement ends where the batch
grouping would: merges and splits come back, with story ids kept stable.
"""

from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsweave.stages.grouping.components import NEIGHBOURS
from newsweave.stages.grouping.stories import (
    CENTROID_THRESHOLD,
    WINDOW_DAYS,
    ArticleVector,
    Centroid,
    Features,
    TermStats,
    group_labels,
    score_pair,
    vectorize,
)

JOIN_SCORE = 0.5  # a neighbour's pair score from which its story is a candidate
NEAR_DUPLICATE = 0.8  # share of the terms two articles have in common, past which one repeats
_POSTINGS = 64  # most recent articles kept per blocking key
_CANDIDATES = 80  # candidates scored per new article, by number of shared keys
_REFINE_MAX = 3000  # articles re-grouped at most in one refine
_MAX_TERMS_KNOWN = 2_000_000  # terms with a document frequency; the rarest go past this


@dataclass(slots=True)
class _Memory:
    story: str
    features: Features
    vector: ArticleVector


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
    """Online story assignment over a sliding window that follows each story's latest article.

    Example:
        >>> from newsweave.stages.grouping.stories import features_from_terms, extract_terms
        >>> clusterer, ids = StoryClusterer(), iter(["s1", "s2"])
        >>> terms = extract_terms("Quake hits Aceh", "A quake hit Aceh.")
        >>> f = features_from_terms("a", 20000.0, terms)
        >>> placed = clusterer.place(1, f, lambda: next(ids))
        >>> placed.story, placed.is_new_story
        ('s1', True)
    """

    def __init__(self, stats: TermStats | None = None, *, capacity: int = 20_000) -> None:
        self.stats = stats or TermStats()
        self.capacity = capacity
        self._recent: OrderedDict[int, _Memory] = OrderedDict()
        self._index: defaultdict[int, list[int]] = defaultdict(list)
        self._centroids: dict[str, Centroid] = {}
        self._related: set[str] = set()
        self._latest: float | None = None

    def __len__(self) -> int:
        return len(self._recent)

    def place(self, key: int, features: Features, new_story: Callable[[], str]) -> Placement:
        """Assign a new article to a story (calling `new_story()` for a new id) and remember it."""
        self.stats.add(features)
        vector = vectorize(features, self.stats, shared_keys_only=False)
        scored = self._neighbours(vector)
        own = Centroid(vector)
        best_story, best_similarity = None, CENTROID_THRESHOLD
        for score, other in scored[:NEIGHBOURS]:
            story = self._recent[other].story
            self._related.add(story)
            if score >= JOIN_SCORE:
                similarity = own.average(self._centroids[story])
                if similarity >= best_similarity:
                    best_story, best_similarity = story, similarity
        near_duplicate = None
        if (
            scored
            and _shared_share(features, self._recent[scored[0][1]].features) >= NEAR_DUPLICATE
        ):
            near_duplicate = scored[0][1]
        story, is_new = (best_story, False) if best_story else (new_story(), True)
        self._related.add(story)
        self._remember(key, _Memory(story, features, vector))
        return Placement(story, scored[0][0] if scored else 0.0, is_new, near_duplicate)

    def remember(self, key: int, story: str, features: Features) -> None:
        """Take back an article placed before a restart (its terms are already in `stats`)."""
        vector = vectorize(features, self.stats, shared_keys_only=False)
        self._remember(key, _Memory(story, features, vector))

    def rename(self, names: dict[str, str]) -> None:
        """Give stories new ids (provisional ids of a batch becoming stored ones)."""
        for memory in self._recent.values():
            memory.story = names.get(memory.story, memory.story)
        for old, new in names.items():
            if old in self._centroids:
                self._centroids[new] = self._centroids.pop(old)
        self._related = {names.get(story, story) for story in self._related}

    def refine(self, new_story: Callable[[], str]) -> Refinement:
        """Re-group the stories touched since the last refine; merges and splits come back."""
        stories, self._related = self._related, set()
        keys = [key for key, memory in self._recent.items() if memory.story in stories]
        keys = keys[-_REFINE_MAX:]
        if len(keys) < 2:
            return Refinement(stories=stories)
        # group_labels remakes the vectors with today's statistics (stored ones may be older).
        labels = group_labels([self._recent[k].features for k in keys], self.stats)
        refinement = reconcile(keys, [self._recent[k].story for k in keys], labels, new_story)
        touched = {self._recent[k].story for k in refinement.moves} | set(refinement.moves.values())
        for key, story in refinement.moves.items():
            self._recent[key].story = story
        for story in touched:
            self._centroids.pop(story, None)
        for memory in self._recent.values():
            if memory.story in touched:
                self._centroids.setdefault(memory.story, Centroid()).absorb(Centroid(memory.vector))
        refinement.stories = stories | set(refinement.moves.values())
        return refinement

    def story_of(self, key: int) -> str | None:
        """The story a remembered article is in now."""
        memory = self._recent.get(key)
        return memory.story if memory else None

    def _neighbours(self, vector: ArticleVector) -> list[tuple[float, int]]:
        # Every term of the new article is looked up: the articles before it were filed under
        # their strongest terms, which may be any of its terms.
        hits: Counter[int] = Counter()
        index = self._index
        for term in vector.terms.tolist():
            postings = index.get(term)
            if postings:
                hits.update(postings)
        scored = []
        for other, _ in hits.most_common(_CANDIDATES):
            memory = self._recent.get(other)
            if memory is not None:
                score = score_pair(vector, memory.vector)
                if score > 0:
                    scored.append((score, other))
        scored.sort(reverse=True)
        return scored

    def _remember(self, key: int, memory: _Memory) -> None:
        self._recent[key] = memory
        self._centroids.setdefault(memory.story, Centroid()).absorb(Centroid(memory.vector))
        for term in memory.vector.keys:
            postings = self._index[term]
            postings.append(key)
            if len(postings) > _POSTINGS:
                del postings[: len(postings) - _POSTINGS]
        day = memory.features.day
        if day is not None and (self._latest is None or day > self._latest):
            self._latest = day
        self._forget()

    def _forget(self) -> None:
        # Articles leave the memory past `capacity` or further than the window behind the newest
        # dated article; undated ones leave by age of arrival only.
        horizon = None if self._latest is None else self._latest - WINDOW_DAYS
        while self._recent:
            oldest_key, oldest = next(iter(self._recent.items()))
            day = oldest.features.day
            too_old = horizon is not None and day is not None and day < horizon
            if len(self._recent) <= self.capacity and not too_old:
                break
            del self._recent[oldest_key]
            centroid = self._centroids.get(oldest.story)
            if centroid is not None:
                centroid.remove(Centroid(oldest.vector))
                if centroid.count <= 0:
                    del self._centroids[oldest.story]
            for term in oldest.vector.keys:
                postings = self._index.get(term)
                if postings is not None:
                    if oldest_key in postings:
                        postings.remove(oldest_key)
                    if not postings:
                        del self._index[term]
        self.stats.prune(_MAX_TERMS_KNOWN)


def _shared_share(a: Features, b: Features) -> float:
    shared = len(set(a.terms.tolist()) & set(b.terms.tolist()))
    return shared / max(len(a.terms), len(b.terms), 1)


def reconcile(
    keys: list[int], old: list[str], labels: Iterable[int], new_story: Callable[[], str]
) -> Refinement:
    """Name each new group after the old story it holds most of, so ids stay stable."""
    labels = list(labels)
    overlap: Counter[tuple[int, str]] = Counter(zip(labels, old, strict=True))
    old_sizes = Counter(old)
    named: dict[int, str] = {}
    taken: set[str] = set()
    # Biggest overlaps first; ties go to the older (smaller-numbered) story.
    for (label, story), _ in sorted(
        overlap.items(), key=lambda item: (-item[1], story_order(item[0][1]))
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
    for story in sorted(destinations_of, key=story_order):
        destinations = destinations_of[story]
        if story not in taken:
            target, count = destinations.most_common(1)[0]
            refinement.changes.append(StoryChange("merge", target, story, count))
        for target, count in sorted(destinations.items()):
            if target != story and target not in old_sizes:
                refinement.changes.append(StoryChange("split", story, target, count))
    return refinement


def story_order(story: str) -> tuple[int, str]:
    """Stored stories (`s12`) by number, provisional and other ids after them."""
    digits = story[1:] if story.startswith("s") else ""
    return (int(digits), story) if digits.isdigit() else (1 << 62, story)
