"""The store commands: `ingest`, `watch`, `cluster`, `stories`, `story`, `update`, `export`.

Each parses its options, calls the library (`newsweave.service`, `newsweave.watch`) and prints.
The store is `--db PATH`, else $NEWSWEAVE_DB, else ./newsweave.db.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsweave.errors import NewsweaveError
from newsweave.render._common import printable
from newsweave.render.terminal import skipped_line
from newsweave.sources.read import DEFAULT_MAX_BYTES


def add_store_commands(commands: Any) -> None:
    """Add the store commands to the `newsweave` argument parser's subparsers."""
    ingest = _command(
        commands,
        "ingest",
        "add files, folders, feeds or pages to the store",
        "Ingest articles into the store and group them into stories. A source is a file "
        "(.txt .html .json .jsonl, or an .rss/.atom/.xml feed), a folder, or an http(s) URL of a "
        "feed or a page. Example: newsweave ingest coverage/ https://example.org/rss.xml",
    )
    ingest.add_argument("sources", nargs="+", metavar="SOURCE")
    ingest.add_argument("--batch-size", type=int, default=100, help="articles per transaction")
    ingest.add_argument(
        "--allow-private", action="store_true", help="allow URLs on loopback/private networks"
    )
    ingest.add_argument(
        "--timeout", type=float, default=15.0, help="seconds to wait for a web server"
    )
    ingest.add_argument(
        "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip larger inputs"
    )
    ingest.add_argument(
        "--analyze", action="store_true", help="re-analyze the stories that changed"
    )
    ingest.add_argument("--quiet", action="store_true", help="print no line per article")
    ingest.set_defaults(run=_run_ingest)

    watch = _command(
        commands,
        "watch",
        "poll feeds from a TOML config and keep stories current",
        "Poll feeds on an interval (conditional requests, backoff on errors). "
        "Example: newsweave watch feeds.toml",
    )
    watch.add_argument("config", type=Path, help="TOML file with [[feeds]] url = ...")
    watch.add_argument("--rounds", type=int, help="stop after this many polling rounds")
    watch.add_argument(
        "--no-analyze", action="store_true", help="do not re-analyze changed stories"
    )
    watch.set_defaults(run=_run_watch)

    cluster = _command(
        commands,
        "cluster",
        "re-cluster every stored article in batch mode",
        "Batch mode for a backlog: cluster all stored articles again; story ids stay stable "
        "and merges and splits are logged. Example: newsweave cluster",
    )
    cluster.add_argument(
        "--window-days",
        type=float,
        default=90.0,
        help="the most two consecutive articles of one story may lie apart (default 90)",
    )
    cluster.set_defaults(run=_run_cluster)

    stories = _command(
        commands,
        "stories",
        "list stories",
        "List stories, most recent first. "
        "Example: newsweave stories --since 2026-11-01 --query earthquake",
    )
    stories.add_argument(
        "--since", type=_date, help="only stories active since this date (YYYY-MM-DD)"
    )
    stories.add_argument("--query", help="only stories whose titles or texts contain this")
    stories.add_argument("--limit", type=int, default=50)
    stories.add_argument("--json", action="store_true", help="print JSON lines")
    stories.set_defaults(run=_run_stories)

    story = _command(
        commands,
        "story",
        "show one story's stored analysis",
        "Show one story from its stored analysis, without analysing anything: in the terminal, "
        "or as a JSON, Markdown or HTML report (to FILE, or to stdout with '-'). "
        "Example: newsweave story s4 --html story.html",
    )
    story.add_argument("story_id", metavar="ID")
    for name in ("json", "md", "html"):
        story.add_argument(
            f"--{name}",
            metavar="FILE",
            nargs="?",
            const="-",
            type=Path,
            help=f"write the {name.upper()} report to FILE ('-' or nothing: stdout)",
        )
    story.add_argument(
        "--refresh",
        action="store_true",
        help="analyse the story first if articles arrived since its last analysis",
    )
    story.set_defaults(run=_run_story)

    update = _command(
        commands,
        "update",
        "analyse the stories that changed since their last analysis",
        "Make or refresh the stored analysis of every story whose articles changed (what "
        "`ingest --analyze` and `watch` do after each round). Example: newsweave update",
    )
    update.add_argument("story_ids", nargs="*", metavar="ID", help="only these stories")
    update.set_defaults(run=_run_update)

    export = _command(
        commands,
        "export",
        "export stored articles with their story ids",
        "Export every stored article with its story id. "
        "Example: newsweave export --format parquet --out articles.parquet",
    )
    export.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    export.add_argument("--out", type=Path, help="output file (JSONL goes to stdout without it)")
    export.set_defaults(run=_run_export)


