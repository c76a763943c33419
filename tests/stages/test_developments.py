"""A story's developments: leads telling one step on one day, dated by what they say.

The texts are the opening sentences of DUC 2004 cluster d30044t (AP, November 1998: Ocalan's
arrest in Rome and what followed), shortened; the Kurdish protest is written twice, a day apart.
"""

from __future__ import annotations

import datetime as dt

import pytest

import newsweave
from newsweave.model import Story

ARREST = (
    "Italian authorities captured Kurdish rebel leader Abdullah Ocalan at Rome's international "
    "airport Thursday. He had flown in from Moscow."
)
ARREST_AGAIN = (
    "Kurdish rebel leader Abdullah Ocalan was arrested at the Rome airport on Thursday as soon as "
    "he stepped off a plane from Moscow. Italy has not decided what to do with him."
)
PRESSURE = (
    "Turkey stepped up the pressure on Italy for the extradition of captured Kurdish rebel leader "
    "Abdullah Ocalan, warning Sunday that granting him asylum would open doors to terrorism. "
    "Italy said the courts would decide."
)
PROTEST = (
    "About 1,500 Kurds massed outside the military hospital in Rome where Kurdish rebel leader "
    "Abdullah Ocalan is held, protesting his detention on {day}. They waved flags."
)


def _story(*texts: tuple[str, dt.datetime]) -> Story:
    records = [
        {"id": f"a{i}", "text": text, "published": published.isoformat(), "source": f"outlet {i}"}
        for i, (text, published) in enumerate(texts)
    ]
    [story] = newsweave.analyze(records, one_story=True).stories
    return story


def _steps(story: Story) -> list[tuple[str | None, list[str]]]:
    return [
        (d.date.iso() if d.date else None, sorted(span.article_id for span in d.support))
        for d in story.developments
    ]


def test_developments_leads_of_one_step_are_one_development_at_the_day_they_tell() -> None:
    story = _story(
        (ARREST, dt.datetime(1998, 11, 14)),
        (ARREST_AGAIN, dt.datetime(1998, 11, 15)),
        (PRESSURE, dt.datetime(1998, 11, 15)),
    )
    # The arrest is dated by its leads ("Thursday"), not by the days they were published.
    assert _steps(story) == [("1998-11-12", ["a0", "a1"]), ("1998-11-15", ["a2"])]
    assert story.developments[0].text == ARREST.split(". ")[0] + "."


def test_developments_the_same_words_days_apart_are_two_developments() -> None:
    story = _story(
        (PROTEST.format(day="Saturday"), dt.datetime(1998, 11, 14)),
        (PROTEST.format(day="Monday"), dt.datetime(1998, 11, 16)),
    )
    assert _steps(story) == [("1998-11-14", ["a0"]), ("1998-11-16", ["a1"])]


def test_developments_a_copy_reports_its_source_step() -> None:
    copy = ARREST + " Police said he would be held."
    story = _story((ARREST, dt.datetime(1998, 11, 14)), (copy, dt.datetime(1998, 11, 14)))
    assert story.provenance  # found as a copy
    assert _steps(story) == [("1998-11-12", ["a0", "a1"])]


@pytest.mark.parametrize("published", [None, dt.datetime(1998, 11, 14)])
def test_developments_one_article_is_one_development(published: dt.datetime | None) -> None:
    records = [{"id": "a", "text": ARREST, **({"published": published.isoformat()} if published else {})}]
    [story] = newsweave.analyze(records).stories
    assert [d.date.iso() if d.date else None for d in story.developments] == [
        "1998-11-12" if published else None
    ]


def test_developments_an_older_day_in_the_lead_is_a_reference_point() -> None:
    # DUC 2004 d30003t: the lead's news is the questioning, not the bombing it names.
    lead = (
        "FBI agents this week began questioning relatives of the victims of the Aug. 7 U.S. "
        "Embassy bombing as well as the seriously injured. The questioning goes on."
    )
    story = _story((lead, dt.datetime(1998, 10, 2)))
    assert _steps(story) == [("1998-10-02", ["a0"])]


@pytest.mark.parametrize(
    "stamp",
    ["Posted on November 15, 1998 6: 07: 15 PM GMT+01: 0", "TNN Nov 15, 1998, 05. 51AM IST ROME:"],
)
def test_developments_and_timeline_skip_a_page_stamp_standing_as_a_sentence(stamp: str) -> None:
    # ECB+ 12_6ecbplus, 12_7ecbplus: a stamp on a line of its own, its clock time tokenized,
    # was the development and a timeline event of its day.
    story = _story((f"{stamp}\n{ARREST}", dt.datetime(1998, 11, 15)))
    assert story.developments[0].text == ARREST.split(". ")[0] + "."
    assert [event.text for event in story.timeline] == [ARREST.split(". ")[0] + "."]
