"""Fetching through a proxy the environment names: a real HTTP proxy and a real site, both
threaded servers on 127.0.0.1. The proxy is the user's choice, so its own (loopback) address is
never refused; the target is still checked wherever this machine can see its address."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from newsweave.errors import Rejected
from newsweave.sources.fetch import fetch, make_client

PAGE = b"<html><body><p>Ferry workers in Brenna walked out on Tuesday.</p></body></html>"
# A name this machine cannot resolve (.test is reserved) that the proxy knows, as a proxy on a
# network with its own name service does.
PROXY_ONLY_HOST = "news.brenna.test"


@dataclass
class Servers:
    site: str  # http://127.0.0.1:PORT
    proxy: str
    proxied: list[str] = field(default_factory=list)  # request targets the proxy forwarded
    direct: list[str] = field(default_factory=list)  # paths the site was asked for


def _serve(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def servers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Servers]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    seen: dict[str, list[str]] = {"proxied": [], "direct": []}

    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen["direct"].append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: object) -> None:
            pass

    site, site_url = _serve(Site)
    site_port = site.server_address[1]

    class Proxy(BaseHTTPRequestHandler):
        """A forward proxy: an absolute-form request goes on to its host (its own names first)."""

        def do_GET(self) -> None:
            seen["proxied"].append(self.path)
            target = urlsplit(self.path)
            host, port = target.hostname or "", target.port or 80
            if host == PROXY_ONLY_HOST:
                host, port = "127.0.0.1", site_port
            upstream = http.client.HTTPConnection(host, port, timeout=5)
            upstream.request("GET", target.path or "/")
            answer = upstream.getresponse()
            body = answer.read()
            upstream.close()
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.getheader("Content-Type", "text/plain"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    proxy, proxy_url = _serve(Proxy)
    yield Servers(site_url, proxy_url, seen["proxied"], seen["direct"])
    for server in (site, proxy):
        server.shutdown()
        server.server_close()


def test_fetch_goes_through_the_proxy_in_http_proxy(
    servers: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", servers.proxy)
    with make_client(5.0) as client:
        fetched = fetch(f"http://{PROXY_ONLY_HOST}/page.html", client=client)
    assert fetched.status == 200 and fetched.content == PAGE
    assert servers.proxied == [f"http://{PROXY_ONLY_HOST}/page.html"]


def test_proxy_without_a_scheme_is_read_as_http(
    servers: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("http_proxy", servers.proxy.removeprefix("http://"))
    with make_client(5.0) as client:
        assert fetch(f"http://{PROXY_ONLY_HOST}/a", client=client).content == PAGE
    assert servers.proxied == [f"http://{PROXY_ONLY_HOST}/a"]


def test_proxied_fetch_still_refuses_a_private_target(
    servers: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", servers.proxy)
    with make_client(5.0) as client:
        for url in (f"{servers.site}/page.html", "http://localhost/page.html"):
            with pytest.raises(Rejected) as refused:
                fetch(url, client=client)
            assert refused.value.reason == "blocked_address"
        assert servers.proxied == []  # refused before the proxy was asked
        assert fetch(f"{servers.site}/ok", client=client, allow_private=True).content == PAGE
    assert servers.proxied == [f"{servers.site}/ok"]


def test_no_proxy_hosts_are_fetched_directly_and_checked(
    servers: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", servers.proxy)
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    with make_client(5.0) as client:
        with pytest.raises(Rejected) as refused:
            fetch(f"{servers.site}/page.html", client=client)
        assert refused.value.reason == "blocked_address"
        assert fetch(f"{servers.site}/direct", client=client, allow_private=True).status == 200
    assert servers.proxied == [] and servers.direct == ["/direct"]


def test_a_proxy_that_is_not_http_is_one_clear_rejection(
    servers: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:1")
    with make_client(5.0) as client, pytest.raises(Rejected) as refused:
        fetch(f"http://{PROXY_ONLY_HOST}/page.html", client=client)
    assert refused.value.reason == "fetch_failed"
    assert "socks5://127.0.0.1:1 is not an http(s) proxy" in refused.value.detail
