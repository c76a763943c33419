"""A corpus grouped up to the linkage step, as `analyze` groups it: what the join logs replay.

The articles cleaning kept (all of them, as bench_grouping.py does), their grouping vectors, the
linked pairs, the average-linkage roots and the groups they make, and the gold story of each
kept article of the fit part (held-out articles have none here: their gold is never read).
Shared by `centroid_joins.py` and `join_terms.py`.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from bench_grouping import cleaned_and_rejected
from corpora import LOADERS

from newsweave.stages.grouping import components
from newsweave.stages.grouping.means import CENTROID_TERMS, group_means
from newsweave.stages.grouping.stories import (
    count_terms,
    grouping_features,
    linked_pairs,
    vectorize,
)


@dataclass(frozen=True)
class Linkage:
    articles: list[Any]  # every article as cleaning left it, rejected ones included
    kept: list[int]  # the kept articles' indices in `articles`, in vector order
    gold: dict[int, Hashable]  # vector index -> gold story, fit articles only
    vectors: list[Any]
    stats: Any
    pairs: np.ndarray
    roots: list[int]  # as `average_linkage` returns them
    members: dict[int, list[int]]  # each group's root -> its vector indices

    @property
    def count(self) -> int:
        return len(self.vectors)


def linkage_of(corpus_name: str) -> Linkage:
    corpus = LOADERS[corpus_name]()
    articles, rejected = cleaned_and_rejected(corpus.articles)
    kept = [i for i, out in enumerate(rejected) if not out]
    fit = set(corpus.parts[corpus.fit]) if corpus.fit else set(range(len(corpus.gold)))
    gold = {j: corpus.gold[i] for j, i in enumerate(kept) if i in fit}
    features = [grouping_features(articles[i]) for i in kept]
    stats = count_terms(features)
    vectors = [vectorize(item, stats) for item in features]
    pairs, scores = linked_pairs(vectors)
    linked, similarity = components.neighbourhood_graph(len(vectors), pairs, scores)
    undated = [vector.day is None for vector in vectors]
    roots = components.average_linkage(
        len(vectors), linked, similarity, components.LINK_THRESHOLD, undated=undated
    )
    members: dict[int, list[int]] = {}
    for index, root in enumerate(components._roots(np.array(roots)).tolist()):
        members.setdefault(root, []).append(index)
    return Linkage(articles, kept, gold, vectors, stats, pairs, roots, members)


def join_means(count: int, unit: Any, first: list[int], second: list[int]) -> Any:
    """The centroid-term means of two groups about to join, as rows 1 and 2."""
    member_of = np.zeros(count, dtype=np.int64)
    member_of[first] = 1
    member_of[second] = 2
    return group_means(member_of, unit, CENTROID_TERMS)
