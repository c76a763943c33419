"""Guarded HTTP connections: the address that is checked is the address connected to, every
fetch has a total deadline, and a compressed body is inflated a bounded piece at a time.

A host name is resolved once, when the connection is opened; each address is checked against
the fetch's policy and the socket connects to the checked address (the TLS certificate is still
checked against the host name). A resolver that answers a public address to the check and a
loopback one to the connection (DNS rebinding) has nothing to exploit.

A proxy named by the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY; not for hosts in
NO_PROXY) is used as curl and pip use it. The proxy is the user's own choice, so it may sit on a
private address; the proxy resolves and connects to the target, so the target is checked as far
as this machine can see it: an address in the URL always, and a host name's addresses when this
machine can resolve it (behind a proxy it often cannot; the proxy then decides).
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import time
import typing
import urllib.request
import zlib
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpcore
import httpx

from newsweave.errors import Rejected

# Query parameters whose values are secrets: they never appear in a message or a log.
_SECRET_PARAMETERS = frozenset(
    {"token", "access_token", "auth", "key", "api_key", "apikey", "password", "secret", "sig",
     "signature", "session", "sessionid", "code"}
)  # fmt: skip
_INFLATE_STEP = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Which addresses one fetch may connect to, and the monotonic time it must end by."""

    allow_private: bool = False
    trusted_addresses: frozenset[str] = frozenset()  # exact addresses allowed though private
    deadline: float | None = None

    def check(self, address: str, host: str) -> None:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if self.allow_private or ip.is_global or str(ip) in self.trusted_addresses:
            return
        raise Rejected(
            "blocked_address",
            f"{host} resolves to {ip}, a private or local address; allow it with --allow-private",
        )

    def remaining(self, timeout: float | None) -> float | None:
        """The time one network operation may take: its own limit, cut to the deadline."""
        if self.deadline is None:
            return timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the fetch's total time limit has passed")
        return left if timeout is None else min(timeout, left)


_POLICY: ContextVar[FetchPolicy | None] = ContextVar("newsweave_fetch_policy", default=None)
_PUBLIC_ONLY = FetchPolicy()


def _current() -> FetchPolicy:
    return _POLICY.get() or _PUBLIC_ONLY


@contextlib.contextmanager
def fetch_policy(policy: FetchPolicy) -> Iterator[None]:
    """Connections opened inside the block follow `policy` (public addresses only otherwise)."""
    token = _POLICY.set(policy)
    try:
        yield
    finally:
        _POLICY.reset(token)


class _DeadlineBackend(httpcore.SyncBackend):
    """Connects where it is asked (the proxy), every operation within the fetch's deadline."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        remaining = _current().remaining(timeout)
        stream = super().connect_tcp(host, port, remaining, local_address, socket_options)
        return _DeadlineStream(stream)


class _GuardedBackend(_DeadlineBackend):
    """Connects to a checked address of the host, never to one resolved after the check."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = _resolve(host, port)
        for address in addresses:  # every answer must pass, so no retry can reach a bad one
            _current().check(address, host)
        return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)


def _resolve(host: str, port: int | None) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the fetch's deadline: a server that
    sends a byte every few seconds cannot hold a fetch beyond it."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _current().remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _current().remaining(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: typing.Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, _current().remaining(timeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


def guarded_transport(proxies: Mapping[str, str] | None = None) -> httpx.BaseTransport:
    """httpx's transport, connecting through the guarded backend, or through the proxy that
    `proxies` (by default the environment's, as `urllib.request.getproxies_environment` reads
    them) names for a URL's scheme."""
    return _Transport(urllib.request.getproxies_environment() if proxies is None else proxies)


