"""Term concentration over the linkage's groups: the centroid joins' weights for short texts.

After the linkage, one story of short texts (headlines) is many tight groups, each a bunch of
near-copies of one wire headline, so a story's own word ("Titanfall") lies many to a group. A
generic headline word ("Review", "update", "things") lies about once to a group: each text that
uses it is about something else. Between two groups of short texts the centroid bar is low
(`centroid_bar`), and one such word shared can clear it. So, for the centroid joins only, a term
held by `df` articles in `g` of the linkage's groups of one component weighs

    concentration = (df - g + 1) / df

(1 for a term in one group; each group more it reaches costs 1/df), raised to an article's
shortness `max(0, 1 - terms / SHORT_TEXT_TERMS)`: a text as long as the bar's scale is left as
it is. Only the terms in two or more groups (those a join can share) are weighed, and an
article's length over them is kept, so the weight moves from spread terms to concentrated ones
and the bar keeps its scale.

The counts are per component of the compared pairs (groups never cross one), so one process
(`join_by_centroids`) and the rounds over partitions (runners/linking.py) count the same terms,
and both weigh each article with `concentrated_row`, the same arithmetic on the same integers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from newsweave.stages.grouping.pairs import Pairs


def concentrations(
    holders: npt.NDArray[np.int64], groups: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """`(df - g + 1) / df` per term, from its holders (`df`) and the groups they are in (`g`)."""
    held = np.maximum(holders, 1).astype(np.float64)
    return (held - groups + 1) / held


def shortness(terms: int, short_text_terms: float) -> float:
    """How far a text of `terms` terms is below `short_text_terms` (0 at or above it)."""
    return max(0.0, 1.0 - terms / short_text_terms)


def concentrated_row(
    values: npt.NDArray[np.int64],
    weights: npt.NDArray[np.float64],
    shared: npt.NDArray[np.bool_],
    power: float,
) -> npt.NDArray[np.int64]:
    """An article's fixed-point unit row with its `shared` terms weighed by `weights ** power`,
    their length kept (correctly rounded sums: the same in any engine).

    Example:
        >>> row = np.array([600, 600, 529], dtype=np.int64)
        >>> concentrated_row(row, np.array([1.0, 0.25, 1.0]), np.array([True, True, False]), 1.0)
        array([823, 206, 529])
    """
    if power <= 0 or not shared.any():
        return values
    before = values[shared].astype(np.float64)
    after = before * weights[shared] ** power
    kept = math.fsum((before * before).tolist())
    now = math.fsum((after * after).tolist())
    if now <= 0:
        return values
    out = values.copy()
    out[shared] = np.rint(after * math.sqrt(kept / now)).astype(np.int64)
    return out


def concentrated_rows(
    unit: csr_matrix,
    member_of: npt.NDArray[np.int64],
    pairs: Pairs,
    lengths: Sequence[int],
    short_text_terms: float,
) -> csr_matrix:
    """The articles' fixed-point unit rows (`fixed_rows`) weighed by their terms' concentration
    over the groups (`member_of`: a group per article) in each component of `pairs`."""
    count = unit.shape[0]
    powers = [shortness(int(n), short_text_terms) for n in lengths]
    if not any(power > 0 for power in powers) or not len(pairs) or not unit.nnz:
        return unit
    graph = csr_matrix(
        (np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(count, count)
    )
    _, component = connected_components(graph, directed=False)
    rows = np.repeat(np.arange(count), np.diff(unit.indptr))
    # One key per (component, term): its holders; then per (key, group): the groups. Sorts, not
    # `np.unique`: its hashing took 37 s on 15 M entries (100k articles), this step 7 s in all.
    key_of = _dense_ranks(component[rows] * unit.shape[1] + unit.indices.astype(np.int64))
    holders = np.bincount(key_of)
    placed = _distinct(key_of * count + member_of[rows].astype(np.int64))
    groups = np.bincount(placed // count, minlength=len(holders))
    weights = concentrations(holders, groups)[key_of]
    shared = (groups >= 2)[key_of]
    data = unit.data.copy()
    for row, power in enumerate(powers):
        start, end = unit.indptr[row], unit.indptr[row + 1]
        data[start:end] = concentrated_row(
            unit.data[start:end], weights[start:end], shared[start:end], power
        )
    return csr_matrix((data, unit.indices, unit.indptr), shape=unit.shape)


def _dense_ranks(values: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    # Each value's rank among the distinct values (0, 1, ...).
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = np.cumsum(np.r_[True, ordered[1:] != ordered[:-1]]) - 1
    return ranks


def _distinct(values: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]]
