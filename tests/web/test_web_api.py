"""The app in-process (httpx's ASGI transport): JSON API, page rendering, escaping, tokens."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import TOKEN
from hostile_articles import EVIL_ID

from newsweave.web.app import CSP, create_app
from newsweave.web.views import article_href


def fetch(db: Path, method: str, url: str, **options: Any) -> httpx.Response:
    """One request to a fresh app over `db`, as a browser on this machine would send it."""
    app = create_app(db, token=TOKEN)

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.request(method, url, **options)

    return asyncio.run(go())


def story_ids(web_db: Path, **params: str) -> list[str]:
    response = fetch(web_db, "GET", "/api/stories", params=params)
    assert response.status_code == 200, response.text
    return [story["id"] for story in response.json()["stories"]]


def id_of(web_db: Path, title_word: str) -> str:
    found = [
        s
        for s in fetch(web_db, "GET", "/api/stories").json()["stories"]
        if title_word in s["title"]
    ]
    assert len(found) == 1, title_word
    return found[0]["id"]


def test_api_lists_every_story_with_its_figures(web_db: Path) -> None:
    body = fetch(web_db, "GET", "/api/stories").json()
    assert body["total"] == 4  # the demo's two events, the hostile story, one not analysed
    visit = next(s for s in body["stories"] if "Kestrel" in s["title"])
    assert (visit["article_count"], visit["outlets"], visit["analysed"]) == (6, 6, True)
    assert visit["conflicts"] >= 1 and visit["independent_sources"] < 6
    waiting = next(s for s in body["stories"] if s["title"] == "Crane falls at the harbour")
    assert (waiting["analysed"], waiting["conflicts"]) == (False, None)


def test_api_search_filter_and_sort(web_db: Path) -> None:
    visit = id_of(web_db, "Kestrel")
    ferry = id_of(web_db, "Ferry")
    assert story_ids(web_db, q="Markovich") == [visit]  # an entity's spelling variant
    assert story_ids(web_db, q="ferry crews") == [ferry]  # words of a claim or headline
    assert story_ids(web_db, q='NEAR("x" OR') == []  # FTS5 syntax in the input is taken as words
    assert story_ids(web_db, entity="elena markovic") == [visit]
    assert visit in story_ids(web_db, outlet="Norland Herald")
    assert story_ids(web_db, outlet="Nobody") == []
    assert story_ids(web_db, sort="conflicts")[0] in {visit, id_of(web_db, "Bridge")}
    assert story_ids(web_db, since="2027-01-01") == []
    assert set(story_ids(web_db, since="2026-11-01", until="2026-11-30")) == {visit, ferry}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "yesterday"}, "since must be a date"),
        ({"sort": "loud"}, "sort must be one of"),
        ({"page": "0"}, "page must be"),
    ],
)
def test_api_bad_parameters_get_a_clear_400(
    web_db: Path, params: dict[str, str], message: str
) -> None:
    response = fetch(web_db, "GET", "/api/stories", params=params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_api_story_is_the_stored_report(web_db: Path) -> None:
    visit = id_of(web_db, "Kestrel")
    response = fetch(web_db, "GET", f"/api/stories/{visit}")
    assert response.status_code == 200
    assert response.headers["x-newsweave-analysis"] == "current"
    with sqlite3.connect(web_db) as db:
        stored = db.execute(
            "SELECT report FROM analyses JOIN stories ON stories.key = analyses.story"
            " WHERE stories.id = ?",
            (visit,),
        ).fetchone()[0]
    assert response.json() == json.loads(stored)
    missing = fetch(web_db, "GET", "/api/stories/s999")
    assert missing.status_code == 404 and "s999" in missing.json()["detail"]
    waiting = fetch(web_db, "GET", f"/api/stories/{id_of(web_db, 'Crane')}")
    assert waiting.status_code == 404 and "not been analysed" in waiting.json()["detail"]


def test_api_outlet_figures(web_db: Path) -> None:
    herald = fetch(web_db, "GET", "/api/outlets/Norland%20Herald").json()
    assert herald["articles"] >= 1 and herald["derived"] >= 1
    assert any(link["relation"] in {"copy", "rewrite"} for link in herald["copies_from"])
    assert fetch(web_db, "GET", "/api/outlets/Nobody").status_code == 404
    names = [o["name"] for o in fetch(web_db, "GET", "/api/outlets").json()["outlets"]]
    assert "Continental Press Agency" in names


def test_openapi_describes_the_api(web_db: Path) -> None:
    spec = fetch(web_db, "GET", "/api/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/ingest"} <= set(spec["paths"])
    assert "/api/stories" in fetch(web_db, "GET", "/api").text


def test_pages_render_and_carry_a_strict_csp(web_db: Path) -> None:
    visit = id_of(web_db, "Kestrel")
    for url in [
        "/",
        "/stories?q=agreements&sort=size",
        f"/stories/{visit}",
        "/outlets",
        "/outlets/Meridian%20Post",
    ]:
        response = fetch(web_db, "GET", url)
        assert response.status_code == 200, url
        assert response.headers["content-security-policy"] == CSP
        assert "<script>" not in response.text and " on" + "click=" not in response.text
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP


def test_a_story_not_analysed_says_so_and_nothing_is_analysed(web_db: Path) -> None:
    with sqlite3.connect(web_db) as db:
        before = db.execute("SELECT count(*) FROM analyses").fetchone()[0]
    page = fetch(web_db, "GET", f"/stories/{id_of(web_db, 'Crane')}")
    assert (
        page.status_code == 200
        and "Not analysed yet" in page.text
        and "newsweave update" in page.text
    )
    with sqlite3.connect(web_db) as db:
        assert db.execute("SELECT count(*) FROM analyses").fetchone()[0] == before


def test_hostile_text_is_escaped_in_every_page(web_db: Path) -> None:
    story = id_of(web_db, "Bridge")
    urls = [
        "/stories",
        f"/stories/{story}",
        f"/stories/{story}/graph.svg",
        article_href(story, EVIL_ID),
        "/outlets",
    ]
    for url in urls:
        response = fetch(web_db, "GET", url)
        assert response.status_code == 200, url
        body = response.text
        for payload in [
            "<script>window",
            "<img src=x",
            "<svg onload",
            "<iframe",
            'href="javascript:',
            "<b onmouseover",
        ]:
            assert payload not in body, (url, payload)
    article = fetch(web_db, "GET", urls[3]).text
    assert "&lt;script&gt;window.__pwned=6&lt;/script&gt;" in article  # shown as text, not dropped


def test_write_actions_need_the_token(web_db: Path, tmp_path: Path) -> None:
    assert fetch(web_db, "POST", "/api/recluster").status_code == 401
    wrong = fetch(web_db, "POST", "/api/recluster", headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 403
    form = fetch(
        web_db,
        "POST",
        "/actions/analyze",
        content=b"token=nope",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert form.status_code == 403


def test_ingest_with_the_token_adds_articles(web_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    with sqlite3.connect(web_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    article = {
        "id": "late-1",
        "source": "Late Wire",
        "title": "Quay reopens",
        "text": "The quay in Grenhavn reopened on Friday after the ferry strike ended.",
    }
    response = fetch(
        copy,
        "POST",
        "/api/ingest",
        json={"articles": [article]},
        headers={"authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["result"].startswith("1 new article")
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT count(*) FROM articles WHERE id = 'late-1'").fetchone()[0] == 1


def test_other_host_names_are_refused(web_db: Path) -> None:
    # A page of another site that rebinds its name to 127.0.0.1 must not read the store.
    response = fetch(web_db, "GET", "/api/stories", headers={"host": "attacker.example"})
    assert response.status_code == 400


def test_kept_list_pages_are_dropped_when_the_store_changes(web_db: Path, tmp_path: Path) -> None:
    from conftest import add_story

    from newsweave.model import Article, Story
    from newsweave.store.search import StoryQuery
    from newsweave.store.sqlite import Store
    from newsweave.web.app import UntilChanged

    copy = tmp_path / "copy.db"
    with sqlite3.connect(web_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    lists = UntilChanged(copy)
    with Store(copy) as reader, Store(copy) as writer:
        _, before = lists.stories(reader, StoryQuery())
        assert lists.stories(reader, StoryQuery()) == lists.stories(reader, StoryQuery())
        text = "A storm closed the bridge."
        late = Article(
            id="late",
            source="Wire",
            raw_text=text,
            text=text,
            title="Storm",
            published=dt.datetime(2030, 1, 1),
        )
        add_story(writer, Story("x", "Storm", (late,)))
        rows, after = lists.stories(reader, StoryQuery())
    assert after == before + 1 and rows[0].title == "Storm"


def test_analysing_one_story_from_its_page(web_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    with sqlite3.connect(web_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    crane = id_of(copy, "Crane")
    form = {"content-type": "application/x-www-form-urlencoded"}
    body = f"token={TOKEN}&story={crane}".encode()
    response = fetch(copy, "POST", "/actions/analyze", content=body, headers=form)
    assert response.status_code == 303 and response.headers["location"] == f"/stories/{crane}"
    page = fetch(copy, "GET", f"/stories/{crane}")
    assert "Not analysed yet" not in page.text and "Crane" in page.text
    unknown = fetch(
        copy, "POST", "/actions/analyze", content=f"token={TOKEN}&story=s999".encode(), headers=form
    )
    assert unknown.status_code == 404
