"""A page's time stamp run into its first lines, and an editor's correction notice: page noise."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.model import Article, DateOrigin
from newsweave.stages.article.clean import clean_article

LEDE = (
    "The foreign minister arrived in Kestrel on Monday for two days of talks with the government."
)
MORE = "Officials said the talks would cover fishing rights and a new ferry route across the bay."


def _clean(raw: str, title: str | None = None) -> Article:
    return clean_article(Article(id="a", source="Herald", raw_text=raw, title=title))


@pytest.mark.parametrize(
    ("opening", "when"),
    [
        ("KESTREL | Wed Apr 27, 2011 10:32 am EDT KESTREL (Reuters) - ", dt.datetime(2011, 4, 27, 10, 32)),
        ("VARNA, Norland | Thu Apr 28 , 2011 8:12 am BST VARNA, Norland (Reuters) - ", dt.datetime(2011, 4, 28, 8, 12)),
        ("Wednesday 27 April 2005 16.50 BST ", dt.datetime(2005, 4, 27, 16, 50)),
    ],
)
def test_a_time_stamp_and_dateline_glued_before_the_lede_are_cut_and_date_the_article(
    opening: str, when: dt.datetime
) -> None:
    article = _clean(f"{opening}{LEDE}\n\n{MORE}")
    assert article.text.startswith("The foreign minister arrived")
    assert article.published == when
    assert article.date_origin is DateOrigin.DATELINE
    assert {r.reason for r in article.removed} == {"dateline"}


def test_the_words_before_a_time_stamp_in_the_first_line_are_the_headline() -> None:
    headline = "Ruined, cordoned Kestrel is emerging as the decade's monument to neglect"
    article = _clean(f"{headline} Wednesday 27 April 2005 17.57 BST {LEDE}\n\n{MORE}")
    assert article.title == headline
    assert article.text.startswith("The foreign minister arrived")
    assert headline not in article.text
    assert article.published == dt.datetime(2005, 4, 27, 17, 57)


def test_a_given_title_stays_and_the_headline_before_the_stamp_stays_in_the_text() -> None:
    headline = "Minister arrives in Kestrel for ferry talks"
    article = _clean(f"{headline} Wednesday 27 April 2005 17.57 BST {LEDE}\n\n{MORE}", "Ferry talks")
    assert article.title == "Ferry talks"
    assert headline in article.text


@pytest.mark.parametrize(
    "sentence",
    [
        # A time in prose: "at" before it, or a sentence that ends before the date.
        "The ferry left Kestrel on April 27, 2011 at 10:32 am and reached Varna at noon.",
        "The ferry left on time. April 27, 2011 10:32 was the hour the minister landed.",
    ],
)
def test_a_time_told_in_prose_stays(sentence: str) -> None:
    article = _clean(f"{sentence}\n\n{LEDE}\n\n{MORE}")
    assert sentence in article.text
    assert article.published is None


def test_a_stamp_later_in_the_article_is_left_to_the_prose() -> None:
    late = "Read the first part of the statement Thursday 28 April 2005 18.46 BST 20."
    article = _clean(f"{LEDE}\n\n{MORE}\n\n{MORE.replace('ferry', 'rail')}\n\n{late}")
    assert "Read the first part of the statement" in article.text
    assert article.title is None


@pytest.mark.parametrize(
    "notice",
    [
        "This article misstated the first name of James B. Lockhart III, the head of the agency.",
        "An earlier version of this story gave the wrong date for the vote.",
        "Correction: The minister's name was misspelled in an earlier version.",
        "This article has been corrected to show that the talks began on Monday.",
    ],
)
def test_an_editors_correction_of_the_article_is_cut(notice: str) -> None:
    article = _clean(f"{notice}\n\n{LEDE}\n\n{MORE}")
    assert notice not in article.text
    assert [(r.text, r.reason) for r in article.removed] == [(notice, "correction")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Corrections officers at the Kestrel jail went on strike on Monday.",
        "This story of the ferry began in 1998, when the first boat sank.",
        "An earlier version of the treaty was rejected by parliament in May.",
    ],
)
def test_sentences_about_corrections_or_earlier_versions_of_other_things_stay(sentence: str) -> None:
    article = _clean(f"{sentence}\n\n{LEDE}\n\n{MORE}")
    assert sentence in article.text
