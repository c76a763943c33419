"""The `newsweave serve` command: argument parsing and start-up only (the app is in app.py)."""

from __future__ import annotations

import argparse
import os
import socket
from importlib import resources
from pathlib import Path
from typing import Any

from rich.console import Console

from newsweave.errors import NewsweaveError

DEMO_DB = Path("newsweave-demo") / "newsweave.db"


def add_serve_command(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="browse the store's stories in a web browser",
        description="Serve the store as web pages and a JSON API on 127.0.0.1. Pages show stored "
        "analyses only. Example: newsweave serve --db news.db (or: newsweave serve --demo)",
    )
    serve.add_argument(
        "--db",
        type=Path,
        default=None,
        help="the store file (default: $NEWSWEAVE_DB or ./newsweave.db)",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--demo",
        action="store_true",
        help=f"first put the bundled demo coverage into a store (default {DEMO_DB}) and analyse it",
    )
    serve.add_argument("--debug", action="store_true", help="show tracebacks")
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace, out: Console, err: Console) -> int:
    db = args.db or (DEMO_DB if args.demo else Path(os.environ.get("NEWSWEAVE_DB", "newsweave.db")))
    if args.demo:
        _load_demo(db, err)
    elif not db.exists():
        raise NewsweaveError(
            f"no store at {db}: add coverage with `newsweave ingest --analyze PATH --db {db}`, "
            "or try `newsweave serve --demo`"
        )
    if not 0 < args.port < 65536:
        raise NewsweaveError(f"--port must be between 1 and 65535, got {args.port}")
    import uvicorn

    from newsweave import service
    from newsweave.store.search import sync_index
    from newsweave.web.app import create_app

    loopback = args.host in {"127.0.0.1", "localhost", "::1"}
    app = create_app(db, allowed_hosts=None if loopback else ["*"])
    listening = _listen(args.host, args.port)
    with service.open_store(db) as store:
        indexed = sync_index(store)
    if indexed:
        err.print(f"indexed {indexed} stored analysis(es) for search")
    host = f"[{args.host}]" if ":" in args.host else args.host
    out.print(f"newsweave serves {db} at [bold]http://{host}:{args.port}/[/bold]", highlight=False)
    out.print(f"write token (ingest, re-cluster, analyse): {app.state.token}", highlight=False)
    if not loopback:
        err.print(
            f"[yellow]warning:[/yellow] listening on {args.host}, not only this machine",
            markup=True,
        )
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[listening])
    return 0


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, opened before anything is printed: a taken port is one clear error."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listening = socket.socket(family, socket.SOCK_STREAM)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
        listening.listen(128)
    except OSError as error:
        raise NewsweaveError(
            f"cannot listen on {host}:{port}: {error.strerror or error} (try another --port)"
        ) from None
    return listening


def _load_demo(db: Path, err: Console) -> None:
    """Ingest and analyse the bundled demo coverage into `db` (skipped when already there)."""
    from newsweave import service
    from newsweave.sources.read import read_inputs

    db.parent.mkdir(parents=True, exist_ok=True)
    folder = resources.files("newsweave") / "demo" / "articles"
    with resources.as_file(folder) as path, service.open_store(db, create=True) as store:
        articles, rejections = read_inputs([path])
        summary = service.ingest(store, [*articles, *rejections])
        analysed = service.update_analyses(store)
    err.print(
        f"demo store {db}: {summary.added} new article(s), {len(analysed)} story(ies) analysed",
        highlight=False,
    )
