"""From scored pairs to stories: sparse neighbourhood similarity, average linkage, centroid joins.

1. Neighbourhood similarity. Each article keeps its `NEIGHBOURS` best-scoring compared pairs; two
   articles are alike when their neighbourhoods agree (cosine of those sparse rows). An article's
   nearest neighbours are right far more often than any global threshold on pair scores, and
   this carries that to pairs: two similar events (two earthquakes) share vocabulary, but each
   article's closest neighbours are about its own event. The similarity is computed for every
   two articles whose neighbourhoods meet (a shared neighbour), not only for compared pairs:
   two reports of one event that were never compared directly still share their neighbours.
   Those pairs lie two steps apart in the candidate graph, so stories never cross its
   components.
2. Average linkage over that graph, cut at `LINK_THRESHOLD`: the mean neighbourhood similarity
   over every two articles of two groups (pairs whose neighbourhoods never meet count 0), what
   dense average linkage gives on those similarities, at the cost of the pairs. Two established
   groups not both dated join only from `ESTABLISHED_THRESHOLD` (two events of one kind).
3. Centroid joins: two groups linked by a compared pair join when the mean cosine of their
   article vectors (a dot product of the groups' vector sums) reaches `CENTROID_THRESHOLD`,
   lowered for short texts (`SHORT_TEXT_TERMS`). A story of many short texts, or with
   developments over weeks, is cut into pieces by step 2, since each article keeps only a few
   neighbours; the pieces still share the story's words. A small piece dated beside a group
   also joins it on the names they share (developments.py): a development told in other words.
   Between short texts each shared term weighs by its concentration over the groups of step 2
   (concentration.py): a generic headline word spread one to a group carries no join.
4. An article still alone joins the linked group it is most alike when the mean cosine reaches
   `ATTACH_THRESHOLD` (a background piece or a late development of a story).

Every step costs in proportion to the compared pairs, never to the square of the input.

Each step is also a fixed point of rounds that a batch engine runs over partitions
(runners/linking.py): the linkage joins every two groups that are each other's best neighbour at
once (average linkage is reducible, so that is the order a heap would join them in, ties
aside), and the centroid joins' matching is the greedy one, which rounds of locally best pairs
rebuild. Every sum the engines split over partitions is a sum of integers (`ROW_SCALE`,
`VECTOR_SCALE`: neighbourhood products, link totals, a group's vector sum), the same in any
order, so one process and Spark give the same stories, tie for tie.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

from newsweave.stages.grouping.concentration import concentrated_rows
from newsweave.stages.grouping.developments import (
    DEVELOPMENTS,
    DevelopmentJoin,
    development_joins,
)
from newsweave.stages.grouping.features import ArticleVector
from newsweave.stages.grouping.means import CENTROID_TERMS, fixed_rows, group_means, mean_cosines
from newsweave.stages.grouping.pairs import Pairs

NEIGHBOURS = 10  # best compared pairs an article keeps for the neighbourhood similarity
LINK_THRESHOLD = 0.25  # mean neighbourhood similarity from which two groups are one story
# Two established groups (each of at least `ESTABLISHED_SIZE` articles), not both dated
# throughout, join at the neighbourhood step only from `ESTABLISHED_THRESHOLD`. Their mean is over
# many pairs, and a low one means a few cross-links between two groups that each hold together
# on their own: without dates, two events of one kind (two arrests, two firings of one coach)
# share most words and some neighbours. Two dated groups are left to `LINK_THRESHOLD`: there a
# story's phases days or weeks apart are such groups (each article's neighbours are its days').
ESTABLISHED_SIZE = 4
ESTABLISHED_THRESHOLD = 0.4
CENTROID_THRESHOLD = 0.2  # mean vector cosine from which two linked groups are one story
# Two texts drawn from one story's vocabulary share more of it the longer they are: their cosine
# grows about with sqrt(length_a * length_b) until the texts are long enough to cover it. So
# groups whose articles average fewer terms than this (headlines, briefs) join at a
# proportionally lower mean cosine; longer articles at `CENTROID_THRESHOLD` itself.
SHORT_TEXT_TERMS = 100
SHARED_NEIGHBOURS = 2 * (NEIGHBOURS + 1)  # an article counts in this many neighbourhoods at most
ATTACH_THRESHOLD = 0.08  # mean cosine from which an article left alone joins its closest group
CENTROID_ROUNDS = 12  # rounds of centroid joins at most (each group joins once a round)
# Fixed point: a neighbourhood row's entries in units of 1 / ROW_SCALE, so two rows' products
# are in units of 1 / UNIT and sum exactly (the vectors' fixed point is in means.py).
ROW_SCALE = 1 << 15
UNIT = ROW_SCALE * ROW_SCALE
# Rows of the neighbourhood product taken at once: up to `NEIGHBOURS + 1` x `SHARED_NEIGHBOURS`
# entries a row, so a slice holds at most ~30 MB however many articles there are (all 15,505
# Multi-News test articles in one slice of 20,000 took 128 MB).
_GRAPH_ROWS = 4_000


class Centroid:
    """The sum of some articles' unit vectors (term -> weight) and how many they are."""

    __slots__ = ("count", "weights")

    def __init__(self, vector: ArticleVector | None = None) -> None:
        self.weights: dict[int, float] = {}
        self.count = 0
        if vector is not None:
            weights = vector.weights.astype(np.float64)
            norm = float(np.sqrt(np.dot(weights, weights))) or 1.0
            self.weights = dict(zip(vector.terms.tolist(), (weights / norm).tolist(), strict=True))
            self.count = 1

    def dot(self, other: Centroid) -> float:
        small, large = sorted((self.weights, other.weights), key=len)
        get = large.get
        return sum(w * get(t, 0.0) for t, w in small.items())

    def average(self, other: Centroid) -> float:
        """The mean cosine over every pair of one article here and one there."""
        if not self.count or not other.count:
            return 0.0
        return self.dot(other) / (self.count * other.count)

    def absorb(self, other: Centroid) -> None:
        """Add `other`'s articles to this centroid."""
        weights = self.weights
        get = weights.get
        for term, weight in other.weights.items():
            weights[term] = get(term, 0.0) + weight
        self.count += other.count

    def remove(self, other: Centroid) -> None:
        """Take `other`'s articles out of this centroid (an article leaving a story's window)."""
        weights = self.weights
        for term, weight in other.weights.items():
            left = weights.get(term, 0.0) - weight
            if abs(left) > 1e-9:
                weights[term] = left
            else:
                weights.pop(term, None)
        self.count -= other.count


