"""The browse index (store/search.py): filled when an analysis is saved, backfilled, queried."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import add_story
from hostile_articles import hostile_story

from newsweave.model import Article, Claim, ClaimStatus, Entity, Span, Story
from newsweave.store import outlets as outlet_index
from newsweave.store import search
from newsweave.store.sqlite import Store


def _story(title: str, outlets: list[str], claim: str, entity: str, day: int) -> Story:
    articles = tuple(
        Article(
            id=f"{title[:4].lower()}-{n}",
            source=outlet,
            raw_text=f"{claim} ({outlet})",
            text=f"{claim} ({outlet})",
            title=title,
            published=dt.datetime(2026, 5, day, 8, n),
        )
        for n, outlet in enumerate(outlets)
    )
    spans = tuple(Span(a.id, 0, len(claim)) for a in articles)
    return Story(
        "x",
        title,
        articles,
        entities=(Entity(entity, "PERSON", (entity.split()[-1],), spans),),
        claims=(Claim(claim, ClaimStatus.CORROBORATED, spans, len(articles)),),
        independent_sources=len(articles),
    )


def test_saving_an_analysis_indexes_it(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        quake = add_story(
            store,
            _story(
                "Quake shakes Lima",
                ["Wire A", "Paper B", "Radio C"],
                "The quake measured 6.1.",
                "Dina Boluarte",
                3,
            ),
        )
        vote = add_story(
            store,
            _story(
                "Vote delayed in Oslo",
                ["Paper B"],
                "The vote was delayed by a week.",
                "Jonas Gahr",
                9,
            ),
        )
        db = store

        def ids(**fields: object) -> list[str]:
            rows, total = search.search_stories(db, search.StoryQuery(**fields))  # type: ignore[arg-type]
            assert total == len(rows) or "per_page" in fields
            return [row.id for row in rows]

        assert ids() == [vote, quake]  # most recent first
        assert ids(sort="size") == [quake, vote]
        assert ids(text="measured") == [quake]  # a claim's words
        assert ids(text="Lim") == [quake]  # the last word is a prefix
        assert ids(text="boluarte") == [quake]  # an entity
        assert ids(entity="BOLUARTE") == [quake]  # a spelling variant, any case
        assert ids(outlet="Paper B") == [vote, quake]
        assert ids(outlet="Wire A") == [quake]
        assert ids(since=dt.date(2026, 5, 5)) == [vote]
        assert ids(until=dt.date(2026, 5, 3)) == [quake]
        for nasty in ['"unbalanced AND (', "\x00", "NOT x", "*", "^", "x:y", '"" ""', "-"]:
            assert ids(text=nasty) == [], nasty
        waiting = add_story(
            store,
            _story("Fire in Bergen", ["Wire A"], "A fire broke out.", "Ola Nordmann", 20),
            analyse=False,
        )
        assert ids(sort="independent") == [quake, vote, waiting]  # not analysed: last
        assert ids(sort="conflicts") == [vote, quake, waiting]  # ties: the newer story first
        pages = [ids(sort="independent", page=n, per_page=1) for n in (1, 2, 3, 4)]
        assert pages == [[quake], [vote], [waiting], []]
        assert ids()[0] == waiting
        row = search.search_stories(db, search.StoryQuery(text="quake"))[0][0]
        assert (row.outlets, row.independent_sources, row.corroborated, row.current) == (
            3,
            3,
            1,
            True,
        )
        paper = outlet_index.outlet_figures(db, name="Paper B")[0]
        assert (paper.stories, paper.articles, paper.derived) == (2, 2, 0)


def test_reanalysis_replaces_the_rows_and_sync_backfills(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        story_id = add_story(store, hostile_story())
        db = store
        assert outlet_index.outlet_conflicts(db, "javascript:alert(10)")[0].story_id == story_id
        assert [
            link.relation
            for link in outlet_index.outlet_links(db, "javascript:alert(10)", as_source=False)
        ] == ["rewrite"]
        # An analysis saved before the index existed: the index rows are missing.
        for table in (
            "story_stats",
            "story_outlets",
            "story_entities",
            "outlet_links",
            "outlet_conflicts",
        ):
            store._db.execute(f"DELETE FROM {table}")
        store._db.execute("DELETE FROM story_search")
        assert search.search_stories(db, search.StoryQuery(text="bridge"))[1] == 0
        assert search.sync_index(db) == 1
        assert search.sync_index(db) == 0
        assert search.search_stories(db, search.StoryQuery(text="bridge"))[1] == 1
        assert store._db.execute("SELECT count(*) FROM story_outlets").fetchone()[0] == 2
