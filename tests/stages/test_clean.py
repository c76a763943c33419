from __future__ import annotations

import datetime as dt

import pytest

from newsweave.errors import Rejected
from newsweave.model import Article, DateOrigin
from newsweave.stages.article.clean import clean_article, learn_source_boilerplate

PROSE = (
    "The foreign minister arrived in Kestrel on Monday for two days of talks with the government."
)


def _clean(raw: str, **fields: object) -> Article:
    return clean_article(
        Article(id="a", source=str(fields.pop("source", "Herald")), raw_text=raw, **fields)
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Comments (0)", "boilerplate"),
        ("12 comments", "boilerplate"),
        ("Follow Norland Herald on Google News", "boilerplate"),
        ("Share this article", "boilerplate"),
        ("Share on Facebook", "boilerplate"),
        ("Sign up for our newsletter to get the morning briefing", "boilerplate"),
        ("Click here to subscribe", "boilerplate"),
        ("Advertisement", "boilerplate"),
        ("© 2026 Norland Herald. All rights reserved.", "boilerplate"),
        ("http: / / www. cbsnews. com / 8301 - 207 _ 162 / lawyer - lohan /", "boilerplate"),
        (
            "Elena Marković (L) and Jonas Halvorsen (R) shake hands in Kestrel. Photo: Ivar Lund / CPA",
            "caption",
        ),
        ("Photo: Ivar Lund / Continental Press Agency", "caption"),
        ("Image credit: Norland Government Press Office", "caption"),
        ("Protesters outside the ministry on Monday. (AP Photo/Jane Doe)", "caption"),
        ("Published: 16 November 2026, 09:40", "dateline"),
        ("First Published: June 13, 2013 4: 59 PM EDT", "dateline"),
        ("Updated 4: 08 p. m. ET", "dateline"),
        ("Monday, 16 November 2026", "dateline"),
    ],
)
def test_clean_removes_page_noise_with_its_reason(line: str, reason: str) -> None:
    article = _clean(f"{PROSE}\n\n{line}\n\n{PROSE.replace('Monday', 'Tuesday')}")
    assert [(r.text, r.reason) for r in article.removed] == [(line, reason)]
    assert line not in article.text


@pytest.mark.parametrize(
    "sentence",
    [
        "He declined to comment.",
        "Talks resume on Tuesday.",
        "“We are ready,” she said.",
        "Share prices fell 3 percent on Monday.",
        "Comments from the minister were brief.",
        "The newsletter of the ministry was discontinued in 2019, officials said.",
        "Photographs of the meeting were not released.",
        "The talks lasted until 9:40.",
        "VIDEO: Fishermen block the harbour of Kestrel in protest at the deal",
    ],
)
def test_clean_keeps_short_real_sentences(sentence: str) -> None:
    article = _clean(f"{PROSE}\n\n{sentence}\n\n{PROSE.replace('Monday', 'Tuesday')}")
    assert article.removed == ()
    assert sentence in article.text


def test_clean_dateline_gives_the_date_when_none_was_given() -> None:
    article = _clean(f"Published: 16 November 2026, 09:40\n\n{PROSE}")
    assert article.published == dt.datetime(2026, 11, 16, 9, 40)
    assert article.date_origin is DateOrigin.DATELINE


def test_clean_dateline_with_its_label_after_the_date_is_a_dateline() -> None:
    article = _clean(f"16 November 2026 Last updated at 09:40 GMT\n\n{PROSE}")
    assert [(r.text, r.reason) for r in article.removed] == [
        ("16 November 2026 Last updated at 09:40 GMT", "dateline")
    ]
    assert article.published is not None and article.published.date() == dt.date(2026, 11, 16)


def test_clean_tokenized_stamp_with_two_labels_is_a_dateline() -> None:
    stamp = "First Posted: 10 / 25 / 11 06: 44 PM ET Updated: 12 / 25 / 11 05: 12 AM ET"
    article = _clean(f"{stamp}\n\n{PROSE}")
    assert [(r.text, r.reason) for r in article.removed] == [(stamp, "dateline")]


def test_clean_dateline_does_not_override_metadata_date() -> None:
    given = dt.datetime(2026, 11, 17, 8, 0)
    article = _clean(
        f"Published: 16 November 2026\n\n{PROSE}", published=given, date_origin=DateOrigin.METADATA
    )
    assert article.published == given and article.date_origin is DateOrigin.METADATA
    assert article.removed[0].reason == "dateline"


def test_clean_glued_date_stamp_is_cut_and_the_rest_kept() -> None:
    article = _clean(f"16.11.2026 10:05Kestrel — {PROSE}")
    assert article.text == f"Kestrel — {PROSE}"
    assert [(r.text, r.reason) for r in article.removed] == [("16.11.2026 10:05", "dateline")]
    assert article.published == dt.datetime(2026, 11, 16, 10, 5)


