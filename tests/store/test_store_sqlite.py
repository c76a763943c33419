from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.model import Article
from newsweave.store.ingest import Ingestor, recluster
from newsweave.store.migrations import MIGRATIONS
from newsweave.store.sqlite import Store

QUAKE = (
    "A magnitude {m} earthquake struck {town} on {day}, killing {dead} people. Rescuers in {town} searched "
    "collapsed houses. The {town} quake damaged roads and the harbour, officials in {town} said."
)


def quake(article_id: str, m: str, town: str, day: int, dead: int, source: str = "Wire") -> Article:
    text = (
        QUAKE.format(m=m, town=town, day=f"March {day}", dead=dead)
        + f" Report {article_id} by {source}."
    )
    return Article(
        id=article_id,
        source=source,
        raw_text=text,
        title=f"{town} earthquake kills {dead}",
        published=dt.datetime(2026, 3, day, 12),
        url=f"https://news.example/{article_id}",
    )


def test_store_migrates_to_wal_and_latest_version(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    Store(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    db.close()
    Store(path).close()  # reopening applies nothing twice


def test_store_ingest_is_idempotent_by_url_and_content(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        ingestor = Ingestor(store)
        first = quake("a1", "6.1", "Verlo", 3, 12)
        assert ingestor.add([first]).added == 1
        same_url = Article(
            id="other", source="X", raw_text="Different words entirely here.", url=first.url
        )
        same_text = Article(id="copy", source="Y", raw_text=first.raw_text.upper())
        summary = ingestor.add([first, same_url, same_text])
        assert (summary.added, summary.duplicates) == (0, 3)
        assert store.article_count() == 1


def test_store_near_duplicate_is_linked_not_dropped(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        ingestor = Ingestor(store)
        original = quake("a1", "6.1", "Verlo", 3, 12)
        rewrite = Article(
            id="a2",
            source="Echo",
            raw_text=original.raw_text.replace("Report a1 by Wire.", "Via Echo."),
            title=original.title,
            published=original.published,
        )
        summary = ingestor.add([original, rewrite])
        rows = {row["id"]: row for row in store.iter_articles()}
        assert summary.near_duplicates == 1
        assert rows["a2"]["near_duplicate_of"] == "a1"
        assert rows["a1"]["story"] == rows["a2"]["story"]


def test_store_same_kind_of_event_on_another_day_is_another_story(tmp_path: Path) -> None:
    march = [quake(f"v{i}", "6.1", "Verlo", 3, 12, source=f"S{i}") for i in range(3)]
    april = [
        Article(
            id=f"b{i}",
            source=f"S{i}",
            # Another quake in another town, told in its own words (as real coverage is).
            raw_text="Three people died when a 5.2 tremor shook Brenna before dawn on March 20."
            f" Brenna's governor Ida Molk ordered schools shut. Filed by S{i}.",
            title="Brenna earthquake kills 3",
            published=dt.datetime(2026, 3, 20, 9),
        )
        for i in range(3)
    ]
    with Store(tmp_path / "news.db") as store:
        Ingestor(store, batch_size=2).add(march + april)
        stories = store.stories()
        assert sorted(s.article_count for s in stories) == [3, 3]
        by_id = {row["id"]: row["story"] for row in store.iter_articles()}
        assert len({by_id[f"v{i}"] for i in range(3)}) == 1
        assert {by_id["v0"]} != {by_id[f"b{i}"] for i in range(3)}
        assert store.check() == []


def test_store_story_ids_are_stable_and_analysis_is_redone_only_on_change(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        ingestor = Ingestor(store)
        ingestor.add(
            [quake("a1", "6.1", "Verlo", 3, 12, "A"), quake("a2", "6.1", "Verlo", 3, 12, "B")]
        )
        (story,) = store.stories()
        store_version = story.version
        with store.transaction():
            store.save_analysis(story.id, story.version, {"stories": []})
        assert store.stale_stories() == []
        assert store.analysis(story.id) == {"stories": []}
        ingestor.add([quake("a3", "6.1", "Verlo", 4, 12, "C")])
        (again,) = store.stories()
        assert again.id == story.id and again.version > store_version
        assert store.stale_stories() == [story.id]
        assert store.analysis(story.id) is None
        recluster(store)
        assert [s.id for s in store.stories()] == [story.id]


def test_store_rolls_back_a_failed_batch(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        ingestor = Ingestor(store)
        ingestor.add([quake("a1", "6.1", "Verlo", 3, 12)])

        def broken() -> str:
            raise RuntimeError("disk on fire")

        store.new_story = broken  # type: ignore[method-assign]
        unrelated = Article(
            id="x", source="S", raw_text="Parliament passed the budget bill in Oslo today."
        )
        with pytest.raises(RuntimeError):
            ingestor.add([unrelated])
        assert store.article_count() == 1
        assert store.check() == []


def test_store_fresh_store_numbers_stories_from_s1_without_events(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        Ingestor(store).add([quake(f"a{i}", "6.1", "Verlo", 3, 12, f"S{i}") for i in range(4)])
        assert [s.id for s in store.stories()] == ["s1"]
        assert store.events() == []


def test_store_stamps_times_from_its_clock(tmp_path: Path) -> None:
    fixed = dt.datetime(2031, 5, 4, 3, 2, 1)
    with Store(tmp_path / "news.db", clock=lambda: fixed) as store:
        Ingestor(store).add([quake("a1", "6.1", "Verlo", 3, 12)])
        (row,) = list(store.iter_articles())
        assert row["seen_at"] == "2031-05-04T03:02:01"
        (story,) = store.stories()
        assert story.updated_at == fixed


def test_store_undated_article_stays_undated(tmp_path: Path) -> None:
    undated = Article(id="u", source="S", raw_text="Parliament passed the budget bill in Oslo.")
    with Store(tmp_path / "news.db") as store:
        Ingestor(store).add([undated])
        (row,) = list(store.iter_articles())
        assert row["published"] is None
        (story,) = store.stories()
        assert story.first_at is None and story.last_at is None
        (recent,) = store.recent_articles(10)
        assert recent.at is None


def test_store_cluster_merges_what_online_split_and_logs_it(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        Ingestor(store).add([quake(f"a{i}", "6.1", "Verlo", 3, 12, f"S{i}") for i in range(4)])
        keys = {row.key: row for row in store.iter_memberships()}
        rest = sorted(keys)[1:]
        with store.transaction():  # as if online placement had started a second story
            split = store.new_story()
            for key in rest[:2]:
                store.assign(key, split, 1.0)
            store.refresh_stories({"s1", split})
        assert len(store.stories()) == 2
        changes = recluster(store)
        assert [(c.kind, c.story, c.other) for c in changes] == [("merge", "s1", split)]
        assert [s.id for s in store.stories()] == ["s1"]
        assert [(e.kind, e.story, e.other) for e in store.events()] == [("merge", "s1", split)]


def test_store_online_assigner_places_later_coverage_after_the_store_is_reopened(
    tmp_path: Path,
) -> None:
    path = tmp_path / "news.db"
    with Store(path) as store:
        Ingestor(store).add(
            [quake("a1", "6.1", "Verlo", 3, 12, "A"), quake("a2", "6.1", "Verlo", 3, 12, "B")]
        )
        (story,) = store.stories()
    # A new process: the assigner has only what the store kept (term statistics, recent articles).
    with Store(path) as store:
        budget = Article(
            id="x1", source="C", raw_text="Parliament passed the budget bill in Oslo on Tuesday."
        )
        Ingestor(store).add([quake("a3", "6.1", "Verlo", 4, 14, "C"), budget])
        story_of = {row["id"]: row["story"] for row in store.iter_articles()}
        assert story_of["a3"] == story.id
        assert story_of["x1"] != story.id
        assert sorted(s.article_count for s in store.stories()) == [1, 3]
        assert store.check() == []


def test_store_a_batch_spanning_more_than_the_window_stores_every_article(tmp_path: Path) -> None:
    # The older article leaves the assigner's memory while its batch is placed (the newer one is
    # more than the window after it); it keeps the story it was placed in.
    march = quake("v1", "6.1", "Verlo", 3, 12)
    october = replace(march, id="v2", url=None, published=dt.datetime(2026, 10, 3, 12))
    october = replace(october, raw_text=october.raw_text.replace("Report v1", "Report v2"))
    with Store(tmp_path / "news.db") as store:
        Ingestor(store).add([march, october])
        assert sorted(row["id"] for row in store.iter_articles() if row["story"]) == ["v1", "v2"]
        assert len(store.stories()) == 2
        assert store.check() == []

