from __future__ import annotations

from collections.abc import Callable

import pytest

from newsweave.model import Article, Span
from newsweave.stages.annotate import annotate_articles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Sec. of State Antony Blinken met officials in Berlin on Nov. 16. He left on Sunday.",
            [
                "The U.S. Sec. of State Antony Blinken met officials in Berlin on Nov. 16.",
                "He left on Sunday.",
            ],
        ),
        (
            "Gen. Smith arrived at 10 a.m. in Washington, D.C. The U.N. said it was fine. Then it ended.",
            [
                "Gen. Smith arrived at 10 a.m. in Washington, D.C.",
                "The U.N. said it was fine.",
                "Then it ended.",
            ],
        ),
        (
            "Mr. Halvorsen spoke first.\n\nMs. Marković replied that talks would go on.",
            ["Mr. Halvorsen spoke first.", "Ms. Marković replied that talks would go on."],
        ),
    ],
)
def test_annotate_splits_sentences_through_abbreviations(
    make_article: Callable[..., Article], text: str, expected: list[str]
) -> None:
    [article] = annotate_articles([make_article(raw_text=text)])
    assert [article.quote(span) for span in article.sentences] == expected


def test_annotate_headings_are_not_sentences(make_article: Callable[..., Article]) -> None:
    text = "The talks began on Monday in Kestrel.\n\nTrade on the table\n\nBoth sides signed fourteen agreements."
    heading = Span("a1", text.index("Trade"), text.index("Trade") + len("Trade on the table"))
    [article] = annotate_articles([make_article(raw_text=text, headings=(heading,))])
    assert [article.quote(s) for s in article.sentences] == [
        "The talks began on Monday in Kestrel.",
        "Both sides signed fourteen agreements.",
    ]


def test_annotate_finds_people_places_and_dates(make_article: Callable[..., Article]) -> None:
    [article] = annotate_articles([make_article(raw_text="Angela Merkel visited Paris on Sunday.")])
    found = {(article.quote(m.span), m.label) for m in article.mentions}
    assert {("Angela Merkel", "PERSON"), ("Paris", "GPE"), ("Sunday", "DATE")} <= found
