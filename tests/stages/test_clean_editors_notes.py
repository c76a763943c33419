"""Editors' notes are page noise, not claims, titles or dated events: a correction of the
article itself, a wire editor's note on where a paragraph goes in the story's earlier version, the
credits of who reported, wrote or edited it and where a version of it was printed."""

from __future__ import annotations

import pytest

from newsweave.model import Article
from newsweave.stages.article.clean import clean_article

LEDE = (
    "The foreign minister arrived in Kestrel on Monday for two days of talks with the government."
)
MORE = "Officials said the talks would cover fishing rights and a new ferry route across the bay."


def _clean(raw: str) -> Article:
    return clean_article(Article(id="a", source="Herald", raw_text=raw))


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


@pytest.mark.parametrize(
    ("paragraph", "note"),
    [
        ("Few houses have remained standing, officials said. At its, 4th graf pvs", "At its, 4th graf pvs"),
        ("The toll rose to 357 on Saturday. Mitch _ once, 2nd graf pvs", "Mitch _ once, 2nd graf pvs"),
        ("The launch came a year late. ``During the, pickup 4th pvs", "``During the, pickup 4th pvs"),
        ("All members must do the same. ``No member, 5th graf, 1st Ld-Writethru", "``No member, 5th graf, 1st Ld-Writethru"),
        ("He made a statement of condolence. Jamal Fawz, graf 19 pvs", "Jamal Fawz, graf 19 pvs"),
        ("He may call early elections. The vote, 3rd graf prv", "The vote, 3rd graf prv"),
    ],
)
def test_a_wire_editors_insert_note_ending_a_paragraph_is_cut(paragraph: str, note: str) -> None:
    article = _clean(f"{LEDE}\n\n{paragraph}\n\n{MORE}")
    assert note not in article.text
    assert paragraph[: -len(note)].strip() in article.text
    assert [(r.text, r.reason) for r in article.removed] == [(note, "boilerplate")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The team won its 3rd game in a row, said coach Ivar Lund.",
        "Officials said the talks, the 2nd round, were useful.",
        "Lund, 4th in the standings, said he was pleased.",
    ],
)
def test_ordinals_in_prose_are_no_insert_notes(sentence: str) -> None:
    article = _clean(f"{LEDE}\n\n{sentence}\n\n{MORE}")
    assert sentence in article.text


@pytest.mark.parametrize(
    "credit",
    [
        "(Reporting by Jim Forsyth, writing by Chris Baltimore, editing by Alan Elsner)",
        "Reporting by Carey Gillam; additional reporting by Bob Burgdorfer in Chicago",
        "(Editing by Miral Fahmy)",
        "A version appeared on p7 of the Main section section of the Guardian on 00.38 BST on "
        "Saturday 2 May 2009.",
        "A version of this article appears in print on December 5, 2016, on Page A1 of the New "
        "York edition with the headline: Talks Begin.",
        "This article appeared on p6 of the Main section.",
        "The opinions expressed in this commentary are solely those of Ivar Lund.",
        "The views expressed in this article are the author's own.",
    ],
)
def test_a_credit_or_print_note_on_its_own_line_is_cut(credit: str) -> None:
    article = _clean(f"{LEDE}\n\n{MORE}\n\n{credit}")
    assert credit not in article.text
    assert [(r.text, r.reason) for r in article.removed] == [(credit, "credit")]


@pytest.mark.parametrize(
    ("paragraph", "credit"),
    [
        (
            "The talks would go on, he said. ( reporting by joan gralla; editing by jan paschal )",
            "( reporting by joan gralla; editing by jan paschal )",
        ),
        (
            "The talks would go on, he said. Herald writer Ivar Lund contributed to this report.",
            "Herald writer Ivar Lund contributed to this report.",
        ),
        ("The talks would go on, he said. Ivar Lund contributed reporting.", "Ivar Lund contributed reporting."),
    ],
)
def test_a_credit_glued_to_the_last_paragraph_is_cut(paragraph: str, credit: str) -> None:
    article = _clean(f"{LEDE}\n\n{paragraph}")
    assert credit not in article.text
    assert "The talks would go on, he said." in article.text
    assert [(r.text, r.reason) for r in article.removed] == [(credit, "credit")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The reporting by local papers was thin, the minister said on Monday.",
        "Editing by hand took the clerks three weeks, officials said.",
        "He contributed to the report on fishing rights that the ministry published.",
        "The story appeared on television first, officials said.",
        "A version of the treaty appeared in 1998 and was rejected by parliament.",
        "The views expressed by the fishermen were ignored, the union said on Monday.",
    ],
)
def test_prose_about_reporting_editing_or_appearing_stays(sentence: str) -> None:
    article = _clean(f"{LEDE}\n\n{sentence}\n\n{MORE}")
    assert sentence in article.text


def test_two_wires_credits_are_no_conflict() -> None:
    """Two reports of one event, each ending in its wire's credit glued to the site's footer, as
    scraped pages do: the two credits read alike but for their names, and were a conflict on who."""
    from newsweave.pipeline import analyze

    body = (
        "The ferry line between Kestrel and Varn will close on Monday after a strike by its crews, "
        "the company said on Friday. About 3,000 commuters use the ferry every day, officials said."
    )
    footer = "A connected approach to governance, risk and compliance Our next generation platform"
    credits = (
        "(Reporting by Jim Forsyth, writing by Chris Baltimore, editing by Alan Elsner)",
        "(Reporting by Maggie Fox, Editing by Sandra Maler)",
    )
    reports = [
        Article(id="a", source="Wire One", raw_text=f"{body}\n\n{credits[0]} {footer}"),
        Article(
            id="b",
            source="Wire Two",
            raw_text=f"{body} The strike is the first in ten years.\n\n{credits[1]} {footer}",
        ),
    ]
    stories = analyze(reports).stories
    assert [len(story.articles) for story in stories] == [2]
    assert stories[0].conflicts == ()
