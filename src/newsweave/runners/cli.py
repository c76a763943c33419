"""The `batch` command: parse its options, pick an engine, call `run_batch`, print its summary."""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from pathlib import Path
from typing import Any

from rich.console import Console

from newsweave.errors import NewsweaveError

EXIT_OK, EXIT_PARTIAL = 0, 1


def add_batch_command(commands: Any) -> None:
    """Add `batch` to the `newsweave` argument parser's subparsers."""
    batch = commands.add_parser(
        "batch",
        help="analyze a corpus into stories and reports, locally or on Spark (resumable)",
        description="Group a corpus (.jsonl, .json, .parquet or store files, or folders of "
        "them) into stories and write articles/, stories/, reports/ (one JSON report per story, "
        "as `analyze --json` writes it) and rejected/ under --out. Re-running the same command "
        "after a failure resumes it. Example: newsweave batch corpus/ --engine spark --out out/",
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="corpus files or folders")
    batch.add_argument("--out", type=Path, required=True, help="output folder (resumed if present)")
    batch.add_argument("--engine", choices=("local", "spark"), default="local")
    batch.add_argument(
        "--master",
        help="Spark master URL (default local[*]; under spark-submit, the one it was given)",
    )
    batch.add_argument(
        "--conf",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a Spark setting, e.g. spark.executor.memory=4g (repeatable)",
    )
    batch.add_argument("--format", choices=("parquet", "jsonl"), default="parquet", dest="fmt")
    batch.add_argument(
        "--partitions",
        type=int,
        help="units of resumable work (default: one per ~8 MB of input, at least 2 per core)",
    )
    batch.add_argument(
        "--summary-words",
        type=int,
        metavar="N",
        help="length of each story's summary in words (default: about 120)",
    )
    batch.add_argument(
        "--link-articles",
        type=int,
        metavar="N",
        help="a connected piece of the compared pairs past N articles is linked in rounds over "
        "partitions, not in one worker (default: 500000)",
    )
    batch.add_argument("--debug", action="store_true", help="show tracebacks")
    batch.add_argument("--quiet", action="store_true", help="print no progress")
    batch.set_defaults(run=run_batch_command)


def run_batch_command(args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsweave.runners.batch import run_batch

    if args.partitions is not None and args.partitions < 1:
        raise NewsweaveError(f"--partitions must be at least 1, got {args.partitions}")
    if args.link_articles is not None and args.link_articles < 0:
        raise NewsweaveError(f"--link-articles must be 0 or more, got {args.link_articles}")
    start = time.monotonic()

    def log(message: str) -> None:
        if not args.quiet:
            err.print(f"{time.monotonic() - start:7.1f}s {message}", markup=False, soft_wrap=True)

    engine = _engine(args)
    try:
        result = run_batch(
            engine,
            args.inputs,
            args.out,
            fmt=args.fmt,
            partitions=args.partitions,
            summary_words=args.summary_words or _default_summary_words(),
            link_articles=args.link_articles,
            log=log,
        )
    except NewsweaveError:
        raise
    except Exception as error:
        if engine.name != "spark":
            raise
        # A failed Spark job (a task out of memory, a lost executor or driver) surfaces as a
        # Java stack trace: name its first cause in one line; finished partitions are kept.
        raise NewsweaveError(
            f"the Spark job failed: {_first_cause(error)}; finished partitions in {args.out} "
            "are kept, run the same command again to resume"
        ) from None
    finally:
        with contextlib.suppress(Exception):  # a driver that died cannot be stopped again
            engine.stop()
    return EXIT_PARTIAL if result.rejected else EXIT_OK


def _first_cause(error: BaseException) -> str:
    text = str(getattr(error, "java_exception", None) or error) or type(error).__name__
    lines = [line.strip() for line in text.splitlines()]
    causes = [
        line
        for line in lines
        if not line.startswith("at ") and ("Error" in line or "Exception" in line)
    ]
    cause = causes[-1] if causes else lines[0] if lines else type(error).__name__
    return cause.removeprefix("Caused by: ")[:300]


def _engine(args: argparse.Namespace) -> Any:
    if args.engine == "local":
        if args.master or args.conf:
            raise NewsweaveError("--master and --conf are Spark settings: add --engine spark")
        from newsweave.runners.local import LocalEngine

        return LocalEngine()
    from newsweave.runners.spark import SparkEngine

    config = {}
    for item in args.conf:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise NewsweaveError(f"--conf takes KEY=VALUE, got {item!r}")
        config[key] = value
    # Under spark-submit the gateway is already up with its own --master: keep it.
    master = args.master or (None if "PYSPARK_GATEWAY_PORT" in os.environ else "local[*]")
    return SparkEngine(master, config=config)


def _default_summary_words() -> int:
    # Imported here: the summarizer loads spaCy's word lists, and building the `newsweave`
    # parser (for `story`, `serve`, ...) must not pay for that.
    from newsweave.stages.summary import DEFAULT_WORDS

    return DEFAULT_WORDS
