"""What the outputs say about a family of copies once the copy stage keeps one link per copy."""

from __future__ import annotations

import datetime as dt

from newsweave.model import (
    AlignLevel,
    Article,
    DateOrigin,
    Relation,
    Report,
    SentencePair,
    Span,
    Story,
)
from newsweave.render._common import dependence
from newsweave.render.json import report_from_dict, report_to_dict, validate_report
from newsweave.render.markdown import render_markdown
from newsweave.stages.provenance.copies import find_copies
from newsweave.web.graph import outlet_edges

COPIES = 8


def _article(number: int) -> Article:
    parts = [f"Part {i} of the wire text on the harbour fire is told here." for i in range(6)]
    spans, offset = [], 0
    for part in parts:
        spans.append(Span(f"a{number}", offset, offset + len(part)))
        offset += len(part) + 1
    text = " ".join(parts)
    return Article(
        id=f"a{number}",
        source=f"Outlet {number}",
        raw_text=text,
        text=text,
        sentences=tuple(spans),
        published=dt.datetime(2026, 11, 16, 9, 0) + dt.timedelta(minutes=10 * number),
        date_origin=DateOrigin.METADATA,
    )


def _family() -> Story:
    """The wire (a0) and its copies, each aligned sentence by sentence with every other one."""
    articles = [_article(number) for number in range(COPIES + 1)]
    pairs = [
        SentencePair(first.sentences[i], second.sentences[i], AlignLevel.VERBATIM, 1.0, 1.0)
        for n, first in enumerate(articles)
        for second in articles[n + 1 :]
        for i in range(5)
    ]
    return find_copies(Story("s", "Harbour fire", tuple(articles), alignments=tuple(pairs)))


def test_render_copies_each_copy_names_the_wire_once() -> None:
    story = _family()
    assert len(story.provenance) == COPIES and story.independent_sources == 1
    reused = dependence(story)
    assert set(reused) == {f"a{n}" for n in range(1, COPIES + 1)}
    assert all(source == "a0" for _, source in reused.values())
    # The copy graph: one arrow from the wire's outlet to each copying outlet, none between copies.
    edges = outlet_edges(story)
    assert {(edge.source, edge.derived) for edge in edges} == {
        ("Outlet 0", f"Outlet {n}") for n in range(1, COPIES + 1)
    }
    assert {edge.relation for edge in edges} <= {Relation.DUPLICATE, Relation.COPY}


def test_render_copies_report_round_trips_and_lists_one_row_per_copy() -> None:
    report = Report(stories=(_family(),))
    data = report_to_dict(report)
    validate_report(data)
    assert len(data["stories"][0]["provenance"]) == COPIES
    assert report_from_dict(data).stories[0].provenance == report.stories[0].provenance
    section = render_markdown(report).split("### Provenance", 1)[1].split("### Removed", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| a")]
    assert len(rows) == COPIES
    assert all(row.split("|")[3].strip() == "a0 (Outlet 0)" for row in rows)
