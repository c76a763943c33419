"""`newsweave watch`: poll a list of feeds on an interval and keep the store's stories current.

The config is a small TOML file:

    interval_s = 900          # default time between two polls of a feed
    timeout_s = 15
    allow_private = false     # true only for feeds on your own network
    [[feeds]]
    url = "https://example.org/rss.xml"
    interval_s = 300          # optional, per feed

Each poll sends the feed's last ETag / Last-Modified, so an unchanged feed costs one 304. A feed
that fails is retried later and later (doubling, at most `MAX_BACKOFF_S`); the others go on.
"""

from __future__ import annotations

import datetime as dt
import math
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.errors import NewsweaveError, Rejected
from newsweave.model import Rejection
from newsweave.service import update_analyses
from newsweave.sources._network import redact_url
from newsweave.sources.fetch import TIMEOUT_S, articles_from_feed, fetch, make_client
from newsweave.store.feeds import feed_state, save_feed_state
from newsweave.store.ingest import Ingestor, IngestSummary
from newsweave.store.sqlite import Store

DEFAULT_INTERVAL_S = 900.0
MIN_INTERVAL_S = 1.0
MAX_BACKOFF_S = 6 * 3600.0

Report = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class FeedConfig:
    url: str
    interval_s: float


@dataclass(frozen=True, slots=True)
class WatchConfig:
    feeds: tuple[FeedConfig, ...]
    timeout_s: float = TIMEOUT_S
    allow_private: bool = False


@dataclass(slots=True)
class PollResult:
    """One round over the due feeds."""

    checked: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    ingest: IngestSummary = field(default_factory=IngestSummary)


def load_config(path: str | Path) -> WatchConfig:
    """Read and check a watch config.

    Raises:
        NewsweaveError: the file is missing, is not TOML, or lists no feed.
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise NewsweaveError(
            f"cannot read watch config {path}: {error.strerror or error}"
        ) from None
    except UnicodeDecodeError as error:
        raise NewsweaveError(
            f"watch config {path} is not UTF-8 text (byte {error.start}); TOML files are UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise NewsweaveError(f"watch config {path} is not valid TOML: {error}") from None
    where = f"watch config {path}"
    default = _seconds(data, "interval_s", DEFAULT_INTERVAL_S, where)
    timeout_s = _seconds(data, "timeout_s", TIMEOUT_S, where)
    allow_private = data.get("allow_private", False)
    if not isinstance(allow_private, bool):
        raise NewsweaveError(f"{where}: allow_private must be true or false, got {allow_private!r}")
    listed = data.get("feeds", [])
    if not isinstance(listed, list):
        raise NewsweaveError(f'{where}: feeds must be a list of [[feeds]] url = "..." tables')
    feeds = []
    for number, feed in enumerate(listed, 1):
        url = feed.get("url") if isinstance(feed, dict) else None
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise NewsweaveError(f'{where}: feed {number} needs a url = "http(s)://..."')
        feeds.append(
            FeedConfig(url, _seconds(feed, "interval_s", default, f"{where}, feed {number}"))
        )
    if not feeds:
        raise NewsweaveError(f'{where} lists no feed; add [[feeds]] url = "..."')
    return WatchConfig(tuple(feeds), timeout_s, allow_private)


def _seconds(table: dict[str, object], key: str, default: float, where: str) -> float:
    """A duration from the config: a finite number of seconds above zero (an interval at least
    `MIN_INTERVAL_S`)."""
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise NewsweaveError(f"{where}: {key} must be a number of seconds, got {value!r}")
    if key == "interval_s" and value < MIN_INTERVAL_S:
        raise NewsweaveError(f"{where}: interval_s must be at least {MIN_INTERVAL_S}, got {value}")
    if value <= 0:
        raise NewsweaveError(f"{where}: {key} must be above 0, got {value}")
    return float(value)


def poll_once(
    ingestor: Ingestor,
    config: WatchConfig,
    *,
    client: object | None = None,
    now: dt.datetime | None = None,
    report: Report | None = None,
) -> PollResult:
    """Fetch every feed that is due, ingest its new entries, and schedule the next poll."""
    store = ingestor.store
    now = now or store.now()
    result = PollResult()
    own_client = client is None
    http = make_client(config.timeout_s) if own_client else client
    try:
        for feed in config.feeds:
            state = feed_state(store, feed.url)
            due = state.get("next_check_at")
            if due and dt.datetime.fromisoformat(due) > now:
                continue
            result.checked.append(feed.url)
            try:
                fetched = fetch(
                    feed.url,
                    client=http,
                    allow_private=config.allow_private,  # type: ignore[arg-type]
                    etag=state.get("etag"),
                    last_modified=state.get("last_modified"),
                )
                if fetched.not_modified:
                    result.unchanged.append(feed.url)
                else:
                    items = articles_from_feed(
                        fetched.content,
                        origin=redact_url(feed.url),
                        client=http,  # type: ignore[arg-type]
                        allow_private=config.allow_private,
                        is_known=store.has_url,
                    )
                    result.ingest.merge(ingestor.add(items))
                with store.transaction():
                    save_feed_state(
                        store,
                        feed.url,
                        etag=fetched.etag,
                        last_modified=fetched.last_modified,
                        checked_at=now.isoformat(),
                        failures=0,
                        last_error=None,
                        next_check_at=(now + dt.timedelta(seconds=feed.interval_s)).isoformat(),
                    )
            except Rejected as error:
                failures = int(state.get("failures") or 0) + 1
                delay = min(feed.interval_s * 2**failures, MAX_BACKOFF_S)
                result.failed[feed.url] = error.detail
                with store.transaction():
                    save_feed_state(
                        store,
                        feed.url,
                        checked_at=now.isoformat(),
                        failures=failures,
                        last_error=error.detail,
                        next_check_at=(now + dt.timedelta(seconds=delay)).isoformat(),
                    )
                    store.record_rejection(
                        Rejection(redact_url(feed.url), error.reason, error.detail)
                    )
                if report:
                    report(f"feed failed ({failures}x, next try in {delay:.0f}s): {error.detail}")
    finally:
        if own_client:
            http.close()  # type: ignore[union-attr]
    return result


def watch(
    store: Store,
    config: WatchConfig,
    *,
    rounds: int | None = None,
    analyze: bool = True,
    report: Report | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Poll until interrupted (or for `rounds` rounds), re-analyzing stories that changed."""
    ingestor = Ingestor(store)
    done = 0
    with make_client(config.timeout_s) as client:
        while rounds is None or done < rounds:
            result = poll_once(ingestor, config, client=client, report=report)
            ingestor.save_stats()
            analyzed = update_analyses(store) if analyze else []
            if report:
                report(
                    f"checked {len(result.checked)} feed(s): {result.ingest.added} new article(s), "
                    f"{len(result.unchanged)} unchanged, {len(result.failed)} failed, "
                    f"{len(analyzed)} story analyses updated"
                )
            done += 1
            if rounds is not None and done >= rounds:
                break
            sleep(_seconds_to_next(store, config))


def _seconds_to_next(store: Store, config: WatchConfig) -> float:
    now = store.now()
    waits = []
    for feed in config.feeds:
        due = feed_state(store, feed.url).get("next_check_at")
        waits.append((dt.datetime.fromisoformat(due) - now).total_seconds() if due else 0.0)
    return max(MIN_INTERVAL_S, min(waits))