@pytest.mark.parametrize("dateline", ["MUNICH, Germany (AP) _", "WASHINGTON (Reuters) -"])
def test_clean_agency_dateline_is_cut_from_the_first_paragraph(dateline: str) -> None:
    article = _clean(f"{dateline} {PROSE}")
    assert article.text == PROSE
    assert [(r.text, r.reason) for r in article.removed] == [(dateline, "dateline")]


@pytest.mark.parametrize(
    ("above", "dateline", "published"),
    [
        # A byline and the page's stamp, glued before the wire's own dateline (a crawled page):
        # the stamp dates the article.
        (
            "By Maria Golovnina TRIPOLI | Sat Mar 19, 2011 7:34 pm EDT",
            "TRIPOLI (Reuters) -",
            dt.datetime(2011, 3, 19, 19, 34),
        ),
        # A highlights box above a broadcaster's dateline in mixed case.
        ("By the Wire Staff NEW: Leaders warn the regime Talks to go on", "Paris (CNN) --", None),
        # A photo's caption, ending in its sentence, above a dateline in any case and spacing.
        (
            "A protester holds a flag in the square in Kestrel november 16, 2026.",
            "Kestrel ( reuters ) -",
            None,
        ),
    ],
)
def test_clean_what_stands_above_a_dateline_on_its_line_is_a_heading(
    above: str, dateline: str, published: dt.datetime | None
) -> None:
    # The story's first sentence starts after the dateline; what the page put above it stays in
    # the text (a highlights box says what the story is about), as a heading in no sentence.
    article = _clean(f"{above} {dateline} {PROSE}")
    assert article.text == f"{above}\n\n{PROSE}"
    assert [article.quote(heading) for heading in article.headings] == [above]
    assert [(r.text, r.reason) for r in article.removed] == [
        (above, "heading"),
        (dateline, "dateline"),
    ]
    assert article.published == published


def test_clean_a_parenthesis_and_dash_inside_a_sentence_is_no_dateline() -> None:
    sentence = "He said the Islamic State (IS) - which holds the city - would fight on, officials said."
    assert _clean(f"{sentence}\n\n{PROSE}").text == f"{sentence}\n\n{PROSE}"


def test_clean_a_dateline_in_any_form_is_read_among_the_first_lines_only() -> None:
    late = "Kestrel (Norland) - The host city said the talks went on."
    assert _clean(f"{late}\n\n{PROSE}").text.startswith("The host city")  # at the top: cut
    text = f"{PROSE}\n\n{PROSE.replace('Monday', 'Tuesday')}\n\n{PROSE.replace('Monday', 'Friday')}"
    assert _clean(f"{text}\n\n{late}").text.endswith(late)


def test_clean_sentence_starting_with_a_date_is_not_a_stamp() -> None:
    sentence = "November 16, 2026 was the coldest day of the year in Kestrel, forecasters said."
    assert _clean(sentence).text == sentence


def test_clean_repeated_paragraph_keeps_the_first() -> None:
    other = "Officials said fourteen agreements were signed at the end of the talks."
    article = _clean(f"{PROSE}\n\n{other}\n\n{PROSE}")
    assert article.text == f"{PROSE}\n\n{other}"
    assert [(r.text, r.reason) for r in article.removed] == [(PROSE, "repeated")]


def test_clean_heading_is_kept_as_heading_not_removed_from_text() -> None:
    article = _clean(f"{PROSE}\n\nTrade on the table\n\n{PROSE.replace('Monday', 'Tuesday')}")
    [heading] = article.headings
    assert article.quote(heading) == "Trade on the table"
    assert ("Trade on the table", "heading") in [(r.text, r.reason) for r in article.removed]


def test_clean_offsets_index_the_cleaned_text() -> None:
    article = _clean(
        f"Comments (0)\n\n{PROSE}\n\nSection two\n\n{PROSE.replace('Monday', 'Friday')}"
    )
    heading = article.headings[0]
    assert article.text[heading.start : heading.end] == "Section two"


def test_clean_repeated_title_line_is_removed() -> None:
    article = _clean(f"Minister visits Kestrel\n{PROSE}", title="Minister visits Kestrel")
    assert article.text == PROSE and article.removed[0].reason == "title"


