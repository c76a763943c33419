"""Editors' notes are page noise, not claims, titles or dated events: a correction of the
article itself, a wire editor's note on where a paragraph goes in the story's earlier version."""

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
