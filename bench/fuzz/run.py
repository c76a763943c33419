"""Fuzz every input parser with the suite's properties at scale (issue 21).

The properties and input strategies are those of tests/test_fuzz_parsers.py: a parser returns
articles or one-line rejections, raises nothing else, and takes under 10 s on any input. Here
each target runs in its own process on --runs inputs (10,000 by default):
- coverage-guided with atheris (libFuzzer), driving the structured strategies through
  hypothesis's `fuzz_one_input`, when atheris is installed (bench/fuzz/requirements.txt);
- else hypothesis alone at scale (random, not coverage-guided).

    .venv/bin/python bench/fuzz/run.py [--runs 10000] [--targets txt,html,...] [--engine auto]

Prints one line per target (inputs, failures, slowest input) and exits 1 on any failure; a
failing input is written to bench/fuzz/crashes/ (atheris) or printed (hypothesis).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
sys.path.insert(0, str(PROJECT / "tests"))
sys.path.insert(0, str(PROJECT / "bench"))


def run_target(name: str, runs: int, engine: str, figures: Path) -> None:
    """One target in this process; writes its figures (inputs, slowest in CPU seconds) to
    `figures` as it goes
    (libFuzzer ends the process itself when its runs are done)."""
    import test_fuzz_parsers as fuzz

    seen = {"inputs": 0, "slowest_s": 0.0}
    strategy, check = fuzz.TARGETS[name]

    def measured(data: bytes) -> None:
        started = time.process_time()
        check(data)
        took = time.process_time() - started
        seen["inputs"] += 1
        if took > seen["slowest_s"] or seen["inputs"] % 500 == 0:
            seen["slowest_s"] = max(seen["slowest_s"], round(took, 3))
            figures.write_text(json.dumps(seen))
        if engine == "atheris" and seen["inputs"] >= runs:
            figures.write_text(json.dumps(seen))
            os._exit(0)  # libFuzzer counts the buffers hypothesis discards too: stop at `runs` run

    fuzz.TARGETS[name] = (strategy, measured)
    test = fuzz.property_test(name, runs)
    if engine == "atheris":
        import atheris

        crashes = HERE / "crashes" / name
        crashes.mkdir(parents=True, exist_ok=True)
        # Long inputs from the start: hypothesis reads its choices from the buffer and discards
        # one that runs out before an example is drawn. The 10 s limit is checked in CPU
        # seconds by the property; libFuzzer's wall-clock timeout only catches a hang (a shared
        # machine can triple the wall clock, and dateparser's first use loads its locales).
        options = [
            "-timeout=60",
            "-max_len=16384",
            "-len_control=0",
            f"-artifact_prefix={crashes}/",
        ]
        atheris.Setup([sys.argv[0], *options], test.hypothesis.fuzz_one_input)
        atheris.Fuzz()
    else:
        test()
    figures.write_text(json.dumps(seen))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000, help="inputs per target")
    parser.add_argument("--targets", default="txt,html,json,jsonl,feed,watch_config")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one target here
    parser.add_argument("--figures", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    engine = args.engine
    if engine == "auto":
        try:
            import atheris

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    if args.one:
        if engine == "atheris":
            import atheris

            with atheris.instrument_imports(include=["newsweave", "feedparser", "trafilatura"]):
                importlib.import_module("test_fuzz_parsers")  # the parsers it imports
        run_target(args.one, args.runs, engine, args.figures)
        return
    from _shared import stamp

    print(json.dumps(stamp() | {"engine": engine, "runs_per_target": args.runs}))
    failed = False
    for name in args.targets.split(","):
        started = time.monotonic()
        figures_path = HERE / f".figures-{name}.json"
        figures_path.unlink(missing_ok=True)
        result = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                name,
                "--runs",
                str(args.runs),
                "--engine",
                engine,
                "--figures",
                str(figures_path),
            ],
            capture_output=True,
            text=True,
            env=os.environ | {"PYTHONPATH": str(PROJECT / "src")},
            check=False,
        )
        figures = json.loads(figures_path.read_text()) if figures_path.exists() else {}
        figures_path.unlink(missing_ok=True)
        inputs = figures.get("inputs", 0)
        failures = 0 if result.returncode == 0 and inputs >= args.runs else 1
        failed |= bool(failures)
        slowest = figures.get("slowest_s", "?")
        print(
            f"{name:<13} {inputs:>7,} inputs  {failures} failure(s)  slowest input {slowest} CPU s"
            f"  ({time.monotonic() - started:.0f} s)",
            flush=True,
        )
        if failures:
            print(result.stdout[-3000:] + result.stderr[-3000:], file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
