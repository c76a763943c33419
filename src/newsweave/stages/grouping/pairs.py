"""Which articles are compared (blocking) and how alike two articles are (pair score).

Blocking: each article is filed under its `KEY_TERMS` strongest terms. Inside one key's block,
articles are sorted by day and each is paired with the next `NEIGHBOURHOOD` articles published
within `WINDOW_DAYS` of it (the sorted-neighbourhood method), so a block of any size yields at
most `NEIGHBOURHOOD` pairs per article: the pairs grow linearly with the input, never N x N.
Undated articles sort after dated ones and pair with anything in reach.
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
_CHUNK = 50_000  # pairs scored at once

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
    found = []
    for step in range(1, neighbourhood + 1):
        if step >= len(owner):
            break
        same = key[:-step] == key[step:]
        undated = np.isinf(day[:-step]) | np.isinf(day[step:])
        with np.errstate(invalid="ignore"):  # inf - inf: both undated, handled by `undated`
            near = np.abs(day[step:] - day[:-step]) <= window_days
        keep = same & (near | undated)
        first, second = owner[:-step][keep], owner[step:][keep]
        found.append(np.stack([np.minimum(first, second), np.maximum(first, second)], axis=1))
    pairs = np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    codes = np.unique(pairs[:, 0] * len(vectors) + pairs[:, 1])
    return np.stack([codes // len(vectors), codes % len(vectors)], axis=1)


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


def _logistic(dot: float) -> float:
    return 1.0 / (1.0 + math.exp(-(dot + BIAS)))
