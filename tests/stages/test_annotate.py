from __future__ import annotations

from collections.abc import Callable

import pytest

from newsweave.model import Article, Span
from newsweave.stages.article.annotate import annotate_articles, load_nlp, text_pieces


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


def test_annotate_splits_lower_cased_tokenized_text_after_a_spaced_quote(
    make_article: Callable[..., Article],
) -> None:
    # As in Multi-News: lower-cased, with quote marks set apart by spaces.
    text = (
        'She is open to a run for the u.s. Senate. " i live in a city where i support my '
        'representatives, " she told fast company. The film was called "eastenders. " it '
        'features one of the main characters. "Why?" he asked.'
    )
    [article] = annotate_articles([make_article(raw_text=text)])
    assert [article.quote(span) for span in article.sentences] == [
        "She is open to a run for the u.s. Senate.",
        '" i live in a city where i support my representatives, " she told fast company.',
        'The film was called "eastenders. "',
        "it features one of the main characters.",
        '"Why?" he asked.',
    ]


def test_annotate_a_lower_cased_text_ends_sentences_at_a_question_mark(
    make_article: Callable[..., Article],
) -> None:
    story = (
        "looking to up your appreciation of the arts? we've rounded up three deals around "
        "the city for you, from a museum pass to an evening of jazz in the park with friends. "
    )
    cased_story = (
        story.replace("looking", "Looking").replace("we've", "We've").replace("city", "Paris")
    )
    [lowered, cased] = annotate_articles(
        [
            make_article(raw_text=story * 5),
            make_article(raw_text='"Why?" he asked. ' + cased_story * 5),
        ]
    )
    assert lowered.quote(lowered.sentences[0]) == "looking to up your appreciation of the arts?"
    assert cased.quote(cased.sentences[0]) == '"Why?" he asked.'


def test_annotate_splits_sentences_run_together_but_not_web_addresses(
    make_article: Callable[..., Article],
) -> None:
    text = "The crawl is kept for the authors.the goal is to fix links on nytimes.com for good."
    [article] = annotate_articles([make_article(raw_text=text)])
    assert [article.quote(span) for span in article.sentences] == [
        "The crawl is kept for the authors.",
        "the goal is to fix links on nytimes.com for good.",
    ]


def test_annotate_keeps_titles_datelines_and_closing_marks_in_their_sentence(
    make_article: Callable[..., Article],
) -> None:
    # As in Multi-News: lower-cased and tokenized, so the splitter stops after "lt ." and
    # "i-conn.", and a dateline stands alone before its dash.
    text = (
        "portland, ore. — a mother who lost her newborn is suing the hospital where she gave "
        "birth. the complaint was filed by lt . michael morris, who spoke to reporters on "
        "tuesday. sen. joe lieberman ( i-conn. ), who backed the bill, spoke on monday about it. "
        "the vote was set for friday after a long debate in the chamber, and she said no."
    )
    [article] = annotate_articles([make_article(raw_text=f"{text}\n\n{text}")])
    assert [article.quote(span) for span in article.sentences][:4] == [
        "portland, ore. — a mother who lost her newborn is suing the hospital where she gave "
        "birth.",
        "the complaint was filed by lt . michael morris, who spoke to reporters on tuesday.",
        "sen. joe lieberman ( i-conn. ), who backed the bill, spoke on monday about it.",
        "the vote was set for friday after a long debate in the chamber, and she said no.",
    ]


def test_annotate_a_tweet_signature_after_a_short_exclamation_stays_apart(
    make_article: Callable[..., Article],
) -> None:
    text = "Fake news! — Donald J. Trump (@realDonaldTrump) February 9, 2017. Cuomo pushed back."
    [article] = annotate_articles([make_article(raw_text=text)])
    assert article.quote(article.sentences[0]) == "Fake news!"