@pytest.mark.parametrize(
    "notice",
    [
        "We use cookies to collect and process data.",
        "By using this site, you consent to these cookies being placed on your browser.",
        "Nejm.org uses cookies to improve performance by remembering your session id.",
        "Tweet with a location you can add location information to your tweets, such as your city.",
        "Notice you must log in to continue.",
        "If you are a current 7-day subscriber you are granted an all-access pass to the website.",
        "Breaking news emails get breaking news alerts and special reports.",
        "Rating is available when the video has been rented.",
        "We may use this data for analytics, advertising, and improving user experience.",
    ],
)
def test_clean_cuts_site_notices_out_of_running_prose(notice: str) -> None:
    # Scraped pages glue a site's own notices into the article's paragraph, long as it is.
    article = _clean(f"{PROSE} {notice} {PROSE.replace('Monday', 'Tuesday')}")
    assert article.text == f"{PROSE} {PROSE.replace('Monday', 'Tuesday')}"
    assert [(r.text, r.reason) for r in article.removed] == [(notice, "boilerplate")]


def test_clean_cuts_twitters_location_notice_with_its_learn_more_link() -> None:
    # Embedded tweets leave Twitter's notice, ending in its link text, at the end of the prose.
    notice = [
        "Tweet with a location you can add location information to your tweets, such as your "
        "city or precise location, from the web and via third-party applications.",
        "You always have the option to delete your tweet location history. Learn more",
    ]
    article = _clean(f"{PROSE} {' '.join(notice)}")
    assert article.text == PROSE
    assert [r.text for r in article.removed] == notice


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("( associated press )", "caption"),
        ("( AP Photo/Mark Zaleski )", "caption"),
        ("( mark wilson/getty images )", "caption"),  # Multi-News 4120: photographer/agency
        ("(Rouzbeh Jadidoleslam/AP)", "caption"),
        ("Advertisement advertisement", "boilerplate"),
    ],
)
def test_clean_cuts_agency_credits_and_labels_out_of_the_prose(label: str, reason: str) -> None:
    # Scraped pages glue them between two sentences; the sentences stay whole.
    article = _clean(f"{PROSE} {label} {PROSE}")
    assert article.text == f"{PROSE} {PROSE}"
    assert {r.reason for r in article.removed} == {reason}


def test_clean_cuts_a_notice_glued_before_the_prose_and_keeps_the_prose() -> None:
    article = _clean(f"Please enable javascript to watch this video {PROSE}")
    assert article.text == PROSE
    assert article.removed[0].text == "Please enable javascript to watch this video"


def test_clean_cuts_a_video_pages_upload_date_before_its_description() -> None:
    article = _clean(f"Published on Oct 17, 2018 {PROSE}")
    assert article.text == PROSE
    assert article.removed[0].text == "Published on Oct 17, 2018"
    # In the prose, a publication date is news.
    cited = f"A study published on Oct 17, 2018 found the same. {PROSE}"
    assert _clean(cited).text == cited


@pytest.mark.parametrize(
    "sentence",
    [
        "The EU law requires websites that use cookies to ask visitors for consent first.",
        "Subscribers of the Herald will pay 3 euros more a month from January, the publisher said.",
        "The Internet Archive said its Wayback Machine had saved 800 billion pages.",
        "The tax office said its site was down and asked filers to try again later.",
        "Route 404 was closed after the storm, and the page of the report was not updated.",
    ],
)
def test_clean_keeps_news_about_cookies_subscriptions_and_archives(sentence: str) -> None:
    article = _clean(f"{PROSE} {sentence}")
    assert article.removed == ()
    assert sentence in article.text


def test_clean_site_notice_search_is_fast_on_a_huge_unpunctuated_line() -> None:
    # Linear: the phrase is found first, the sentence bounds after (no backtracking pattern).
    article = _clean(f"{PROSE}\n\n" + "word " * 200_000 + "we use cookies here")
    assert article.removed[-1].reason == "boilerplate"
    assert article.text == PROSE


def test_clean_joins_hard_wrapped_lines() -> None:
    article = _clean(
        "The minister arrived in Kestrel on Monday\nfor two days of talks with the government."
    )
    assert (
        article.text
        == "The minister arrived in Kestrel on Monday for two days of talks with the government."
    )


def test_clean_only_noise_is_rejected() -> None:
    with pytest.raises(Rejected) as error:
        _clean("Comments (0)\nShare this article")
    assert error.value.reason == "no_text"


@pytest.mark.parametrize(
    "page",
    [
        "Something went wrong. Please try again later.",
        "Oops! The page you're looking for does not exist or has been moved.",
        "Error 404: page not found.",
        "The full text of this report is unavailable due to technical difficulties.",
        "This video is unavailable. Sorry about that.",
        "If you can read this, the style sheet did not load. Please refresh.",
        "You can add location information to your tweets. Learn more here",
        # T17 haiti: what a media player shows in place of its clip
        "Can not play media. Sorry, this media is not available in your territory.",
        "To play this content JavaScript must be turned on and the latest Flash player installed.",
    ],
)
def test_clean_issue16_a_page_that_failed_to_load_is_rejected(page: str) -> None:
    # What is left beside the notice is no article: grouped, such pages of unrelated stories
    # became one story (one notice repeated).
    with pytest.raises(Rejected) as error:
        _clean(page)
    assert error.value.reason == "no_text"


