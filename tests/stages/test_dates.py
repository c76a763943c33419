"""Tests for the dates stage: resolving expressions, dating articles, building the timeline.

Articles are built by hand (sentences and DATE mentions included) so that no spaCy model loads.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.model import (
    Article,
    DateOrigin,
    FuzzyDate,
    Mention,
    Precision,
    Removal,
    Span,
    Story,
)
from newsweave.stages.dates import (
    _Containing,
    _without_overlaps,
    add_timeline,
    date_articles,
    find_date_expressions,
    resolve_date_expression,
)
from newsweave.stages.article.annotate import annotate_articles
from newsweave.stages.dates._sightings import Sighting, compatible
from newsweave.stages.dates._timeline import _near, _same_words, cluster_sightings

WEDNESDAY = dt.datetime(2026, 11, 18, 9, 30)  # ISO week 2026-W47
MONDAY = dt.datetime(2026, 11, 16, 9, 30)
MID_JANUARY = dt.datetime(2026, 1, 14, 9, 30)  # a Wednesday in ISO week 2026-W03


def _article(
    text: str,
    *,
    id: str = "a",
    published: dt.datetime | None = WEDNESDAY,
    origin: DateOrigin = DateOrigin.METADATA,
    dates: tuple[str, ...] = (),
) -> Article:
    """An article with one sentence per full stop and `dates` as spaCy-style DATE mentions."""
    sentences = tuple(
        Span(id, match.start(), match.end())
        for match in re.finditer(r"\S.*?(?:[.!?](?=\s+[A-Z]|\s*$)|$)", text)
    )
    mentions = tuple(
        Mention(Span(id, text.index(d), text.index(d) + len(d)), "DATE") for d in dates
    )
    return Article(
        id=id,
        source=f"outlet-{id}",
        raw_text=text,
        text=text,
        published=published,
        date_origin=origin if published else DateOrigin.UNKNOWN,
        sentences=sentences,
        mentions=mentions,
    )


def _story(*articles: Article) -> Story:
    return Story(id="s", title="t", articles=articles)


def _iso(expression: str, published: dt.datetime, sentence: str = "") -> str | None:
    date = resolve_date_expression(expression, published, sentence)
    return None if date is None else date.iso()


# --- resolve_date_expression -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Nov. 16", "2026-11-16"),
        ("November 16", "2026-11-16"),
        ("16 November 2026", "2026-11-16"),
        ("March 3, 2026", "2026-03-03"),
        ("Tuesday, March 3, 2026", "2026-03-03"),
        ("the 16th of November", "2026-11-16"),
        ("2026-11-16", "2026-11-16"),
        ("16/11/2026", "2026-11-16"),
        ("yesterday", "2026-11-17"),
        ("today", "2026-11-18"),
        ("tomorrow", "2026-11-19"),
        ("last night", "2026-11-17"),
        ("three days ago", "2026-11-15"),
        ("3 days ago", "2026-11-15"),
        ("last week", "2026-W46"),
        ("this week", "2026-W47"),
        ("next week", "2026-W48"),
        ("two weeks ago", "2026-W45"),
        ("a week ago", "2026-W46"),
        ("earlier this month", "2026-11"),
        ("this month", "2026-11"),
        ("last month", "2026-10"),
        ("next month", "2026-12"),
        ("five months ago", "2026-06"),
        ("5 months ago", "2026-06"),
        ("twelve months ago", "2025-11"),
        ("last November", "2025-11"),
        ("in November", "2026-11"),
        ("mid-October", "2026-10"),
        ("November 2025", "2025-11"),
        ("last year", "2025"),
        ("this year", "2026"),
        ("a year ago", "2025"),
        ("in 2024", "2024"),
        ("early 2024", "2024"),
        ("the end of last year", "2025"),
    ],
)
def test_dates_resolves_expression(expression: str, expected: str) -> None:
    assert _iso(expression, WEDNESDAY) == expected


@pytest.mark.parametrize(
    ("expression", "sentence", "expected"),
    [
        ("on Sunday", "Protesters gathered on Sunday.", "2026-11-15"),
        ("Saturday", "Police said Saturday that the roads were closed.", "2026-11-14"),
        ("late on Wednesday", "Talks collapsed late on Wednesday.", "2026-11-18"),
        ("Thursday", "Rain fell on Thursday.", "2026-11-12"),
        ("last Wednesday", "Talks collapsed last Wednesday.", "2026-11-11"),
        ("next Wednesday", "The talks resume next Wednesday.", "2026-11-25"),
        ("this past Sunday", "Voters went to the polls this past Sunday.", "2026-11-15"),
        ("over the weekend", "Protests spread over the weekend.", "2026-W46"),
    ],
)
def test_dates_resolves_weekday(expression: str, sentence: str, expected: str) -> None:
    assert _iso(expression, WEDNESDAY, sentence) == expected


@pytest.mark.parametrize(
    ("expression", "sentence", "expected"),
    [
        ("on Sunday", "The mayor resigned on Sunday.", "2026-11-15"),  # yesterday
        ("on Monday", "The mayor resigned on Monday.", "2026-11-16"),  # the same day
        ("Saturday", "Fans queued on Saturday.", "2026-11-14"),
        ("last Monday", "The mayor resigned last Monday.", "2026-11-09"),  # never today
        ("on Monday", "The council will vote on Monday.", "2026-11-16"),
        ("next Monday", "The council votes next Monday.", "2026-11-23"),
        ("Tuesday", "The council will vote on Tuesday.", "2026-11-17"),
    ],
)
def test_dates_resolves_weekday_published_on_monday(
    expression: str, sentence: str, expected: str
) -> None:
    assert _iso(expression, MONDAY, sentence) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("in December", "2025-12"),
        ("last November", "2025-11"),
        ("last month", "2025-12"),
        ("Dec. 30", "2025-12-30"),
        ("Jan. 3", "2026-01-03"),
        ("last week", "2026-W02"),
        ("two weeks ago", "2026-W01"),  # the ISO week starting Monday 2025-12-29
        ("last year", "2025"),
        ("next month", "2026-02"),
    ],
)
def test_dates_rolls_over_the_year(expression: str, expected: str) -> None:
    assert _iso(expression, MID_JANUARY) == expected


@pytest.mark.parametrize(
    ("expression", "sentence", "expected"),
    [
        ("on Friday", "The ministers will meet on Friday.", "2026-11-20"),
        ("on Friday", "The ministers met on Friday.", "2026-11-13"),
        ("Sunday", "The vote is due to take place on Sunday.", "2026-11-22"),
        ("Thursday", "The union is expected to strike on Thursday.", "2026-11-19"),
        ("in February", "Elections will be held in February.", "2027-02"),
        ("in February", "The firm cut 200 jobs in February.", "2026-02"),
        ("in February", "The firm announced layoffs in February.", "2026-02"),
        ("in January", "The board plans to meet in January.", "2027-01"),
        ("May 5", "The law takes effect on May 5.", "2027-05-05"),
        ("May 5", "The law was passed on May 5.", "2026-05-05"),
        ("on 3 March", "Police arrested him on 3 March.", "2026-03-03"),
        ("Monday", "He said on Monday that the vote will take place in May.", "2026-11-16"),
        ("May", "He said on Monday that the vote will take place in May.", "2027-05"),
        ("Monday", "Talks collapsed on Monday and will resume on Friday.", "2026-11-16"),
        ("Friday", "Talks collapsed on Monday and will resume on Friday.", "2026-11-20"),
        ("Tuesday", "The ministers will meet on Monday and Tuesday.", "2026-11-24"),
        ("Friday", "The results will be announced on Friday.", "2026-11-20"),
        ("June", "He said the feud, which began in June, would be settled.", "2026-06"),
        ("in two weeks", "The court will rule in two weeks.", "2026-W49"),
        ("in 3 months", "The plant is expected to open in 3 months.", "2027-02"),
        # a future inside a quotation does not govern a date outside it
        (
            "on Saturday",
            "``If Italy keeps this up it will open its doors to terrorism,'' Ecevit added,"
            " referring to brawls that broke out among the demonstrators in Rome on Saturday.",
            "2026-11-14",
        ),
        (
            "Saturday",
            "\u201cThey will not win,\u201d he said, referring to the crowds that filled the"
            " square outside the hospital Saturday.",
            "2026-11-14",
        ),
    ],
)
def test_dates_tense_decides_direction(expression: str, sentence: str, expected: str) -> None:
    assert _iso(expression, WEDNESDAY, sentence) == expected


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("in May", WEDNESDAY, "2026-05"),  # six months either way: the tie goes to the past
        ("in February", WEDNESDAY, "2027-02"),  # three months ahead beats nine months back
        ("in October", WEDNESDAY, "2026-10"),
        ("Nov. 20", WEDNESDAY, "2026-11-20"),
        ("on 3 March", WEDNESDAY, "2027-03-03"),  # 3.5 months ahead beats 8.5 months back
        ("Dec. 30", MID_JANUARY, "2025-12-30"),
    ],
)
def test_dates_without_tense_takes_nearest(
    expression: str, published: dt.datetime, expected: str
) -> None:
    assert _iso(expression, published) == expected


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        ("last week", dt.date(2026, 11, 9), Precision.WEEK),  # the Monday of that week
        ("five months ago", dt.date(2026, 6, 1), Precision.MONTH),
        ("last year", dt.date(2025, 1, 1), Precision.YEAR),
        ("yesterday", dt.date(2026, 11, 17), Precision.DAY),
    ],
)
def test_dates_keeps_precision(expression: str, value: dt.date, precision: Precision) -> None:
    assert resolve_date_expression(expression, WEDNESDAY) == FuzzyDate(value, precision)


@pytest.mark.parametrize(
    ("expression", "sentence"),
    [
        ("for two weeks", "Talks dragged on for two weeks."),
        ("every Sunday", "The market opens every Sunday."),
        ("the 1990s", ""),
        ("the '90s", ""),
        ("recent days", ""),
        ("in recent weeks", ""),
        ("decades", ""),
        ("the past two weeks", ""),
        ("two weeks", ""),
        ("a few days ago", ""),
        ("in nine years", "It was the first visit by a minister in nine years."),
        ("Monday and Tuesday", ""),
        ("February 30", ""),
        ("February 30, 2026", ""),
        ("9000 years ago", ""),
        ("the day before", ""),
        ("", ""),
    ],
)
def test_dates_non_dates_resolve_to_none(expression: str, sentence: str) -> None:
    assert resolve_date_expression(expression, WEDNESDAY, sentence) is None


# --- find_date_expressions ---------------------------------------------------------------------


def test_dates_finds_spacy_mentions_and_missed_phrases() -> None:
    article = _article(
        "Earlier this month, protests began in the capital. Police said 40 people were held on "
        "Sunday. The talks have dragged on for two weeks. Elections will be held in February.",
        dates=("Sunday", "two weeks"),
    )
    found = [(article.quote(e), article.quote(s)[:12]) for e, s in find_date_expressions(article)]
    assert found == [
        ("this month", "Earlier this"),
        ("Sunday", "Police said "),
        ("two weeks", "The talks ha"),  # found, but resolves to nothing
        ("February", "Elections wi"),
    ]


@pytest.mark.parametrize(
    ("text", "spacy_dates", "expected"),
    [
        ("Protests began last Sunday.", ("Sunday",), ["last Sunday"]),
        ("Talks ran on Monday and Tuesday.", ("Monday and Tuesday",), ["Monday", "Tuesday"]),
        ("It opened on Tuesday, March 3, 2026.", ("March 3, 2026",), ["Tuesday, March 3, 2026"]),
        ("The May vote passed in 2024.", (), ["2024"]),
        ("Prices rose in the 1990s.", ("the 1990s",), ["the 1990s"]),
        # the hour after a day and month is no day of that month
        ("All was restored as of 4 November 02:00 GMT.", (), ["4 November"]),
        ("All was restored as of 4 November 02: 00 GMT.", (), ["4 November"]),
    ],
)
def test_dates_resolves_overlaps(
    text: str, spacy_dates: tuple[str, ...], expected: list[str]
) -> None:
    article = _article(text, dates=spacy_dates)
    assert [
        article.quote(expression) for expression, _ in find_date_expressions(article)
    ] == expected


@pytest.mark.parametrize(
    ("text", "spacy_dates", "expected"),
    [
        ("The quake struck at 1653 local time on Tuesday.", ("1653",), ["Tuesday"]),
        ("It hit at 1653 (2153 GMT).", ("1653", "2153"), []),
        ("It was founded in 1999. At 2004 prices it was cheap.", ("1999", "2004"), ["1999", "2004"]),
        # ECB+ 18_9ecb: a house number read as a year led the story's timeline.
        ("He runs it out of a home at 2016 Ontario, he said in 2009.", ("2016", "2009"), ["2009"]),
    ],
)
def test_dates_a_time_of_day_or_a_house_number_in_four_digits_is_no_year(
    text: str, spacy_dates: tuple[str, ...], expected: list[str]
) -> None:
    article = _article(text, dates=spacy_dates)
    assert [article.quote(e) for e, _ in find_date_expressions(article)] == expected


def test_dates_a_live_reports_time_stamps_are_no_years() -> None:
    text = "1504 Aid was pledged.\n1508 The archbishop died.\n1514 The president spoke in 1999."
    article = _article(text, dates=("1504", "1508", "1514", "1999"))
    assert [article.quote(e) for e, _ in find_date_expressions(article)] == ["1999"]


def test_dates_skips_expressions_outside_sentences() -> None:
    article = _article("Sunday roundup. Rain fell on Monday.", dates=("Sunday",))
    article = replace(article, sentences=article.sentences[1:])  # the first line is a heading
    assert [article.quote(e) for e, _ in find_date_expressions(article)] == ["Monday"]


# --- date_articles -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "LONDON, Nov. 17, 2026 - Markets fell. The index was founded on June 5, 1990.",
        "Markets fell. The index was founded on June 5, 1990. Updated Nov. 17, 2026.",
    ],
)
def test_dates_dates_article_from_its_own_date(text: str) -> None:
    (article,) = date_articles(_story(_article(text, published=None))).articles
    assert article.published == dt.datetime(2026, 11, 17)
    assert article.date_origin is DateOrigin.TEXT


def test_dates_borrows_story_date_for_undated_articles() -> None:
    early = _article("Markets fell.", id="early", published=dt.datetime(2026, 11, 16))
    middle = _article("Markets fell.", id="middle", published=dt.datetime(2026, 11, 17))
    late = _article("Markets fell.", id="late", published=dt.datetime(2026, 11, 30))
    undated = _article(
        "Markets fell on Monday. It was founded on June 5, 1990.", id="u", published=None
    )
    story = date_articles(_story(early, undated, middle, late))
    assert [a.id for a in story.articles] == ["early", "u", "middle", "late"]
    borrowed = story.article("u")
    assert borrowed.published == dt.datetime(2026, 11, 17)  # the median, not the earliest
    assert borrowed.date_origin is DateOrigin.STORY
    assert story.article("early").date_origin is DateOrigin.METADATA


def test_dates_a_borrowed_day_moves_to_where_the_articles_weekdays_fall_together() -> None:
    # Timeline17 libya: an article borrowing Saturday, 2011-03-19, that tells of "late
    # Saturday" and "early Sunday" in the past was written on Sunday; its Sunday is not the
    # one six days before.
    dated = _article("Jets struck on Saturday.", id="d", published=dt.datetime(2011, 3, 19))
    undated = _article(
        "Explosions thundered over the city early Sunday. Cameron said late Saturday that "
        "British forces were in action.",
        id="u",
        published=None,
        dates=("early Sunday", "late Saturday"),
    )
    story = date_articles(_story(dated, undated))
    borrowed = story.article("u")
    assert borrowed.published == dt.datetime(2011, 3, 20)
    assert borrowed.date_origin is DateOrigin.STORY and "weekdays" in (borrowed.date_evidence or "")
    sunday = [m.date.iso() for m in add_timeline(story).dated_mentions if m.expression.article_id == "u"]
    assert sunday == ["2011-03-20", "2011-03-19"]


def test_dates_a_borrowed_date_is_a_day_without_the_lenders_hour() -> None:
    # T17 libya 2011-03-19: three undated pages showed "2011-03-19 15:50", the hour of the one
    # dated page, as if each had said when it was written.
    dated = _article("Jets struck on Saturday.", id="d", published=dt.datetime(2011, 3, 19, 15, 50))
    undated = _article("Rebels fled.", id="u", published=None)
    borrowed = date_articles(_story(dated, undated)).article("u")
    assert borrowed.published == dt.datetime(2011, 3, 19)
    assert borrowed.date_origin is DateOrigin.STORY


def test_dates_one_weekday_told_keeps_the_borrowed_day() -> None:
    dated = _article("Jets struck on Saturday.", id="d", published=dt.datetime(2011, 3, 19))
    undated = _article(
        "Rebels fled on Sunday.", id="u", published=None, dates=("Sunday",)
    )
    borrowed = date_articles(_story(dated, undated)).article("u")
    assert borrowed.published == dt.datetime(2011, 3, 19)


def test_dates_a_text_naming_no_year_reads_its_weekday_in_the_storys_year() -> None:
    # Multi-News 3260 (the conflicts round's read): "exonerated monday, nov. 23" in an article
    # naming no year was dated 2026-11-23, the latest Monday, Nov. 23 before today, beside an
    # article of the story that names 2015.
    named = _article(
        "On November 23, 2015, a judge exonerated Luis Vargas.",
        id="n",
        published=None,
        dates=("November 23, 2015",),
    )
    yearless = _article(
        "Luis Vargas reacts in court as he is exonerated Monday, Nov. 23, in Los Angeles.",
        id="y",
        published=None,
        dates=("Monday, Nov. 23",),
    )
    story = date_articles(_story(named, yearless), today=dt.date(2026, 12, 7))
    assert story.article("y").published == dt.datetime(2015, 11, 23)


def test_dates_leaves_articles_undated_without_any_date() -> None:
    undated = _article("Markets fell on Monday.", published=None)
    assert date_articles(_story(undated)).articles == (undated,)


def test_dates_dates_from_text_in_the_story_timezone() -> None:
    aware = _article("Markets fell.", id="x", published=dt.datetime(2026, 11, 18, tzinfo=dt.UTC))
    undated = _article("Nov. 17, 2026 - Markets fell.", id="y", published=None)
    story = date_articles(_story(aware, undated))
    assert story.article("y").published == dt.datetime(2026, 11, 17, tzinfo=dt.UTC)


# --- add_timeline ------------------------------------------------------------------------------


def test_dates_records_mentions_with_confidence() -> None:
    own = _article(
        "Protesters stormed parliament on Sunday. The building opened on March 3, 1990.",
        id="own",
        dates=("Sunday", "March 3, 1990"),
    )
    borrowed = _article(
        "Protesters stormed parliament on Sunday.",
        id="borrowed",
        origin=DateOrigin.STORY,
        dates=("Sunday",),
    )
    story = add_timeline(_story(own, borrowed))
    found = [(m.expression.article_id, story.quote(m.expression), m.date.iso(), m.confidence)
             for m in story.dated_mentions]  # fmt: skip
    assert found == [
        ("own", "Sunday", "2026-11-15", 0.8),
        ("own", "March 3, 1990", "1990-03-03", 1.0),
        ("borrowed", "Sunday", "2026-11-15", 0.5),
    ]


def test_dates_resolves_only_explicit_dates_in_undated_articles() -> None:
    undated = _article("Rain fell on Sunday. The dam opened on March 3, 1990.", published=None)
    story = add_timeline(_story(undated))
    assert [m.date.iso() for m in story.dated_mentions] == ["1990-03-03"]


def test_dates_merges_one_event_told_by_two_articles() -> None:
    first = _article(
        "Hundreds of protesters stormed Peru's parliament on Sunday. The government declared a "
        "state of emergency on Monday.",
        id="first",
        published=dt.datetime(2026, 11, 17),
    )
    second = _article(
        "Protesters stormed the parliament building in Lima late on Sunday, police said.",
        id="second",
        published=dt.datetime(2026, 11, 18),
    )
    story = add_timeline(_story(first, second))
    assert [(e.date.iso(), len(e.support)) for e in story.timeline] == [
        ("2026-11-15", 2),
        ("2026-11-16", 1),
    ]
    stormed = story.timeline[0]
    assert [span.article_id for span in stormed.support] == ["first", "second"]
    assert stormed.text == "Hundreds of protesters stormed Peru's parliament on Sunday."


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Protesters stormed parliament on Sunday.",
            "The central bank raised interest rates on Sunday.",
        ),
        (  # the story's names alone do not make one event
            "Valdoria and Norland signed 14 agreements on Sunday.",
            "Norland and Valdoria opened a new chapter on Sunday, the minister said.",
        ),
    ],
)
def test_dates_keeps_different_events_on_one_date_apart(first: str, second: str) -> None:
    story = _story(_article(first, id="first"), _article(second, id="second"))
    timeline = add_timeline(story).timeline
    assert [(e.date.iso(), len(e.support)) for e in timeline] == [
        ("2026-11-15", 1),
        ("2026-11-15", 1),
    ]


def test_dates_timeline_prefers_a_sentence_about_one_date() -> None:
    first = _article(
        "Ministers arrived on Saturday and signed the trade deal on Sunday.", id="first"
    )
    second = _article("Ministers signed the long-awaited trade deal on Sunday.", id="second")
    timeline = add_timeline(_story(first, second)).timeline
    sunday = next(e for e in timeline if e.date.iso() == "2026-11-15")
    assert sunday.text == "Ministers signed the long-awaited trade deal on Sunday."
    assert [span.article_id for span in sunday.support] == ["first", "second"]


def test_dates_timeline_skips_datelines_and_bare_dates() -> None:
    article = _article(
        "WASHINGTON, Nov. 18 (Reuters) - The Senate passed the bill on Tuesday. "
        "Updated Nov. 18, 2026.",
        dates=("Nov. 18", "Tuesday", "Nov. 18, 2026"),
    )
    story = add_timeline(_story(article))
    assert len(story.dated_mentions) == 3  # every resolvable expression is still recorded
    assert [(e.date.iso(), e.text) for e in story.timeline] == [
        ("2026-11-17", "The Senate passed the bill on Tuesday.")
    ]


def test_dates_timeline_sorts_coarse_dates_at_their_start() -> None:
    article = _article(
        "Prices rose sharply in November. Officials met the unions on Nov. 1. "
        "The strike began last year. Workers marched through the city last week.",
    )
    timeline = add_timeline(_story(article)).timeline
    assert [e.date.iso() for e in timeline] == ["2025", "2026-11", "2026-11-01", "2026-W46"]


def test_dates_stages_run_in_pipeline_order() -> None:
    undated = _article("Fans queued on Saturday.", id="u", published=None)
    dated = _article("Fans queued outside on Saturday.", id="d")
    story = add_timeline(date_articles(_story(dated, undated)))
    assert [(e.date.iso(), [s.article_id for s in e.support]) for e in story.timeline] == [
        ("2026-11-14", ["d", "u"])
    ]


def test_dates_timeline_merges_sentences_the_alignment_pairs() -> None:
    """Two wordings too different for the word test are one event when the alignment pairs them."""
    from dataclasses import replace

    from newsweave.model import AlignLevel, SentencePair

    first = _article("The minister landed in Kestrel on Sunday.", id="a", dates=("Sunday",))
    second = _article(
        "Valdoria's top diplomat reached the capital on Sunday.", id="b", dates=("Sunday",)
    )
    apart = add_timeline(_story(first, second)).timeline
    assert len(apart) == 2
    pair = SentencePair(first.sentences[0], second.sentences[0], AlignLevel.PARAPHRASE, 0.8, 0.2)
    [event] = add_timeline(replace(_story(first, second), alignments=(pair,))).timeline
    assert {span.article_id for span in event.support} == {"a", "b"}


def test_dates_timeline_merges_related_sentences_that_state_one_fact() -> None:
    """A pair the alignment calls only related is one event when the claims stage would make it
    one fact (the demo's arrival, one wording machine-translated); two acts stay two."""
    from dataclasses import replace

    from newsweave.model import AlignLevel, SentencePair

    first = _article(
        "Foreign Minister Elena Marković arrived in Kestrel on Sunday and spent most of Monday "
        "at the Chancellery with Prime Minister Jonas Halvorsen.",
        id="a",
        dates=("Sunday", "Monday"),
    )
    second = _article(
        "Minister Markovich has arrived to Kestrel on Sunday and at the airport she was "
        "welcomed by the Valdorian ambassador.",
        id="b",
        dates=("Sunday",),
    )
    pair = SentencePair(first.sentences[0], second.sentences[0], AlignLevel.RELATED, 0.72, 0.3)
    timeline = add_timeline(replace(_story(first, second), alignments=(pair,))).timeline
    assert [(e.date.iso(), sorted(s.article_id for s in e.support)) for e in timeline] == [
        ("2026-11-15", ["a", "b"]),
        ("2026-11-16", ["a"]),
    ]
    other = _article(
        "Protesters blocked the road to the airport in Kestrel on Sunday.", id="b", dates=("Sunday",)
    )
    pair = SentencePair(first.sentences[0], other.sentences[0], AlignLevel.RELATED, 0.55, 0.2)
    timeline = add_timeline(replace(_story(first, other), alignments=(pair,))).timeline
    assert len(timeline) == 3


# --- dates read from real text (issue 16): sentences from ../shared/data ----------------------
# Each test pins one class of failure seen on real coverage; the sentences are copied from
# Timeline17 (T17), DUC 2004 and ECB+ articles, named by their corpus and document.

LIBYA_STAMP = (  # T17 libya-486, a Reuters page: headline place, stamp, dateline
    "BENGHAZI, Libya | Fri Jun 17, 2011 10:58 am EDT BENGHAZI, Libya (Reuters) - Abdullah "
    "once called himself a rebel."
)
BORDER = (  # T17 libya-668
    "Algerian officials said Gaddafi's second wife Safia, along with her daughter Aisha and son "
    "Hannibal, as well as Mohammed, a son of Gaddafi by his first wife, crossed the border on "
    "Monday, August 29. The NTC said in 2011 it would seek their return."
)
CAIRO_CAPTIONS = (  # T17 egypt-117 (two photo captions of a gallery)
    "A protester totes a handcrafted shield on Thursday, February 3, in Cairo, Egypt. Egyptian "
    "protesters throw stones from behind an abandoned police vehicle during violent clashes on "
    "Wednesday, February 2."
)


def _undated(text: str, *, id: str = "a", dates: tuple[str, ...] = ()) -> Article:
    return _article(text, id=id, published=None, dates=dates)


def test_dates_reads_a_publication_stamp_near_the_top() -> None:
    [article] = date_articles(_story(_undated(LIBYA_STAMP))).articles
    assert article.published == dt.datetime(2011, 6, 17)
    assert article.date_origin is DateOrigin.TEXT and article.date_confidence == 0.9
    assert "Fri Jun 17, 2011 10:58 am" in (article.date_evidence or "")


def test_dates_reads_a_page_stamp_opening_the_headline_line() -> None:
    # T17 h1n1 and haiti: a stamp glued before the headline is in no sentence; it still dates
    # the article, and it is no timeline event.
    text = (
        "Last updated: 1 May, 2009 - 17:54 GMT Ferry line to Varn shut The ferry line to Varn was "
        "shut on Friday after a strike by its crews.\nThe union said talks would resume next week."
    )
    story = _story(annotate_articles([_undated(text)])[0])
    dated = date_articles(story)
    [article] = dated.articles
    assert article.published == dt.datetime(2009, 5, 1)
    assert article.date_origin is DateOrigin.TEXT and article.date_confidence == 0.9
    assert "Last updated: 1 May, 2009 - 17:54 GMT" in (article.date_evidence or "")
    assert all("updated" not in event.text for event in add_timeline(dated).timeline)


@pytest.mark.parametrize(
    "born",
    [
        "Born: August 29, 1958, Gary, Indiana, US Also known as: The King of Pop",
        "The singer, who was born on August 29, 1958, in Gary, Indiana, died last week.",
    ],
)
def test_dates_a_birthday_is_no_publication_date(born: str) -> None:
    # T17 mj: a fact box's birth date was the day two articles were published.
    text = f"The singer's family asked for a second autopsy on Friday. {born}"
    story = _story(annotate_articles([_undated(text)])[0])
    [article] = date_articles(story).articles
    assert article.published is None


def test_dates_a_weekday_with_its_day_fixes_the_year() -> None:
    [article] = date_articles(_story(_undated(BORDER)), today=dt.date(2026, 12, 6)).articles
    # 2011 is the newest year the text names; August 29 was a Monday in 2011 (and 2016, 2022).
    assert article.published == dt.datetime(2011, 8, 29)
    assert article.date_confidence is not None and article.date_confidence < 0.9
    assert "Monday, August 29" in (article.date_evidence or "")


def test_dates_an_article_is_no_older_than_the_newest_past_it_tells() -> None:
    looking_back = (
        "Investigators focused on a meeting in Santa Clara on Aug. 2, 1995. "
        "In 1996, the company changed its plans."
    )
    [article] = date_articles(
        _story(_undated(looking_back, dates=("Aug. 2, 1995", "1996"))), today=dt.date(2026, 12, 6)
    ).articles
    assert article.published is None  # written in 1996 or later: that day is not its own
    same_year = looking_back.replace("In 1996", "In 1995")
    [article] = date_articles(
        _story(_undated(same_year, dates=("Aug. 2, 1995", "1995"))), today=dt.date(2026, 12, 6)
    ).articles
    assert article.published == dt.datetime(1995, 8, 2)


def test_dates_weekday_dates_place_events_of_an_undated_article() -> None:
    story = date_articles(_story(_undated(CAIRO_CAPTIONS)), today=dt.date(2011, 12, 31))
    timeline = add_timeline(story).timeline
    assert [event.date.iso() for event in timeline] == ["2011-02-02", "2011-02-03"]


def test_dates_a_date_in_the_url_dates_the_article() -> None:
    article = replace(
        _undated("Dozens of people rioted in Brooklyn after the police shooting."),
        url="http://gothamist.com/2013/03/11/dozens_riot_over_nypds_fatal_shooti.php",  # ECB+ 19_10
    )
    [dated] = date_articles(_story(article)).articles
    assert (dated.published, dated.date_origin) == (dt.datetime(2013, 3, 11), DateOrigin.TEXT)
    assert "2013/03/11" in (dated.date_evidence or "")


def test_dates_a_short_date_heading_is_a_date_line() -> None:
    text = "23 July 2013 Last updated at 13:42 GMT\n\nA man has denied arson following a fire."
    article = replace(  # ECB+ 14_2, a BBC page
        _undated(text), headings=(Span("a", 0, 38),), sentences=(Span("a", 40, len(text)),)
    )
    [dated] = date_articles(_story(article)).articles
    assert dated.published == dt.datetime(2013, 7, 23)


def test_dates_an_event_date_comes_before_the_story_date() -> None:
    # ECB+ 35_11: the newest date the article tells of, the day before it was posted.
    text = (
        "According to the City Attorney's office, Williams' case had not been submitted as of "
        "Tuesday, February 3, 2009."
    )
    dated_peer = _article("The team met on Monday.", id="b", published=dt.datetime(2009, 2, 6))
    own, _ = date_articles(_story(_undated(text), dated_peer)).articles
    assert (own.published, own.date_origin) == (dt.datetime(2009, 2, 3), DateOrigin.TEXT)
    assert own.date_confidence == 0.5
    # An article whose text gives no date at all borrows the story's.
    silent = _undated("The team met again and talked for hours.", id="c")
    borrowed, _ = date_articles(_story(silent, dated_peer)).articles
    assert (borrowed.published, borrowed.date_origin) == (dt.datetime(2009, 2, 6), DateOrigin.STORY)
    assert borrowed.date_evidence and "median" in borrowed.date_evidence


def test_dates_a_plan_told_in_the_past_looks_back() -> None:
    # DUC APW19981022.0488 (published 1998-10-22): the tours were due in September, not next year.
    sentence = (
        "The tours, originally scheduled to begin in September, have been delayed because of "
        "cost, security and other matters."
    )
    assert _iso("September", dt.datetime(1998, 10, 22), sentence) == "1998-09"
    # ... while a plan told in the present still looks ahead (ECB+ 35_11).
    assert (
        _iso("May 3", dt.datetime(2009, 2, 4), "His court date is set for May 3.") == "2009-05-03"
    )


def test_dates_a_day_without_a_year_is_the_one_near_publication() -> None:
    # ECB+ 14_2 (published 2013-07-23): remanded "to appear ... on 19 August" is weeks ahead.
    sentence = (
        "Mr Pitman entered a not guilty plea at Taunton Deane Magistrates and was remanded in "
        "custody to appear before Taunton Crown Court on 19 August."
    )
    assert _iso("19 August", dt.datetime(2013, 7, 23), sentence) == "2013-08-19"


def test_dates_a_reference_point_is_not_an_event() -> None:
    # T17 egypt-145 (published 2011-02-06) and DUC NYT19981104.0369 (1998-11-04).
    banks = (
        "Some signs of a slow return to normalcy could be seen Sunday in parts of Cairo, with "
        "shops reopening, traffic increasing and some banks opening for the first time since "
        "January 27."
    )
    iowa = (
        "In Iowa, a Democrat was elected governor for the first time since 1969 on a platform "
        "that featured the dilapidated condition of the state's schools."
    )
    cairo = _article(banks, id="a", published=dt.datetime(2011, 2, 6), dates=("Sunday",))
    timeline = add_timeline(_story(cairo)).timeline
    assert [event.date.iso() for event in timeline] == ["2011-02-06"]
    vote = _article(iowa, id="b", published=dt.datetime(1998, 11, 4), dates=("1969",))
    assert add_timeline(_story(vote)).timeline == ()
    # The tagger may hold "since" inside the date (ECB+ 7_11ecb).
    bowe = (
        "The 41-year-old Bowe stepped into the ring for a professional bout for only the third "
        "time since 1996."
    )
    comeback = _article(bowe, id="c", published=dt.datetime(2008, 12, 14), dates=("since 1996",))
    assert add_timeline(_story(comeback)).timeline == ()


def test_dates_month_possessive_is_a_date() -> None:
    # T17 iraq-2 (published 2005-01-09).
    text = (
        "President George W Bush's inauguration in 11 days' time will be an unashamed celebration "
        "of Red America's victory over Blue America in last November's election."
    )
    found = [
        _iso_of(m)
        for m in add_timeline(
            _story(_article(text, published=dt.datetime(2005, 1, 9)))
        ).dated_mentions
    ]
    assert "2004-11" in found


def _iso_of(mention) -> str:  # type: ignore[no-untyped-def]
    return mention.date.iso()


def test_dates_two_expressions_side_by_side_are_one_moment() -> None:
    # Adapted from DUC APW19981212.0161 (1998-12-12): "the Wye River accords signed seven weeks
    # ago in Washington", with the signing date written beside the offset.
    agreeing = "The Wye River accords were signed seven weeks ago on Oct. 23 in Washington."
    disagreeing = "The Wye River accords were signed five weeks ago on Oct. 23 in Washington."
    published = dt.datetime(1998, 12, 12)
    [event] = add_timeline(_story(_article(agreeing, published=published))).timeline
    assert (event.date.iso(), event.other_dates) == ("1998-10-23", ())
    [event] = add_timeline(_story(_article(disagreeing, published=published))).timeline
    assert event.date.iso() == "1998-10-23"
    assert [(date.iso(), said) for date, said in event.other_dates] == [
        ("1998-W45", "five weeks ago")
    ]


def test_dates_one_event_told_with_different_precision_is_one_entry() -> None:
    # DUC APW19981016.0240 and APW19981120.0274: the July 1998 Cambodian election.
    first = _article(
        "Hun Sen's Cambodian People's Party won 64 of the 122 parliamentary seats in July's "
        "elections, short of the two-thirds majority.",
        id="a",
        published=dt.datetime(1998, 10, 16),
    )
    second = _article(
        "Hun Sen's party won 64 parliamentary seats in the elections of July 26, 1998.",
        id="b",
        published=dt.datetime(1998, 11, 20),
    )
    [event] = add_timeline(_story(first, second)).timeline
    assert event.date.iso() == "1998-07-26"
    assert {span.article_id for span in event.support} == {"a", "b"}


def test_dates_outlets_disagreeing_on_the_date_give_one_entry_with_both_dates() -> None:
    from newsweave.model import AlignLevel, SentencePair

    first = _article(  # ECB+ 23_6 / 23_9: a climber's fall, dated a day apart by two outlets
        "A 36-year-old Australian man died on Friday after falling 150 meters from a ridge.",
        id="a",
        published=dt.datetime(2013, 9, 16),
    )
    second = _article(
        "A 36-year-old Australian climber died on Saturday after falling about 150 metres.",
        id="b",
        published=dt.datetime(2013, 9, 16),
    )
    pair = SentencePair(first.sentences[0], second.sentences[0], AlignLevel.PARAPHRASE, 0.9, 0.4)
    story = replace(_story(first, second), alignments=(pair,))
    [event] = add_timeline(story).timeline
    assert {span.article_id for span in event.support} == {"a", "b"}
    assert {event.date.iso(), *(d.iso() for d, _ in event.other_dates)} == {
        "2013-09-13",
        "2013-09-14",
    }


def test_dates_a_guessed_date_is_not_lent_to_the_story() -> None:
    told = _undated(  # ECB+ 35_11: dated only by the newest event it tells of
        "Williams' case had not been submitted as of Tuesday, February 3, 2009.", id="a"
    )
    silent = _undated("The team met again and talked for hours.", id="b")
    guessed, still_undated = date_articles(_story(told, silent)).articles
    assert guessed.published == dt.datetime(2009, 2, 3)
    assert still_undated.published is None


# --- linear in a long article: the same choices as checking every pair ---------------------------

_spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: Span("a", p[0], p[0] + p[1])),
    max_size=40,
)


