"""Feeds and pages from the web: feedparser for RSS/Atom, httpx with timeouts and size limits.

Fetching refuses addresses on loopback, private, link-local and other non-public networks
unless `allow_private=True` (a feed on the local network): a URL in a feed must not make
newsweave probe the user's own network. The check is made on the addresses the host name resolves
to, when the connection is opened and on the address connected to (`_network`); redirects are
followed one hop at a time, each checked, all within one total deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

from newsweave import __version__ as _version
from newsweave.errors import Rejected
from newsweave.model import Article, DateOrigin, Rejection
from newsweave.sources._decode import decode_bytes
from newsweave.sources._network import (
    FetchPolicy,
    fetch_policy,
    guarded_transport,
    read_body,
    redact_url,
)
from newsweave.sources.read import DEFAULT_MAX_BYTES, article_from_html, read_bytes

USER_AGENT = f"newsweave/{_version} (news reader; polls feeds at most every few minutes)"
TIMEOUT_S = 15.0
MAX_BYTES = 5 * 1024 * 1024
_MAX_REDIRECTS = 5
_FEED_TYPES = ("rss", "atom", "xml", "rdf")
_MIN_SUMMARY_WORDS = 25  # a feed entry with less text than this is fetched as a page
# A feed entry with fewer words than this, and no page fetched, is a teaser or debris ("Read
# more", an unexpanded entity), not an article: the same floor as an HTML page's.
_MIN_ENTRY_WORDS = 8
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})


@dataclass(frozen=True, slots=True)
class Fetched:
    """One HTTP response body; `not_modified` when the server answered 304."""

    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(
    url: str,
    *,
    client: httpx.Client,
    allow_private: bool = False,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = MAX_BYTES,
    deadline_s: float | None = None,
    trusted_addresses: Collection[str] = (),
) -> Fetched:
    """GET `url` politely: conditional headers, public addresses only, at most `max_bytes`
    (after decompression), all redirects included within `deadline_s` (default: the client's
    timeout). `client` comes from `make_client`, whose connections enforce the address check.
    `trusted_addresses` are exact addresses allowed though private (a test's own server).

    Raises:
        Rejected: `bad_url`, `blocked_address`, `fetch_timeout`, `fetch_failed`,
        `http_<status>`, `too_large`.
    """
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    total_s = deadline_s if deadline_s is not None else (client.timeout.read or TIMEOUT_S)
    policy = FetchPolicy(allow_private, frozenset(trusted_addresses), time.monotonic() + total_s)
    with fetch_policy(policy):
        for _ in range(_MAX_REDIRECTS + 1):
            _check_scheme(url)
            shown = redact_url(url)
            try:
                with client.stream("GET", url, headers=headers, follow_redirects=False) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    return _fetched(response, url, shown, etag, last_modified, max_bytes)
            except httpx.TimeoutException:
                raise Rejected(
                    "fetch_timeout", f"{shown} did not answer within the time limit"
                ) from None
            except httpx.HTTPError as error:
                raise Rejected("fetch_failed", f"cannot fetch {shown}: {error}") from None
    raise Rejected("fetch_failed", f"{shown}: more than {_MAX_REDIRECTS} redirects")


def _fetched(
    response: httpx.Response,
    url: str,
    shown: str,
    etag: str | None,
    last_modified: str | None,
    max_bytes: int,
) -> Fetched:
    if response.status_code == 304:
        return Fetched(url, 304, b"", "", etag, last_modified)
    if response.status_code >= 400:
        raise Rejected(
            f"http_{response.status_code}", f"{shown} answered HTTP {response.status_code}"
        )
    declared = response.headers.get("content-length") or "0"
    if declared.isdigit() and int(declared) > max_bytes:
        raise Rejected(
            "too_large", f"{shown} is {int(declared):,} bytes, over the {max_bytes:,}-byte limit"
        )
    return Fetched(
        url,
        response.status_code,
        read_body(response, url, max_bytes),
        response.headers.get("content-type", ""),
        response.headers.get("etag"),
        response.headers.get("last-modified"),
    )


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Rejected("bad_url", f"not an http(s) URL: {redact_url(url)}")


def make_client(timeout_s: float = TIMEOUT_S) -> httpx.Client:
    """An HTTP client with newsweave's time limits (connect, read, write, pool, and the total
    time of one fetch) whose direct connections go only to addresses `fetch` allows. A proxy
    named by HTTP_PROXY, HTTPS_PROXY or ALL_PROXY (unless NO_PROXY lists the host) is used for
    its URLs; the target is then checked as far as this machine can resolve it."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout_s),
        headers={"User-Agent": USER_AGENT},
        transport=guarded_transport(),
        trust_env=False,
    )