def row_entries(scores: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], int]:
    """An article's neighbourhood row from its kept pair scores (fixed point, `ROW_SCALE`, best
    first): the entries of its neighbours and its own (1 before scaling to unit length)."""
    squares = UNIT + int(np.dot(scores, scores))
    norm = math.sqrt(squares)
    entries = np.rint(scores.astype(np.float64) * ROW_SCALE / norm).astype(np.int64)
    return entries, round(UNIT / norm)


def fixed_scores(scores: npt.NDArray[np.float32]) -> npt.NDArray[np.int64]:
    """Pair scores in [0, 1] in units of 1 / ROW_SCALE (negative ones as 0)."""
    return np.rint(np.maximum(scores.astype(np.float64), 0.0) * ROW_SCALE).astype(np.int64)


def neighbourhood_graph(
    count: int, pairs: Pairs, scores: npt.NDArray[np.float32], neighbours: int = NEIGHBOURS
) -> tuple[Pairs, npt.NDArray[np.int64]]:
    """Every two articles whose neighbourhoods meet, with the cosine of their neighbourhood rows
    (each row: its `neighbours` best pair scores and 1 for itself) in units of 1 / UNIT.

    An article kept in more than `SHARED_NEIGHBOURS` neighbourhoods (a hub) counts only in the
    rows where it scores best, so the pairs stay bounded by the article count times a constant.
    """
    if len(pairs) == 0:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    values = fixed_scores(np.concatenate([scores, scores]))
    rows, cols, values = _best_per(rows, cols, values, neighbours)
    selves = np.zeros(count, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    ends = np.r_[starts[1:], len(rows)]
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        values[start:end], selves[rows[start]] = row_entries(values[start:end])
    alone = np.ones(count, dtype=bool)
    alone[rows] = False
    selves[alone] = ROW_SCALE
    cols, rows, values = _best_per(cols, rows, values, SHARED_NEIGHBOURS)
    rows = np.concatenate([rows, np.arange(count)])
    cols = np.concatenate([cols, np.arange(count)])
    values = np.concatenate([values, selves])
    matrix = csr_matrix((values, (rows, cols)), shape=(count, count), dtype=np.int64)
    matrix.eliminate_zeros()
    transposed = matrix.T.tocsr()
    found, similarity = [], []
    for start in range(0, count, _GRAPH_ROWS):
        block = (matrix[start : start + _GRAPH_ROWS] @ transposed).tocoo()
        first = block.row.astype(np.int64) + start
        upper = (block.col > first) & (block.data > 0)
        found.append(np.stack([first[upper], block.col[upper].astype(np.int64)], axis=1))
        similarity.append(np.minimum(block.data[upper], UNIT).astype(np.int64))
    return np.concatenate(found), np.concatenate(similarity)


def _best_per(
    keys: npt.NDArray[np.int64],
    others: npt.NDArray[np.int64],
    values: npt.NDArray[Any],
    keep: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[Any]]:
    # The `keep` highest positive values of each key (ties by the other end, for a stable
    # result), sorted by key, then best first.
    positive = values > 0
    keys, others, values = keys[positive], others[positive], values[positive]
    order = np.lexsort((others, -values, keys))
    keys, others, values = keys[order], others[order], values[order]
    starts = np.searchsorted(keys, keys, side="left")
    chosen = (np.arange(len(keys)) - starts) < keep
    return keys[chosen], others[chosen], values[chosen]


def mean_similarity(total: Any, first_size: Any, second_size: Any) -> Any:
    """The mean neighbourhood similarity of two groups from their fixed-point total (floats or
    arrays of them: the same operations in one process and in the batch steps)."""
    return total * 1.0 / (first_size * 1.0 * second_size * UNIT)


def established_apart(
    mean: Any, first_size: Any, second_size: Any, first_dated: Any, second_dated: Any
) -> Any:
    """Whether two groups are two established ones, not both dated throughout, below
    `ESTABLISHED_THRESHOLD` (numbers or arrays)."""
    big = (first_size >= ESTABLISHED_SIZE) & (second_size >= ESTABLISHED_SIZE)
    undated = (first_dated < first_size) | (second_dated < second_size)
    return (mean < ESTABLISHED_THRESHOLD) & big & undated


def average_linkage(
    count: int,
    pairs: Pairs,
    similarity: npt.NDArray[np.int64],
    threshold: float,
    *,
    undated: Sequence[bool] | None = None,
    on_join: Callable[[int, int, str], None] | None = None,
) -> list[int]:
    """Average-linkage groups (a root article per article: the first of its group) over a
    sparse similarity graph in fixed point (`UNIT` is 1); pairs missing from the graph count 0.
    Given which articles are `undated`, two groups of `ESTABLISHED_SIZE` articles or more, not
    both dated throughout, join only from `ESTABLISHED_THRESHOLD` (module constants).

    In rounds: every group names its best neighbour (highest mean at `threshold` or more that
    the bar allows; ties: the first group), and every two groups that name each other join.
    `on_join(kept, absorbed, "linkage")` is told each join (root articles; the bench logs joins
    with it).
    """
    parent = np.arange(count)
    size = np.ones(count, dtype=np.int64)
    dated = np.ones(count, dtype=np.int64)
    if undated is not None:
        dated[np.asarray(undated, dtype=bool)] = 0
    first, second, total = _summed_pairs(count, pairs[:, 0], pairs[:, 1], similarity)
    while len(first):
        joins = mutual_best(
            first, second, mean_similarity(total, size[first], size[second]), threshold,
            size, dated,
        )
        if not len(joins):
            break
        kept, absorbed = first[joins], second[joins]
        if on_join is not None:
            for a, b in zip(kept.tolist(), absorbed.tolist(), strict=True):
                on_join(a, b, "linkage")
        parent[absorbed] = kept
        size[kept] += size[absorbed]
        dated[kept] += dated[absorbed]
        renamed = np.arange(count)
        renamed[absorbed] = kept
        first, second, total = _summed_pairs(count, renamed[first], renamed[second], total)
    return _roots(parent).tolist()


def mutual_best(
    first: Pairs,
    second: Pairs,
    mean: npt.NDArray[np.float64],
    threshold: float,
    size: npt.NDArray[np.int64],
    dated: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """Which pairs of groups (first < second) are each other's best neighbour, by mean
    similarity at `threshold` or more, not `established_apart` (ties: the first group)."""
    allowed = (mean >= threshold) & ~established_apart(
        mean, size[first], size[second], dated[first], dated[second]
    )
    candidates = np.flatnonzero(allowed)
    if not len(candidates):
        return candidates
    nodes = np.concatenate([first[candidates], second[candidates]])
    others = np.concatenate([second[candidates], first[candidates]])
    means = np.concatenate([mean[candidates], mean[candidates]])
    order = np.lexsort((others, -means, nodes))
    nodes, others = nodes[order], others[order]
    leading = np.r_[True, nodes[1:] != nodes[:-1]]
    best = np.full(len(size), -1, dtype=np.int64)
    best[nodes[leading]] = others[leading]
    mutual = (best[first[candidates]] == second[candidates]) & (
        best[second[candidates]] == first[candidates]
    )
    return candidates[mutual]


def _summed_pairs(
    count: int, first: Pairs, second: Pairs, total: npt.NDArray[np.int64]
) -> tuple[Pairs, Pairs, npt.NDArray[np.int64]]:
    # One entry per pair of distinct groups (first < second), totals summed, sorted by pair.
    keep = (first != second) & (total > 0)
    low = np.minimum(first[keep], second[keep])
    high = np.maximum(first[keep], second[keep])
    keys, inverse = np.unique(low * count + high, return_inverse=True)
    sums = np.zeros(len(keys), dtype=np.int64)
    np.add.at(sums, inverse, total[keep].astype(np.int64))
    return keys // count, keys % count, sums


def _roots(parent: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    while True:
        grand = parent[parent]
        if np.array_equal(grand, parent):
            return parent
        parent = grand


def centroid_bar(
    threshold: float, short_text_terms: float, first_length: Any, second_length: Any
) -> Any:
    """The mean cosine two groups need to join, from their articles' mean term counts (numbers
    or arrays): `threshold`, lower for short texts (`SHORT_TEXT_TERMS`)."""
    typical = np.sqrt(first_length * second_length)
    return threshold * np.minimum(1.0, typical / short_text_terms)


def join_by_centroids(
    vectors: Sequence[ArticleVector],
    roots: list[int],
    pairs: Pairs,
    threshold: float,
    short_text_terms: float = SHORT_TEXT_TERMS,
    *,
    unit: csr_matrix | None = None,
    developments: DevelopmentJoin | None = DEVELOPMENTS,
    on_join: Callable[[int, int, str], None] | None = None,
) -> list[int]:
    """Join groups linked by a compared pair whose mean vector cosine reaches `threshold`
    (scaled down for short texts, see `SHORT_TEXT_TERMS`), or a small piece and a group that run
    side by side in time and share their names (`developments`, see developments.py; None: off).

    Each round takes the mean vector of every group (`group_means`, one sparse product), scores
    every linked pair of groups at once, and joins the passing pairs greedily, strongest first
    (ties: the first pair), each group at most once, so every join was measured on the groups
    as they are; rounds go on until nothing joins. `unit` is `fixed_rows(vectors)` when the
    caller has it. `on_join` is told each join as in `average_linkage` ("centroid" or
    "development").
    """
    parent = np.array(roots, dtype=np.int64)
    if len(pairs) == 0:
        return parent.tolist()
    unit = unit if unit is not None else fixed_rows(vectors)
    lengths = np.array([len(vector.terms) for vector in vectors], dtype=np.int64)
    parent = _roots(parent)
    weighed = concentrated_rows(
        unit, np.unique(parent, return_inverse=True)[1], pairs, lengths.tolist(), short_text_terms
    )
    names: csr_matrix | None = None  # the articles' name rows, made when first needed
    changed: npt.NDArray[np.int64] | None = None  # groups that joined last round (None: all)
    for _ in range(CENTROID_ROUNDS):
        parent = _roots(parent)
        groups, member_of = np.unique(parent, return_inverse=True)
        linked = member_of[pairs]
        linked = linked[linked[:, 0] != linked[:, 1]]
        if changed is not None:
            # Only pairs with a group that changed can pass now: the others were measured.
            fresh = np.isin(groups, changed)
            linked = linked[fresh[linked[:, 0]] | fresh[linked[:, 1]]]
        if len(linked) == 0:
            break
        linked = np.unique(np.sort(linked, axis=1), axis=0)
        sizes = np.bincount(member_of)
        mean_lengths = np.bincount(member_of, weights=lengths) / sizes
        averages = mean_cosines(group_means(member_of, weighed, CENTROID_TERMS), linked)
        needed = centroid_bar(
            threshold,
            short_text_terms,
            mean_lengths[linked[:, 0]],
            mean_lengths[linked[:, 1]],
        )
        passing = averages >= needed
        developed = np.zeros(len(linked), dtype=bool)
        strength = averages / np.maximum(needed, 1e-12)
        if developments is not None:
            apart = np.flatnonzero(~passing)
            joining, shared, names = development_joins(
                developments, vectors, member_of, linked[apart], averages[apart], names
            )
            passing[apart[joining]] = True
            developed[apart[joining]] = True
            strength[apart[joining]] = shared
        chosen = np.flatnonzero(passing)
        busy: set[int] = set()
        joined: list[int] = []
        for index in chosen[np.argsort(-strength[chosen], kind="stable")].tolist():
            first, second = linked[index].tolist()
            if first in busy or second in busy:
                continue
            busy.update((first, second))
            if on_join is not None:
                kind = "development" if developed[index] else "centroid"
                on_join(int(groups[first]), int(groups[second]), kind)
            parent[groups[second]] = groups[first]
            joined.append(int(groups[first]))
        if not joined:
            break
        changed = np.array(joined, dtype=np.int64)
    return _roots(parent).tolist()


def attach_singletons(
    vectors: Sequence[ArticleVector],
    roots: list[int],
    pairs: Pairs,
    threshold: float,
    *,
    unit: csr_matrix | None = None,
) -> list[int]:
    """An article left alone joins the linked group it is most alike (mean cosine at least
    `threshold`; ties: the first group): a background piece or a late development of a story
    shares less with each article than they share with each other, but it still belongs
    nowhere else."""
    parent = np.array(roots, dtype=np.int64)
    groups, member_of = np.unique(parent, return_inverse=True)
    sizes = np.bincount(member_of)
    linked = member_of[pairs]
    alone = sizes[linked] == 1
    one_side = alone[:, 0] != alone[:, 1]  # a lone article and a group of two or more
    linked = linked[one_side]
    if len(linked) == 0:
        return parent.tolist()
    linked = np.where(alone[one_side][:, :1], linked, linked[:, ::-1])  # (lone, group)
    linked = np.unique(linked, axis=0)
    unit = unit if unit is not None else fixed_rows(vectors)
    averages = mean_cosines(group_means(member_of, unit, CENTROID_TERMS), linked)
    passing = averages >= threshold
    linked, averages = linked[passing], averages[passing]
    if len(linked) == 0:
        return parent.tolist()
    order = np.lexsort((linked[:, 1], -averages, linked[:, 0]))
    linked = linked[order]
    leading = np.r_[True, linked[1:, 0] != linked[:-1, 0]]
    for lone, group in linked[leading].tolist():
        parent[groups[lone]] = groups[group]
    return _roots(parent).tolist()


def link_components(
    vectors: Sequence[ArticleVector],
    pairs: Pairs,
    scores: npt.NDArray[np.float32],
    *,
    neighbours: int = NEIGHBOURS,
    link_threshold: float = LINK_THRESHOLD,
    centroid_threshold: float = CENTROID_THRESHOLD,
) -> list[int]:
    """The components step: a story label per article (0, 1, ... in order of first article).

    Example:
        >>> from newsweave.stages.grouping.features import Features, TermStats, vectorize
        >>> f = [Features(str(i), None, np.array([1, 2], np.uint32), np.array([0, 1], np.uint8),
        ...      np.array([1, 1], np.uint16)) for i in range(3)]
        >>> v = [vectorize(x, TermStats(9, {})) for x in f]
        >>> link_components(v, np.array([[0, 1]]), np.array([0.9], np.float32))
        [0, 0, 1]
    """
    count = len(vectors)
    linked, similarity = neighbourhood_graph(count, pairs, scores, neighbours)
    undated = [vector.day is None for vector in vectors]
    roots = average_linkage(count, linked, similarity, link_threshold, undated=undated)
    unit = fixed_rows(vectors) if len(pairs) else None
    roots = join_by_centroids(
        vectors,
        roots,
        pairs,
        centroid_threshold,
        unit=unit,
        developments=DEVELOPMENTS,
    )
    if ATTACH_THRESHOLD < 1:
        roots = attach_singletons(vectors, roots, pairs, ATTACH_THRESHOLD, unit=unit)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(root, len(numbers)) for root in roots]
