"""The library behind the store commands and the web app: open, ingest, re-cluster, list, read.

The CLI and the web app stay thin over these functions (as sqlite-utils' CLI wraps `Database`).
Reading (`list_stories`, `story_report`) never analyses and never writes; `update_analyses` is
the one place stored analyses are made or refreshed, with the pipeline's own `build_story`.

Example:
    >>> with open_store(":memory:", create=True) as store:
    ...     summary = ingest(store, [Article(id="a", source="Wire", raw_text="Rain hit Oslo.")])
    ...     [listing.article_count for listing in list_stories(store)]
    [1]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsweave.errors import NewsweaveError
from newsweave.model import Article, Rejection, Report, Story
from newsweave.render.json import report_from_dict, report_to_dict, validate_report
from newsweave.store.ingest import (
    DEFAULT_BATCH,
    WINDOW_DAYS,
    Acknowledge,
    Ingestor,
    IngestSummary,
)
from newsweave.store.ingest import recluster as _recluster
from newsweave.store.online import StoryChange
from newsweave.store.sqlite import Store

Progress = Callable[[str, int, int], None]  # (step, done, total)

__all__ = [
    "StoredReport",
    "StoryListing",
    "analyze_story",
    "ingest",
    "list_stories",
    "open_store",
    "read_sources",
    "recluster",
    "story_report",
    "update_analyses",
]


@dataclass(frozen=True, slots=True)
class StoryListing:
    """One line of the stories list: the title is the stored report's once it is analysed."""

    id: str
    title: str
    article_count: int
    first_at: dt.datetime | None
    last_at: dt.datetime | None
    analysis: str  # "current", "stale" (articles arrived since) or "none"


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A story's stored analysis, read back; `is_current` is False when articles came since."""

    report: Report
    is_current: bool
    analyzed_at: dt.datetime


def open_store(path: str | Path, *, create: bool = False) -> Store:
    """Open the store at `path`; without `create`, a missing file is an error, not a new store.

    Raises:
        NewsweaveError: no store at `path` (and `create` is False), or it cannot be opened.
    """
    if not create and str(path) != ":memory:" and not Path(path).is_file():
        raise NewsweaveError(
            f"no store at {path}: check --db (or $NEWSWEAVE_DB), "
            f"or create one with `newsweave ingest --db {path} SOURCE`"
        )
    return Store(path)


def read_sources(
    sources: Iterable[str],
    *,
    files: bool = True,
    allow_private: bool = False,
    timeout_s: float | None = None,
    max_bytes: int | None = None,
) -> Iterator[Article | Rejection]:
    """Articles from what a user named, in order: http(s) URLs of feeds or pages, and (when
    `files`) files and folders (articles, or .rss/.atom/.xml feeds). A source that cannot be read
    yields a `Rejection` naming it; nothing raises for one bad source.

    `files=False` is for names that come from another machine (the web app): a local path is then
    rejected, never read. `timeout_s` and `max_bytes` default to the fetcher's and reader's own.
    """
    from newsweave.sources.fetch import (
        FEED_SUFFIXES,
        TIMEOUT_S,
        articles_from_url,
        make_client,
        read_feed_file,
    )
    from newsweave.sources.read import SUPPORTED_SUFFIXES, input_files, read_file

    limit = {} if max_bytes is None else {"max_bytes": max_bytes}
    client = None
    try:
        for source in map(str, sources):
            if source.startswith(("http://", "https://")):
                client = client or make_client(timeout_s or TIMEOUT_S)
                yield from articles_from_url(
                    source, client=client, allow_private=allow_private, **limit
                )
            elif not files:
                yield Rejection(source, "unsupported", "only http(s) URLs can be fetched")
            else:
                for item in input_files([source], SUPPORTED_SUFFIXES | FEED_SUFFIXES):
                    if isinstance(item, Rejection):
                        yield item
                    elif item.suffix.lower() in FEED_SUFFIXES:
                        yield from read_feed_file(item, **limit)
                    else:
                        yield from read_file(item, **limit)
    finally:
        if client is not None:
            client.close()


def ingest(
    store: Store,
    items: Iterable[Article | Rejection],
    *,
    batch_size: int = DEFAULT_BATCH,
    on_ack: Acknowledge | None = None,
) -> IngestSummary:
    """Store new articles and place each in a story; read rejections are recorded as they come."""
    ingestor = Ingestor(store, batch_size=batch_size, on_ack=on_ack)
    summary = ingestor.add(items)
    ingestor.save_stats()
    return summary


