"""The grouping tells a caller each join it makes (`on_join` of `average_linkage` and
`join_by_centroids`, stages/grouping/components.py): the bench logs joins of two groups with
it (bench/cluster/seminal_joins.py), so the joins it is told must rebuild the groups."""

from __future__ import annotations

import itertools

import numpy as np

from newsweave.stages.grouping import components


def test_the_joins_told_rebuild_the_linkage_groups() -> None:
    # Three cliques of 4 articles (0.9 inside), the first two linked at 0.5, the third apart.
    pairs, values = [], []
    for a, b in itertools.combinations(range(12), 2):
        if a // 4 == b // 4:
            pairs.append((a, b))
            values.append(0.9)
        elif a // 4 + b // 4 == 1:
            pairs.append((a, b))
            values.append(0.5)
    told: list[tuple[int, int, str]] = []
    labels = components.average_linkage(
        12,
        np.array(pairs, dtype=np.int64),
        np.rint(np.array(values) * components.UNIT).astype(np.int64),
        components.LINK_THRESHOLD,
        on_join=lambda kept, absorbed, step: told.append((kept, absorbed, step)),
    )
    members = {index: {index} for index in range(12)}
    for kept, absorbed, step in told:
        assert step == "linkage"
        members[kept] |= members.pop(absorbed)
    assert len(told) == 12 - len(set(labels)) == 12 - 2
    assert sorted(map(sorted, members.values())) == [list(range(8)), list(range(8, 12))]
    assert all(labels[i] == labels[0] for i in range(8)) and labels[8] != labels[0]


def test_a_centroid_join_is_told_with_its_step() -> None:
    # Two groups of two articles with the same terms, linked by one compared pair: one join.
    from newsweave.stages.grouping.features import Features, TermStats, vectorize

    terms = np.array([1, 2, 3], np.uint32)
    features = [
        Features(str(i), None, terms, np.zeros(3, np.uint8), np.ones(3, np.uint16))
        for i in range(4)
    ]
    vectors = [vectorize(item, TermStats(9, {})) for item in features]
    told: list[tuple[int, int, str]] = []
    labels = components.join_by_centroids(
        vectors,
        [0, 0, 2, 2],
        np.array([[1, 2]], dtype=np.int64),
        components.CENTROID_THRESHOLD,
        on_join=lambda kept, absorbed, step: told.append((kept, absorbed, step)),
    )
    assert len(set(labels)) == 1
    assert [sorted(pair) for *pair, _ in told] == [[0, 2]]
    assert told[0][2] == "centroid"
