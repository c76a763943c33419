"""SIGKILL `newsweave ingest` and `newsweave watch` at seeded random points, 100 times each.

The harness is the suite's (tests/store/test_store_crash.py): after every kill the store must
pass `PRAGMA integrity_check`, keep every acknowledged article exactly once (for `watch`, every
article it had stored), store nothing unknown, hold no half-written analysis and no article
outside a story (`Store.check`). A store that got everything starts over, so kills keep landing
mid-run. Kills come after a seeded number of acknowledgements or a seeded time.

    .venv/bin/python bench/crash/run.py [--kills 100] [--seed 21] [--commands ingest,watch]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(PROJECT / "tests" / "store"))
sys.path.insert(0, str(PROJECT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100, help="kills per command")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--commands", default="ingest,watch")
    args = parser.parse_args()
    from _shared import stamp
    from test_store_crash import crash_ingest, crash_watch

    print(json.dumps(stamp() | {"kills_per_command": args.kills, "seed": args.seed}))
    harnesses = {"ingest": crash_ingest, "watch": crash_watch}
    failed = False
    for command in args.commands.split(","):
        started = time.monotonic()
        with tempfile.TemporaryDirectory() as folder:
            run = harnesses[command](Path(folder), kills=args.kills, seed=args.seed)
        failed |= bool(run.problems)
        print(
            f"{command:<7} {run.kills} kills survived, {run.finished} run(s) finished first, "
            f"{run.stored_before_kill} run(s) that ended with every article stored, "
            f"{len(run.problems)} problem(s)  ({time.monotonic() - started:.0f} s)",
            flush=True,
        )
        for problem in run.problems:
            print(f"  {problem}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