class _Transport(httpx.BaseTransport):
    """Sends each request straight to its checked address, or through the proxy for its URL.

    httpx takes no network backend of its own, so its connection pools are replaced by
    equivalent ones that connect through ours."""

    def __init__(self, proxies: Mapping[str, str]) -> None:
        self._proxies = dict(proxies)
        self._direct = httpx.HTTPTransport(trust_env=False)
        self._direct._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=_GuardedBackend(),
        )
        self._proxied: dict[str, httpx.HTTPTransport] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        proxy = self._proxy_for(request.url)
        if proxy is None:
            return self._direct.handle_request(request)
        _check_proxied_target(request.url.host)
        if proxy not in self._proxied:
            self._proxied[proxy] = _proxy_transport(proxy)
        return self._proxied[proxy].handle_request(request)

    def _proxy_for(self, url: httpx.URL) -> str | None:
        proxy = self._proxies.get(url.scheme) or self._proxies.get("all")
        if not proxy:
            return None
        host = f"{url.host}:{url.port}" if url.port else url.host
        if urllib.request.proxy_bypass_environment(host, self._proxies):  # NO_PROXY
            return None
        return proxy if "://" in proxy else f"http://{proxy}"  # "proxy:3128", as curl reads it

    def close(self) -> None:
        self._direct.close()
        for transport in self._proxied.values():
            transport.close()


def _proxy_transport(proxy_url: str) -> httpx.HTTPTransport:
    proxy = httpx.Proxy(proxy_url)
    if proxy.url.scheme not in ("http", "https"):
        raise Rejected("fetch_failed", f"the proxy {redact_url(proxy_url)} is not an http(s) proxy")
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.HTTPProxy(
        proxy_url=httpcore.URL(
            scheme=proxy.url.raw_scheme,
            host=proxy.url.raw_host,
            port=proxy.url.port,
            target=proxy.url.raw_path,
        ),
        proxy_auth=proxy.raw_auth,
        proxy_headers=proxy.headers.raw,
        ssl_context=httpx.create_ssl_context(trust_env=False),
        proxy_ssl_context=proxy.ssl_context,
        network_backend=_DeadlineBackend(),
    )
    return transport


def _check_proxied_target(host: str) -> None:
    """The target of a proxied request, checked as far as this machine can resolve it."""
    try:
        addresses = [str(ipaddress.ip_address(host.split("%", 1)[0]))]
    except ValueError:
        try:
            addresses = _resolve(host, None)
        except httpcore.ConnectError:
            return  # this machine cannot resolve it; the proxy the user chose does
    for address in addresses:
        _current().check(address, host)


def read_body(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """The decoded body, refused as `too_large` once more than `max_bytes` are read or inflated.

    gzip and deflate are inflated here, a bounded step at a time, so a small compressed bomb
    never takes more memory than the limit."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    inflater = _inflater(encoding, url)
    body = bytearray()
    try:
        _inflate_into(body, response, inflater, url, max_bytes)
    except zlib.error:
        raise Rejected(
            "fetch_failed", f"{redact_url(url)} sent a corrupt compressed body"
        ) from None
    return bytes(body)


def _inflate_into(
    body: bytearray, response: httpx.Response, inflater: typing.Any, url: str, max_bytes: int
) -> None:
    for raw in response.iter_raw():
        pending = raw
        while pending:
            if inflater is None:
                body += pending
                pending = b""
            else:
                body += inflater.decompress(pending, _INFLATE_STEP)
                pending = inflater.unconsumed_tail
            if len(body) > max_bytes:
                raise Rejected(
                    "too_large", f"{redact_url(url)} is over the {max_bytes:,}-byte limit"
                )
    if inflater is not None:
        body += inflater.flush()
        if len(body) > max_bytes:
            raise Rejected("too_large", f"{redact_url(url)} is over the {max_bytes:,}-byte limit")


def _inflater(encoding: str, url: str) -> typing.Any:
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # a gzip or zlib header, found by itself
    raise Rejected(
        "fetch_failed", f"{redact_url(url)} sent an unsupported content encoding {encoding!r}"
    )


def redact_url(url: str) -> str:
    """`url` without a password or the values of secret-looking query parameters."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, hostport = netloc.rpartition("@")
            user = userinfo.split(":", 1)[0]
            netloc = f"{user}:***@{hostport}" if ":" in userinfo else f"{user}@{hostport}"
        query = urlencode(
            [
                (name, "***" if name.lower() in _SECRET_PARAMETERS else value)
                for name, value in parse_qsl(parts.query, keep_blank_values=True)
            ],
            safe="*",
        )
        return urlunsplit(parts._replace(netloc=netloc, query=query))
    except ValueError:
        return "(unparsable URL)"