def test_annotate_text_over_spacy_length_limit(
    make_article: Callable[..., Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    # spaCy refuses texts over `max_length` (1,000,000 characters); one such article ended the
    # whole run. The limit is lowered here so the test stays fast; the text goes well over it.
    monkeypatch.setattr(load_nlp(), "max_length", 2_000)
    paragraph = "Rescuers reached Valparaíso on Monday. The mayor thanked the Chilean army.\n\n"
    text = paragraph * 100
    [article] = annotate_articles([make_article(raw_text=text)])
    assert len(article.sentences) == 200
    assert article.quote(article.sentences[-1]) == "The mayor thanked the Chilean army."
    last = text.rindex("Chilean")
    assert any(m.span.start == last for m in article.mentions)
    assert all(article.quote(m.span) == text[m.span.start : m.span.end] for m in article.mentions)


def test_annotate_text_pieces_cut_between_paragraphs() -> None:
    text = "one two.\n\nthree four five. six seven"
    assert text_pieces(text, 1000) == [(0, len(text))]
    pieces = text_pieces(text, 16)
    assert pieces[0] == (0, len("one two.\n\n"))
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(b - a <= 16 for a, b in pieces)
    unbroken = text_pieces("x" * 40, 16)
    assert unbroken == [(0, 16), (16, 32), (32, 40)]


@pytest.mark.parametrize(
    "stamp",
    [
        "Last updated: 1 May, 2009 - 17:54 GMT",
        "Page last updated at 23:19 GMT, Tuesday, 19 January 2010",
        "Friday 1 May 2009 22.47 BST",
        "KESTREL | Fri May 1, 2009 5:03 pm BST",
        "8 November 2011 Last updated at 06:28 GMT",  # the label between date and time
    ],
)
def test_a_page_stamp_opening_a_line_is_no_part_of_its_sentence(
    make_article: Callable[..., Article], stamp: str
) -> None:
    text = f"{stamp} Ferry strike closes the line to Varn for a week.\nThe union said talks failed."
    [article] = annotate_articles([make_article(raw_text=text)])
    assert article.text.startswith(stamp)  # the text keeps it: only the sentence starts later
    assert [article.quote(span) for span in article.sentences] == [
        "Ferry strike closes the line to Varn for a week.",
        "The union said talks failed.",
    ]


def test_a_live_reports_entry_times_are_no_part_of_their_sentences(
    make_article: Callable[..., Article],
) -> None:
    # T17 haiti, a BBC live page of 2010-01-13: "1040 Hundreds of people are feared ..." led a
    # summary line.
    text = (
        "2332 The neighbours reacted swiftly to news of the earthquake.\n\n"
        "2313 The minister cancelled the rest of her trip to the Pacific.\n\n"
        "1040 Hundreds of people are feared to have died in the capital."
    )
    [article] = annotate_articles([make_article(raw_text=text)])
    assert [article.quote(span) for span in article.sentences] == [
        "The neighbours reacted swiftly to news of the earthquake.",
        "The minister cancelled the rest of her trip to the Pacific.",
        "Hundreds of people are feared to have died in the capital.",
    ]
    # One line opening with a four-digit number is no live report: a year or a count.
    [article] = annotate_articles([make_article(raw_text="1040 people were evacuated.")])
    assert article.quote(article.sentences[0]) == "1040 people were evacuated."


@pytest.mark.parametrize(
    "text",
    [
        "May 1, 2009 was the day the ferry line to Varn closed for good.",
        "Monday, 4 May 2009 12:00 GMT",  # a stamp on a line of its own stays as it is
        # a chronology's entry: the day before the dash is the event's (T17 libya)
        "March 10 - France recognizes the council as the legitimate representative of Varn.",
    ],
)
def test_a_sentence_opening_with_a_date_keeps_it(
    make_article: Callable[..., Article], text: str
) -> None:
    [article] = annotate_articles([make_article(raw_text=text)])
    assert article.quote(article.sentences[0]).startswith(text.split()[0])
