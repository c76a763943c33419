"""Story pages laid out when their analysis is saved: a first view reads the kept page and lays
nothing out; the kept page is the page the server would lay out; it is never served for another
analysis, for a story that has changed since, or when laid out by other page code."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_web_api import fetch, id_of

from newsweave import service
from newsweave.store import pages
from newsweave.web import layout, views


def kept_page(db: Path, story_id: str) -> str | None:
    with service.open_store(db) as store:
        return pages.current_page(store, story_id, layout.layout_fingerprint())


def laid_out_on_request(db: Path, story_id: str) -> str:
    with service.open_store(db) as store:
        found = service.story_report(store, story_id)
    assert found is not None and found.is_current
    return layout.story_page_html(views.StoryView(found.report.stories[0]))


@pytest.fixture
def store_copy(web_db: Path, tmp_path: Path) -> Path:
    """A copy of the web tests' store to change (the session's store stays as it is)."""
    copy = tmp_path / "copy.db"
    with sqlite3.connect(web_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def test_a_first_view_of_an_analysed_story_serves_its_kept_page_and_lays_nothing_out(
    web_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story_id = id_of(web_db, "Kestrel")  # analysed by `update_analyses`, as a user's store is
    kept = kept_page(web_db, story_id)
    assert kept is not None

    def no_layout(*args: object, **kwargs: object) -> None:
        raise AssertionError("a story page with a kept page was laid out on request")

    monkeypatch.setattr(views.StoryView, "__init__", no_layout)
    response = fetch(web_db, "GET", f"/stories/{story_id}")
    assert response.status_code == 200
    assert response.text == kept
    assert "Kestrel" in response.text and 'data-section="claims"' in response.text


def test_the_kept_page_is_the_page_the_server_lays_out_on_request(store_copy: Path) -> None:
    with service.open_store(store_copy) as store:
        # Analyses the story that had none; lays out the hostile story's page (saved without one).
        service.update_analyses(store)
    stories = fetch(store_copy, "GET", "/api/stories").json()["stories"]
    analysed = [story["id"] for story in stories if story["analysed"]]
    assert len(analysed) == 4
    for story_id in analysed:
        kept = kept_page(store_copy, story_id)
        assert kept is not None and kept == laid_out_on_request(store_copy, story_id)
        assert "<script>window.__pwned" not in kept


def test_an_analysis_saved_without_a_page_drops_the_old_one_and_update_lays_it_out(
    store_copy: Path,
) -> None:
    story_id = id_of(store_copy, "Kestrel")
    before = fetch(store_copy, "GET", f"/stories/{story_id}").text
    with service.open_store(store_copy) as store:
        version, _, data = store.latest_analysis(story_id) or pytest.fail("no analysis")
        with store.transaction():  # as code that lays out no page saves an analysis
            store.save_analysis(story_id, version, data)
    assert kept_page(store_copy, story_id) is None
    assert fetch(store_copy, "GET", f"/stories/{story_id}").text == before  # laid out on request

    with service.open_store(store_copy) as store:
        assert story_id not in service.update_analyses(store)  # not analysed: laid out only
    assert kept_page(store_copy, story_id) == before


def test_a_page_kept_by_other_page_code_is_not_served_and_update_replaces_it(
    store_copy: Path,
) -> None:
    story_id = id_of(store_copy, "Kestrel")
    with sqlite3.connect(store_copy) as db:
        db.execute("UPDATE story_pages SET layout = 'an older newsweave'")
    assert kept_page(store_copy, story_id) is None
    with service.open_store(store_copy) as store:
        assert story_id in pages.stories_without_page(store, layout.layout_fingerprint())
        service.update_analyses(store)
        assert pages.stories_without_page(store, layout.layout_fingerprint()) == []
    assert kept_page(store_copy, story_id) == laid_out_on_request(store_copy, story_id)


def test_a_story_with_articles_newer_than_its_analysis_shows_the_stale_notice(
    store_copy: Path,
) -> None:
    story_id = id_of(store_copy, "Kestrel")
    assert 'data-state="stale"' not in fetch(store_copy, "GET", f"/stories/{story_id}").text
    with service.open_store(store_copy) as store, store.transaction():
        store.refresh_stories([story_id])  # what placing a new article in the story does
    assert kept_page(store_copy, story_id) is None
    page = fetch(store_copy, "GET", f"/stories/{story_id}")
    assert page.status_code == 200 and 'data-state="stale"' in page.text


def test_the_id_of_a_merged_story_leads_to_the_story_that_absorbed_it(store_copy: Path) -> None:
    story_id = id_of(store_copy, "Kestrel")
    with service.open_store(store_copy) as store, store.transaction():
        absorbed = store.new_story()  # no articles left: they moved to `story_id`
        store.log_event("merge", story_id, absorbed, 0)
    response = fetch(store_copy, "GET", f"/stories/{absorbed}", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == views.story_href(story_id)
