"""Planted-conflict figures of two versions of the conflict stage on the same stories.

Usage: python bench/conflicts/compare.py [--before COMMIT] [--data FILE] [--split tune|held-out|all]
           [--cache DIR] [--log FILE] [--naive]

Other work changes the story stages (entities, alignment) while the conflict rules are tuned, so
two runs of diagnose.py hours apart compare different stories. This runs each record as
`newsweave analyze` does up to the conflicts (prepare, grouping and the story stages once,
cached: see _stories.py), then both the working tree's `find_conflicts` and COMMIT's (its
`stages/claims/conflicts` package, taken with `git archive`), and scores both as run.py does.
Partial figures are rewritten after each record to LOG.json, so a long run can be read early.
`--naive` also scores run.py's naive rule on the same stories (its alignments are those the
conflict stage reads): the same-run baseline for a set read once. Without `--before`, only the
working tree's conflict stage runs (with `--naive`: a set read once, at half the CPU).
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import shared_data
from _stories import records_of, stories_until_conflicts
from run import _hits, _naive_conflicts

from newsweave._caches import clear_story_caches
from newsweave.model import Story
from newsweave.stages.claims.conflicts import find_conflicts

PACKAGE = "src/newsweave/stages/claims/conflicts"


def load_version(commit: str, into: Path) -> Callable[[Story], Story]:
    """COMMIT's conflict package, importable as `conflicts_<commit>` beside the current one."""
    name = "conflicts_" + re.sub(r"\W", "_", commit)
    archive = subprocess.run(
        ["git", "archive", commit, PACKAGE], capture_output=True, check=True
    ).stdout
    target = into / name
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.endswith(".py"):
                text = tar.extractfile(member).read().decode()
                text = text.replace("newsweave.stages.claims.conflicts", name)
                (target / Path(member.name).name).parent.mkdir(parents=True, exist_ok=True)
                (target / Path(member.name).name).write_text(text)
    sys.path.insert(0, str(into))
    return importlib.import_module(name).find_conflicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="commit whose conflict stage to compare")
    parser.add_argument("--data", type=Path)
    parser.add_argument("--split", choices=["tune", "held-out", "all"], default="all")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsweave-conflicts-cache"))
    parser.add_argument("--log", type=Path, default=Path("/tmp/newsweave-conflicts-compare.log"))
    parser.add_argument("--naive", action="store_true", help="also score the naive baseline rule")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    versions: dict[str, Callable[[Story], Story]] = {}
    if args.before:
        versions["before"] = load_version(args.before, Path(tempfile.mkdtemp()))
    versions["after"] = find_conflicts
    if args.naive:
        versions["naive rule"] = _naive_story
    path = args.data or shared_data("conflicts/duc2004-dev.jsonl")
    tally = {
        v: {"found": Counter(), "planted": Counter(), "alarms": [], "cpu": 0.0} for v in versions
    }
    with args.log.open("w", encoding="utf-8") as log:
        for record in records_of(path, args.split):
            stories = stories_until_conflicts(record, args.cache)
            for version, find in versions.items():
                clear_story_caches()  # each version parses its sentences itself: a fair CPU figure
                started = time.process_time()
                found = [find(s) for s in stories]
                tally[version]["cpu"] += time.process_time() - started
                _score(record, found, tally[version], version, log)
            log.flush()
            summary = [_figures(v, t, path.name, args.split) for v, t in tally.items()]
            Path(f"{args.log}.json").write_text("\n".join(map(json.dumps, summary)) + "\n")
    print("\n".join(map(json.dumps, summary)))


def _naive_story(story: Story) -> Story:
    return replace(story, conflicts=tuple(_naive_conflicts(story)))


def _score(record: dict, stories: list[Story], tally: dict, version: str, log) -> None:
    conflicts = [(c, s) for s in stories for c in s.conflicts]
    if record["conflict"] is None:
        tally["alarms"].append(len(conflicts))
        for c, _story in conflicts:
            print(f"{version} FA {record['id']} [{c.kind}] {c.explanation[:240]}", file=log)
        return
    kind = record["conflict"]["kind"]
    tally["planted"][kind] += 1
    hit = any(_hits(c, record["conflict"], s) for c, s in conflicts)
    tally["found"][kind] += hit
    print(f"{version} {'HIT' if hit else 'MISS'} {record['id']}", file=log)


def _figures(version: str, tally: dict, data: str, split: str) -> dict:
    planted = sum(tally["planted"].values())
    found = sum(tally["found"].values())
    alarms = tally["alarms"]
    return {
        "version": version,
        "data": data,
        "split": split,
        "recall": round(found / max(planted, 1), 3),
        "found": found,
        "planted": planted,
        "false_alarms_per_clean": round(sum(alarms) / max(len(alarms), 1), 2),
        "clean": len(alarms),
        "cpu_s_per_record": round(tally["cpu"] / max(planted + len(alarms), 1), 3),
        "per_kind": {
            k: f"{tally['found'][k]}/{tally['planted'][k]}" for k in sorted(tally["planted"])
        },
    }


if __name__ == "__main__":
    main()
