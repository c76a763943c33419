"""Renderers: JSON against the contract, Markdown against a golden file, HTML in a real browser."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from newsweave.errors import NewsweaveError
from newsweave.model import (
    Article,
    Claim,
    ClaimStatus,
    Conflict,
    CopyLink,
    DateOrigin,
    Development,
    Entity,
    FuzzyDate,
    Precision,
    Rejection,
    Relation,
    Removal,
    Report,
    Span,
    Story,
    SummaryItem,
    TimelineEvent,
)
from newsweave.render.html import render_html, write_html
from newsweave.render.json import report_from_dict, report_to_dict, validate_report, write_json
from newsweave.render.markdown import escape, render_markdown
from newsweave.render.terminal import print_summary

GOLDEN = Path(__file__).parent / "data" / "golden"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
CHROMIUM = os.environ.get("NEWSWEAVE_CHROMIUM", "/usr/bin/chromium")


def _article(article_id: str, source: str, text: str, **fields: Any) -> Article:
    return Article(id=article_id, source=source, raw_text=text, text=text, **fields)


def _span(article: Article, phrase: str) -> Span:
    start = article.text.index(phrase)
    return Span(article.id, start, start + len(phrase))


def _sentences(article: Article) -> tuple[Span, ...]:
    return tuple(Span(article.id, m.start(), m.end()) for m in re.finditer(r"[^\n]+", article.text))


def _utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)


def bridge_story() -> Story:
    """One event told four ways: an original, a copy, a conflicting report and a hostile blog."""
    a1 = _article(
        "a1",
        "Reuters",
        "Bridge collapses in Riverton\n"
        "The Old Mill bridge in Riverton collapsed on Saturday morning, killing three people, "
        "the fire department said.\n"
        "Mayor Jane Okafor said the bridge had been closed for inspection in October.\n"
        "Rescue teams searched the river until late evening.",
        title="Bridge collapses in Riverton, three dead",
        url="https://example.com/reuters/bridge",
        published=_utc(2026, 11, 14, 14, 5),
        date_origin=DateOrigin.METADATA,
        language="en",
        removed=(Removal("a1", "Photo: Reuters/J. Doe", "caption"),),
    )
    a1 = _with(a1, headings=(_span(a1, "Bridge collapses in Riverton"),))
    a2 = _article(
        "a2",
        "Daily Courier",
        "The Old Mill bridge in Riverton collapsed on Saturday morning, killing three people, "
        "the fire department said.\n"
        "Mayor Jane Okafor said the bridge had been closed for inspection in October.",
        title="Riverton bridge collapse",
        url="javascript:alert(1)",
        published=_utc(2026, 11, 14, 16, 0),
        date_origin=DateOrigin.DATELINE,
        language="en",
        removed=(
            Removal("a2", "Subscribe to our newsletter", "boilerplate"),
            Removal("a2", "Share this | Tweet", "boilerplate"),
        ),
    )
    a3 = _article(
        "a3",
        "Metro Times",
        "Five people died when the Old Mill bridge gave way on Saturday, according to hospital "
        "officials.\n"
        "Mayor J. Okafor called for an inquiry.\n"
        "Engineers had warned about corrosion in 2024.",
        title="Five dead as Old Mill bridge gives way",
        published=_utc(2026, 11, 15),
        date_origin=DateOrigin.TEXT,
        removed=(Removal("a3", "RIVERTON (Metro) —", "dateline"),),
    )
    a4 = _article(
        "a4",
        "evil | outlet",
        f"Witness says {SCRIPT} the bridge *shook* | twice.\n"
        f"See {IMG} for photos.\n# not a heading",
        title=f"{SCRIPT} | pipes",
        removed=(Removal("a4", f"{IMG} | Buy now", "boilerplate"),),
    )
    articles = tuple(_with(a, sentences=a.sentences or _sentences(a)) for a in (a1, a2, a3, a4))
    a1, a2, a3, a4 = articles
    collapse = [_span(a1, "The Old Mill bridge in Riverton collapsed on Saturday morning")]
    collapse += [_span(a2, "The Old Mill bridge in Riverton collapsed on Saturday morning")]
    collapse += [_span(a3, "the Old Mill bridge gave way on Saturday")]
    inspection = "Mayor Jane Okafor said the bridge had been closed for inspection in October."
    said = (
        "The Old Mill bridge in Riverton collapsed on Saturday morning, killing three people, "
        "the fire department said."
    )
    return Story(
        id="story-bridge",
        title="Bridge collapses in Riverton, three dead",
        articles=articles,
        entities=(
            Entity(
                "Jane Okafor",
                "PERSON",
                ("Jane Okafor", "J. Okafor"),
                (_span(a1, "Jane Okafor"), _span(a2, "Jane Okafor"), _span(a3, "J. Okafor")),
            ),
            Entity(
                "Riverton", "GPE", ("Riverton",), (_span(a1, "Riverton"), _span(a2, "Riverton"))
            ),
        ),
        timeline=(
            TimelineEvent(
                FuzzyDate(dt.date(2024, 1, 1), Precision.YEAR),
                "Engineers warned about corrosion.",
                (_span(a3, "warned about corrosion in 2024"),),
            ),
            TimelineEvent(
                FuzzyDate(dt.date(2026, 10, 1), Precision.MONTH),
                "The bridge was closed for inspection.",
                (_span(a1, inspection), _span(a2, inspection)),
            ),
            TimelineEvent(
                FuzzyDate(dt.date(2026, 11, 14)), "The Old Mill bridge collapsed.", tuple(collapse)
            ),
        ),
        developments=(
            Development(
                FuzzyDate(dt.date(2026, 11, 14)),
                "The Old Mill bridge in Riverton collapsed on Saturday morning.",
                tuple(collapse),
            ),
            Development(None, f"Witness says {SCRIPT} the bridge *shook* | twice.", (_span(a4, SCRIPT),)),
        ),
        summary=(
            SummaryItem(
                "The Old Mill bridge in Riverton collapsed on Saturday morning.", tuple(collapse)
            ),
            SummaryItem(inspection, (_span(a1, inspection), _span(a2, inspection))),
            SummaryItem(f"A blog wrote {SCRIPT}.", (_span(a4, SCRIPT),)),
        ),
        claims=(
            Claim(
                "The bridge collapsed on Saturday.", ClaimStatus.CORROBORATED, tuple(collapse), 2
            ),
            Claim(
                "Three people were killed.",
                ClaimStatus.DISPUTED,
                (_span(a1, "killing three people"), _span(a3, "Five people died")),
                2,
            ),
            Claim(
                "Engineers had warned about corrosion.",
                ClaimStatus.SINGLE_SOURCE,
                (_span(a3, "Engineers had warned about corrosion in 2024."),),
                1,
            ),
            Claim(f"The bridge shook {IMG}", ClaimStatus.SINGLE_SOURCE, (_span(a4, IMG),), 1),
        ),
        conflicts=(
            Conflict(
                "number",
                _span(a1, "killing three people"),
                _span(a3, "Five people died"),
                "three dead vs five dead",
            ),
            Conflict(
                "quote",
                _span(a1, "Rescue teams"),
                _span(a4, f"{SCRIPT} the bridge"),
                f"{IMG} | disagreement",
            ),
        ),
        provenance=(
            CopyLink(
                "a1",
                "a2",
                Relation.COPY,
                0.87654,
                (
                    (_span(a1, said), _span(a2, said)),
                    (_span(a2, inspection), _span(a1, inspection)),  # either order is accepted
                ),
            ),
        ),
        independent_sources=3,
    )


def _with(article: Article, **fields: Any) -> Article:
    return replace(article, **fields)


def quiet_story() -> Story:
    """A story that no analysis stage has touched: every section is empty."""
    return Story("story-quiet", "Council meets", (_article("q1", "Gazette", "The council met."),))


def sample_report() -> Report:
    return Report(
        stories=(bridge_story(), quiet_story()),
        rejections=(
            Rejection("feeds/broken.xml", "unreadable", "not valid XML: mismatched tag at line 3"),
            Rejection("empty.txt", "empty", f"no text | after cleaning {SCRIPT}"),
        ),
    )


def _spans_in(data: Any) -> list[dict[str, Any]]:
    """Every span dict anywhere inside `data`."""
    if isinstance(data, dict):
        found = [data] if set(data) == {"article", "start", "end", "text"} else []
        return found + [span for value in data.values() for span in _spans_in(value)]
    if isinstance(data, list):
        return [span for value in data for span in _spans_in(value)]
    return []


# --- JSON ---------------------------------------------------------------------------------------


def test_render_json_validates_against_schema() -> None:
    data = report_to_dict(sample_report())
    validate_report(data)
    validate_report(report_to_dict(Report(stories=())))
    assert data["version"]
    assert [r["reason"] for r in data["rejected"]] == ["unreadable", "empty"]


def test_render_json_span_text_is_article_slice() -> None:
    data = report_to_dict(sample_report())
    texts = {a["id"]: a["text"] for story in data["stories"] for a in story["articles"]}
    spans = _spans_in(data)
    assert len(spans) > 20
    for span in spans:
        assert span["text"] == texts[span["article"]][span["start"] : span["end"]]
        assert span["text"]


def test_render_json_story_fields() -> None:
    bridge, quiet = report_to_dict(sample_report())["stories"]
    assert bridge["independent_sources"] == 3
    assert "independent_sources" not in quiet
    a1 = bridge["articles"][0]
    assert a1["published"] == "2026-11-14T14:05:00+00:00"
    assert a1["date_origin"] == "metadata"
    assert [h["text"] for h in a1["headings"]] == ["Bridge collapses in Riverton"]
    assert a1["sentence_count"] == 4
    assert bridge["articles"][3]["published"] is None
    link = bridge["provenance"][0]
    assert link["shared"] == 0.877
    assert [p["source"]["article"] for p in link["passages"]] == ["a1", "a1"]
    assert [p["derived"]["article"] for p in link["passages"]] == ["a2", "a2"]
    assert [(e["date"], e["precision"]) for e in bridge["timeline"]] == [
        ("2024", "year"),
        ("2026-10", "month"),
        ("2026-11-14", "day"),
    ]
    okafor = bridge["entities"][0]
    assert okafor["mentions"] == 3
    assert okafor["articles"] == ["a1", "a2", "a3"]
    assert okafor["variants"] == ["Jane Okafor", "J. Okafor"]
    assert bridge["claims"][1]["status"] == "disputed"
    assert [r["reason"] for r in bridge["removed"]][:1] == ["caption"]


def test_render_json_invalid_data_names_the_path() -> None:
    data = copy.deepcopy(report_to_dict(sample_report()))
    data["stories"][0]["claims"][1]["status"] = "maybe"
    with pytest.raises(NewsweaveError, match=r"stories\[0\]\.claims\[1\]\.status"):
        validate_report(data)
    with pytest.raises(NewsweaveError, match="top level"):
        validate_report({"stories": []})


def test_render_json_span_outside_article_is_an_error() -> None:
    story = quiet_story()
    bad = replace(story, summary=(SummaryItem("x", (Span("q1", 0, 999),)),))
    with pytest.raises(NewsweaveError, match="only 16 characters"):
        report_to_dict(Report(stories=(bad,)))
    stranger = replace(story, summary=(SummaryItem("x", (Span("zz", 0, 1),)),))
    with pytest.raises(NewsweaveError, match="'zz'"):
        report_to_dict(Report(stories=(stranger,)))


def test_render_json_write_is_stable(tmp_path: Path) -> None:
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    write_json(sample_report(), first)
    write_json(sample_report(), second)
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text(encoding="utf-8")) == report_to_dict(sample_report())
    assert SCRIPT in first.read_text(encoding="utf-8")  # JSON keeps text as it is


# --- Markdown -----------------------------------------------------------------------------------


def test_render_markdown_matches_golden() -> None:
    golden = GOLDEN / "report.md"
    text = render_markdown(sample_report())
    if os.environ.get("NEWSWEAVE_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), (
        "Markdown output changed; if on purpose, rerun with NEWSWEAVE_UPDATE_GOLDEN=1 and review "
        "the diff of tests/data/golden/report.md"
    )


def _tables(markdown: str) -> list[list[int]]:
    """Cells per row, header first, of every table a GFM parser finds."""
    tables: list[list[int]] = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append(0)
        elif token.type in ("th_open", "td_open"):
            tables[-1][-1] += 1
    return tables


def test_render_markdown_hostile_text_never_breaks_a_table() -> None:
    markdown = render_markdown(sample_report())
    tables = _tables(markdown)
    # articles, entities, 2 conflicts, provenance (bridge); articles (quiet); rejected inputs
    assert [len(rows) for rows in tables] == [5, 3, 2, 2, 2, 2, 3]
    for rows in tables:
        assert len(set(rows)) == 1, rows
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(markdown)
    inline = [child for token in tokens for child in token.children or ()]
    assert not [t for t in tokens + inline if t.type in ("html_block", "html_inline")]
    html = md.render(markdown)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<em>shook</em>" not in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("two\nlines", "two lines"),
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("- not a list", "\\- not a list"),
        ("[link](x)", "\\[link\\](x)"),
        ("&amp; AT&T", "\\&amp; AT&T"),
    ],
)
def test_render_markdown_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_render_markdown_empty_sections() -> None:
    markdown = render_markdown(Report(stories=(quiet_story(),)))
    for line in (
        "_No summary._",
        "_No dated events._",
        "_No claims extracted._",
        "_No conflicts found._",
        "_No article copies another._",
        "_Nothing was removed._",
        "_Every input was used._",
    ):
        assert line in markdown
    assert "| q1 | Gazette |  | unknown | unknown |" in markdown
    assert render_markdown(Report(stories=())).startswith("# newsweave report\n\n0 stories")


# --- HTML ---------------------------------------------------------------------------------------


def test_render_html_escapes_hostile_text() -> None:
    html = render_html(sample_report())
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript:' not in html
    # the conflicting span in the hostile article is highlighted, escaped piece by piece
    assert re.search(
        r'<mark class="hl-conflict" title="[^"]*">&lt;script&gt;alert\(1\)'
        r"&lt;/script&gt; the bridge</mark>",
        html,
    )


def test_render_html_highlights_shared_passages() -> None:
    html = render_html(sample_report())
    a2 = html[html.index('id="article-a2"') : html.index('id="article-a3"')]
    marked = "".join(
        re.findall(r'<mark class="hl-shared" title="copy of Reuters">(.*?)</mark>', a2)
    )
    assert "Mayor Jane Okafor said the bridge had been closed for inspection in October." in marked
    a1 = html[html.index('id="article-a1"') : html.index('id="article-a2"')]
    assert 'title="reused by Daily Courier"' in a1
    assert "<h4>Bridge collapses in Riverton</h4>" in a1


def test_render_html_is_self_contained() -> None:
    html = render_html(sample_report())
    dom = _Dom()
    dom.feed(html)
    tags = {tag for tag, _ in dom.elements}
    assert not tags & {"link", "script", "img", "iframe", "object", "embed", "base"}
    assert not [attrs for _, attrs in dom.elements if {"src", "srcset"} & set(attrs)]
    assert "url(" not in html and "@import" not in html
    assert set(re.findall(r"https?://[^\"\s<]+", html)) == {"https://example.com/reuters/bridge"}
    assert 'href="#article-a1"' in html and 'id="article-a1"' in html


def test_render_html_empty_sections(tmp_path: Path) -> None:
    html = render_html(Report(stories=(quiet_story(),)))
    for text in (
        "No summary was written",
        "No dated events",
        "No conflicting statements",
        "No claims were extracted",
        "No article copies",
        "No named entities",
        "Nothing was removed",
        "Every input was used",
    ):
        assert text in html
    assert "<h1>Council meets</h1>" in html
    write_html(Report(stories=()), tmp_path / "empty.html")
    assert "No stories" in (tmp_path / "empty.html").read_text(encoding="utf-8")


# --- terminal -----------------------------------------------------------------------------------


def test_render_terminal_summary() -> None:
    console = Console(record=True, width=120, color_system=None)
    report = sample_report()
    marked_up = replace(report.stories[1], title="[bold]Breaking[/bold]")
    print_summary(replace(report, stories=(report.stories[0], marked_up)), console)
    text = console.export_text()
    # one story has no independence count, so no total is shown
    assert "2 stories · 5 articles · 5 outlets · 2 conflicts" in text
    assert "[bold]Breaking[/bold]" in text
    assert "boilerplate 3, caption 1, dateline 1" in text
    assert "Jane Okafor (PERSON, 3)" in text
    assert "feeds/broken.xml" in text and "unreadable" in text
    console = Console(record=True, width=120, color_system=None)
    print_summary(Report(stories=(bridge_story(),)), console)
    text = console.export_text()
    assert "1 story · 4 articles · 4 outlets · 3 independent sources · 2 conflicts" in text
    assert "Rejected" not in text


# --- a real browser -----------------------------------------------------------------------------


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("NEWSWEAVE_SKIP_BROWSER") == "1":
        pytest.skip(f"NEWSWEAVE_SKIP_BROWSER=1 and no Chromium at {CHROMIUM}")
    pytest.fail(
        f"headless Chromium is needed for the HTML report test but {CHROMIUM} does not exist; "
        "install it (apt-get install -y chromium), point NEWSWEAVE_CHROMIUM at it, "
        "or set NEWSWEAVE_SKIP_BROWSER=1 to skip this test"
    )


def test_render_html_in_headless_chromium(tmp_path: Path) -> None:
    chromium = _chromium_or_skip()
    page = tmp_path / "report.html"
    write_html(sample_report(), page)
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri(),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    dom = _Dom()
    dom.feed(result.stdout)
    tags = [tag for tag, _ in dom.elements]
    assert "main" in tags, result.stdout[:500]
    sections = [attrs.get("data-section") for _, attrs in dom.elements if "data-section" in attrs]
    expected = ["summary", "coverage", "developments", "timeline", "conflicts", "claims",
                "provenance", "entities", "articles", "removed"]  # fmt: skip
    assert sections == expected * 2 + ["rejected"]
    # the hostile text is there as text, and nothing it tried to inject became an element
    text = "".join(dom.text)
    assert SCRIPT in text and IMG in text
    assert "img" not in tags and "script" not in tags
    assert not [a for _, attrs in dom.elements for a in attrs if a.startswith("on")]
    assert not [e for e in dom.elements if (e[1].get("href") or "").startswith("javascript:")]
    marks = [attrs.get("class") for tag, attrs in dom.elements if tag == "mark"]
    assert "hl-shared" in marks and "hl-conflict" in marks


def test_render_history_before_the_story_apart_as_background() -> None:
    report = sample_report()
    bridge = report.stories[0]
    history = replace(bridge.timeline[0], background=True)  # 2024, before November 2026's coverage
    report = replace(report, stories=(replace(bridge, timeline=(history, *bridge.timeline[1:])),))
    markdown = render_markdown(report)
    timeline = markdown[markdown.index("### Timeline") : markdown.index("### Entities")]
    reported, background = timeline.split("#### Background")
    assert "The Old Mill bridge collapsed." in reported
    assert "Engineers warned about corrosion." not in reported
    assert "Engineers warned about corrosion." in background
    data = report_to_dict(report)
    assert [e["background"] for e in data["stories"][0]["timeline"]] == [True, False, False]
    assert report_from_dict(data).stories[0].timeline == report.stories[0].timeline
    html = render_html(report)
    section = html[html.index('data-section="timeline"') : html.index('data-section="conflicts"')]
    assert section.index("collapsed") < section.index("<h3>Background</h3>") < section.index(
        "corrosion"
    )
