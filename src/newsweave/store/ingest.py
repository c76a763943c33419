"""Articles into the store: clean, deduplicate, place in a story, commit, acknowledge.

Articles are committed in batches, each batch in one transaction with its story assignments, so
a crash loses at most the batch in flight, and that batch was never acknowledged. Ingestion is
idempotent: an article whose URL or content is already stored is skipped, and a near-duplicate
is stored with a link to the article it repeats.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsweave.errors import Rejected
from newsweave.model import Article, Rejection
from newsweave.stages.clean import clean_article
from newsweave.stages.cluster import WINDOW, TermStats, extract_terms
from newsweave.stages.profiles import learn_source_profile
from newsweave.store.online import StoryChange, StoryClusterer
from newsweave.store.sqlite import Store

DEFAULT_BATCH = 100
_STATS_STATE = "term_stats"
_STATS_EVERY = 5000  # articles between two snapshots of the term statistics
_SPACES = re.compile(r"\s+")

Acknowledge = Callable[[str, str], None]  # (article id, story id), called after commit


@dataclass(slots=True)
class IngestSummary:
    """What one ingest did."""

    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    changes: list[StoryChange] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)

    def merge(self, other: IngestSummary) -> None:
        self.added += other.added
        self.duplicates += other.duplicates
        self.near_duplicates += other.near_duplicates
        self.rejections += other.rejections
        self.changes += other.changes
        self.stories |= other.stories


class Ingestor:
    """Adds articles to a store and keeps its stories current.

    Example:
        >>> with Store(":memory:") as store:
        ...     ingestor = Ingestor(store)
        ...     summary = ingestor.add([Article(id="a", source="Wire", raw_text="Rain hit Oslo on Monday.")])
        ...     summary.added, len(store.stories())
        (1, 1)
    """

    def __init__(
        self,
        store: Store,
        *,
        batch_size: int = DEFAULT_BATCH,
        on_ack: Acknowledge | None = None,
        capacity: int = 20_000,
        window: dt.timedelta | None = WINDOW,
    ) -> None:
        self.store = store
        self.window = window
        self.batch_size = batch_size
        self.on_ack = on_ack
        self.capacity = capacity
        self.clusterer = self._load()
        self._since_snapshot = 0

    def add(self, items: Iterable[Article | Rejection]) -> IngestSummary:
        """Ingest articles (rejections from reading are recorded as they come)."""
        summary = IngestSummary()
        batch: list[Article] = []
        for item in items:
            if isinstance(item, Rejection):
                with self.store.transaction():
                    self.store.record_rejection(item)
                summary.rejections.append(item)
                continue
            batch.append(item)
            if len(batch) >= self.batch_size:
                summary.merge(self._commit(batch))
                batch = []
        if batch:
            summary.merge(self._commit(batch))
        return summary

    def save_stats(self) -> None:
        """Snapshot the term statistics, so a restart does not re-read every article."""
        stats = self.clusterer.stats
        last_key = self.store.articles_after_max()
        payload = {
            "documents": stats.document_count,
            "last_key": last_key,
            "frequencies": stats.frequencies,
        }
        with self.store.transaction():
            self.store.set_state(_STATS_STATE, zlib.compress(json.dumps(payload).encode()))
        self._since_snapshot = 0

    def _commit(self, batch: list[Article]) -> IngestSummary:
        summary = IngestSummary()
        cleaned = list(self._clean(batch, summary))
        acknowledged: list[tuple[str, int]] = []
        try:
            with self.store.transaction():
                for rejection in summary.rejections:
                    self.store.record_rejection(rejection)
                for article in cleaned:
                    content_hash = _content_hash(article)
                    if (
                        self.store.find_article(url=article.url, content_hash=content_hash)
                        is not None
                    ):
                        summary.duplicates += 1
                        continue
                    terms = extract_terms(article.title, article.text)
                    at = article.published or _now()
                    key = self.store.add_article(
                        article, content_hash=content_hash, terms=terms, near_duplicate_of=None
                    )
                    placement = self.clusterer.place(key[0], terms, at, self.store.new_story)
                    if placement.near_duplicate_of is not None:
                        self.store.link_near_duplicate(key[0], placement.near_duplicate_of)
                        summary.near_duplicates += 1
                    self.store.assign(key[0], placement.story, placement.score)
                    summary.stories.add(placement.story)
                    acknowledged.append((key[1], key[0]))
                if acknowledged:  # a batch of articles already stored changes no story
                    refinement = self.clusterer.refine(self.store.new_story)
                    for article_key, story in refinement.moves.items():
                        self.store.assign(article_key, story, 1.0)
                    summary.stories |= refinement.stories
                    for change in refinement.changes:
                        self.store.log_event(
                            change.kind, change.story, change.other, change.article_count
                        )
                        summary.stories |= {change.story, change.other}
                    self.store.refresh_stories(summary.stories)
                    summary.changes = refinement.changes
        except BaseException:
            # The transaction rolled back; the clusterer's memory must roll back with it.
            self.clusterer = self._load()
            raise
        summary.added = len(acknowledged)
        self._since_snapshot += len(acknowledged)
        if self.on_ack:
            stories = self.store.story_of_keys([k for _, k in acknowledged])
            for article_id, article_key in acknowledged:
                self.on_ack(article_id, stories[article_key])
        if self._since_snapshot >= _STATS_EVERY:
            self.save_stats()
        return summary

    def _clean(self, batch: list[Article], summary: IngestSummary) -> Iterator[Article]:
        # Each source's profile is learned from its stored articles and this batch (the same
        # reduce the pipeline runs), and the cleaned text is stored with what was removed: the
        # stored text is then the one offset space every later analysis of the article quotes.
        by_source: dict[str, list[Article]] = {}
        for article in batch:
            by_source.setdefault(article.source, []).append(article)
        profiles = {
            source: profile
            for source, group in by_source.items()
            if (profile := learn_source_profile(source, group + self.store.source_sample(source)))
            .boilerplate
        }
        boilerplate = {source: profile.boilerplate for source, profile in profiles.items()}
        for article in batch:
            try:
                yield clean_article(article, boilerplate)
            except Rejected as error:
                summary.rejections.append(
                    Rejection(
                        article.origin or article.id,
                        error.reason,
                        error.detail,
                        stage="clean",
                        articles=(article.id,),
                    )
                )

    def _load(self) -> StoryClusterer:
        stats = TermStats()
        last_key = 0
        snapshot = self.store.get_state(_STATS_STATE)
        if snapshot:
            payload = json.loads(zlib.decompress(snapshot))
            stats.document_count = payload["documents"]
            stats.frequencies.update(payload["frequencies"])
            last_key = payload["last_key"]
        for _, terms in self.store.articles_after(last_key):
            stats.add(terms)
        clusterer = StoryClusterer(
            stats, window=self.window, capacity=self.capacity, terms_of=self.store.terms_of
        )
        latest = self.store.latest_time()
        if latest is not None:
            since = latest - self.window if self.window is not None else dt.datetime.min
            for recent in self.store.recent_articles(since, self.capacity):
                clusterer.remember(recent.key, recent.story, recent.terms, recent.at)
        return clusterer


def recluster(
    store: Store, *, window: dt.timedelta | None = WINDOW, chunk: int = 2000
) -> list[StoryChange]:
    """Batch mode: cluster every stored article again, in time order, keeping story ids stable.

    Articles are taken in chunks of `chunk` (by date); each chunk is clustered with the batch
    method, and each new group keeps the id of the story it holds most of.
    """
    from newsweave.stages.cluster import cluster_batch
    from newsweave.store.online import _reconcile

    stats = TermStats()
    rows = store.all_memberships()
    for row in rows:
        stats.add(row.terms)
    changes: list[StoryChange] = []
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        labels = cluster_batch(
            [stats.vector(r.terms) for r in part], [r.at for r in part], window=window
        )
        with store.transaction():
            refinement = _reconcile(
                [r.key for r in part], [r.story for r in part], labels, store.new_story
            )
            for key, story in refinement.moves.items():
                store.assign(key, story, 1.0)
            for change in refinement.changes:
                store.log_event(change.kind, change.story, change.other, change.article_count)
            store.refresh_stories({r.story for r in part} | set(refinement.moves.values()))
        changes += refinement.changes
    return changes


def _content_hash(article: Article) -> str:
    normalized = _SPACES.sub(" ", article.raw_text).strip().lower()
    return hashlib.sha256(normalized.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
