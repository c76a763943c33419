"""The service layer's reading of what a user named: files, folders, feeds and pages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsweave.model import Article, Rejection
from newsweave.service import read_sources

TEXT = (
    "Ferry workers in Brenna walked out on Tuesday, stranding hundreds of passengers at the port. "
    "The union said the strike over pay would go on until the operator returned to talks."
)
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Brenna Post</title>'
    "<item><title>Brenna ferry strike</title><link>http://local.test/item/1</link>"
    f"<description>{TEXT}</description></item></channel></rss>"
)


@pytest.fixture
def page_server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = f"<html><head><title>Strike</title></head><body><p>{TEXT}</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body.encode())))
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_read_sources_reads_files_folders_and_feed_files_in_order(tmp_path: Path) -> None:
    (tmp_path / "coverage").mkdir()
    (tmp_path / "coverage" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "coverage" / "README").write_text("not an article", encoding="utf-8")
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    items = list(
        read_sources([str(tmp_path / "coverage"), str(tmp_path / "feed.rss"), "nowhere.txt"])
    )
    assert [type(item) for item in items] == [Article, Article, Rejection]
    assert items[0].id == "a" and items[1].title == "Brenna ferry strike"
    assert items[2] == Rejection("nowhere.txt", "missing", "no such file or folder")


def test_read_sources_without_files_never_reads_a_path(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(TEXT, encoding="utf-8")
    (item,) = read_sources([str(secret)], files=False)
    assert item == Rejection(str(secret), "unsupported", "only http(s) URLs can be fetched")


def test_read_sources_fetches_pages_and_checks_their_address(page_server: str) -> None:
    (refused,) = read_sources([f"{page_server}/story"])
    assert isinstance(refused, Rejection) and refused.reason == "blocked_address"
    (page,) = read_sources([f"{page_server}/story"], allow_private=True, timeout_s=5)
    assert isinstance(page, Article) and "Brenna" in page.raw_text