@given(ranked=_spans)
@settings(max_examples=300, deadline=None, derandomize=True)
def test_dates_overlapping_expressions_kept_as_by_checking_every_pair(ranked: list[Span]) -> None:
    def overlap(a: Span, b: Span) -> bool:
        return a.start < b.end and b.start < a.end

    expected: list[Span] = []
    for span in ranked:
        if not any(overlap(span, other) for other in expected):
            expected.append(span)
    assert _without_overlaps(ranked) == expected


@given(spans=_spans, wanted=_spans, in_text_order=st.booleans())
@settings(max_examples=300, deadline=None, derandomize=True)
def test_dates_sentence_of_an_expression_is_the_first_holding_it(
    spans: list[Span], wanted: list[Span], in_text_order: bool
) -> None:
    if in_text_order:  # sentences as the annotator gives them: in text order, side by side
        ordered: list[Span] = []
        for span in sorted(spans, key=lambda s: (s.start, s.end)):
            if not ordered or ordered[-1].end <= span.start:
                ordered.append(span)
        spans = ordered
    containing = _Containing(spans)
    for span in wanted:
        first = next((s for s in spans if s.start <= span.start and span.end <= s.end), None)
        assert containing.first(span) == first


def test_dates_long_article_finds_each_expression_once_in_its_sentence() -> None:
    # 5,000 sentences with two dates each: found in one pass (checking every kept date against
    # every other and every sentence from the first took 10 s at this size, minutes at 4 MB).
    sentence = "The council met on Monday, March 2 and again last week. "
    article = _article(sentence * 5_000, dates=("Monday, March 2",))
    step = len(sentence)
    mentions = tuple(Mention(Span("a", i * step + 19, i * step + 34), "DATE") for i in range(5_000))
    article = replace(article, mentions=mentions)
    pairs = find_date_expressions(article)
    assert len(pairs) == 10_000
    assert all(s.start <= e.start and e.end <= s.end for e, s in pairs)
    assert [article.quote(e) for e, _ in pairs[:2]] == ["Monday, March 2", "last week"]


