"""A hostile web server on 127.0.0.1: rebinding, slow drip, gzip bomb, endless redirects, huge
headers, secrets in URLs. The private-address check is relaxed only for this server's own
address (`trusted_addresses`), never switched off, so every refusal below is the real check."""

from __future__ import annotations

import gzip
import socket
import socketserver
import threading
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newsweave.cli import main
from newsweave.errors import Rejected
from newsweave.sources.fetch import fetch, make_client

PAGE = (
    b"<html><body><article><p>"
    + b"Ferry workers in Brenna walked out. " * 20
    + b"</p></article></body></html>"
)
BOMB_BYTES = 200 * 1024 * 1024
BOMB = gzip.compress(b"\0" * BOMB_BYTES, compresslevel=9)


@dataclass
class Hostile:
    port: int
    internal_hits: list[str] = field(default_factory=list)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


def _respond(handler: socketserver.StreamRequestHandler, path: str, port: int) -> None:
    out = handler.wfile
    if path == "/page":
        out.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
        out.write(b"Content-Length: %d\r\n\r\n%s" % (len(PAGE), PAGE))
    elif path == "/drip":  # a byte of body every 0.1 s, for as long as the client stays
        out.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
        _drip(out, b"x", 100)
    elif path == "/drip-headers":  # the status line never ends
        _drip(out, b"H", 100)
    elif path == "/bomb":
        out.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n")
        out.write(b"Content-Length: %d\r\n\r\n" % len(BOMB) + BOMB)
    elif path.startswith("/redirect/"):
        step = int(path.rsplit("/", 1)[1]) + 1
        out.write(
            b"HTTP/1.1 302 Found\r\nLocation: /redirect/%d\r\nContent-Length: 0\r\n\r\n" % step
        )
    elif path == "/to-internal":
        target = b"http://127.0.0.2:%d/secret" % port
        out.write(b"HTTP/1.1 302 Found\r\nLocation: " + target + b"\r\nContent-Length: 0\r\n\r\n")
    elif path == "/huge-headers":
        out.write(b"HTTP/1.1 200 OK\r\n" + b"X-Filler: " + b"a" * 2_000_000 + b"\r\n\r\n")
    else:
        out.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")


def _drip(out: object, byte: bytes, count: int) -> None:
    for _ in range(count):
        try:
            out.write(byte)  # type: ignore[attr-defined]
            out.flush()  # type: ignore[attr-defined]
        except OSError:
            return  # the client gave up, as it should
        time.sleep(0.1)


def _serve(address: tuple[str, int], on_request: object) -> socketserver.ThreadingTCPServer:
    class Handler(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            line = self.rfile.readline(65536).decode("latin-1")
            while self.rfile.readline(65536) not in (b"\r\n", b"\n", b""):
                pass
            parts = line.split()
            if len(parts) >= 2:
                on_request(self, parts[1])  # type: ignore[operator]

    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(address, Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def hostile() -> Iterator[Hostile]:
    public = _serve(("127.0.0.1", 0), lambda h, path: _respond(h, path, state.port))
    state = Hostile(public.server_address[1])

    def internal(handler: socketserver.StreamRequestHandler, path: str) -> None:
        state.internal_hits.append(path)
        body = b"internal admin page"
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))

    # The same port on another loopback address: what a rebinding attacker wants reached.
    private = _serve(("127.0.0.2", state.port), internal)
    yield state
    for server in (public, private):
        server.shutdown()
        server.server_close()


TRUSTED = {"127.0.0.1"}  # the fixture's own address: relaxed for it, and for nothing else


def _rejected(url: str, **options: object) -> Rejected:
    timeout_s = float(options.pop("timeout_s", 2.0))  # type: ignore[arg-type]
    with make_client(timeout_s) as client, pytest.raises(Rejected) as refused:
        fetch(url, client=client, trusted_addresses=TRUSTED, **options)  # type: ignore[arg-type]
    return refused.value


def test_hostile_dns_rebinding_connects_to_the_checked_address(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The resolver answers the fixture's address first, then an internal one: the old fetcher
    # checked the first answer and let the HTTP client resolve again and connect to the second.
    answers = iter(["127.0.0.1"] + ["127.0.0.2"] * 10)
    real = socket.getaddrinfo

    def rebinding(host: str, *args: object, **kwargs: object) -> list:
        if host == "news.test":
            return real(next(answers), *args, **kwargs)  # type: ignore[arg-type]
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with make_client(2.0) as client:
        page = fetch(hostile.url("/page", "news.test"), client=client, trusted_addresses=TRUSTED)
    assert page.content == PAGE
    assert hostile.internal_hits == []
    refused = _rejected(hostile.url("/page", "news.test"))  # now it answers 127.0.0.2 only
    assert refused.reason == "blocked_address" and "127.0.0.2" in refused.detail
    assert hostile.internal_hits == []


def test_hostile_redirect_to_an_internal_address_is_refused(hostile: Hostile) -> None:
    assert _rejected(hostile.url("/to-internal")).reason == "blocked_address"
    assert hostile.internal_hits == []


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_hostile_slow_drip_ends_at_the_total_deadline(hostile: Hostile, path: str) -> None:
    # One byte every 0.1 s never trips a 2 s read timeout; the total deadline ends it.
    started = time.monotonic()
    refused = _rejected(hostile.url(path), deadline_s=1.0)
    assert refused.reason == "fetch_timeout"
    assert time.monotonic() - started < 3.0


def test_hostile_gzip_bomb_is_refused_within_bounded_memory(hostile: Hostile) -> None:
    # 200 MB of zeros in 200 KB of gzip: inflated a step at a time, never all at once.
    tracemalloc.start()
    try:
        refused = _rejected(hostile.url("/bomb"), max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.reason == "too_large"
    assert peak < 8_000_000, f"peak {peak:,} bytes while inflating"


def test_hostile_endless_redirects_and_huge_headers_are_refused(hostile: Hostile) -> None:
    looping = _rejected(hostile.url("/redirect/0"))
    assert looping.reason == "fetch_failed" and "redirects" in looping.detail
    assert _rejected(hostile.url("/huge-headers")).reason == "fetch_failed"


def test_hostile_secrets_in_urls_stay_out_of_messages(
    hostile: Hostile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"http://reader:hunter2@127.0.0.1:{hostile.port}/missing?token=s3cr3t&page=2"
    refused = _rejected(url)
    assert refused.reason == "http_404"
    assert "hunter2" not in refused.detail and "s3cr3t" not in refused.detail
    assert "page=2" in refused.detail
    code = main(
        ["ingest", url, "--allow-private", "--timeout", "2", "--db", str(tmp_path / "n.db")]
    )
    printed = capsys.readouterr()
    assert code != 0 and "404" in printed.err, printed.err
    assert "hunter2" not in printed.err + printed.out and "s3cr3t" not in printed.err + printed.out
