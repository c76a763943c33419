"""An editor's correction of the article itself is page noise, not a claim or a title."""

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