def _clusters_trying_every_cluster(sightings, aligned):  # type: ignore[no-untyped-def]
    """The timeline's clustering as first written: every sighting against every cluster."""

    def joins(sighting, cluster):  # type: ignore[no-untyped-def]
        agreeing = 0
        for other in cluster:
            pair = frozenset((sighting.sentence, other.sentence))
            if compatible(sighting.date, other.date):
                agreeing += pair in aligned or _same_words(
                    sighting.words, sighting.common_words, other.words, other.common_words
                )
            elif pair in aligned and _near(sighting.date, other.date):
                agreeing += 1
            else:
                return False
        return 2 * agreeing >= len(cluster)

    clusters: list[list[Sighting]] = []
    for sighting in sightings:
        cluster = next((c for c in clusters if joins(sighting, c)), None)
        if cluster is None:
            clusters.append([sighting])
        else:
            cluster.append(sighting)
    return clusters


_fuzzy_dates = st.builds(
    lambda days, precision: FuzzyDate(dt.date(2026, 1, 1) + dt.timedelta(days=days), precision),
    st.one_of(st.integers(-60, 60), st.integers(-400, 400)).map(
        lambda d: d - d % 7 if d % 3 == 0 else d
    ),
    st.sampled_from(list(Precision)),
).map(
    lambda d: (
        FuzzyDate(d.value.replace(day=1), d.precision) if d.precision is Precision.MONTH else d
    )
)
_word_sets = st.frozensets(
    st.sampled_from(["quake", "hit", "chile", "rescue", "toll", "rose", "vote"]), max_size=5
)


