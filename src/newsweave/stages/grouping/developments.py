"""A development joins its story by the names it shares in the same days (the centroid joins'
second test, components.py).

The centroid joins join two groups on the mean cosine of their whole vectors. A development of a
story (the aid appeal days after the hurricane, the storm that hit the race, the next day's
prize) is told in other words, so after the linkage it is often a small piece whose mean cosine
to its story (0.04-0.1) is no higher than that of two different stories. What it does share
are the story's names (people, places, organisations: the `n` term family) and its days. So a
small piece also joins a group when

- both are dated throughout and their spans lie at most `days` apart (they run side by side),
- the smaller of the two has at most `size` articles (a piece the linkage left out, not an
  established story of its own: two stories on one running topic keep the usual bar),
- the mean cosine of their name terms reaches `names` and that of their whole vectors
  `mean_cosine`.

Undated groups and groups apart in time are left to the usual test, and so are headlines in
practice (their short-text bar is already below `mean_cosine`). Parameters chosen on the fit
parts (DUC 2004 clusters 1-25, each alone and mixed; ECB+ train topics and UCI's first half are
unchanged) on a coarse grid: docs/benchmarks.md, "Story grouping".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

from newsweave.stages.grouping.features import FAMILIES, ArticleVector
from newsweave.stages.grouping.means import fixed_rows, group_means, mean_cosines
from newsweave.stages.grouping.pairs import Pairs


@dataclass(frozen=True, slots=True)
class DevelopmentJoin:
    """When a small piece joins a group by shared names in the same days (module docstring)."""

    names: float = 0.08  # mean cosine of the two groups' name terms
    mean_cosine: float = 0.06  # mean cosine of their whole vectors
    days: float = 3.0  # the most their dated spans may lie apart
    size: int = 3  # the most articles the smaller group may have


DEVELOPMENTS = DevelopmentJoin()


def development_joins(
    rule: DevelopmentJoin,
    vectors: Sequence[ArticleVector],
    member_of: npt.NDArray[np.int64],
    linked: Pairs,
    averages: npt.NDArray[np.float64],
    names: csr_matrix | None = None,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], csr_matrix | None]:
    """Which linked pairs of groups join as a development and its story: their positions in
    `linked`, their name mean cosines over `rule.names` (the strength they rank by), and the
    articles' name rows (`fixed_rows` of the `n` family: made when first needed, pass them back).

    `member_of` is each article's group, `linked` pairs of group indices (those the usual test
    left apart), `averages` the mean cosine of each linked pair's whole vectors.
    """
    sizes = np.bincount(member_of).astype(np.float64)
    smaller = np.minimum(sizes[linked[:, 0]], sizes[linked[:, 1]])
    chosen = np.flatnonzero((averages >= rule.mean_cosine) & (smaller <= rule.size))
    if len(chosen):
        days = np.array([np.nan if v.day is None else v.day for v in vectors], dtype=np.float64)
        chosen = chosen[_near_in_time(days, member_of, linked[chosen], rule.days)]
    if not len(chosen):
        return chosen, np.zeros(0), names
    names = names if names is not None else fixed_rows(vectors, FAMILIES.index("n"))
    shared = mean_cosines(group_means(member_of, names, None), linked[chosen])
    joining = shared >= rule.names
    return chosen[joining], shared[joining] / rule.names, names


def _near_in_time(
    days: npt.NDArray[np.float64],
    member_of: npt.NDArray[np.int64],
    linked: Pairs,
    within_days: float,
) -> npt.NDArray[np.bool_]:
    """Whether each pair of groups is dated throughout and their spans lie at most
    `within_days` apart (0 when they overlap)."""
    groups = int(member_of.max()) + 1
    first = np.full(groups, np.inf)
    last = np.full(groups, -np.inf)
    with np.errstate(invalid="ignore"):
        np.minimum.at(first, member_of, days)  # an undated article makes its group's span NaN
        np.maximum.at(last, member_of, days)
        gap = np.maximum(first[linked[:, 0]], first[linked[:, 1]]) - np.minimum(
            last[linked[:, 0]], last[linked[:, 1]]
        )
        return gap <= within_days  # False where a span is NaN
