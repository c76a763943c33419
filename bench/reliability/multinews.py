"""`newsweave analyze` on every article of Multi-News test.jsonl in one input: time and memory.

The 15,505 articles of the 5,622 test clusters are written one per line, in file order, as a
JSONL input (`id`, `text`, and `source`: the copy names no outlet, so each article is its own
outlet), and `newsweave analyze FILE --json OUT --quiet` runs on the first 1/8, 1/4, 1/2 ... of
them, each in a new process, as a user runs it. Linear means CPU seconds per 1,000 articles stay
flat from the first fraction (the baseline of the same run); bounded memory means the peak stays
flat as the input grows (`analyze` writes each story as it is built). The one-minute load average
before and after each run is printed beside it: wall seconds on a shared machine depend on it.
The run must end with a report: a story whose stages fail is listed among the rejections
(`story_failed`), never the end of the run.

    NEWSWEAVE_SHARED_DATA=../shared/data .venv/bin/python bench/reliability/multinews.py \\
        [--fractions 0.125,0.25,0.5,1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import shared_data, stamp
from worst_case import ANALYZE, run


def articles() -> list[dict[str, str]]:
    found = []
    with shared_data("mds/multinews/test.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            for document in json.loads(line)["documents"]:
                found.append(
                    {"id": document["id"], "source": document["id"], "text": document["text"]}
                )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fractions", default="0.125,0.25,0.5,1", help="of the articles, in order")
    parser.add_argument("--timeout", type=float, default=7200.0, help="seconds per run")
    parser.add_argument("--keep", type=Path, help="keep the inputs and reports in this folder")
    args = parser.parse_args()
    everything = articles()
    print(json.dumps({**stamp(), "articles": len(everything), "command": " ".join(ANALYZE[1:])}))
    print(
        f"{'fraction':>8} {'articles':>8} {'wall s':>7} {'CPU s':>7} {'CPU s/1k':>8} "
        f"{'peak MB':>8} "
        f"{'exit':>4} {'stories':>7} {'rejected':>8}  vs first fraction"
    )
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        first = None
        for fraction in (float(f) for f in args.fractions.split(",")):
            chosen = everything[: round(len(everything) * fraction)]
            path = folder / f"multinews-{len(chosen)}.jsonl"
            path.write_text("".join(json.dumps(article) + "\n" for article in chosen))
            out = folder / f"report-{len(chosen)}.json"
            load_before = os.getloadavg()[0]
            wall, cpu, peak, code = run(path, out, args.timeout)
            load = f"load {load_before:.1f}-{os.getloadavg()[0]:.1f}"
            report = json.loads(out.read_text()) if out.exists() and code in (0, 1) else {}
            stories = len(report.get("stories", []))
            reasons = Counter(r.get("reason") for r in report.get("rejected", []))
            first = first or (len(chosen), cpu, peak)
            size = len(chosen) / first[0]
            growth = f"size x{size:.0f}: CPU x{cpu / first[1]:.1f}, memory x{peak / first[2]:.2f}"
            print(
                f"{fraction:>8} {len(chosen):>8} {wall:>7.0f} {cpu:>7.0f} "
                f"{1000 * cpu / len(chosen):>8.1f} {peak:>8.0f} {code:>4} {stories:>7} "
                f"{sum(reasons.values()):>8}  {growth}  {load}  {dict(reasons)}",
                flush=True,
            )


if __name__ == "__main__":
    main()
