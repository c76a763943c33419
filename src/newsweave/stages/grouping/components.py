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
4. An article still alone joins the linked group it is most alike when the mean cosine reaches
   `ATTACH_THRESHOLD` (a background piece or a late development of a story).

Every step costs in proportion to the compared pairs, never to the square of the input.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

from newsweave.stages.grouping.developments import (
    DEVELOPMENTS,
    DevelopmentJoin,
    development_joins,
)
from newsweave.stages.grouping.features import ArticleVector
from newsweave.stages.grouping.pairs import Pairs, row_dots, unit_matrix, vector_matrix

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
_SHARED_NEIGHBOURS = 2 * (NEIGHBOURS + 1)  # an article counts in this many neighbourhoods at most
ATTACH_THRESHOLD = 0.08  # mean cosine from which an article left alone joins its closest group
_CENTROID_TERMS = 400  # strongest terms of a group's vector sum kept for the centroid test
_ROUNDS = 12  # rounds of centroid joins at most (each group joins once a round)
_SLICE = 200_000  # pairs turned into Python values at once
# Rows of the neighbourhood product taken at once: up to `NEIGHBOURS + 1` x `_SHARED_NEIGHBOURS`
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


def neighbourhood_graph(
    count: int, pairs: Pairs, scores: npt.NDArray[np.float32], neighbours: int = NEIGHBOURS
) -> tuple[Pairs, npt.NDArray[np.float32]]:
    """Every two articles whose neighbourhoods meet, with the cosine of their neighbourhood rows
    (each row: its `neighbours` best pair scores and 1 for itself).

    An article kept in more than `_SHARED_NEIGHBOURS` neighbourhoods (a hub) counts only in the
    rows where it scores best, so the pairs stay bounded by the article count times a constant.
    """
    if len(pairs) == 0:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.float32)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    values = np.maximum(np.concatenate([scores, scores]).astype(np.float32), 0.0)
    rows, cols, values = _best_per(rows, cols, values, neighbours)
    norms = np.ones(count, dtype=np.float64)  # each row holds 1 for the article itself
    np.add.at(norms, rows, values.astype(np.float64) ** 2)
    norms = np.sqrt(norms)
    values = (values / norms[rows]).astype(np.float32)
    cols, rows, values = _best_per(cols, rows, values, _SHARED_NEIGHBOURS)
    rows = np.concatenate([rows, np.arange(count)])
    cols = np.concatenate([cols, np.arange(count)])
    values = np.concatenate([values, (1.0 / norms).astype(np.float32)])
    matrix = csr_matrix((values, (rows, cols)), shape=(count, count), dtype=np.float32)
    transposed = matrix.T.tocsr()
    found, similarity = [], []
    for start in range(0, count, _GRAPH_ROWS):
        block = (matrix[start : start + _GRAPH_ROWS] @ transposed).tocoo()
        first = block.row.astype(np.int64) + start
        upper = block.col > first
        found.append(np.stack([first[upper], block.col[upper].astype(np.int64)], axis=1))
        similarity.append(np.minimum(block.data[upper], 1.0).astype(np.float32))
    return np.concatenate(found), np.concatenate(similarity)


