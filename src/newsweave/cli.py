"""The `newsweave` command: parse arguments, call the library, print. No analysis happens here."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from importlib import resources
from pathlib import Path
from typing import Any

from rich.console import Console

from newsweave.errors import NewsweaveError
from newsweave.model import Rejection
from newsweave.render._stream import StoryWriter, atomic_text_file
from newsweave.render.terminal import Summary, error_line, skipped_line
from newsweave.sources.read import DEFAULT_MAX_BYTES, read_inputs, with_text_defaults

EXIT_OK = 0
EXIT_PARTIAL = 1  # a report was written, but some inputs were rejected
EXIT_FAILED = 2  # nothing usable, or the command was used wrongly
_PROGRESS_MIN_ARTICLES = 20

EPILOG = """exit codes: 0 every input was used; 1 the report was written but some inputs were
rejected (each named on stderr); 2 no usable article, or a usage error."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `newsweave` command."""
    parser = _parser()
    args = parser.parse_args(argv)
    err = Console(stderr=True, highlight=False)
    out = Console(highlight=False)
    try:
        return int(args.run(args, out, err))
    except NewsweaveError as error:
        if args.debug:
            raise
        err.print(error_line(error), soft_wrap=True)
        return EXIT_FAILED
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsweave",
        description="Read the coverage of a news event from many outlets and report what happened.",
        epilog=EPILOG,
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    analyze = commands.add_parser(
        "analyze",
        help="analyze articles into a story report",
        description="Analyze articles (.txt, .html, .json, .jsonl files or folders of them) into a "
        "story report. Example: newsweave analyze coverage/ --html report.html",
        epilog=EPILOG,
    )
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    _add_output_options(analyze)
    analyze.add_argument(
        "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip input files larger than this"
    )
    analyze.add_argument(
        "--published",
        type=_date,
        metavar="DATE",
        help="publication date (ISO, e.g. 2023-06-18) of plain-text inputs that give none",
    )
    analyze.add_argument(
        "--source", metavar="NAME", help="outlet of plain-text inputs that name none"
    )
    analyze.add_argument(
        "--one-story",
        action="store_true",
        help="treat all inputs as one event instead of grouping them",
    )
    analyze.add_argument(
        "--summary-words",
        type=_positive,
        metavar="N",
        help="length of each story's summary in words (default: about 120)",
    )
    analyze.set_defaults(run=_run_analyze)

    demo = commands.add_parser(
        "demo",
        help="analyze the bundled demo coverage and write its reports",
        description="Analyze the bundled demo: seven fictional outlets covering one diplomatic "
        "visit. Example: newsweave demo --out newsweave-demo",
    )
    demo.add_argument(
        "--out", type=Path, default=Path("newsweave-demo"), help="folder for the reports"
    )
    demo.set_defaults(run=_run_demo)
    from newsweave.cli_store import add_store_commands

    add_store_commands(commands)
    from newsweave.web.command import add_serve_command

    add_serve_command(commands)
    from newsweave.runners.cli import add_batch_command

    add_batch_command(commands)
    for command in (analyze, demo):
        command.add_argument("--debug", action="store_true", help="show tracebacks")
        command.add_argument("--quiet", action="store_true", help="print no summary")
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a positive number of words, got {value}")
    return number


def _date(value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value.strip()).replace(tzinfo=None)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _add_output_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--json", type=Path, metavar="FILE", help="write the JSON report here")
    command.add_argument("--md", type=Path, metavar="FILE", help="write the Markdown report here")
    command.add_argument("--html", type=Path, metavar="FILE", help="write the HTML report here")


def _run_analyze(args: argparse.Namespace, out: Console, err: Console) -> int:
    summary, rejections = _analyze_paths(
        args.paths,
        args.max_bytes,
        err,
        {"json": args.json, "md": args.md, "html": args.html},
        one_story=args.one_story,
        summary_words=args.summary_words,
        text_defaults={"published": args.published, "source": args.source},
    )
    if not args.quiet:
        summary.print(rejections, out)
    return EXIT_PARTIAL if rejections else EXIT_OK


def _run_demo(args: argparse.Namespace, out: Console, err: Console) -> int:
    folder = resources.files("newsweave") / "demo" / "articles"
    html_path = args.out / "report.html"
    outputs = {"json": args.out / "report.json", "md": args.out / "report.md", "html": html_path}
    with resources.as_file(folder) as path:
        summary, rejections = _analyze_paths([path], DEFAULT_MAX_BYTES, err, outputs)
    if not args.quiet:
        summary.print(rejections, out)
    out.print(
        f"\nThe demo report is at [bold]{html_path.resolve()}[/bold] (also report.json, report.md)"
    )
    return EXIT_PARTIAL if rejections else EXIT_OK


def _analyze_paths(
    paths: Sequence[str | Path],
    max_bytes: int,
    err: Console,
    outputs: Mapping[str, Path | None],
    *,
    one_story: bool = False,
    summary_words: int | None = None,
    text_defaults: dict[str, Any] | None = None,
) -> tuple[Summary, list[Rejection]]:
    """Analyze the inputs, writing each story to every output as soon as it is built (so memory
    does not grow with the stories); each output file appears, complete, only at the end."""
    from newsweave.pipeline import DEFAULT_WORDS, analyze_iter

    articles, rejections = read_inputs(paths, max_bytes=max_bytes)
    if text_defaults:
        articles = with_text_defaults(articles, **text_defaults)
    for rejection in rejections:
        err.print(skipped_line(rejection), soft_wrap=True)
    from newsweave.cli_store import progress_bar

    summary = Summary()
    shown = len(articles) >= _PROGRESS_MIN_ARTICLES
    files_named = {kind: path for kind, path in outputs.items() if path is not None}
    try:
        with ExitStack() as files, progress_bar(err, shown=shown) as advance:
            writers = [_open_writer(files, kind, path) for kind, path in files_named.items()]
            stream = analyze_iter(
                articles,
                progress=advance,
                one_story=one_story,
                summary_words=summary_words or DEFAULT_WORDS,
            )
            del articles  # the pipeline keeps them only as long as it needs them
            for item in stream:
                if isinstance(item, Rejection):
                    rejections.append(item)
                    err.print(skipped_line(item), soft_wrap=True)
                    continue
                summary.add(item)
                for writer in writers:
                    writer.add(item)
            for writer in writers:
                writer.finish(rejections)
    except OSError as error:
        named = ", ".join(map(str, files_named.values()))
        raise NewsweaveError(f"cannot write {named}: {error.strerror or error}") from error
    return summary, rejections


def _open_writer(files: ExitStack, kind: str, path: Path) -> StoryWriter:
    """The writer of one output format, over a file that appears at `path` once complete."""
    from newsweave.render.html import HtmlWriter
    from newsweave.render.json import JsonWriter
    from newsweave.render.markdown import MarkdownWriter

    writer = {"json": JsonWriter, "md": MarkdownWriter, "html": HtmlWriter}[kind]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return files.enter_context(writer(files.enter_context(atomic_text_file(path))))
    except OSError as error:
        raise NewsweaveError(f"cannot write {path}: {error.strerror or error}") from error


if __name__ == "__main__":
    sys.exit(main())