def recluster(store: Store, *, window_days: float = WINDOW_DAYS) -> list[StoryChange]:
    """Group every stored article again; story ids stay stable, merges and splits are logged."""
    return _recluster(store, window_days=window_days)


def list_stories(
    store: Store,
    *,
    since: dt.datetime | None = None,
    query: str | None = None,
    limit: int | None = 50,
) -> list[StoryListing]:
    """Stories with articles, most recently active first. Reads only."""
    return [
        StoryListing(
            id=story.id,
            title=story.title,
            article_count=story.article_count,
            first_at=story.first_at,
            last_at=story.last_at,
            analysis=store.analysis_state(story.id),
        )
        for story in store.stories(since=since, query=query, limit=limit)
    ]


def story_report(store: Store, story_id: str) -> StoredReport | None:
    """The story's latest stored analysis, read back without analysing; None if it has none.

    Raises:
        NewsweaveError: no story `story_id`.
    """
    stored = store.story(story_id)
    latest = store.latest_analysis(stored.id)
    if latest is None:
        return None
    version, analyzed_at, data = latest
    # Checked against the schema once, when it was saved (`analyze_story`); the spans are still
    # checked against the text here. Validating on every read cost a first page view 200 ms.
    report = report_from_dict(data, validate=False)
    return StoredReport(report, version == stored.version, analyzed_at)


def analyze_story(store: Store, story_id: str) -> Report:
    """Analyse one stored story with the pipeline and store the analysis as current."""
    from newsweave.pipeline import build_stories, learn_source_profiles, prepare_articles

    stored = store.story(story_id)
    articles = store.story_articles(stored.id)
    prepared: list[Article] = []
    rejections: list[Rejection] = []
    for item in prepare_articles(articles, learn_source_profiles(articles)):
        (rejections if isinstance(item, Rejection) else prepared).append(item)  # type: ignore[arg-type]
    stories, failed = build_stories([prepared]) if prepared else ([], [])
    story = stories[0] if stories else Story(stored.id, stored.title, ())
    report = Report(stories=(replace(story, id=stored.id),), rejections=(*rejections, *failed))
    data = report_to_dict(report)
    validate_report(data)
    with store.transaction():
        store.save_analysis(stored.id, stored.version, data)
        _keep_story_page(store, stored.id, stored.version, data)
    return report


def _keep_story_page(store: Store, story_id: str, version: int, data: dict[str, Any]) -> None:
    """Lay out the story's web page now, from the report as it reads back, so a first view of
    the story reads one row instead of laying the page out (store/pages.py)."""
    from newsweave.store import pages
    from newsweave.web.layout import lay_out_story, layout_fingerprint

    stories = report_from_dict(data, validate=False).stories
    if stories:
        pages.save_page(store, story_id, version, layout_fingerprint(), lay_out_story(stories[0]))


def update_analyses(
    store: Store,
    *,
    story_ids: Sequence[str] | None = None,
    limit: int | None = None,
    progress: Progress | None = None,
) -> list[str]:
    """Analyse the stories whose stored analysis is missing or stale (or just `story_ids`)."""
    stale = list(story_ids) if story_ids is not None else store.stale_stories()[:limit]
    for done, story_id in enumerate(stale, 1):
        analyze_story(store, story_id)
        if progress:
            progress("analyze stories", done, len(stale))
    if story_ids is None and limit is None:
        _keep_missing_pages(store, progress)
    return stale


def _keep_missing_pages(store: Store, progress: Progress | None, batch: int = 200) -> None:
    """Lay out the pages of current analyses saved without one (by an older newsweave, or by
    other code) or by other page code; reads the stored reports, analyses nothing."""
    from newsweave.store import pages
    from newsweave.web.layout import layout_fingerprint

    missing = pages.stories_without_page(store, layout_fingerprint())
    for first in range(0, len(missing), batch):
        with store.transaction():
            for story_id in missing[first : first + batch]:
                latest = store.latest_analysis(story_id)
                if latest is None:
                    continue
                try:
                    _keep_story_page(store, story_id, latest[0], latest[2])
                except NewsweaveError:
                    continue  # a report that does not read back: its page says so on request
        if progress:
            progress("lay out story pages", min(first + batch, len(missing)), len(missing))
