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
from collections.abc import Iterator, Sequence

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
# all 15,505 Multi-News test articles; at 10,000, 180 MB, with the same labels and CPU.
_CHUNK = 10_000
_CAP_CHUNK = 16_000_000  # block pair ends (at most) gathered at once by `capped_pairs`
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

    The block pairs are found once (bounded per block by `block_neighbourhood`), then summed
    and capped a range of articles at a time, each seeing all its block pairs.
    """
    count = len(vectors)
    owner, key, day, weight = _block_entries(vectors)
    if not len(owner):
        return np.zeros((0, 2), dtype=np.int64), 0
    firsts, seconds, strengths = [], [], []
    for first, second, strength in _block_steps(
        owner, key, day, weight, neighbourhood, window_days
    ):
        firsts.append(first.astype(np.int32))
        seconds.append(second.astype(np.int32))
        strengths.append(strength)
    del owner, key, day, weight
    if not firsts or not sum(len(part) for part in firsts):
        return np.zeros((0, 2), dtype=np.int64), 0
    first, second = np.concatenate(firsts), np.concatenate(seconds)
    strength = np.concatenate(strengths)
    del firsts, seconds, strengths
    # Each block pair is found once; its two ends are summed and capped a range of articles
    # at a time, so the sort below never holds every pair end of a large corpus at once.
    ranges = 2 * len(first) // _CAP_CHUNK + 1
    span = -(-count // ranges)
    kept: list[npt.NDArray[np.int64]] = []
    block_pairs = 0
    for low in range(0, count, span):
        mine_first = (first >= low) & (first < low + span)
        mine_second = (second >= low) & (second < low + span)
        end = np.concatenate([first[mine_first], second[mine_second]]).astype(np.int64)
        other = np.concatenate([second[mine_first], first[mine_second]]).astype(np.int64)
        summed_strength = np.concatenate([strength[mine_first], strength[mine_second]])
        del mine_first, mine_second
        codes, inverse = np.unique(end * count + other, return_inverse=True)
        # Float sums of these integers are exact (each total is far below 2^53).
        summed = np.bincount(inverse.ravel(), weights=summed_strength).astype(np.int64)
        del end, other, summed_strength, inverse
        block_pairs += len(codes)
        end, other = codes // count, codes % count
        if per_article is not None:
            best = _best_per_end(end, other, summed, per_article)
            end, other = end[best], other[best]
        kept.append(np.minimum(end, other) * count + np.maximum(end, other))
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


def _block_entries(
    vectors: Sequence[ArticleVector],
) -> tuple[
    npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float32]
]:
    """An entry per (article, blocking key), sorted by key, day (undated last), article."""
    lengths = np.fromiter((len(v.keys) for v in vectors), dtype=np.int64, count=len(vectors))
    total = int(lengths.sum())
    owner = np.repeat(np.arange(len(vectors), dtype=np.int64), lengths)
    key = np.fromiter((k for v in vectors for k in blocking_keys(v)), np.int64, count=total)
    weights = [key_weights(v) for v in vectors if v.keys]
    weight = np.concatenate(weights) if weights else np.zeros(0, dtype=np.float32)
    days = [math.inf if v.day is None else v.day for v in vectors]
    day = np.array(days, dtype=np.float64)[owner]
    order = np.lexsort((owner, day, key))
    return owner[order], key[order], day[order], weight[order]


def _block_steps(
    owner: npt.NDArray[np.int64],
    key: npt.NDArray[np.int64],
    day: npt.NDArray[np.float64],
    weight: npt.NDArray[np.float32],
    neighbourhood: int,
    window_days: float,
) -> Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]]:
    """`pairs_in_block` over every block at once, a step at a time: the pairs of each entry with
    the entry `step` after it in its block (within its `block_neighbourhood`), with the
    `key_strength` the block adds."""
    starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    sizes = np.diff(np.concatenate([starts, [len(key)]]))
    narrowed = np.maximum(MIN_NEIGHBOURHOOD, neighbourhood * BLOCK_ARTICLES // sizes)
    reach = np.repeat(np.minimum(neighbourhood, narrowed), sizes)
    for step in range(1, min(neighbourhood, len(owner) - 1) + 1):
        same = (key[:-step] == key[step:]) & (reach[:-step] >= step)
        undated = np.isinf(day[:-step]) | np.isinf(day[step:])
        with np.errstate(invalid="ignore"):  # inf - inf: both undated, handled by `undated`
            near = np.abs(day[step:] - day[:-step]) <= window_days
        keep = same & (near | undated) & (owner[:-step] != owner[step:])
        strength = key_strength(weight[:-step][keep], weight[step:][keep])
        yield owner[:-step][keep], owner[step:][keep], strength


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