def _best_per(
    keys: npt.NDArray[np.int64],
    others: npt.NDArray[np.int64],
    values: npt.NDArray[np.float32],
    keep: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    # The `keep` highest values of each key (ties by the other end, for a stable result).
    order = np.lexsort((others, -values, keys))
    keys, others, values = keys[order], others[order], values[order]
    starts = np.searchsorted(keys, keys, side="left")
    chosen = (np.arange(len(keys)) - starts) < keep
    return keys[chosen], others[chosen], values[chosen]


def average_linkage(
    count: int,
    pairs: Pairs,
    similarity: npt.NDArray[np.float32],
    threshold: float,
    *,
    undated: Sequence[bool] | None = None,
    on_join: Callable[[int, int, str], None] | None = None,
) -> list[int]:
    """Average-linkage groups (a root article per article) over a sparse similarity graph;
    pairs missing from the graph count 0. Given which articles are `undated`, two groups of
    `ESTABLISHED_SIZE` articles or more, not both dated throughout, join only from
    `ESTABLISHED_THRESHOLD` (module constants). `on_join(kept, absorbed, "linkage")` is told
    each join (root articles; the bench logs joins with it)."""
    big, bar = ESTABLISHED_SIZE, ESTABLISHED_THRESHOLD
    parent = list(range(count))
    size = [1] * count
    # Dated articles per group (a group is dated when all its articles are). Without `undated`,
    # every group counts as dated and the bar is never applied.
    dated = [1] * count if undated is None else [0 if flag else 1 for flag in undated]
    links: list[dict[int, float]] = [{} for _ in range(count)]
    heap: list[tuple[float, int, int]] = []
    # The links are most of the memory of grouping (two dict entries a pair): every entry refers
    # to the one int object of its article and both directions share one float, and the pairs
    # become Python values a slice at a time.
    ids = list(range(count))
    for start in range(0, len(pairs), _SLICE):
        part, values = pairs[start : start + _SLICE], similarity[start : start + _SLICE]
        positive = values > 0
        for first, second, value in zip(
            part[positive, 0].tolist(),
            part[positive, 1].tolist(),
            values[positive].tolist(),
            strict=True,
        ):
            first, second = ids[first], ids[second]
            total = links[first].get(second)
            total = value if total is None else total + value
            links[first][second] = total
            links[second][first] = total
        strong = values >= threshold
        heap.extend(
            (value, ids[first], ids[second])
            for value, first, second in zip(
                (-values[strong]).tolist(),
                part[strong, 0].tolist(),
                part[strong, 1].tolist(),
                strict=True,
            )
        )
    heapq.heapify(heap)
    while heap:
        negative, first, second = heapq.heappop(heap)
        if parent[first] != first or parent[second] != second:
            continue  # a group that no longer exists
        current = links[first].get(second, 0.0) / (size[first] * size[second])
        if abs(current + negative) > 1e-9:
            continue  # stale: a fresher entry for this pair is in the heap
        if (
            current < bar
            and min(size[first], size[second]) >= big
            and (dated[first] < size[first] or dated[second] < size[second])
        ):
            continue  # two established groups, not both dated: measured again if either grows
        if len(links[first]) < len(links[second]):
            first, second = second, first
        if on_join is not None:
            on_join(first, second, "linkage")
        parent[second] = first
        size[first] += size[second]
        dated[first] += dated[second]
        del links[first][second]
        for other, total in links[second].items():
            if other == first:
                continue
            del links[other][second]
            merged = links[first].get(other, 0.0) + total
            links[first][other] = merged
            links[other][first] = merged
            average = merged / (size[first] * size[other])
            if average >= threshold:
                heapq.heappush(heap, (-average, min(first, other), max(first, other)))
        links[second] = {}
    return [_root(parent, item) for item in range(count)]


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

    Each round sums the unit vectors of every group (one sparse product), scores every linked
    pair of groups at once, and joins the best pairs, each group at most once, so every join
    was measured on the groups as they are; rounds go on until nothing joins. `on_join` is told
    each join as in `average_linkage` ("centroid" or "development").
    """
    parent = list(roots)
    if len(pairs) == 0:
        return parent
    unit = unit if unit is not None else unit_rows(vectors)
    lengths = np.array([len(vector.terms) for vector in vectors], dtype=np.float64)
    names: csr_matrix | None = None  # the articles' name rows, made when first needed
    changed: set[int] | None = None  # groups that joined in the last round (None: all)
    for _ in range(_ROUNDS):
        labels = np.array([_root(parent, item) for item in range(len(vectors))])
        groups, member_of = np.unique(labels, return_inverse=True)
        linked = member_of[pairs]
        linked = linked[linked[:, 0] != linked[:, 1]]
        if changed is not None:
            # Only pairs with a group that changed can pass now: the others were measured.
            fresh = np.isin(groups, np.fromiter(changed, dtype=groups.dtype, count=len(changed)))
            linked = linked[fresh[linked[:, 0]] | fresh[linked[:, 1]]]
        if len(linked) == 0:
            break
        linked = np.unique(np.sort(linked, axis=1), axis=0)
        membership = csr_matrix(
            (np.ones(len(vectors), dtype=np.float32), (member_of, np.arange(len(vectors)))),
            shape=(len(groups), len(vectors)),
        )
        sums = _strongest_terms((membership @ unit).tocsr(), _CENTROID_TERMS)
        sizes = np.bincount(member_of).astype(np.float64)
        mean_lengths = np.bincount(member_of, weights=lengths) / sizes
        dots = row_dots(sums, linked)
        averages = dots / (sizes[linked[:, 0]] * sizes[linked[:, 1]])
        typical = np.sqrt(mean_lengths[linked[:, 0]] * mean_lengths[linked[:, 1]])
        needed = threshold * np.minimum(1.0, typical / short_text_terms)
        passing = averages >= needed
        developed = np.zeros(len(linked), dtype=bool)
        averages = averages / np.maximum(needed, 1e-12)
        if developments is not None:
            apart = np.flatnonzero(~passing)
            joining, strength, names = development_joins(
                developments,
                vectors,
                member_of,
                linked[apart],
                dots[apart] / (sizes[linked[apart, 0]] * sizes[linked[apart, 1]]),
                names,
            )
            passing[apart[joining]] = True
            developed[apart[joining]] = True
            averages[apart[joining]] = strength
        chosen = np.flatnonzero(passing)
        busy: set[int] = set()
        changed = set()
        for index in chosen[np.argsort(-averages[chosen], kind="stable")].tolist():
            first, second = linked[index].tolist()
            if first in busy or second in busy:
                continue
            busy.update((first, second))
            if on_join is not None:
                kind = "development" if developed[index] else "centroid"
                on_join(int(groups[first]), int(groups[second]), kind)
            parent[int(groups[second])] = int(groups[first])
            changed.add(int(groups[first]))
        if not changed:
            break
    return [_root(parent, item) for item in range(len(vectors))]


def attach_singletons(
    vectors: Sequence[ArticleVector],
    roots: list[int],
    pairs: Pairs,
    threshold: float,
    *,
    unit: csr_matrix | None = None,
) -> list[int]:
    """An article left alone joins the linked group it is most alike (mean cosine at least
    `threshold`): a background piece or a late development of a story shares less with each
    article than they share with each other, but it still belongs nowhere else."""
    parent = list(roots)
    labels = np.array([_root(parent, item) for item in range(len(vectors))])
    groups, member_of = np.unique(labels, return_inverse=True)
    sizes = np.bincount(member_of)
    linked = member_of[pairs]
    alone = sizes[linked] == 1
    one_side = alone[:, 0] != alone[:, 1]  # a lone article and a group of two or more
    linked = linked[one_side]
    if len(linked) == 0:
        return parent
    linked = np.where(alone[one_side][:, :1], linked, linked[:, ::-1])  # (lone, group)
    linked = np.unique(linked, axis=0)
    unit = unit if unit is not None else unit_rows(vectors)
    membership = csr_matrix(
        (np.ones(len(vectors), dtype=np.float32), (member_of, np.arange(len(vectors)))),
        shape=(len(groups), len(vectors)),
    )
    sums = _strongest_terms((membership @ unit).tocsr(), _CENTROID_TERMS)
    averages = row_dots(sums, linked) / sizes[linked[:, 1]]
    best: dict[int, tuple[float, int]] = {}
    for (lone, group), value in zip(linked.tolist(), averages.tolist(), strict=True):
        if value >= threshold and value > best.get(lone, (0.0, -1))[0]:
            best[lone] = (value, group)
    for lone, (_, group) in best.items():
        parent[int(groups[lone])] = int(groups[group])
    return [_root(parent, item) for item in range(len(vectors))]


def _strongest_terms(matrix: csr_matrix, keep: int) -> csr_matrix:
    # A big group's sum has thousands of terms; its strongest carry its direction, and a
    # bounded row keeps every pair test bounded however big the group grows.
    lengths = np.diff(matrix.indptr)
    for row in np.flatnonzero(lengths > keep).tolist():
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        weakest = np.argsort(matrix.data[start:end])[: end - start - keep]
        matrix.data[start + weakest] = 0.0
    matrix.eliminate_zeros()
    matrix.sort_indices()  # sorted rows take scipy's fast path for element-wise products
    return matrix


def unit_rows(vectors: Sequence[ArticleVector], matrix: csr_matrix | None = None) -> csr_matrix:
    """The articles' vectors as unit rows (of `matrix`, their `vector_matrix`, when given)."""
    return unit_matrix(matrix if matrix is not None else vector_matrix(vectors))


def link_components(
    vectors: Sequence[ArticleVector],
    pairs: Pairs,
    scores: npt.NDArray[np.float32],
    *,
    neighbours: int = NEIGHBOURS,
    link_threshold: float = LINK_THRESHOLD,
    centroid_threshold: float = CENTROID_THRESHOLD,
    matrix: csr_matrix | None = None,
) -> list[int]:
    """The components step: a story label per article (0, 1, ... in order of first article).
    `matrix` is the articles' `vector_matrix` when the caller has it already.

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
    unit = unit_rows(vectors, matrix) if len(pairs) else None
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


def _root(parent: list[int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item