@given(
    found=st.lists(st.tuples(_fuzzy_dates, st.integers(0, 8), _word_sets), max_size=40),
    pairs=st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), max_size=6),
)
@settings(max_examples=300, deadline=None, derandomize=True)
def test_dates_timeline_clusters_as_by_trying_every_cluster(found, pairs) -> None:  # type: ignore[no-untyped-def]
    sentences = [Span("a", 10 * i, 10 * i + 9) for i in range(9)]
    sightings = [
        Sighting(date, "", sentences[i], "", words, words - {"chile"}, False)
        for date, i, words in found
    ]
    aligned = {frozenset((sentences[a], sentences[b])) for a, b in pairs}
    assert cluster_sightings(sightings, aligned) == _clusters_trying_every_cluster(
        sightings, aligned
    )


def test_dates_a_date_line_without_a_year_dates_the_article_in_its_storys_year() -> None:
    # ECB+ 7_9ecbplus: "Jul. 7 5: 59 PM EDT" above a text whose only year is a past bout's.
    text = "Klitschko stopped Thompson on Saturday night. In 2008, Klitschko stopped Thompson."
    own = replace(_undated(text), removed=(Removal("a", "Jul. 7 5: 59 PM EDT", "dateline"),))
    peer = _article("The champion won again.", id="b", published=dt.datetime(2012, 7, 7, 19, 40))
    dated, _ = date_articles(_story(own, peer)).articles
    assert dated.published is not None and dated.published.date() == dt.date(2012, 7, 7)
    assert dated.date_origin is DateOrigin.DATELINE
    assert dated.date_evidence == "Jul. 7 5: 59 PM EDT"
    # Alone, no dated article gives the year: the year its text names is history (2008 here),
    # and the reader's year is no evidence. Timeline17 test articles so dated by the years
    # their texts name ("HONG KONG, May 2 (Reuters) -" above "the SARS outbreak of 2003") were
    # all wrong.
    [alone] = date_articles(_story(own)).articles
    assert alone.published is None
    # With its weekday, the line's year is the one that day is that weekday (T17 libya-681,
    # "Thu, Sep 15 10:57 AM BST" above "LONDON (Reuters) -": September 15 was a Thursday in 2011).
    weekday = replace(
        _undated("Brent surged in 2011, traders said."),
        removed=(Removal("a", "Thu, Sep 15 10:57 AM BST", "dateline"),),
    )
    [alone] = date_articles(_story(weekday), today=dt.date(2026, 12, 7)).articles
    assert alone.published is not None and alone.published.date() == dt.date(2011, 9, 15)
    # A December line in a story of early January is last year's.
    december = replace(own, removed=(Removal("a", "Dec. 30 5: 59 PM EDT", "dateline"),))
    january = _article("The champion won.", id="b", published=dt.datetime(2013, 1, 2))
    dated, _ = date_articles(_story(december, january)).articles
    assert dated.published is not None and dated.published.date() == dt.date(2012, 12, 30)


