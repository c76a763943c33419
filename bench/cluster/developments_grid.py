"""The development joins' parameters (stages/grouping/developments.py) over a coarse grid, on the
fit parts: DUC 2004 clusters 1-25 (BCubed F1 of the fit half inside all 50 mixed, and each
cluster alone: kept whole), ECB+ train topics, UCI's first half. `--held-out` adds every part
and Multi-News for the values given (look once, at the chosen values and the baseline).

Each value is names:mean_cosine:days:size; "off" is the grouping without the development joins.

Usage: python bench/cluster/developments_grid.py [--values off,0.08:0.06:3:3,...] [--held-out]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine
from grids import load, scores_row

from newsweave.stages.grouping import components
from newsweave.stages.grouping.developments import DevelopmentJoin

# The values tried, in the order tried (size 1000: no cap on the smaller group).
GRID = ["off"] + [
    f"{names}:{cosine}:{days}:{size}"
    for names, cosine, days, size in [
        *[(n, 0.04, 0, 1000) for n in (0.08, 0.1, 0.12, 0.15)],
        *[(n, 0.06, 0, 1000) for n in (0.08, 0.1, 0.12)],
        *[(n, 0.04, 3, 1000) for n in (0.1, 0.12, 0.15)],
        *[(n, 0.04, d, 1) for d in (0, 3) for n in (0.08, 0.1, 0.12)],
        *[(n, 0.04, 3, 3) for n in (0.06, 0.08, 0.1, 0.12)],
        (0.1, 0.04, 0, 3),
        (0.1, 0.04, 7, 3),
        (0.08, 0.04, 3, 5),
        (0.06, 0.04, 3, 5),
        (0.08, 0.02, 3, 3),
        (0.08, 0.06, 3, 3),
    ]
]


def rule(value: str) -> DevelopmentJoin | None:
    if value == "off":
        return None
    names, cosine, days, size = value.split(":")
    return DevelopmentJoin(float(names), float(cosine), float(days), int(size))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--values", default=",".join(GRID))
    parser.add_argument("--held-out", action="store_true")
    args = parser.parse_args()
    print(json.dumps({"benchmark": "development_joins_grid", **machine()}), flush=True)
    grid = load(["duc2004", "ecbplus", "uci"], args.held_out)
    for value in args.values.split(","):
        components.DEVELOPMENTS = rule(value)
        print(json.dumps({"value": value, **scores_row(grid)}), flush=True)


if __name__ == "__main__":
    main()
