"""Every centroid join on a corpus's fit part, replayed: which joins put two stories together.

The corpus is cleaned and grouped as `analyze` groups it (the articles cleaning kept, all of
them, as bench_grouping.py does), with `join_by_centroids`' `on_join` callback. Each centroid
or development join is replayed with both groups' sizes, their fit articles' gold make-up
(held-out articles count in the sizes only: their gold is never read), the two groups' mean
vector cosine, the bar they had to reach (`centroid_bar`), each group's cohesion (mean cosine of
two of its articles, itself included: |sum|^2 / n^2), the shares of the two means' dot carried
by their three strongest shared terms (`top_terms`), and the share of each group's articles with
a linked pair into the other (`reach`).

A join is *wrong* when both groups hold fit articles and their majority gold stories differ.
Printed: one JSON row per join (`--wrong` only the wrong ones), then counts by class:
  big-big      both groups of `BIG` articles or more
  piece-group  one group of fewer than `BIG` articles
and by whether the joining mean cosine clears each group's own cohesion.

Usage: python bench/cluster/centroid_joins.py [--corpus uci] [--wrong]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import join_record, machine
from linkage_fit import join_means, linkage_of

from newsweave.stages.grouping import components
from newsweave.stages.grouping.means import fixed_rows, mean_cosines

BIG = 4


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", default="uci")
    parser.add_argument("--wrong", action="store_true")
    args = parser.parse_args()
    print(json.dumps({"benchmark": "centroid_joins", **machine()}), flush=True)
    linkage = linkage_of(args.corpus)
    vectors, gold, pairs, roots = linkage.vectors, linkage.gold, linkage.pairs, linkage.roots
    members, count = linkage.members, linkage.count
    unit = fixed_rows(vectors)
    lengths = np.array([len(v.terms) for v in vectors], dtype=np.float64)
    rows: list[dict] = []
    shares: list = []
    reaches: list = []

    def measure(first: list[int], second: list[int]) -> tuple[float, float, float]:
        means = join_means(count, unit, first, second)
        both = mean_cosines(means, np.array([[1, 2], [1, 1], [2, 2]]))
        products = np.asarray(means[1].multiply(means[2]).todense()).ravel()
        products = np.sort(products[products > 0])[::-1]
        shares.append((products[:3] / max(products.sum(), 1)).tolist())
        return float(both[0]), float(both[1]), float(both[2])

    partners: dict[int, set[int]] = {}
    for a, b in pairs.tolist():
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)

    def reach(first: list[int], second: list[int]) -> float:
        # The share of `first`'s articles with a linked pair into `second`.
        other = set(second)
        return sum(bool(partners.get(i, set()) & other) for i in first) / len(first)

    def on_join(kept_root: int, absorbed: int, kind: str) -> None:
        first, second = members[kept_root], members.pop(absorbed)
        reaches.append([round(reach(first, second), 3), round(reach(second, first), 3)])
        across, own_first, own_second = measure(first, second)
        bar = float(components.centroid_bar(
            components.CENTROID_THRESHOLD, components.SHORT_TEXT_TERMS,
            lengths[first].mean(), lengths[second].mean(),
        ))
        record, gold_first, gold_second = join_record(kind, first, second, gold)
        rows.append({
            **record,
            "gold": [dict(gold_first.most_common(3)), dict(gold_second.most_common(3))],
            "mean_cosine": round(across, 4),
            "bar": round(bar, 4),
            "cohesion": [round(own_first, 4), round(own_second, 4)],
            "reach": reaches[-1],
            "top_terms": [round(float(x), 3) for x in shares[-1]],
            "terms": [round(lengths[first].mean(), 1), round(lengths[second].mean(), 1)],
        })
        members[kept_root] = first + second

    components.join_by_centroids(
        vectors, roots, pairs, components.CENTROID_THRESHOLD, unit=unit, on_join=on_join
    )
    for row in rows:
        if row["fit"] and (row["wrong"] or not args.wrong):
            print(json.dumps(row), flush=True)
    classes: Counter[str] = Counter()
    for row in rows:
        if not row["fit"]:
            continue
        small = min(row["sizes"])
        size_class = "big-big" if small >= BIG else "piece-group"
        below = row["mean_cosine"] < min(row["cohesion"]) / 2
        key = f"{row['kind']} {size_class} {'below' if below else 'above'}-half-cohesion"
        classes[f"{key} {'wrong' if row['wrong'] else 'right'}"] += 1
    print(json.dumps({"classes": dict(sorted(classes.items()))}), flush=True)


if __name__ == "__main__":
    main()