def test_clean_issue16_an_article_keeps_its_prose_beside_a_failure_notice() -> None:
    article = _clean(f"{PROSE} Please try again later.")
    assert article.text == PROSE
    assert [r.text for r in article.removed] == ["Please try again later."]


def _herald(article_id: str, body: str) -> Article:
    footer = "The Herald is reader-funded. Become a Friend of the Herald today."
    return Article(id=article_id, source="Herald", raw_text=f"{body}\n\n{footer}")


def test_clean_learns_lines_that_recur_across_one_source() -> None:
    articles = [
        _herald("h1", PROSE),
        _herald(
            "h2",
            "A ferry strike closed the port of Brenna on Tuesday, stranding hundreds of travellers.",
        ),
    ]
    learned = learn_source_boilerplate(articles)
    cleaned = clean_article(articles[0], learned)
    assert cleaned.text == PROSE
    assert cleaned.removed[0].reason == "boilerplate"


def test_clean_learns_a_header_and_a_footer_around_one_paragraph() -> None:
    # Each page is the header, one paragraph and the footer: the two recurring lines must not
    # make the pages look near-identical to each other.
    header = "Kestrel Daily | News | Home"
    articles = [
        _herald(f"h{number}", f"{header}\n\n{body}")
        for number, body in enumerate(
            (
                PROSE,
                "A ferry strike closed the port of Brenna on Tuesday, stranding hundreds.",
                "The council approved a new budget for the city's schools on Thursday.",
            )
        )
    ]
    learned = learn_source_boilerplate(articles)
    assert learned["Herald"] == {
        "kestrel daily news home",
        "the herald is reader funded become a friend of the herald today",
    }
    assert clean_article(articles[0], learned).text == PROSE


def test_clean_does_not_learn_prose_shared_by_two_versions_of_one_story() -> None:
    update = f"{PROSE}\n\nOfficials said fourteen agreements were signed."
    articles = [
        Article(id="v1", source="Wire", raw_text=PROSE),
        Article(id="v2", source="Wire", raw_text=update),
    ]
    assert learn_source_boilerplate(articles) == {}


def test_clean_caption_goes_but_the_date_line_glued_to_it_stays() -> None:
    article = _clean(
        "date 2023-06-18 Blinken is greeted on arrival in Beijing. Photo: Leah Millis / Reuters"
        "\n\nBlinken began meetings in Beijing today."
    )
    assert article.text == "Blinken began meetings in Beijing today."
    assert (article.published, article.date_origin) == (
        dt.datetime(2023, 6, 18),
        DateOrigin.DATELINE,
    )
    assert [removal.reason for removal in article.removed] == ["caption"]


def test_clean_decodes_character_references_a_page_left_in_the_text() -> None:
    # Multi-News test cluster 3006: a caption and its credit kept "&#124;" from the page.
    article = _clean(
        "Yates and Clapper appear before the subcommittee on May 8. &#124; John Shinkle/Politico\n\n"
        "Q&amp;A: what Yates said, and what AT&T and R&D; mean here &mdash; nothing."
    )
    assert "&#124;" not in article.text and "| John Shinkle" in article.text
    assert "Q&A: what Yates said, and what AT&T and R&D; mean here \u2014 nothing." in article.text


def test_clean_a_date_line_without_a_year_gives_no_date_of_its_own() -> None:
    # ECB+ 7_9ecbplus, an agency page: the year is not the reader's clock's; the dates stage
    # reads the day in its story's year.
    article = _clean(f"Jul. 7 5: 59 PM EDT\n\n{PROSE}")
    assert [(r.text, r.reason) for r in article.removed] == [("Jul. 7 5: 59 PM EDT", "dateline")]
    assert article.published is None


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("Article posted on 08. 07. 2012", dt.date(2012, 7, 8)),  # ECB+ 7_7ecbplus
        ("Story published: 16.11.2026", dt.date(2026, 11, 16)),
    ],
)
def test_clean_a_stamp_naming_the_article_it_dates_is_a_dateline(stamp: str, day: dt.date) -> None:
    article = _clean(f"{stamp}\n\n{PROSE}")
    assert [(r.text, r.reason) for r in article.removed] == [(stamp, "dateline")]
    assert article.published is not None and article.published.date() == day


def test_clean_a_slashed_date_line_is_not_read_day_first() -> None:
    # ECB+ 22_11ecbplus, a US page: September 10, which the dates stage reads month first.
    article = _clean(f"9 / 10 / 2010 @ 1: 19PM\n\n{PROSE}")
    assert article.published is None or article.published.date() == dt.date(2010, 9, 10)
