"""Groups' mean vectors in fixed point: the centroid joins' measure (components.py,
developments.py), the same in one process and in a batch engine's partitions.

A unit vector's weights are integers in units of 1 / VECTOR_SCALE, so a group's vector sum is
exact in any order of its articles; its mean (rounded down) has length <= 1, so the dot of two
means is an exact integer under VECTOR_SCALE^2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

from newsweave.stages.grouping.features import ArticleVector
from newsweave.stages.grouping.pairs import Pairs, row_dots

VECTOR_SCALE = 1 << 20
CENTROID_TERMS = 400  # strongest terms of a group's vector sum kept for the centroid test


def fixed_unit(weights: npt.NDArray[np.floating]) -> npt.NDArray[np.int64]:
    """Weights scaled to unit length, in units of 1 / VECTOR_SCALE (a correctly rounded sum of
    squares: the same on any machine)."""
    values = weights.astype(np.float64)
    norm = math.sqrt(math.fsum((values * values).tolist())) or 1.0
    return np.rint(values / norm * VECTOR_SCALE).astype(np.int64)


def fixed_rows(vectors: Sequence[ArticleVector], family: int | None = None) -> csr_matrix:
    """The articles' vectors (or their terms of one family, an index into `FAMILIES`) as unit
    rows in fixed point, one column per term in ascending term order."""
    chosen = [
        np.ones(len(v.terms), dtype=bool) if family is None else v.families == family
        for v in vectors
    ]
    lengths = np.array([int(mask.sum()) for mask in chosen], dtype=np.int64)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    if not len(vectors) or not indptr[-1]:
        return csr_matrix((len(vectors), 1), dtype=np.int64)
    terms = np.concatenate([v.terms[m] for v, m in zip(vectors, chosen, strict=True)])
    data = np.concatenate(
        [fixed_unit(v.weights[m]) for v, m in zip(vectors, chosen, strict=True)]
    )
    unique, columns = np.unique(terms, return_inverse=True)
    return csr_matrix(
        (data, columns.astype(np.int32), indptr), shape=(len(vectors), len(unique))
    )


def group_means(
    member_of: npt.NDArray[np.int64], rows: csr_matrix, keep: int | None
) -> csr_matrix:
    """Each group's mean row (fixed point, rounded down) over its `keep` strongest terms of the
    sum (ties: the first term; None: all)."""
    groups = int(member_of.max()) + 1
    membership = csr_matrix(
        (np.ones(len(member_of), dtype=np.int64), (member_of, np.arange(len(member_of)))),
        shape=(groups, len(member_of)),
    )
    sums = (membership @ rows).tocsr()
    sums.sort_indices()
    if keep is not None:
        sums = _strongest_terms(sums, keep)
    sizes = np.bincount(member_of, minlength=groups)
    sums.data = sums.data // np.repeat(sizes, np.diff(sums.indptr))
    sums.eliminate_zeros()
    return sums


def mean_cosines(means: csr_matrix, linked: Pairs) -> npt.NDArray[np.float64]:
    """The mean cosine over every two articles of each linked pair of groups, from the groups'
    fixed-point means (an exact integer dot, then scaled)."""
    return row_dots(means, linked) / float(VECTOR_SCALE * VECTOR_SCALE)


def _strongest_terms(matrix: csr_matrix, keep: int) -> csr_matrix:
    # A big group's sum has thousands of terms; its strongest carry its direction, and a
    # bounded row keeps every pair test bounded however big the group grows. Ties: the first
    # term (the columns are in term order).
    lengths = np.diff(matrix.indptr)
    for row in np.flatnonzero(lengths > keep).tolist():
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        order = np.lexsort((matrix.indices[start:end], -matrix.data[start:end]))
        matrix.data[start + order[keep:]] = 0
    matrix.eliminate_zeros()
    matrix.sort_indices()  # sorted rows take scipy's fast path for element-wise products
    return matrix
