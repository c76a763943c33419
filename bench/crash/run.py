"""SIGKILL `newsweave ingest`, `watch` and `batch` at seeded random points, 100 times each.

The harness is the suite's (tests/store/test_store_crash.py): after every kill the store must
pass `PRAGMA integrity_check`, keep every acknowledged article exactly once (for `watch`, every
article it had stored), store nothing unknown, hold no half-written analysis and no article
outside a story (`Store.check`). A store that got everything starts over, so kills keep landing
mid-run. Kills come after a seeded number of acknowledgements or a seeded time.

`batch` (the local engine, 4 partitions, on the suite's batch corpus) is killed at a seeded time,
or for half the kills within 2 s after the run finishes a stage or partition (its process group:
no clean-up), and run again with the same command, which resumes it, until a
run ends; every output it ends with (and any found complete after a kill) must equal the output
of one uninterrupted run, row for row: no article, story or report lost, doubled or changed.

    .venv/bin/python bench/crash/run.py [--kills 100] [--seed 21] [--commands ingest,watch,batch]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
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
    parser.add_argument("--commands", default="ingest,watch,batch")
    args = parser.parse_args()
    from _shared import stamp
    from test_store_crash import crash_ingest, crash_watch

    print(json.dumps(stamp() | {"kills_per_command": args.kills, "seed": args.seed}))
    harnesses = {"ingest": crash_ingest, "watch": crash_watch, "batch": crash_batch}
    failed = False
    for command in args.commands.split(","):
        started = time.monotonic()
        with tempfile.TemporaryDirectory() as folder:
            run = harnesses[command](Path(folder), kills=args.kills, seed=args.seed)
        failed |= bool(run.problems)
        ended = "output complete" if command == "batch" else "every article stored"
        print(
            f"{command:<7} {run.kills} kills survived, {run.finished} run(s) finished first, "
            f"{run.stored_before_kill} run(s) that ended with {ended}, "
            f"{len(run.problems)} problem(s)  ({time.monotonic() - started:.0f} s)",
            flush=True,
        )
        for problem in run.problems:
            print(f"  {problem}", file=sys.stderr)
    sys.exit(1 if failed else 0)


def crash_batch(folder: Path, *, kills: int, seed: int):
    """`newsweave batch` killed at seeded times and resumed by running it again, until a run
    ends; its output must be an uninterrupted run's. Then it starts over in a new folder."""
    from test_store_crash import CrashRun

    from newsweave.runners.batch import read_output

    corpus = PROJECT / "tests" / "data" / "batch_corpus.jsonl"

    def batch(out: Path) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "newsweave", "batch", str(corpus), "--out", str(out)]
        return subprocess.Popen(
            [*command, "--partitions", "4", "--summary-words", "60"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the whole group is killed, as a crash would
        )

    started = time.monotonic()
    # Exit code 1: the output was written, some inputs rejected (the corpus has bad lines).
    if batch(folder / "reference").wait() not in (0, 1):
        raise SystemExit("the uninterrupted batch run failed")
    expected = read_output(folder / "reference")
    longest = time.monotonic() - started  # kills land anywhere from start-up to the end
    rng, run, generation = random.Random(seed), CrashRun(), 0
    out = folder / "out-0"
    while run.kills < kills:
        done_before = len(list(out.glob("_work/**/_SUCCESS")))
        process = batch(out)
        wait_s = rng.uniform(0.2, longest)
        if rng.random() < 0.5:  # half the kills land after this run finished a stage or partition
            while (
                process.poll() is None and len(list(out.glob("_work/**/_SUCCESS"))) <= done_before
            ):
                time.sleep(0.05)
            wait_s = rng.uniform(0.0, 2.0)
        try:
            code = process.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            run.kills += 1
            code = None
        else:
            run.finished += 1
        complete = all((out / name / "_SUCCESS").is_file() for name in expected)
        if code not in (None, 0, 1):
            run.problems.append(f"kill {run.kills}: a resumed run failed (exit code {code})")
        elif code is not None or complete:
            if read_output(out) != expected:
                run.problems.append(
                    f"kill {run.kills}: the output differs from an uninterrupted run"
                )
            run.stored_before_kill += 1
            generation += 1
            out = folder / f"out-{generation}"
        if run.problems:
            break
    if not run.problems and out.exists():
        # The last folder, killed and not yet resumed to the end: one run more finishes it.
        code = batch(out).wait()
        if code not in (0, 1) or read_output(out) != expected:
            run.problems.append(f"after {run.kills} kills: the resumed output is not the full one")
        else:
            run.stored_before_kill += 1
    return run


if __name__ == "__main__":
    main()
