"""Which articles are compared (blocking) and how alike two articles are (pair score).

Blocking: each article is filed under its `KEY_TERMS` strongest terms. Inside one key's block,
articles are sorted by day and each is paired with the next `NEIGHBOURHOOD` articles published
within `WINDOW_DAYS` of it (the sorted-neighbourhood method), so a block of any size yields at
most `NEIGHBOURHOOD` pairs per article: the pairs grow linearly with the input, never N x N.
Undated articles sort after dated ones and pair with anything in reach. A big block narrows its
neighbourhood (`block_neighbourhood`): past `BLOCK_ARTICLES` articles each is paired with fewer
neighbours, down to `MIN_NEIGHBOURHOOD`, so a block yields about `NEIGHBOURHOOD x BLOCK_ARTICLES`
pairs however big it grows. A key shared by thousands of articles (a common word that is strong in
many of them) says little about which two report the same story, and those articles meet in their
other, rarer keys; without this cap an article's block pairs grow with the corpus until every one
of its blocks fills its whole neighbourhood (23 block pairs per article at 10k generated articles,
74 at 50k, 169 at 200k), and counting them cost more per article the larger the corpus.

Capping, twice. Before any pair is scored: a pair's strength is the number of blocks that paired
it (the keys the two articles share, within the neighbourhood), then the products of their
weights for those keys (`key_strength`); each article keeps its `PER_ARTICLE` strongest pairs and
a pair is scored when either of its articles keeps it (`strongest_pairs`). Once scored, each
article keeps its `LINKED_PER_ARTICLE` best-scoring pairs alike, and those are linked. The blocks
of common terms fill their whole neighbourhood as a corpus grows (23 block pairs per article at
10k generated articles, 74 at 50k, 169 at 200k), nearly all between different stories, while a
story's articles share most of their keys: after the caps, at most `2 x PER_ARTICLE` pairs per
article are scored and `2 x LINKED_PER_ARTICLE` linked, at any size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

from newsweave.stages.grouping.features import ArticleVector

BIAS = -4.45  # fitted with the family weights on the ECB+ train topics
NEIGHBOURHOOD = 24  # articles after each one in its block (by day) that it is paired with
BLOCK_ARTICLES = 50  # past this many articles a block narrows its neighbourhood in proportion
MIN_NEIGHBOURHOOD = 2  # the narrowest neighbourhood of a big block (a story's articles chain)
WINDOW_DAYS = 90.0  # the most two consecutive articles of one story may lie apart
PER_ARTICLE = 60  # strongest block pairs each article keeps to be scored (`strongest_pairs`)
LINKED_PER_ARTICLE = 40  # best-scoring of those each article keeps for the linkage steps
# Pairs scored at once: the two row slices of a chunk (up to 400 terms a row for a group's
# sum) are grouping's largest working memory. At 50,000 they peaked at 440 MB while grouping
# all 15,505 Multi-News test articles; at 10,000, 180 MB; at 2,500 a chunk holds ~25 MB at
# most, with the same scores (each pair's dot product is its own) at the same CPU.
_CHUNK = 2_500
# Block pair ends (at most) in hand at once in `capped_pairs`: about 24 bytes each, so the
# step's working memory stays under ~60 MB at any size (all block pairs of all 15,505
# Multi-News test articles at once took 247 MB, more than twice that of half of them).
_CAP_CHUNK = 1_000_000
_SHARED_KEY = 1 << 32  # a shared key outweighs any sum of weight products (each under 2^24)

Pairs = npt.NDArray[np.int64]  # shape (n, 2), first < second


def blocking_keys(vector: ArticleVector) -> tuple[int, ...]:
    """The block keys of one article: its strongest name, word and pair terms (hashed)."""
    return vector.keys


def within_window(day_a: float | None, day_b: float | None, window_days: float) -> bool:
    """Whether two articles may be linked directly: undated ones always may."""
    return day_a is None or day_b is None or abs(day_a - day_b) <= window_days


def block_neighbourhood(size: int, neighbourhood: int = NEIGHBOURHOOD) -> int:
    """How many articles after each one (by day) it is paired with in a block of `size`: all of
    `neighbourhood` up to `BLOCK_ARTICLES` articles, fewer in proportion past it (at least
    `MIN_NEIGHBOURHOOD`).

    Example:
        >>> [block_neighbourhood(size) for size in (10, 50, 100, 300, 100_000)]
        [24, 24, 12, 4, 2]
    """
    narrowed = neighbourhood * BLOCK_ARTICLES // max(size, 1)
    return min(neighbourhood, max(MIN_NEIGHBOURHOOD, narrowed))


def pairs_in_block(
    days: Sequence[float | None],
    *,
    neighbourhood: int = NEIGHBOURHOOD,
    window_days: float = WINDOW_DAYS,
) -> list[tuple[int, int]]:
    """Positions of the pairs compared inside one block (the block reduce of a distributed run):
    each article with the next `block_neighbourhood(len(days), neighbourhood)` by day.

    Example:
        >>> pairs_in_block([1.0, 2.0, 500.0, None], neighbourhood=2)
        [(0, 1), (1, 3), (2, 3)]
    """
    order = sorted(range(len(days)), key=lambda i: (days[i] is None, days[i] or 0.0, i))
    reach = block_neighbourhood(len(days), neighbourhood)
    found = []
    for rank, first in enumerate(order):
        for second in order[rank + 1 : rank + 1 + reach]:
            if within_window(days[first], days[second], window_days):
                found.append((min(first, second), max(first, second)))
    return sorted(found)


def key_weights(vector: ArticleVector) -> npt.NDArray[np.float32]:
    """The weight in the vector of each blocking key (the keys are among its terms)."""
    keys = np.array(vector.keys, dtype=np.uint32)
    return vector.weights[np.searchsorted(vector.terms, keys)]


def key_strength(
    weight_a: npt.NDArray[np.float32] | float, weight_b: npt.NDArray[np.float32] | float
) -> npt.NDArray[np.int64]:
    """What one shared block adds to a pair's strength: one shared key, then the product of the
    key's weights in micro-units (integers, so sums are exact in any order, on any engine).

    Example:
        >>> int(key_strength(np.float32(0.5), np.float32(0.25))) - (1 << 32)
        125000
    """
    product = np.asarray(weight_a, dtype=np.float64) * np.asarray(weight_b, dtype=np.float64)
    return _SHARED_KEY + np.rint(product * 1e6).astype(np.int64)


def capped_pairs(
    vectors: Sequence[ArticleVector],
    *,
    per_article: int | None = PER_ARTICLE,
    neighbourhood: int = NEIGHBOURHOOD,
    window_days: float = WINDOW_DAYS,
) -> tuple[Pairs, int]:
    """The pairs compared (indices into `vectors`): of every pair `pairs_in_block` yields over all
    blocks, those `strongest_pairs` keeps by their summed `key_strength` (all when `per_article`
    is None); and how many distinct block pairs there were.

    A range of articles at a time: the block pairs of its articles' entries are found, summed
    per pair and capped, so each article sees all its block pairs, and no more than
    `_CAP_CHUNK` pair ends are ever in hand (or one article's, if it has more: at most
    `2 x neighbourhood` per blocking key), whatever the size of the corpus.
    """
    count = len(vectors)
    owner, key, day, weight, placed = _block_entries(vectors)
    if not len(owner):
        return np.zeros((0, 2), dtype=np.int64), 0
    entries = _BlockEntries(owner, key, day, weight, _block_reach(key, neighbourhood))
    lengths = np.fromiter((len(v.keys) for v in vectors), dtype=np.int64, count=count)
    first_entry = np.concatenate([[0], np.cumsum(lengths)])
    limit = max(1, _CAP_CHUNK // (2 * max(neighbourhood, 1)))  # entries of a range
    kept: list[npt.NDArray[np.int64]] = []
    block_pairs = 0
    low = 0
    while low < count:
        reached = int(np.searchsorted(first_entry, first_entry[low] + limit, side="right")) - 1
        high = min(count, max(low + 1, reached))
        end, other, strength = _pair_ends(
            entries, placed[first_entry[low] : first_entry[high]], neighbourhood, window_days
        )
        low = high
        if not len(end):
            continue
        codes, inverse = np.unique(end * count + other, return_inverse=True)
        # Float sums of these integers are exact (each total is far below 2^53).
        summed = np.bincount(inverse.ravel(), weights=strength).astype(np.int64)
        del end, other, strength, inverse
        block_pairs += len(codes)
        end, other = codes // count, codes % count
        if per_article is not None:
            best = _best_per_end(end, other, summed, per_article)
            end, other = end[best], other[best]
        kept.append(np.minimum(end, other) * count + np.maximum(end, other))
    if not kept:
        return np.zeros((0, 2), dtype=np.int64), 0
    codes = np.unique(np.concatenate(kept))
    return np.stack([codes // count, codes % count], axis=1), block_pairs // 2


def candidate_pairs(
    vectors: Sequence[ArticleVector],
    *,
    neighbourhood: int = NEIGHBOURHOOD,
    window_days: float = WINDOW_DAYS,
    per_article: int | None = PER_ARTICLE,
) -> Pairs:
    """The pairs compared: of every block pair, those `strongest_pairs` keeps (`capped_pairs`)."""
    return capped_pairs(
        vectors, per_article=per_article, neighbourhood=neighbourhood, window_days=window_days
    )[0]


class _BlockEntries(NamedTuple):
    """An entry per (article, blocking key), sorted by key, day (undated last), article; `reach`:
    the `block_neighbourhood` of its block."""

    owner: npt.NDArray[np.int64]
    key: npt.NDArray[np.int64]
    day: npt.NDArray[np.float64]
    weight: npt.NDArray[np.float32]
    reach: npt.NDArray[np.int64]


def _block_entries(
    vectors: Sequence[ArticleVector],
) -> tuple[
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.float64],
    npt.NDArray[np.float32],
    npt.NDArray[np.int64],
]:
    """An entry per (article, blocking key), sorted by key, day (undated last), article; and
    where each entry went, in article order (the entries of article `i` first, then `i + 1`...)."""
    lengths = np.fromiter((len(v.keys) for v in vectors), dtype=np.int64, count=len(vectors))
    total = int(lengths.sum())
    owner = np.repeat(np.arange(len(vectors), dtype=np.int64), lengths)
    key = np.fromiter((k for v in vectors for k in blocking_keys(v)), np.int64, count=total)
    weights = [key_weights(v) for v in vectors if v.keys]
    weight = np.concatenate(weights) if weights else np.zeros(0, dtype=np.float32)
    days = [math.inf if v.day is None else v.day for v in vectors]
    day = np.array(days, dtype=np.float64)[owner]
    order = np.lexsort((owner, day, key))
    placed = np.empty(total, dtype=np.int64)
    placed[order] = np.arange(total, dtype=np.int64)
    return owner[order], key[order], day[order], weight[order], placed


def _block_reach(key: npt.NDArray[np.int64], neighbourhood: int) -> npt.NDArray[np.int64]:
    """The `block_neighbourhood` of each entry's block (entries sorted by key)."""
    if not len(key):
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    sizes = np.diff(np.concatenate([starts, [len(key)]]))
    narrowed = np.maximum(MIN_NEIGHBOURHOOD, neighbourhood * BLOCK_ARTICLES // sizes)
    return np.repeat(np.minimum(neighbourhood, narrowed), sizes)


def _pair_ends(
    entries: _BlockEntries,
    positions: npt.NDArray[np.int64],
    neighbourhood: int,
    window_days: float,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """`pairs_in_block` seen from some entries (their positions in `entries`): each block pair
    of one of them with the entry `step` before or after it in its block (within the block's
    reach), as (its article, the other article, the `key_strength` the block adds). A block pair
    between two of these entries comes once from each end.
    """
    owner, key, day, weight, reach = entries
    ends, others, strengths = [], [], []
    for step in range(1, neighbourhood + 1):
        for partner in (positions + step, positions - step):
            inside = (partner >= 0) & (partner < len(key))
            mine, theirs = positions[inside], partner[inside]
            undated = np.isinf(day[mine]) | np.isinf(day[theirs])
            with np.errstate(invalid="ignore"):  # inf - inf: both undated, handled by `undated`
                near = np.abs(day[theirs] - day[mine]) <= window_days
            keep = (
                (key[mine] == key[theirs])
                & (reach[mine] >= step)
                & (near | undated)
                & (owner[mine] != owner[theirs])
            )
            mine, theirs = mine[keep], theirs[keep]
            ends.append(owner[mine])
            others.append(owner[theirs])
            # The lower entry first, as the block pair has it (the product is the same).
            strengths.append(
                key_strength(weight[np.minimum(mine, theirs)], weight[np.maximum(mine, theirs)])
            )
    return np.concatenate(ends), np.concatenate(others), np.concatenate(strengths)


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
    return (1.0 / (1.0 + np.exp(-(row_dots(matrix, pairs) + BIAS)))).astype(np.float32)


def strongest_pairs(
    count: int,
    pairs: Pairs,
    strength: npt.NDArray[np.int64] | npt.NDArray[np.float32],
    *,
    per_article: int = PER_ARTICLE,
) -> npt.NDArray[np.bool_]:
    """Which pairs one of their two articles keeps among its `per_article` strongest ones
    (ties: the other article first in input order). A reduce by article, then by pair.

    Example:
        >>> pairs = np.array([[0, 1], [0, 2], [0, 3], [2, 3]])
        >>> strength = np.array([9, 5, 1, 2])
        >>> strongest_pairs(4, pairs, strength, per_article=1).tolist()
        [True, True, False, True]
    """
    ends = np.concatenate([pairs[:, 0], pairs[:, 1]])
    others = np.concatenate([pairs[:, 1], pairs[:, 0]])
    best = _best_per_end(ends, others, np.concatenate([strength, strength]), per_article)
    return best[: len(pairs)] | best[len(pairs) :]


def _best_per_end(
    end: npt.NDArray[np.int64],
    other: npt.NDArray[np.int64],
    strength: npt.NDArray[np.int64] | npt.NDArray[np.float32],
    per_article: int,
) -> npt.NDArray[np.bool_]:
    """Which (end, other) entries are among the `per_article` strongest of their `end`."""
    order = np.lexsort((other, -strength, end))
    ranked = end[order]
    rank = np.arange(len(ranked)) - np.searchsorted(ranked, ranked, side="left")
    best = np.zeros(len(end), dtype=bool)
    best[order[rank < per_article]] = True
    return best


def _logistic(dot: float) -> float:
    return 1.0 / (1.0 + math.exp(-(dot + BIAS)))


def unit_matrix(matrix: csr_matrix) -> csr_matrix:
    """`matrix` with each nonzero row scaled to unit length."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(matrix.multiply(1.0 / norms[:, None]))


def row_dots(matrix: csr_matrix, pairs: Pairs) -> npt.NDArray[np.float64]:
    """The dot product of the two rows of each pair (a slice of pairs at a time)."""
    dots = np.zeros(len(pairs), dtype=np.float64)
    for start in range(0, len(pairs), _CHUNK):
        part = pairs[start : start + _CHUNK]
        dots[start : start + len(part)] = np.asarray(
            matrix[part[:, 0]].multiply(matrix[part[:, 1]]).sum(axis=1)
        ).ravel()
    return dots
