"""Centroid joins of short texts weigh each shared term by its concentration over the linkage's
groups (stages/grouping/concentration.py): a story's own word lies many to a group, a generic
headline word once to a group, and only the first should carry a join (issue 16)."""

from __future__ import annotations

import numpy as np

from newsweave.stages.grouping import components
from newsweave.stages.grouping.concentration import concentrated_row, concentrations
from newsweave.stages.grouping.features import ArticleVector

GENERIC = 99


def _headline(index: int, terms: list[int]) -> ArticleVector:
    ordered = np.array(sorted(terms), dtype=np.uint32)
    count = len(ordered)
    return ArticleVector(
        str(index), None, ordered, np.ones(count, np.float32), (), np.zeros(count, np.uint8)
    )


def _stories_and_a_generic_word() -> tuple[list[ArticleVector], list[int], np.ndarray, list]:
    # Six stories, each two groups after the linkage (as a story of headlines is: bunches of
    # near-copies of three headlines), every headline with its story's word and a word of its
    # own. One headline of each story also holds a generic word: story 1's in its second group,
    # the others' in their first.
    terms: list[list[int]] = []
    roots: list[int] = []
    groups: list[list[int]] = []
    for story in range(1, 7):
        for _ in range(2):
            groups.append(list(range(len(terms), len(terms) + 3)))
            for _ in range(3):
                terms.append([story, 100 + len(terms)])
                roots.append(groups[-1][0])
    for story in range(6):
        holder = groups[2 * story + (1 if story == 0 else 0)][0]
        terms[holder].append(GENERIC)
    vectors = [_headline(i, t) for i, t in enumerate(terms)]
    # Each story's two groups are linked, story 1 to story 2 through the generic word alone,
    # and the others to story 1's first group (one component; they share nothing with it).
    pairs = [[groups[2 * s][0], groups[2 * s + 1][0]] for s in range(6)]
    pairs += [[groups[1][0], groups[2][0]]] + [[0, groups[2 * s][0]] for s in range(2, 6)]
    return vectors, roots, np.array(pairs, dtype=np.int64), groups


def test_group_two_stories_sharing_only_a_generic_headline_word_stay_apart() -> None:
    vectors, roots, pairs, groups = _stories_and_a_generic_word()
    labels = components.join_by_centroids(
        vectors, roots, pairs, components.CENTROID_THRESHOLD, developments=None
    )
    stories = [{labels[i] for i in groups[2 * s] + groups[2 * s + 1]} for s in range(6)]
    assert all(len(story) == 1 for story in stories)  # each story's groups join on its word
    assert len(set.union(*stories)) == 6  # the generic word joins none of them


def test_group_concentration_counts_holders_against_groups() -> None:
    # A term in one group keeps its weight; each further group costs 1 / holders.
    assert concentrations(np.array([6, 6, 3]), np.array([1, 2, 3])).tolist() == [1, 5 / 6, 1 / 3]


def test_group_concentrated_row_moves_weight_between_shared_terms_only() -> None:
    row = np.array([600, 600, 529], dtype=np.int64)
    shared = np.array([True, True, False])
    weighed = concentrated_row(row, np.array([1.0, 0.25, 1.0]), shared, 1.0)
    assert weighed[2] == 529  # a term in one group only is left as it is
    assert weighed[0] > 600 > weighed[1]
    assert abs(int(weighed[0]) ** 2 + int(weighed[1]) ** 2 - 2 * 600**2) < 2 * 823
    # A long text (no shortness) is left as it is.
    assert concentrated_row(row, np.array([1.0, 0.25, 1.0]), shared, 0.0).tolist() == row.tolist()
