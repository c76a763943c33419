"""The pages in headless Chromium against a real uvicorn on 127.0.0.1, as a person uses them.

Screenshots of the main pages land in test-artifacts/web/ for a person to look at.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import screenshot
from hostile_articles import EVIL_ID, EVIL_SOURCE, OTHER_ID

from newsweave.web.views import article_href, outlet_href

pytestmark = pytest.mark.usefixtures("server")


def open_page(browser: Any, url: str) -> None:
    browser.get(url)
    browser.find_element("css selector", "footer")  # the page has been laid out


def test_stories_list_to_story_then_a_claim_lights_up_in_every_article(
    browser: Any, server: str
) -> None:
    open_page(browser, server + "/stories")
    screenshot(browser, "stories")
    link = browser.find_element("partial link text", "Kestrel")
    link.click()
    browser.find_element("css selector", "svg.copy-graph")
    screenshot(browser, "story")
    assert "Who copied whom" in browser.page_source and "Conflicts" in browser.page_source
    # A claim stated by several outlets: clicking it marks its spans in each of their articles.
    buttons = browser.find_elements("css selector", "li.claim.corroborated button.claim-button")
    assert buttons, "the demo story has corroborated claims"
    buttons[0].click()
    lit = browser.execute_script(
        "return Array.from(document.querySelectorAll('details.article'))"
        ".filter(a => a.querySelector('.lit')).map(a => a.dataset.article)"
    )
    assert len(lit) >= 2, lit
    assert buttons[0].get_attribute("aria-pressed") == "true"
    status = browser.find_element("css selector", "output.claim-status").text
    assert status == f"stated in {len(lit)} articles"
    browser.execute_script("window.scrollTo(0, 0)")
    articles = browser.find_element("css selector", "section.articles")
    browser.execute_script("arguments[0].scrollIntoView()", articles)
    screenshot(browser, "story-claim-clicked")
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []  # no blocked script or style, no missing asset
    # Clicking it again clears the highlight.
    browser.execute_script("arguments[0].click()", buttons[0])
    assert browser.find_elements("css selector", ".lit") == []


def test_outlet_page_from_the_copy_graph(browser: Any, server: str) -> None:
    open_page(browser, server + "/stories?q=Kestrel")
    browser.find_element("partial link text", "Kestrel").click()
    node = browser.find_element(
        "css selector", f'svg.copy-graph a[href="{outlet_href("Norland Herald")}"]'
    )
    browser.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node
    )
    heading = browser.find_element("css selector", "h1")
    assert heading.text == "Norland Herald"
    assert "Whom it copies or rewrites" in browser.page_source
    assert browser.find_elements("css selector", '[data-section="copies-from"] td a')
    screenshot(browser, "outlet")


def test_article_page_shows_copied_passages_and_greyed_noise(browser: Any, server: str) -> None:
    open_page(browser, server + "/stories?q=Kestrel")
    browser.find_element("partial link text", "Kestrel").click()
    browser.find_elements("link text", "article page")[0].click()
    assert browser.find_elements("css selector", "mark.hl-shared, mark.hl-conflict")
    reasons = {
        el.get_attribute("title") for el in browser.find_elements("css selector", "del.noise")
    }
    assert reasons & {"removed: boilerplate", "removed: caption", "removed: dateline"}
    screenshot(browser, "article")


def test_hostile_articles_run_nothing(browser: Any, server: str) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    open_page(browser, server + "/stories?q=bridge")
    browser.find_element("partial link text", "Bridge").click()
    story_url = browser.current_url
    story_id = story_url.rsplit("/", 1)[1]
    pages = [
        server + "/stories",
        story_url,
        server + article_href(story_id, EVIL_ID),
        server + article_href(story_id, OTHER_ID),
        server + outlet_href(EVIL_SOURCE),
        server + f"/stories/{story_id}/graph.svg",
    ]
    for url in pages:
        browser.get(url)
        if not url.endswith(".svg"):
            browser.find_element("css selector", "footer")
            # Hover and click everything a person might: claims, links, marks.
            browser.execute_script(
                "document.querySelectorAll('button.claim-button, mark, b, img, svg, a.chip')"
                ".forEach(el => { el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));"
                " if (el.tagName === 'BUTTON') el.click(); })"
            )
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018
        assert browser.execute_script("return window.__pwned === undefined"), url
    browser.get(story_url)
    assert "<script>window.__pwned=3</script>" in browser.find_element("css selector", "h1").text
    hrefs = [a.get_attribute("href") or "" for a in browser.find_elements("css selector", "a")]
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    screenshot(browser, "hostile-story")


def test_a_storys_history_is_listed_apart_under_background(browser: Any, server: str) -> None:
    open_page(browser, server + "/stories")
    browser.find_element("partial link text", "Kestrel").click()
    timeline = browser.find_element("css selector", "section.timeline")
    lists = timeline.find_elements("css selector", "ol.events")
    assert [ol.get_attribute("class") for ol in lists] == ["events", "events background"]
    heading = timeline.find_element("css selector", "h3")
    assert heading.text == "Background"
    # The demo's talks began in February, before the November visit's coverage.
    assert "Talks on the package began in February" in lists[1].text
    assert "2026-11-16" in lists[0].text and "2026-11-16" not in lists[1].text
