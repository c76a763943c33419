"""Feeds and pages served by a real HTTP server on 127.0.0.1; `watch` polls them."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsweave.errors import Rejected
from newsweave.model import Article
from newsweave.sources.fetch import articles_from_url, fetch, make_client
from newsweave.store.feeds import feed_state
from newsweave.store.ingest import Ingestor
from newsweave.store.sqlite import Store
from newsweave.watch import WatchConfig, load_config, poll_once

BODY = (
    "Ferry workers in Brenna walked out on {day}, stranding hundreds of passengers at the port terminal. "
    "The union said the strike over pay would go on until the operator returned to talks, and the "
    "harbour master in Brenna said item {n} of the coverage was confirmed by three separate witnesses."
)


class Site:
    """What the test server serves; tests change it between polls."""

    def __init__(self) -> None:
        self.items = [(n, "Tuesday") for n in range(3)]
        self.etag = '"v1"'
        self.requests: list[str] = []

    def rss(self) -> bytes:
        entries = "".join(
            f"<item><title>Brenna ferry strike, report {n}</title><link>http://local.test/item/{n}</link>"
            f"<pubDate>Tue, 17 Nov 2026 0{n}:00:00 GMT</pubDate>"
            f"<description>{BODY.format(day=day, n=n)}</description></item>"
            for n, day in self.items
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Brenna Post</title>{entries}</channel></rss>'.encode()


ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>'
    '<entry><title>Short entry</title><link href="{base}/page.html"/><updated>2026-11-17T10:00:00Z</updated>'
    "<summary>See the page.</summary></entry></feed>"
)
PAGE = (
    "<html><head><title>Brenna strike enters second day</title></head><body><article><h1>Brenna strike "
    "enters second day</h1><p>"
    + BODY.format(day="Wednesday", n=99)
    + "</p></article></body></html>"
)


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed.xml":
                if self.headers.get("If-None-Match") == state.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self._send(state.rss(), "application/rss+xml", etag=state.etag)
            elif self.path == "/atom.xml":
                self._send(ATOM.format(base=base).encode(), "application/atom+xml")
            elif self.path == "/page.html":
                self._send(PAGE.encode(), "text/html; charset=utf-8")
            elif self.path == "/big":
                self._send(b"x" * 300_000, "text/html")
            elif self.path == "/slow":
                time.sleep(1.5)
                try:
                    self._send(b"late", "text/plain")
                except OSError:
                    pass  # the client gave up first, as it should
            else:
                self.send_error(500)

        def _send(self, body: bytes, kind: str, etag: str | None = None) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_fetch_refuses_loopback_unless_allowed(site: tuple[Site, str]) -> None:
    _, base = site
    with make_client() as client:
        with pytest.raises(Rejected) as refused:
            fetch(f"{base}/page.html", client=client)
        assert refused.value.reason == "blocked_address"
        assert fetch(f"{base}/page.html", client=client, allow_private=True).status == 200


def test_fetch_enforces_size_and_time_limits(site: tuple[Site, str]) -> None:
    _, base = site
    with make_client(timeout_s=0.5) as client:
        with pytest.raises(Rejected) as big:
            fetch(f"{base}/big", client=client, allow_private=True, max_bytes=100_000)
        assert big.value.reason == "too_large"
        with pytest.raises(Rejected) as slow:
            fetch(f"{base}/slow", client=client, allow_private=True)
        assert slow.value.reason == "fetch_timeout"


def test_fetch_reads_pages_and_short_feed_entries_through_their_pages(
    site: tuple[Site, str],
) -> None:
    _, base = site
    with make_client() as client:
        (page,) = articles_from_url(f"{base}/page.html", client=client, allow_private=True)
        (entry,) = articles_from_url(f"{base}/atom.xml", client=client, allow_private=True)
    assert isinstance(page, Article) and "Brenna" in page.raw_text
    assert (
        isinstance(entry, Article)
        and entry.url == f"{base}/page.html"
        and "harbour master" in entry.raw_text
    )
    assert entry.published == dt.datetime(2026, 11, 17, 10)


def test_watch_ingests_new_items_only_and_survives_failing_feeds(
    site: tuple[Site, str], tmp_path: Path
) -> None:
    state, base = site
    config_path = tmp_path / "feeds.toml"
    config_path.write_text(
        f'interval_s = 60\ntimeout_s = 0.5\nallow_private = true\n[[feeds]]\nurl = "{base}/feed.xml"\n'
        f'[[feeds]]\nurl = "{base}/broken"\n[[feeds]]\nurl = "{base}/slow"\n',
        encoding="utf-8",
    )
    config: WatchConfig = load_config(config_path)
    db = tmp_path / "news.db"
    start = dt.datetime(2026, 11, 17, 12)
    with Store(db) as store, make_client(config.timeout_s) as client:
        ingestor = Ingestor(store)
        first = poll_once(ingestor, config, client=client, now=start)
        assert first.ingest.added == 3
        assert set(first.failed) == {f"{base}/broken", f"{base}/slow"}
        second = poll_once(ingestor, config, client=client, now=start + dt.timedelta(seconds=61))
        assert second.unchanged == [f"{base}/feed.xml"] and second.ingest.added == 0
        assert f"{base}/broken" not in second.checked, "a failing feed waits longer (backoff)"
        state.items.append((3, "Wednesday"))
        state.etag = '"v2"'
        third = poll_once(ingestor, config, client=client, now=start + dt.timedelta(seconds=122))
        assert third.ingest.added == 1
        assert feed_state(store, f"{base}/broken")["failures"] == 2
        assert store.article_count() == 4

    env = os.environ | {"NEWSWEAVE_DB": str(db)}
    listed = subprocess.run(
        [sys.executable, "-m", "newsweave.cli", "stories"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "Brenna ferry strike" in listed.stdout


def test_watch_command_runs_rounds(site: tuple[Site, str], tmp_path: Path) -> None:
    _, base = site
    config_path = tmp_path / "feeds.toml"
    config_path.write_text(
        f'allow_private = true\n[[feeds]]\nurl = "{base}/feed.xml"\n', encoding="utf-8"
    )
    db = tmp_path / "news.db"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsweave.cli",
            "watch",
            str(config_path),
            "--db",
            str(db),
            "--rounds",
            "1",
            "--no-analyze",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "3 new article(s)" in run.stderr
    with Store(db) as store:
        assert store.article_count() == 3
