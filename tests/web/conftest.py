"""Fixtures of the web tests: a real store (the demo coverage, analysed by the pipeline, plus a
hostile story), the app in-process, a real uvicorn on 127.0.0.1 and headless Chromium."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

from newsweave.model import Article, Report, Story
from newsweave.render.json import report_to_dict
from newsweave.sources.read import read_inputs
from newsweave.store.sqlite import Store

TOKEN = "test-token-7f3a"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
CHROMIUM = os.environ.get("NEWSWEAVE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("NEWSWEAVE_CHROMEDRIVER", "/usr/bin/chromedriver")


def add_story(store: Store, story: Story, *, analyse: bool = True) -> str:
    """Store `story`'s articles as one new story and, unless told not to, its report as current."""
    with store.transaction():
        story_id = store.new_story()
        for article in story.articles:
            digest = hashlib.sha256(article.raw_text.encode()).hexdigest()
            key, _ = store.add_article(
                article, content_hash=digest, terms={}, near_duplicate_of=None
            )
            store.assign(key, story_id, 1.0)
        store.refresh_stories([story_id])
    if analyse:
        version = store.story(story_id).version
        report = Report(stories=(replace(story, id=story_id),))
        with store.transaction():
            store.save_analysis(story_id, version, report_to_dict(report))
    return story_id


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo coverage ingested and analysed as a user would, a hostile story, one unanalysed."""
    from hostile_articles import hostile_story

    from newsweave import service

    path = tmp_path_factory.mktemp("web") / "news.db"
    with resources.as_file(resources.files("newsweave") / "demo" / "articles") as folder:
        articles, rejections = read_inputs([folder])
    with service.open_store(path, create=True) as store:
        service.ingest(store, [*articles, *rejections])
        service.update_analyses(store)
        add_story(store, hostile_story())
        waiting = Article(
            id="waiting-1",
            source="Harbour Gazette",
            raw_text="A crane fell.",
            text="A crane fell.",
            title="Crane falls at the harbour",
        )
        add_story(store, Story("x", "Crane falls at the harbour", (waiting,)), analyse=False)
    return path


@pytest.fixture(scope="session")
def server(web_db: Path) -> Iterator[str]:
    """A real uvicorn serving the app on a free port of 127.0.0.1; yields its base URL."""
    import uvicorn

    from newsweave.web.app import create_app

    app = create_app(web_db, token=TOKEN)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start on 127.0.0.1 within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium (Debian's package) driven through Debian's chromedriver."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    if missing:
        if os.environ.get("NEWSWEAVE_SKIP_BROWSER") == "1":
            pytest.skip(f"NEWSWEAVE_SKIP_BROWSER=1 and {', '.join(missing)} not installed")
        pytest.fail(
            f"the page tests need {', '.join(missing)}: "
            "apt-get install -y chromium chromium-driver "
            "(./run test does), or set NEWSWEAVE_SKIP_BROWSER=1 to skip them"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which(CHROMIUM) or CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--disable-extensions",
        "--no-first-run",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(
        service=Service(shutil.which(CHROMEDRIVER) or CHROMEDRIVER), options=options
    )
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(driver: object, name: str) -> Path:
    """Save what the browser shows to test-artifacts/web/NAME.png (for a person to look at)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]
    return path
