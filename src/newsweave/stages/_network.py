"""Guarded HTTP connections: the address that is checked is the address connected to, every
fetch has a total deadline, and a compressed body is inflated a bounded piece at a time.

A host name is resolved once, when the connection is opened; each address is checked against
the fetch's policy and the socket connects to the checked address (the TLS certificate is still
checked against the host name). A resolver that answers a public address to the check and a
loopback one to the connection (DNS rebinding) has nothing to exploit.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import time
import typing
import zlib
from collections.abc import Iterator
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


class _GuardedBackend(httpcore.SyncBackend):
    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        policy = _current()
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for address in addresses:  # every answer must pass, so no retry can reach a bad one
            policy.check(address, host)
        stream = super().connect_tcp(
            addresses[0], port, policy.remaining(timeout), local_address, socket_options
        )
        return _DeadlineStream(stream)


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


def guarded_transport() -> httpx.HTTPTransport:
    """httpx's transport, connecting through the guarded backend. httpx takes no network
    backend of its own, so its connection pool is replaced by an equivalent one that does."""
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        network_backend=_GuardedBackend(),
    )
    return transport


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
