"""Articles into the store: clean, deduplicate, place in a story, commit, acknowledge.

Articles are committed in batches, each batch in one transaction with its story assignments, so
a crash loses at most the batch in flight, and that batch was never acknowledged. Ingestion is
idempotent: an article whose URL or content is already stored is skipped, and a near-duplicate
is stored with a link to the article it repeats.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsweave.errors import Rejected
from newsweave.model import Article, Rejection
from newsweave.stages.article.clean import boilerplate_by_source, clean_article
from newsweave.stages.article.profiles import learn_source_profile
from newsweave.stages.grouping.stories import (
    WINDOW_DAYS,
    TermStats,
    article_day,
    count_terms,
    extract_terms,
    features_from_terms,
    group_labels,
)
from newsweave.store.online import Refinement, StoryChange, StoryClusterer, reconcile
from newsweave.store.sqlite import Store

DEFAULT_BATCH = 100
_STATS_STATE = "grouping_stats"  # hashed term document frequencies (stages/grouping)
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
        ...     rain = Article(id="a", source="Wire", raw_text="Rain hit Oslo on Monday.")
        ...     summary = ingestor.add([rain])
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
    ) -> None:
        self.store = store
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
            "frequencies": {str(term): count for term, count in stats.frequencies.items()},
        }
        with self.store.transaction():
            self.store.set_state(_STATS_STATE, zlib.compress(json.dumps(payload).encode()))
        self._since_snapshot = 0

    def _commit(self, batch: list[Article]) -> IngestSummary:
        summary = IngestSummary()
        cleaned = list(self._clean(batch, summary))
        acknowledged: list[tuple[str, int]] = []
        placed_in: dict[int, str] = {}
        # Stories started in this batch get provisional ids until the batch is re-grouped, so a
        # story merged away before it was ever stored takes no id (a fresh store starts at s1).
        provisional = (f"+{n}" for n in itertools.count(1))
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
                    key = self.store.add_article(
                        article, content_hash=content_hash, terms=terms, near_duplicate_of=None
                    )
                    features = features_from_terms(
                        article.id, article_day(article.published), terms
                    )
                    placement = self.clusterer.place(key[0], features, provisional.__next__)
                    placed_in[key[0]] = placement.story
                    if placement.near_duplicate_of is not None:
                        self.store.link_near_duplicate(key[0], placement.near_duplicate_of)
                        summary.near_duplicates += 1
                    acknowledged.append((key[1], key[0]))
                if acknowledged:  # a batch of articles already stored changes no story
                    refinement = self.clusterer.refine(provisional.__next__)
                    self._store_placements(placed_in, refinement, summary)
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

    def _store_placements(
        self, placed_in: dict[int, str], refinement: Refinement, summary: IngestSummary
    ) -> None:
        """Give provisional stories stored ids (in order of first article), then write every
        placement, move and merge/split of the batch (`placed_in`: the story each article of
        the batch was placed in, in order)."""
        names: dict[str, str] = {}
        # An article the clusterer already forgot (a later one of the batch lies more than the
        # window after it) stays in the story it was placed in.
        final = {key: self.clusterer.story_of(key) or story for key, story in placed_in.items()}
        for story in [*final.values(), *refinement.moves.values()]:
            if story.startswith("+") and story not in names:
                names[story] = self.store.new_story()
        self.clusterer.rename(names)
        for key, story in final.items():
            self.store.assign(key, names.get(story, story), 1.0)
        for key, story in refinement.moves.items():
            if key not in final:
                self.store.assign(key, names.get(story, story), 1.0)
        summary.stories |= {names.get(s, s) for s in [*final.values(), *refinement.stories]}
        for change in refinement.changes:
            if change.other.startswith("+") and change.kind == "merge":
                continue  # a story of this batch joined another before it was ever stored
            story, other = (
                names.get(change.story, change.story),
                names.get(change.other, change.other),
            )
            if story.startswith("+") or (change.kind == "split" and change.story.startswith("+")):
                continue
            self.store.log_event(change.kind, story, other, change.article_count)
            summary.changes.append(StoryChange(change.kind, story, other, change.article_count))
            summary.stories |= {story, other}
        summary.stories = {s for s in summary.stories if s and not s.startswith("+")}
        self.store.refresh_stories(summary.stories)

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
        boilerplate = boilerplate_by_source(profiles)
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
            stats.frequencies = {int(t): n for t, n in payload["frequencies"].items()}
            last_key = payload["last_key"]
        for key, terms in self.store.articles_after(last_key):
            stats.add(features_from_terms(str(key), None, terms))
        clusterer = StoryClusterer(stats, capacity=self.capacity)
        for row in self.store.recent_articles(self.capacity):
            clusterer.remember(
                row.key,
                row.story,
                features_from_terms(str(row.key), article_day(row.at), row.terms),
            )
        return clusterer


def recluster(store: Store, *, window_days: float = WINDOW_DAYS) -> list[StoryChange]:
    """Batch mode: group every stored article again (as `analyze` would), keeping story ids.

    The whole store is grouped at once, with memory and time linear in its articles (blocked
    grouping, `stages.grouping.stories`); each new group keeps the id of the story it holds most
    of, so what online placement split is merged back and the merge is logged.
    """
    keys, stories, features = [], [], []
    for row in store.iter_memberships():
        keys.append(row.key)
        stories.append(row.story)
        features.append(features_from_terms(str(row.key), article_day(row.at), row.terms))
    if not keys:
        return []
    labels = group_labels(features, count_terms(features), window_days=window_days)
    del features
    story_of = dict(zip(keys, stories, strict=True))
    with store.transaction():
        refinement = reconcile(keys, stories, labels, store.new_story)
        for key, story in refinement.moves.items():
            store.assign(key, story, 1.0)
        for change in refinement.changes:
            store.log_event(change.kind, change.story, change.other, change.article_count)
        moved_from = {story_of[key] for key in refinement.moves}
        store.refresh_stories(moved_from | set(refinement.moves.values()))
    return refinement.changes


def _content_hash(article: Article) -> str:
    normalized = _SPACES.sub(" ", article.raw_text).strip().lower()
    return hashlib.sha256(normalized.encode()).hexdigest()