def _command(commands: Any, name: str, help_text: str, description: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=help_text, description=description
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(os.environ.get("NEWSWEAVE_DB", "newsweave.db")),
        help="the store file (default: $NEWSWEAVE_DB or ./newsweave.db)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    return parser


def _open(args: argparse.Namespace, *, create: bool = False) -> Any:
    """The store of `--db`; only the commands that add articles create a missing one."""
    from newsweave.service import open_store

    return open_store(args.db, create=create)


def _run_ingest(args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsweave.service import ingest, read_sources, update_analyses

    def acknowledge(article_id: str, story_id: str) -> None:
        if not args.quiet:
            print(f"ingested {printable(article_id)} {story_id}", flush=True)

    with _open(args, create=True) as store:
        items = read_sources(
            args.sources,
            allow_private=args.allow_private,
            timeout_s=args.timeout,
            max_bytes=args.max_bytes,
        )
        summary = ingest(store, items, batch_size=args.batch_size, on_ack=acknowledge)
        for rejection in summary.rejections:
            err.print(skipped_line(rejection), soft_wrap=True)
        with progress_bar(err) as progress:
            analyzed = update_analyses(store, progress=progress) if args.analyze else []
        err.print(
            f"{summary.added} new article(s), {summary.duplicates} already stored, "
            f"{summary.near_duplicates} near-duplicate(s), {len(summary.stories)} story(ies) touched, "
            f"{len(summary.changes)} merge/split(s), {len(analyzed)} analysis(es) updated",
            highlight=False,
        )
    if not summary.rejections:
        return 0
    return 1 if summary.added or summary.duplicates else 2  # 2: nothing usable at all


def _run_watch(args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsweave.watch import load_config, watch

    config = load_config(args.config)
    with _open(args, create=True) as store:
        watch(
            store,
            config,
            rounds=args.rounds,
            analyze=not args.no_analyze,
            report=lambda line: err.print(printable(line), markup=False, soft_wrap=True),
        )
    return 0


def _run_cluster(args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsweave.service import recluster

    with _open(args) as store:
        changes = recluster(store, window_days=args.window_days)
        for change in changes:
            out.print(
                f"{change.kind} {change.story} {change.other} ({change.article_count} articles)"
            )
        out.print(f"{len(store.stories())} stories, {len(changes)} merge/split(s)")
    return 0


def _run_stories(args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsweave.service import list_stories

    with _open(args) as store:
        found = list_stories(store, since=args.since, query=args.query, limit=args.limit)
    if args.json:
        for story in found:
            record = {
                "id": story.id,
                "title": story.title,
                "articles": story.article_count,
                "first": _iso(story.first_at),
                "last": _iso(story.last_at),
                "analysis": story.analysis,
            }
            print(json.dumps(record, ensure_ascii=False))
        return 0
    if not found:
        err.print("no stories" + (" match" if args.query or args.since else " yet"))
        return 0
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column, justify in (("story", "right"), ("last dated", "left"), ("articles", "right")):
        table.add_column(column, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    table.add_column("analysis")
    table.add_column("title", overflow="fold")
    for story in found:
        when = story.last_at.date().isoformat() if story.last_at else "undated"
        title = Text(printable(story.title))
        table.add_row(story.id, when, str(story.article_count), story.analysis, title)
    out.print(table)
    return 0


def _run_story(args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsweave.service import story_report, update_analyses

    formats = {name: getattr(args, name) for name in ("json", "md", "html")}
    with _open(args) as store:
        stored = store.story(args.story_id)
        if args.refresh and store.analysis_state(stored.id) != "current":
            update_analyses(store, story_ids=[stored.id])
        found = story_report(store, stored.id)
        if not any(formats.values()):
            _print_story_articles(store, stored, out)
    if found is None:
        hint = f"run `newsweave update {stored.id}` or `newsweave story {stored.id} --refresh`"
        if any(formats.values()):
            raise NewsweaveError(f"story {stored.id} has no analysis yet: {hint}")
        err.print(f"no analysis yet: {hint}", highlight=False)
        return 0
    if not found.is_current:
        err.print(
            f"note: articles reached {stored.id} after this analysis "
            f"({found.analyzed_at:%Y-%m-%d %H:%M}); `--refresh` updates it",
            highlight=False,
        )
    from newsweave.render.html import render_html
    from newsweave.render.json import render_json
    from newsweave.render.markdown import render_markdown

    writers = {"json": render_json, "md": render_markdown, "html": render_html}
    for name, target in formats.items():
        if target is None:
            continue
        text = writers[name](found.report)
        if str(target) == "-":
            sys.stdout.write(text)
        else:
            target.write_text(text, encoding="utf-8")
            err.print(f"wrote {target}", highlight=False)
    if not any(formats.values()):
        from newsweave.render.terminal import print_summary

        print_summary(found.report, out)
    return 0


def _print_story_articles(store: Any, stored: Any, out: Console) -> None:
    title = printable(stored.title)
    out.print(f"{stored.id}: {title} ({stored.article_count} articles)", markup=False)
    for article in store.story_articles(stored.id):
        when = article.published.date().isoformat() if article.published else "undated"
        out.print(
            f"  {when}  {printable(article.source)}: {printable(article.title or article.id)}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    for event in store.events(stored.id):
        out.print(
            f"  {event.at:%Y-%m-%d %H:%M} {event.kind}: {event.story} <- {event.other}",
            markup=False,
        )


def _run_update(args: argparse.Namespace, out: Console, err: Console) -> int:
    from newsweave.service import update_analyses

    with _open(args) as store:
        ids = [store.story(story_id).id for story_id in args.story_ids] or None
        with progress_bar(err) as progress:
            updated = update_analyses(store, story_ids=ids, progress=progress)
    err.print(f"{len(updated)} analysis(es) updated", highlight=False)
    return 0


@contextmanager
def progress_bar(
    err: Console, *, shown: bool = True
) -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar on a terminal for work that takes more than a moment; nothing elsewhere."""
    if not (shown and err.is_terminal):
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("working", total=None)

        def advance(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=total)

        yield advance


def _run_export(args: argparse.Namespace, out: Console, err: Console) -> int:
    with _open(args) as store:
        rows = store.iter_articles()
        if args.format == "jsonl":
            handle = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
            try:
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            finally:
                if args.out:
                    handle.close()
            return 0
        if not args.out:
            raise NewsweaveError("--format parquet needs --out FILE")
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise NewsweaveError(
                "parquet export needs pyarrow: pip install 'newsweave[parquet]'"
            ) from None
        pq.write_table(pa.Table.from_pylist(list(rows)), args.out)
    return 0


def _date(value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date like 2026-11-22, got {value!r}"
        ) from None


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None