def test_dates_history_before_the_story_is_background() -> None:
    # T17 h1n1, 2009-04-27: "the 1918 pandemic" and "the 2003 SARS epidemic" led the timeline.
    text = (
        "The Spanish flu pandemic, which began in 1918, killed millions of people. "
        "Experts met on Monday to weigh the alert."
    )
    story = _story(_article(text, published=WEDNESDAY, dates=("1918", "Monday")))
    timeline = add_timeline(story).timeline
    assert [(e.date.iso(), e.background) for e in timeline] == [
        ("1918", True),
        ("2026-11-16", False),
    ]
    # A story without a dated article has no start to be before.
    undated = add_timeline(_story(_undated(text, dates=("1918", "Monday")))).timeline
    assert [e.background for e in undated] == [False]


@pytest.mark.parametrize(
    ("published", "sentence", "expression", "value"),
    [
        # T17 h1n1 (Reuters, 2009-04-27): the new deadline lies ahead of the past "extended".
        (
            dt.datetime(2009, 4, 27),
            "The government has even extended the deadline on filing tax returns by a month to "
            "the end of May.",
            "the end of May",
            "2009-05",
        ),
        (dt.datetime(2009, 6, 20), "The deadline was extended to May.", "May", "2009-05"),
        (dt.datetime(2009, 11, 20), "The trial was postponed until March.", "March", "2010-03"),
        # Not a target: the act's own date keeps the act's tense.
        (dt.datetime(2009, 11, 20), "He moved to Boston in March.", "March", "2009-03"),
    ],
)
def test_dates_a_date_something_was_moved_to_is_the_nearer_one(
    published: dt.datetime, sentence: str, expression: str, value: str
) -> None:
    assert _iso(expression, published, sentence) == value
