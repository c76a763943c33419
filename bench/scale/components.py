"""How far the kept pairs chain real coverage together: the components of the graph whose edges
are the pairs grouping keeps for linkage (`strongest_pairs`), on the real corpora of the grouping
benchmark, with and without a floor on the pair's score; and the graph the average-linkage step
joins along (neighbourhood similarity at or above its threshold, `LINK_THRESHOLD`).

Why: a story never spans two components, so both engines link each component in one piece (on
Spark, one reduce per component, `runners/grouping.link_component`). The size of the largest
component bounds what one worker must hold; if real coverage chains into one component, the
linking step is serial whatever the cluster.

Usage (figures in docs/benchmarks.md, Scale-out):
  NEWSWEAVE_DATA=../shared/data python bench/scale/components.py [--floors 0,0.1,0.25]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cluster"))

from bench_grouping import cleaned  # noqa: E402
from corpora import duc, ecbplus, multinews, uci  # noqa: E402

from newsweave.stages.grouping.components import (  # noqa: E402
    LINK_THRESHOLD,
    NEIGHBOURS,
    UNIT,
    neighbourhood_graph,
)
from newsweave.stages.grouping.stories import (  # noqa: E402
    count_terms,
    grouping_features,
    linked_pairs,
    vectorize,
)

CORPORA = {"uci": uci, "duc2004": duc, "ecbplus": ecbplus, "multinews300": multinews}


def largest_component(count: int, pairs: np.ndarray) -> tuple[int, int]:
    """(number of components, articles in the largest) of the graph of `pairs`."""
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(count, count))
    components, labels = connected_components(graph, directed=False)
    return components, int(np.bincount(labels).max())


def kept_graph(make: Any) -> tuple[list[Any], np.ndarray, np.ndarray]:
    """A corpus's vectors and the pairs grouping keeps for linkage, with their scores, as
    `group_labels` computes them on the articles `analyze` cleans."""
    features = [grouping_features(article) for article in cleaned(make().articles)]
    stats = count_terms(features)
    vectors = [vectorize(item, stats) for item in features]
    return vectors, *linked_pairs(vectors)


def print_row(name: str, count: int, graph: str, pairs: np.ndarray) -> None:
    components, largest = largest_component(count, pairs)
    print(
        f"{name:<13} {count:>8}  {graph:>5}  {len(pairs):>10}  "
        f"{components:>10}  {largest:>7}  {largest / count:>5.3f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--floors", default="0,0.1,0.25", help="pair-score floors, comma-separated")
    floors = [float(value) for value in parser.parse_args().floors.split(",")]
    print("corpus        articles  floor  kept pairs  components  largest  share")
    for name, make in CORPORA.items():
        vectors, pairs, scores = kept_graph(make)
        for floor in floors:
            print_row(name, len(vectors), f"{floor:.2f}", pairs[scores >= floor])
        # The graph the average-linkage step joins along.
        linked, similarity = neighbourhood_graph(len(vectors), pairs, scores, NEIGHBOURS)
        print_row(name, len(vectors), "link", linked[similarity >= LINK_THRESHOLD * UNIT])


if __name__ == "__main__":
    main()
