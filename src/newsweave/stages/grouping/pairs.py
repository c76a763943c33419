"""Which articles are compared (blocking) and how alike two articles are (pair score).

Blocking: each article is filed under its `KEY_TERMS` strongest terms. Inside one key's block,
articles are sorted by day and each is paired with the next `NEIGHBOURHOOD` articles published
within `WINDOW_DAYS` of it (the sorted-neighbourhood method), so a block of any size yields at
most `NEIGHBOURHOOD` pairs per article: the pairs grow linearly with the input, never N x N.
Undated articles sort after dated ones and pair with anything in reach.

Capping: once scored, each article keeps its `PER_ARTICLE` best-scoring pairs and a pair stays
when either of its articles keeps it (`strongest_pairs`). The blocks of common terms fill their
whole neighbourhood as a corpus grows (23 compared pairs per article at 10k generated articles,
74 at 50k), and nearly all of those pairs are between different stories; after the cap, what the
linkage steps read stays at most `2 x PER_ARTICLE` pairs per article at any size. A story's
articles are each other's best pairs, so the cap drops what could not have linked anyway.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

from newsweave.stages.grouping.features import ArticleVector

BIAS = -4.45  # fitted with the family weights on the ECB+ train topics
NEIGHBOURHOOD = 24  # articles after each one in its block (by day) that it is paired with
WINDOW_DAYS = 90.0  # the most two consecutive articles of one story may lie apart
PER_ARTICLE = 40  # best-scoring pairs each article keeps for the linkage steps (`strongest_pairs`)
_CHUNK = 50_000  # pairs scored at once
_CAP_CHUNK = 4_000_000  # pairs (about) whose articles are capped at once

Pairs = npt.NDArray[np.int64]  # shape (n, 2), first < second


def blocking_keys(vector: ArticleVector) -> tuple[int, ...]:
    """The block keys of one article: its strongest name, word and pair terms (hashed)."""
    return vector.keys


def within_window(day_a: float | None, day_b: float | None, window_days: float) -> bool:
    """Whether two articles may be linked directly: undated ones always may."""
    return day_a is None or day_b is None or abs(day_a - day_b) <= window_days


def pairs_in_block(
    days: Sequence[float | None],
    *,
    neighbourhood: int = NEIGHBOURHOOD,
    window_days: float = WINDOW_DAYS,
) -> list[tuple[int, int]]:
    """Positions of the pairs compared inside one block (the block reduce of a distributed run).

    Example:
        >>> pairs_in_block([1.0, 2.0, 500.0, None], neighbourhood=2)
        [(0, 1), (1, 3), (2, 3)]
    """
    order = sorted(range(len(days)), key=lambda i: (days[i] is None, days[i] or 0.0, i))
    found = []
    for rank, first in enumerate(order):
        for second in order[rank + 1 : rank + 1 + neighbourhood]:
            if within_window(days[first], days[second], window_days):
                found.append((min(first, second), max(first, second)))
    return sorted(found)


def candidate_pairs(
    vectors: Sequence[ArticleVector],
    *,
    neighbourhood: int = NEIGHBOURHOOD,
    window_days: float = WINDOW_DAYS,
) -> Pairs:
    """Every pair `pairs_in_block` yields over all blocks, deduplicated (indices into `vectors`)."""
    owners, keys, days = [], [], []
    for index, vector in enumerate(vectors):
        for key in blocking_keys(vector):
            owners.append(index)
            keys.append(key)
            days.append(math.inf if vector.day is None else vector.day)
    if not owners:
        return np.zeros((0, 2), dtype=np.int64)
    owner = np.array(owners, dtype=np.int64)
    key = np.array(keys, dtype=np.int64)
    day = np.array(days, dtype=np.float64)
    order = np.lexsort((owner, day, key))
    owner, key, day = owner[order], key[order], day[order]
    count = len(vectors)
    found: list[npt.NDArray[np.int64]] = []  # pair codes (first * count + second), each sorted
    for step in range(1, neighbourhood + 1):
        if step >= len(owner):
            break
        same = key[:-step] == key[step:]
        undated = np.isinf(day[:-step]) | np.isinf(day[step:])
        with np.errstate(invalid="ignore"):  # inf - inf: both undated, handled by `undated`
            near = np.abs(day[step:] - day[:-step]) <= window_days
        keep = same & (near | undated)
        first, second = owner[:-step][keep], owner[step:][keep]
        distinct = first != second
        first, second = first[distinct], second[distinct]
        found.append(np.unique(np.minimum(first, second) * count + np.maximum(first, second)))
        if sum(len(part) for part in found[1:]) > len(found[0]):
            # Merge as we go: the codes of all steps at once would take gigabytes at 200k.
            found = [np.unique(np.concatenate(found))]
    codes = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return np.stack([codes // count, codes % count], axis=1)


def score_pair(a: ArticleVector, b: ArticleVector, *, window_days: float = WINDOW_DAYS) -> float:
    """How likely two articles report the same story, in [0, 1] (0 outside the window)."""
    if not within_window(a.day, b.day, window_days):
        return 0.0
    _, in_a, in_b = np.intersect1d(a.terms, b.terms, assume_unique=True, return_indices=True)
    dot = float(np.dot(a.weights[in_a].astype(np.float64), b.weights[in_b]))
    return _logistic(dot)


def vector_matrix(vectors: Sequence[ArticleVector]) -> csr_matrix:
    """All vectors as the rows of one sparse matrix (a column per term present)."""
    lengths = np.array([len(v.terms) for v in vectors], dtype=np.int64)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    if not len(vectors) or not indptr[-1]:
        return csr_matrix((len(vectors), 1), dtype=np.float32)
    terms, columns = np.unique(np.concatenate([v.terms for v in vectors]), return_inverse=True)
    data = np.concatenate([v.weights for v in vectors]).astype(np.float32)
    return csr_matrix((data, columns.astype(np.int32), indptr), shape=(len(vectors), len(terms)))


def score_pairs(matrix: csr_matrix, pairs: Pairs) -> npt.NDArray[np.float32]:
    """`score_pair` for many pairs at once (rows of `vector_matrix`; the window is the caller's)."""
    scores = np.zeros(len(pairs), dtype=np.float32)
    for start in range(0, len(pairs), _CHUNK):
        part = pairs[start : start + _CHUNK]
        dots = np.asarray(matrix[part[:, 0]].multiply(matrix[part[:, 1]]).sum(axis=1)).ravel()
        scores[start : start + len(part)] = 1.0 / (1.0 + np.exp(-(dots + BIAS)))
    return scores


def strongest_pairs(
    count: int,
    pairs: Pairs,
    scores: npt.NDArray[np.float32],
    *,
    per_article: int = PER_ARTICLE,
) -> npt.NDArray[np.bool_]:
    """Which pairs one of their two articles keeps among its `per_article` best-scoring ones
    (ties: the other article first in input order). A reduce by article, then by pair.

    Example:
        >>> pairs = np.array([[0, 1], [0, 2], [0, 3], [2, 3]])
        >>> scores = np.array([0.9, 0.5, 0.1, 0.2], np.float32)
        >>> strongest_pairs(4, pairs, scores, per_article=1).tolist()
        [True, True, False, True]
    """
    keep = np.zeros(len(pairs), dtype=bool)
    if len(pairs) == 0:
        return keep
    # A range of articles at a time: both directions of every pair at once would take ~40
    # bytes a pair, gigabytes at a few hundred thousand articles.
    ranges = len(pairs) // _CAP_CHUNK + 1
    step = -(-count // ranges)
    for start in range(0, count, step):
        ends, others, rows = [], [], []
        for side in (0, 1):
            mine = np.flatnonzero((pairs[:, side] >= start) & (pairs[:, side] < start + step))
            ends.append(pairs[mine, side])
            others.append(pairs[mine, 1 - side])
            rows.append(mine)
        end, other, row = np.concatenate(ends), np.concatenate(others), np.concatenate(rows)
        order = np.lexsort((other, -scores[row], end))
        end, row = end[order], row[order]
        rank = np.arange(len(end)) - np.searchsorted(end, end, side="left")
        keep[row[rank < per_article]] = True
    return keep


def _logistic(dot: float) -> float:
    return 1.0 / (1.0 + math.exp(-(dot + BIAS)))
