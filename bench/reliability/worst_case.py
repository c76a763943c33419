"""Worst case for one article under --max-bytes: time and peak memory of `newsweave analyze`.

One article of 0.5, 1, 2 and 4 MB, run as a user runs it (a new process, no flags but --json).
Two shapes, both from the text of Multi-News test articles (seeded):
- repeated: 60 sentences shuffled into paragraphs, so each is said thousands of times (what made
  the summary's same-fact test quadratic: 478 KB took 204 s);
- distinct: whole articles joined until the size, every sentence different.
Linear means CPU seconds and megabytes per input megabyte stay flat; the 0.5 MB run of the same
shape, in the same run, is the baseline. CPU seconds (user + system of the process) are printed
beside wall seconds because a shared machine's load inflates the wall clock alone.

    .venv/bin/python bench/reliability/worst_case.py [--sizes 0.5,1,2,4] [--shapes repeated]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import PROJECT, shared_data, stamp

MB = 1_000_000
ANALYZE = [sys.executable, "-m", "newsweave", "analyze"]  # as a user runs it: no other flag


def texts(limit: int = 400) -> list[str]:
    found = []
    with shared_data("mds/multinews/test.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            found += [document["text"] for document in json.loads(line)["documents"]]
            if len(found) >= limit:
                break
    return found


def article(shape: str, size: int, corpus: list[str], seed: int = 21) -> str:
    rng = random.Random(seed)
    if shape == "distinct":
        parts, length = [], 0
        for text in corpus * (size // sum(map(len, corpus)) + 1):
            parts.append(text)
            length += len(text) + 2
            if length >= size:
                break
        return "\n\n".join(parts)[:size]
    pool = [s for text in corpus[:12] for s in re.split(r"(?<=[.!?])\s+", text)]
    pool = [s for s in pool if len(s.split()) >= 8][:60]
    paragraphs, length = [], 0
    while length < size:
        paragraphs.append(" ".join(rng.sample(pool, 5)))
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)[:size]


def run(path: Path, out: Path, timeout_s: float) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak resident megabytes and exit code of one `analyze`."""
    started = time.monotonic()
    process = subprocess.Popen(
        [*ANALYZE, str(path), "--json", str(out), "--quiet"],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = started + timeout_s
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            return timeout_s, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, -9
        time.sleep(0.2)
    cpu = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    return time.monotonic() - started, cpu, usage.ru_maxrss / 1024, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,1,2,4", help="article sizes in MB")
    parser.add_argument("--shapes", default="repeated")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per run")
    args = parser.parse_args()
    corpus = texts()
    print(json.dumps(stamp()))
    header = f"{'shape':<9} {'MB':>4} {'wall s':>7} {'CPU s':>7} {'CPU s/MB':>8} {'peak MB':>8}"
    print(f"{header} {'exit':>4}  vs first size")
    with tempfile.TemporaryDirectory() as folder:
        for shape in args.shapes.split(","):
            first = None
            for size_mb in (float(size) for size in args.sizes.split(",")):
                path = Path(folder) / f"{shape}-{size_mb}.json"
                text = article(shape, int(size_mb * MB), corpus)
                path.write_text(json.dumps({"id": "big", "source": "bench", "text": text}))
                wall, cpu, peak, code = run(path, Path(folder) / "out.json", args.timeout)
                first = first or (size_mb, cpu, peak)
                growth = (
                    f"size x{size_mb / first[0]:.0f}: CPU x{cpu / first[1]:.1f}, "
                    f"memory x{peak / first[2]:.2f}"
                )
                print(
                    f"{shape:<9} {size_mb:>4} {wall:>7.0f} {cpu:>7.0f} {cpu / size_mb:>8.0f} "
                    f"{peak:>8.0f} {code:>4}  {growth}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