def is_feed(fetched: Fetched) -> bool:
    """Whether a response looks like an RSS or Atom feed rather than a page."""
    kind = fetched.content_type.lower()
    if any(name in kind for name in _FEED_TYPES):
        return True
    head = fetched.content[:500].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed"))


def articles_from_feed(
    content: bytes | str,
    *,
    origin: str,
    client: httpx.Client | None = None,
    allow_private: bool = False,
    is_known: Callable[[str], bool] | None = None,
) -> Iterator[Article | Rejection]:
    """The entries of an RSS/Atom feed as articles; short entries are fetched as pages.

    Entries whose link `is_known` (already stored) are passed over without fetching.
    """
    try:
        parsed = feedparser.parse(content)
    except Exception as error:  # the parser's own failure on hostile input must stay one input's
        yield Rejection(origin, "malformed_feed", f"not a readable feed: {error}")
        return
    if parsed.bozo and not parsed.entries:
        yield Rejection(
            origin, "malformed_feed", f"not a readable feed: {parsed.get('bozo_exception')}"
        )
        return
    source = parsed.feed.get("title") or urlsplit(origin).hostname or Path(origin).name
    for number, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        where = f"{origin}#{number}"
        if link and is_known is not None and is_known(link):
            continue
        try:
            yield _entry_article(entry, link, source, where, client, allow_private)
        except Rejected as error:
            yield Rejection(redact_url(link) if link else where, error.reason, error.detail)


def read_feed_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Rejection]:
    """The entries of an RSS/Atom feed file (no page is fetched), or why there are none."""
    try:
        content = read_bytes(path, max_bytes)
    except Rejected as error:
        yield Rejection(str(path), error.reason, error.detail)
        return
    yield from articles_from_feed(content, origin=str(path))


def articles_from_url(
    url: str, *, client: httpx.Client, allow_private: bool = False, max_bytes: int = MAX_BYTES
) -> Iterator[Article | Rejection]:
    """A feed URL's entries, or a page URL's article."""
    try:
        fetched = fetch(url, client=client, allow_private=allow_private, max_bytes=max_bytes)
        if is_feed(fetched):
            yield from articles_from_feed(
                fetched.content, origin=redact_url(url), client=client, allow_private=allow_private
            )
        else:
            yield page_article(fetched)
    except Rejected as error:
        yield Rejection(redact_url(url), error.reason, error.detail)


def page_article(fetched: Fetched) -> Article:
    """The article of a fetched HTML page (main text by trafilatura)."""
    html = decode_bytes(fetched.content)
    return article_from_html(
        html,
        article_id=_url_id(fetched.url),
        origin=fetched.url,
        url=fetched.url,
        fallback_source=urlsplit(fetched.url).hostname or "",
    )


def _entry_article(
    entry: feedparser.FeedParserDict,
    link: str | None,
    source: str,
    where: str,
    client: httpx.Client | None,
    allow_private: bool,
) -> Article:
    text = _entry_text(entry)
    published = _entry_time(entry)
    if len(text.split()) < _MIN_SUMMARY_WORDS and link and client is not None:
        page = page_article(fetch(link, client=client, allow_private=allow_private))
        return Article(
            id=_url_id(link),
            source=source,
            raw_text=page.raw_text,
            title=entry.get("title") or page.title,
            url=link,
            published=published or page.published,
            date_origin=DateOrigin.METADATA
            if (published or page.published)
            else DateOrigin.UNKNOWN,
            language=page.language,
            origin=where,
        )
    if not text.strip():
        raise Rejected("empty", "feed entry has no text and no link to fetch")
    words = len(text.split())
    if words < _MIN_ENTRY_WORDS:
        raise Rejected(
            "no_article", f"feed entry has {words} word(s) of text and no page was fetched"
        )
    return Article(
        id=_url_id(link or where),
        source=source,
        raw_text=text,
        title=entry.get("title"),
        url=link,
        published=published,
        date_origin=DateOrigin.METADATA if published else DateOrigin.UNKNOWN,
        origin=where,
    )


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else entry.get("summary", "")
    if "<" in html:
        import trafilatura

        return (
            trafilatura.extract(f"<html><body><article>{html}</article></body></html>") or ""
        ).strip()
    return html.strip()


def _entry_time(entry: feedparser.FeedParserDict) -> dt.datetime | None:
    # dict.get: feedparser's own lookup of a missing `updated_parsed` warns of a deprecation.
    stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if not stamp:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).replace(tzinfo=None)


def _url_id(url: str) -> str:
    parts = urlsplit(url)
    slug = Path(parts.path.rstrip("/")).name or parts.hostname or "page"
    return f"{slug[:40]}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"
