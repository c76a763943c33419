"""Two established groups of articles that each hold together but share only a few neighbours
are two events of one kind, unless both are dated (stages/grouping/components.py,
`ESTABLISHED_SIZE` and `ESTABLISHED_THRESHOLD`): the neighbourhood step of the linkage.

The graphs below are neighbourhood similarities as `neighbourhood_graph` gives them: two cliques
of articles alike among themselves (0.9), and every pair across them at a lower similarity.
"""

from __future__ import annotations

import itertools

import numpy as np

from newsweave.stages.grouping import components


def two_groups(first: int, second: int, across: float) -> tuple[int, np.ndarray, np.ndarray]:
    """Articles 0..first-1 and first..first+second-1, each group a clique at 0.9, every pair
    across them at `across` (fixed point, as `neighbourhood_graph` gives them)."""
    count = first + second
    pairs, values = [], []
    for a, b in itertools.combinations(range(count), 2):
        pairs.append((a, b))
        values.append(0.9 if (a < first) == (b < first) else across)
    fixed = np.rint(np.array(values) * components.UNIT).astype(np.int64)
    return count, np.array(pairs, dtype=np.int64), fixed


BETWEEN = (components.LINK_THRESHOLD + components.ESTABLISHED_THRESHOLD) / 2  # two events' bar


def stories(first: int, second: int, across: float, undated: list[bool] | bool) -> int:
    """How many groups the linkage makes of `two_groups(first, second, across)`."""
    count, pairs, values = two_groups(first, second, across)
    flags = [undated] * count if isinstance(undated, bool) else undated
    labels = components.average_linkage(
        count, pairs, values, components.LINK_THRESHOLD, undated=flags
    )
    return len(set(labels))


def test_two_established_undated_groups_with_few_shared_neighbours_stay_apart() -> None:
    # Between the bar of any two groups and that of two established ones: two events.
    assert stories(components.ESTABLISHED_SIZE, 5, BETWEEN, undated=True) == 2


def test_two_established_undated_groups_sharing_most_neighbours_join() -> None:
    above = components.ESTABLISHED_THRESHOLD + 0.05
    assert stories(components.ESTABLISHED_SIZE, 5, above, undated=True) == 1


def test_a_story_dated_throughout_keeps_its_two_phases_together() -> None:
    # Dated coverage: a story's phases days apart are two such groups, and time is its evidence.
    assert stories(components.ESTABLISHED_SIZE, 5, BETWEEN, undated=False) == 1


def test_a_small_piece_still_joins_an_established_group_at_the_usual_bar() -> None:
    assert stories(components.ESTABLISHED_SIZE - 1, 6, BETWEEN, undated=True) == 1


def test_one_undated_group_and_one_dated_group_stay_apart() -> None:
    # Only two groups dated throughout are left to the usual bar.
    size = components.ESTABLISHED_SIZE
    assert stories(size, 5, BETWEEN, [index < size for index in range(size + 5)]) == 2
