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
from common import machine
from grids import load, scores_row

from newsweave.stages.grouping import components

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
    grid = load(args.only.split(","), args.held_out)
    for value in args.values.split(","):
        size, bar = (4, components.LINK_THRESHOLD) if value == "off" else value.split(":")
        components.ESTABLISHED_SIZE, components.ESTABLISHED_THRESHOLD = int(size), float(bar)
        started = time.process_time()
        row = {"value": value, **scores_row(grid, halves_alone=True)}
        row["cpu_s"] = round(time.process_time() - started, 1)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
