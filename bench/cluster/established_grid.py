"""The neighbourhood step's bar for two established groups, not both dated (components.py:
`ESTABLISHED_SIZE`, `ESTABLISHED_THRESHOLD`), over a coarse grid on the fit parts: ECB+ train
topics, DUC 2004 clusters 1-25 (BCubed F1 of the fit half inside all 50 mixed, of the fit half
mixed as its own input, and each cluster alone: kept whole), UCI's first half. `--held-out` adds
every part and Multi-News for the values given (look once, at the chosen value and the baseline).

Each value is size:threshold; "off" is the linkage without the bar (threshold 0.25, the bar of
any two groups). Dated corpora (DUC, UCI) are unchanged by construction: run them to check.

Usage: python bench/cluster/established_grid.py [--values off,4:0.5,...] [--held-out]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_grouping import cleaned
from common import bcubed, machine
from corpora import LOADERS, duc_clusters

from newsweave.stages.grouping import components
from newsweave.stages.grouping.stories import group_labels, grouping_features

# The values tried, in the order tried (the first six before the bar was limited to groups not
# both dated).
GRID = ["off", "4:0.4", "4:0.5", "6:0.4", "6:0.5", "10:0.4"] + [
    f"{size}:{bar}" for size in (3, 4, 6) for bar in (0.4, 0.5, 0.6)
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--values", default=",".join(GRID))
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument("--only", default="duc2004,ecbplus,uci")
    args = parser.parse_args()
    print(json.dumps({"benchmark": "established_groups_grid", **machine()}), flush=True)
    names = args.only.split(",") + (["multinews"] if args.held_out else [])
    corpora = {name: LOADERS[name]() for name in names}
    features = {n: [grouping_features(a) for a in cleaned(c.articles)] for n, c in corpora.items()}
    singles = (
        [[grouping_features(a) for a in cleaned(m)] for _, m in duc_clusters()]
        if "duc2004" in names
        else []
    )
    for value in args.values.split(","):
        size, bar = (4, components.LINK_THRESHOLD) if value == "off" else value.split(":")
        components.ESTABLISHED_SIZE, components.ESTABLISHED_THRESHOLD = int(size), float(bar)
        row: dict[str, object] = {"value": value}
        started = time.process_time()
        for name, corpus in corpora.items():
            labels = group_labels(features[name])
            parts = (
                {**corpus.parts, "all": list(range(len(labels)))}
                if args.held_out
                else {corpus.fit: corpus.parts[corpus.fit]}
            )
            for part, indices in parts.items():
                gold = [corpus.gold[i] for i in indices]
                row[f"{name}_{part}"] = round(bcubed(gold, [labels[i] for i in indices])[2], 4)
                if name == "duc2004" and part != "all":
                    # The half as its own input: joins between its own clusters count.
                    alone = group_labels([features[name][i] for i in indices])
                    row[f"{name}_{part}_alone"] = round(bcubed(gold, alone)[2], 4)
        halves = {"fit": singles[:25], **({"held_out": singles[25:]} if args.held_out else {})}
        for part, clusters in halves.items():
            if clusters:
                whole = sum(len(set(group_labels(cluster))) == 1 for cluster in clusters)
                row[f"duc2004_single_{part}_kept_whole"] = f"{whole}/{len(clusters)}"
        row["cpu_s"] = round(time.process_time() - started, 1)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
