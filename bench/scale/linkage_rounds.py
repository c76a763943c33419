"""Average linkage in rounds of mutual best neighbours against the heap's order, on real corpora:
a feasibility check for linking a component on partitions (issue 20's open item).

The grouping's average-linkage step (`components.average_linkage`) pops the best pair of groups
from one heap, so it runs in one process and holds the whole component. Average linkage is
reducible: two groups that are each other's best neighbour are joined by the global order too,
so joining every such pair at once, round after round, is a candidate for a partitioned version
(each round a reduce by group over the group-pair table). The step also has a bar that is not
reducible (two established groups, not both dated, join only from `ESTABLISHED_THRESHOLD`);
here a blocked pair is simply not a candidate. This script compares the two partitions.

Usage (figures in docs/benchmarks.md, Scale-out):
  NEWSWEAVE_DATA=../shared/data python bench/scale/linkage_rounds.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from components import CORPORA, kept_graph  # noqa: E402

from newsweave.stages.grouping.components import (  # noqa: E402
    ESTABLISHED_SIZE,
    ESTABLISHED_THRESHOLD,
    LINK_THRESHOLD,
    NEIGHBOURS,
    average_linkage,
    neighbourhood_graph,
)


def linkage_in_rounds(
    count: int, pairs: np.ndarray, similarity: np.ndarray, undated: list[bool]
) -> tuple[list[int], int]:
    """A root per article after joining mutual best neighbours in rounds, and the rounds."""
    parent, size = list(range(count)), [1] * count
    dated = [0 if flag else 1 for flag in undated]
    links: list[dict[int, float]] = [{} for _ in range(count)]
    for (first, second), value in zip(pairs.tolist(), similarity.tolist(), strict=True):
        if value > 0:
            total = links[first].get(second, 0.0) + value
            links[first][second] = links[second][first] = total

    def blocked(a: int, b: int, average: float) -> bool:
        return (
            average < ESTABLISHED_THRESHOLD
            and min(size[a], size[b]) >= ESTABLISHED_SIZE
            and (dated[a] < size[a] or dated[b] < size[b])
        )

    alive, rounds = set(range(count)), 0
    while True:
        best = {}
        for group in alive:
            candidates = [
                (total / (size[group] * size[other]), -min(group, other), other)
                for other, total in links[group].items()
            ]
            candidates = [
                c for c in candidates if c[0] >= LINK_THRESHOLD and not blocked(group, c[2], c[0])
            ]
            if candidates:
                best[group] = max(candidates)[2]
        mutual = [(a, b) for a, b in best.items() if a < b and best.get(b) == a]
        if not mutual:
            return [_root(parent, item) for item in range(count)], rounds
        rounds += 1
        for a, b in mutual:
            kept, absorbed = (a, b) if len(links[a]) >= len(links[b]) else (b, a)
            parent[absorbed] = kept
            size[kept] += size[absorbed]
            dated[kept] += dated[absorbed]
            del links[kept][absorbed]
            for other, total in links[absorbed].items():
                if other != kept:
                    del links[other][absorbed]
                    merged = links[kept].get(other, 0.0) + total
                    links[kept][other] = links[other][kept] = merged
            links[absorbed] = {}
            alive.discard(absorbed)


def _root(parent: list[int], item: int) -> int:
    while parent[item] != item:
        item = parent[item]
    return item


def partition(roots: list[int]) -> set[tuple[int, ...]]:
    groups: dict[int, list[int]] = {}
    for item, root in enumerate(roots):
        groups.setdefault(root, []).append(item)
    return {tuple(group) for group in groups.values()}


def main() -> None:
    print("corpus        articles  heap groups  round groups  rounds  groups not in the heap's")
    for name, make in CORPORA.items():
        vectors, pairs, scores = kept_graph(make)
        linked, similarity = neighbourhood_graph(len(vectors), pairs, scores, NEIGHBOURS)
        undated = [vector.day is None for vector in vectors]
        heap = partition(
            average_linkage(len(vectors), linked, similarity, LINK_THRESHOLD, undated=undated)
        )
        roots, rounds = linkage_in_rounds(len(vectors), linked, similarity, undated)
        in_rounds = partition(roots)
        print(
            f"{name:<13} {len(vectors):>8}  {len(heap):>11}  {len(in_rounds):>12}  {rounds:>6}  "
            f"{len(in_rounds - heap):>5}",
            flush=True,
        )


if __name__ == "__main__":
    main()
