"""The neighbourhood step's settings over a grid on the fit parts: neighbours kept per article,
the linkage bar, and the bars for two established groups (components.py).

Each setting is comma-separated key=value pairs; settings are separated by ";":

    n=12                    `NEIGHBOURS` (and `SHARED_NEIGHBOURS`, 2 x (n + 1))
    link=0.3                `LINK_THRESHOLD`
    established=4:0.5       `ESTABLISHED_SIZE`:`ESTABLISHED_THRESHOLD` (groups not both dated)
    dated=6:0.35            also two groups of 6+ articles *dated throughout* join only from 0.35
                            (not in components.py: the bar tried here for two topics on one
                            running subject, DUC 2004's costly joins)

An empty setting is the shipped grouping. Printed per setting (grids.scores_row): BCubed F1 of
DUC 2004's fit half inside all 50 mixed and mixed as its own input, DUC fit clusters kept whole
alone, ECB+ train topics and UCI's first half; `--held-out` adds every part and Multi-News (look
once, at the chosen setting and the baseline).

Usage: python bench/cluster/linkage_grid.py --values "n=10;n=12;link=0.3;dated=6:0.35"
                                            [--only duc2004,ecbplus,uci] [--held-out]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from common import machine
from grids import load, scores_row

from newsweave.stages.grouping import components

SHIPPED = {
    "neighbours": components.NEIGHBOURS,
    "link": components.LINK_THRESHOLD,
    "established": (components.ESTABLISHED_SIZE, components.ESTABLISHED_THRESHOLD),
    "apart": components.established_apart,
}


def configure(setting: str) -> None:
    """Set the grouping's module parameters for one setting (the shipped ones first)."""
    neighbours, link = SHIPPED["neighbours"], SHIPPED["link"]
    size, bar = SHIPPED["established"]
    apart: Any = SHIPPED["apart"]
    for item in filter(None, setting.split(",")):
        key, value = item.split("=")
        if key == "n":
            neighbours = int(value)
        elif key == "link":
            link = float(value)
        elif key == "established":
            size, bar = int(value.split(":")[0]), float(value.split(":")[1])
        elif key == "dated":
            apart = _dated_apart(int(value.split(":")[0]), float(value.split(":")[1]))
        else:
            raise SystemExit(f"unknown key {key!r}: expected n, link, established or dated")
    components.link_components.__kwdefaults__["neighbours"] = neighbours
    components.link_components.__kwdefaults__["link_threshold"] = link
    components.SHARED_NEIGHBOURS = 2 * (neighbours + 1)
    components.ESTABLISHED_SIZE, components.ESTABLISHED_THRESHOLD = size, bar
    components.established_apart = apart


def _dated_apart(size: int, bar: float) -> Any:
    shipped = SHIPPED["apart"]

    def apart(mean: Any, first: Any, second: Any, first_dated: Any, second_dated: Any) -> Any:
        big = (first >= size) & (second >= size)
        return shipped(mean, first, second, first_dated, second_dated) | ((mean < bar) & big)

    return apart


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--values", default="")
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument("--only", default="duc2004,ecbplus,uci")
    args = parser.parse_args()
    print(json.dumps({"benchmark": "linkage_grid", **machine()}), flush=True)
    grid = load(args.only.split(","), args.held_out)
    for setting in args.values.split(";"):
        configure(setting)
        started = time.process_time()
        row = {"setting": setting or "shipped", **scores_row(grid, halves_alone=True)}
        row["cpu_s"] = round(time.process_time() - started, 1)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
