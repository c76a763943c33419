"""Dates: date every article, resolve the dates its sentences mention, and build the timeline.

`date_articles` runs first, so that every article that can be dated has a publication date to
resolve "on Sunday" against; `add_timeline` runs last, once mentions are final. The rules that
turn one expression into a date live in `_rules`.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

from newsweave.clock import utc_today
from newsweave.model import Article, DatedMention, DateOrigin, Span, Story, TimelineEvent
from newsweave.stages.dates._published import (
    CONFIDENCE_DATELINE,
    CONFIDENCE_STORY,
    CONFIDENCE_WEEKDAY,
    PublicationDate,
    dateline_evidence,
    infer_publication_date,
    newest_year,
)
from newsweave.stages.dates._rules import resolve_date_expression, resolve_expression
from newsweave.stages.dates._sightings import expressions_by_sentence, restates_publication
from newsweave.stages.dates._timeline import build_timeline, safe_period_end
from newsweave.stages.article._noise import LIVE_ENTRIES, LIVE_ENTRY_STAMP
from newsweave.vocabulary import TIME_ZONE

__all__ = ["add_timeline", "date_articles", "find_date_expressions", "resolve_date_expression"]

STORY_SLACK_DAYS = 7  # an article's own event date may lie this far outside the story's dates
DATE_LINE_MAX_WORDS = 12  # a heading this short holding a full date is a date line
CONFIDENCE_EXPLICIT = 1.0  # the text names the year: the publication date plays no part
CONFIDENCE_RELATIVE = 0.8  # resolved against the article's own publication date
CONFIDENCE_BORROWED = 0.5  # resolved against a publication date borrowed from the story

# An article borrowing the story's date may be this many days newer. Not older: weekdays told
# before a day fall together on earlier days too (Saturday and Sunday, a week back from
# Friday), so looking back only moves an article away from what it tells.
BORROWED_DAYS_ON = 2
# A weekday named alone ("early Sunday", "on Saturday night"), not "last Sunday" nor a date.
_WEEKDAY_ALONE = re.compile(
    r"(?:(?:early|late|on|this|by|until|since)\s+)*(?P<day>monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?",
    re.IGNORECASE,
)
_PROBE_DATE = dt.date(2000, 1, 1)  # any date will do to learn whether an expression resolves


def find_date_expressions(
    article: Article, *, in_headings: bool = False
) -> list[tuple[Span, Span]]:
    """The date expressions of an article, each with the sentence holding it, in text order.

    The candidates are spaCy's DATE mentions and the phrases `_find_date_phrases` finds; where
    they overlap, one that resolves beats one that does not, then the longer one wins
    ("last Sunday" over "Sunday"). Expressions outside every sentence (headings) are left out,
    unless `in_headings`: then those in a heading come with the heading.
    """
    candidates = {
        _stripped(article, mention.span) for mention in article.mentions if mention.label == "DATE"
    }
    candidates |= {Span(article.id, start, end) for start, end in _find_date_phrases(article.text)}
    no_years = _numbers_not_years(article.text)
    candidates = {span for span in candidates if (span.start, span.end) not in no_years}
    ranked = sorted(
        candidates,
        key=lambda span: (not _resolves(article.quote(span)), span.start - span.end, span.start),
    )
    sentences = _Containing(article.sentences)
    headings = _Containing(article.headings if in_headings else ())
    pairs = []
    for span in sorted(_without_overlaps(ranked), key=lambda s: s.start):
        sentence = sentences.first(span) or headings.first(span)
        if sentence is not None:
            pairs.append((span, sentence))
    return pairs


def date_articles(story: Story, *, today: dt.date | None = None) -> Story:
    """Give a publication date to the story's articles that lack one, with its evidence.

    An undated article takes the date its own text gives (see `_published`): a date line,
    a publication stamp, a date in its URL, a full date said to be today, or failing those the
    newest day it tells of in the past tense ("on Monday, August 29", "on Feb. 3, 2009") when
    that lies within a week of the story's dated articles; each with the words it was read from
    and a confidence (`DateOrigin.TEXT`). An article whose text gives none borrows the story's
    date (`DateOrigin.STORY`): the median publication date of the dated articles, the earlier of
    the middle two for an even count. `today` bounds the year a weekday fixes. Articles keep
    their order.
    """
    timezone = next((a.published.tzinfo for a in story.articles if a.published is not None), None)
    # A text that names no year reads "Monday, Nov. 23" in the year its story names, not today's.
    today = today or utc_today()
    years = [newest_year(a.text, today) for a in story.articles]
    years += [a.published.year for a in story.articles if a.published is not None]
    story_year = max(filter(None, years), default=None)
    # The day the story's dated articles centre on: the year a date line without one is in.
    story_day = _median_date(_comparable(a.published) for a in story.articles if a.published)
    found = {
        a.id: _read_publication(a, today, story_year, story_day.date() if story_day else None)
        for a in story.articles
        if a.published is None
    }
    sure = [
        _with_date(a, found[a.id], timezone) if _is_sure(found.get(a.id)) else a
        for a in story.articles
    ]
    known = sorted(_comparable(a.published) for a in sure if a.published is not None)
    articles = []
    for article in sure:
        told = found.get(article.id) if article.published is None else None
        # The newest day an article tells of dates it only if no dated article of the story
        # contradicts it: "founded on June 5, 1990" does not date this week's coverage.
        if told is not None and (not known or _within(told.date, known)):
            article = _with_date(article, told, timezone)
        articles.append(_with_evidence(article))
    # Only known dates are lent: a date guessed from the events an article tells is not.
    lenders = [a for a in articles if a.published is not None and not _is_guess(a)]
    story_date = _median_date(a.published for a in lenders if a.published is not None)
    count = len(lenders)
    if story_date is not None:
        articles = [a if a.published else _borrowing(a, story_date, count) for a in articles]
    return replace(story, articles=tuple(articles))


def _is_sure(found: PublicationDate | None) -> bool:
    return found is not None and found.confidence > CONFIDENCE_WEEKDAY


def _is_guess(article: Article) -> bool:
    return article.date_confidence is not None and article.date_confidence <= CONFIDENCE_WEEKDAY


def _within(day: dt.date, known: Sequence[dt.datetime]) -> bool:
    """Whether `day` lies within the dates of the story's dated articles, give or take a week."""
    slack = dt.timedelta(days=STORY_SLACK_DAYS)
    return known[0].date() - slack <= day <= known[-1].date() + slack


def _borrowing(article: Article, story_date: dt.datetime, dated_count: int) -> Article:
    """The article with the story's date, or a day or two after it when the weekdays it tells
    fall together only then: an article borrowing a Saturday that tells of "late Saturday" and
    "early Sunday" was written on Sunday, not six days after a Sunday it calls past."""
    evidence = f"the median publication date of the story's {dated_count} dated articles"
    shift = _told_weekdays_shift(article, story_date.date())
    if shift:
        evidence += f", {shift} day{'s' if shift > 1 else ''} on: the weekdays it tells"
    # A day is lent, not the lender's hour: "15:50" on an article that never said it is made up.
    day = story_date.replace(hour=0, minute=0, second=0, microsecond=0)
    return replace(
        article,
        published=day + dt.timedelta(days=shift),
        date_origin=DateOrigin.STORY,
        date_evidence=evidence,
        date_confidence=CONFIDENCE_STORY,
    )


def _told_weekdays_shift(article: Article, day: dt.date) -> int:
    """How many days after `day` (up to `BORROWED_DAYS_ON`) the article's weekdays named alone
    ("Sunday", "late Saturday") lie closest together, resolved as its tenses say; the nearest
    such day on a tie."""
    told, named = [], set()
    for expression, sentence in find_date_expressions(article):
        written = article.quote(expression).strip()
        if alone := _WEEKDAY_ALONE.fullmatch(written):
            told.append((written, article.quote(sentence)))
            named.add(alone["day"].casefold())
    if len(named) < 2:  # one weekday lies as close to itself on any day
        return 0

    def spread(shift: int) -> int:
        base = day + dt.timedelta(days=shift)
        dates = [
            found.date.value
            for written, sentence in told
            if (found := resolve_expression(written, base, sentence)) is not None
        ]
        return (max(dates) - min(dates)).days if dates else 0

    return min(range(BORROWED_DAYS_ON + 1), key=lambda shift: (spread(shift), shift))


def add_timeline(story: Story) -> Story:
    """Fill `dated_mentions` with every resolvable date expression and `timeline` with events.

    Sentences with the same date that tell the same thing, in any article, are one
    `TimelineEvent` supported by all of them. Events are sorted by date; a week, month or year
    sorts at its first day, before the days that start there.
    """
    mentions = tuple(mention for article in story.articles for mention in _dated_mentions(article))
    timeline = _with_background(build_timeline(story, mentions), story)
    return replace(story, dated_mentions=mentions, timeline=timeline)


def _with_background(events: Sequence[TimelineEvent], story: Story) -> tuple[TimelineEvent, ...]:
    """The events, those over a week or more before the story's first dated article marked as
    background: the history its articles recall, not what the story reports. An article whose
    date is only guessed from the events it tells does not start the story."""
    known = [
        a.published.date() for a in story.articles if a.published is not None and not _is_guess(a)
    ]
    if not known:
        return tuple(events)
    start = min(known) - dt.timedelta(days=STORY_SLACK_DAYS)
    return tuple(
        replace(event, background=True) if safe_period_end(event.date) <= start else event
        for event in events
    )


# --- finding and dating ------------------------------------------------------------------------


def _find_date_phrases(text: str) -> Iterator[tuple[int, int]]:
    """Character ranges of weekday, month and relative phrases in running text.

    Complements spaCy's DATE entities, which miss phrases such as "earlier this month".
    A leading word ("last", "in") is part of the range only when the date depends on it.
    """
    for pattern in _PHRASE_PATTERNS:
        for match in pattern.finditer(text):
            group = "expr" if "expr" in pattern.groupindex else 0
            yield match.start(group), match.end(group)


def _numbers_not_years(text: str) -> set[tuple[int, int]]:
    """Where a four-digit number is a time of day or a house number, not a year: "struck at
    1653 local time", "(2153 GMT)", a live report's time stamps (three or more lines opening
    with one), and a street address ("a heritage home at 2016 Ontario", "at 1600 Pennsylvania
    Avenue": a year is said in it, or by it, not at it)."""
    found = {match.span(1) for match in _HOUSE_NUMBER.finditer(text)}
    for match in _HOUR_MINUTE.finditer(text):
        before, after = text[max(0, match.start() - 4) : match.start()], text[match.end() :]
        if (_AT_BEFORE.search(before) and _TIME_GOES_ON.match(after)) or _ZONE_AFTER.match(after):
            found.add(match.span())
    stamps = [match.span(1) for match in LIVE_ENTRY_STAMP.finditer(text)]
    if len(stamps) >= LIVE_ENTRIES:
        found.update(stamps)
    return found


@lru_cache(maxsize=8192)  # a long article says "last week" thousands of times
def _resolves(expression: str) -> bool:
    return resolve_expression(expression, _PROBE_DATE) is not None


def _stripped(article: Article, span: Span) -> Span:
    """The span without the spaces and line breaks spaCy sometimes takes in at its ends."""
    words = article.quote(span)
    start = span.start + len(words) - len(words.lstrip())
    return Span(span.article_id, start, max(start, span.start + len(words.rstrip())))


def _without_overlaps(ranked: Sequence[Span]) -> list[Span]:
    """Each span in rank order, unless it overlaps one kept before (shares a character, or an
    empty span lies strictly inside the other).

    Kept spans never overlap one another, so the characters each covers are marked once: the
    test reads only the span's own characters, linear in the text however many dates it holds
    (checking every kept span made a 2 MB article's dates quadratic).
    """
    length = max((span.end for span in ranked), default=0)
    covered = bytearray(length + 1)  # characters inside a kept span
    opens = bytearray(length + 1)  # where a kept span starts
    empty = bytearray(length + 1)  # where a kept empty span sits
    kept = []
    for span in ranked:
        start, end = span.start, span.end
        if start == end:  # inside a kept span when its neighbours both are, in the same span
            hit = start > 0 and covered[start - 1] and covered[start] and not opens[start]
        else:
            hit = covered.find(1, start, end) >= 0 or empty.find(1, start + 1, end) >= 0
        if hit:
            continue
        kept.append(span)
        if start == end:
            empty[start] = 1
        else:
            covered[start:end] = b"\x01" * (end - start)
            opens[start] = 1
    return kept


class _Containing:
    """The first of `spans` (in their order) that holds a given span.

    Sentences come in text order, so the spans holding a given one are a run of the list,
    found by bisection; spans in any other order are searched one by one.
    """

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = spans
        self.ends = [span.end for span in spans]
        self.in_order = all(a.start <= b.start and a.end <= b.end for a, b in pairwise(spans))

    def first(self, span: Span) -> Span | None:
        if not self.in_order:
            return next((s for s in self.spans if s.start <= span.start <= span.end <= s.end), None)
        index = bisect_left(self.ends, span.end)  # the first that ends at or after it
        if index < len(self.spans) and self.spans[index].start <= span.start:
            return self.spans[index]
        return None


def date_only_sentences(story: Story) -> set[Span]:
    """The sentences that only say a date, of a page or a wire: a stamp ("Posted on November 15,
    2011 6: 07: 15 PM GMT+01: 0"), a date line. They state no event and no fact."""
    expressions = expressions_by_sentence(
        (mention.expression, mention.sentence) for mention in story.dated_mentions
    )
    return {
        sentence
        for sentence, found in expressions.items()
        if all(
            restates_publication(story.article(sentence.article_id), expression, sentence, found)
            for expression in found
        )
    }


def _read_publication(
    article: Article,
    today: dt.date | None,
    story_year: int | None = None,
    story_day: dt.date | None = None,
) -> PublicationDate | None:
    pairs = find_date_expressions(article, in_headings=True)
    by_sentence = expressions_by_sentence(pairs)
    headings = set(article.headings)

    def restates(expression: Span, sentence: Span) -> bool:
        if sentence in headings:  # a short line with a date: "23 July 2013 Last updated at 13:42"
            return len(article.quote(sentence).split()) <= DATE_LINE_MAX_WORDS
        return restates_publication(article, expression, sentence, by_sentence[sentence])

    return infer_publication_date(
        article, pairs, restates, today=today, story_year=story_year, story_day=story_day
    )


def _with_date(article: Article, found: PublicationDate, timezone: dt.tzinfo | None) -> Article:
    return replace(
        article,
        published=dt.datetime.combine(found.date, dt.time(), timezone),
        date_origin=found.origin,
        date_evidence=found.evidence,
        date_confidence=found.confidence,
    )


def _with_evidence(article: Article) -> Article:
    """A date the cleaner read from a date line gets that line as its evidence."""
    if article.date_origin is not DateOrigin.DATELINE or article.date_evidence is not None:
        return article
    evidence = dateline_evidence(article)
    return replace(article, date_evidence=evidence, date_confidence=CONFIDENCE_DATELINE)


def _median_date(dates: Iterable[dt.datetime]) -> dt.datetime | None:
    ordered = sorted(dates, key=_comparable)
    return ordered[(len(ordered) - 1) // 2] if ordered else None


def _comparable(moment: dt.datetime) -> dt.datetime:
    # Inputs may mix aware and naive datetimes; compare aware ones in UTC, naive ones as given.
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _dated_mentions(article: Article) -> list[DatedMention]:
    base = article.published.date() if article.published is not None else None
    relative_confidence = (
        CONFIDENCE_BORROWED if article.date_origin is DateOrigin.STORY else CONFIDENCE_RELATIVE
    )
    mentions = []
    for expression, sentence in find_date_expressions(article):
        resolution = resolve_expression(article.quote(expression), base, article.quote(sentence))
        if resolution is None:
            continue
        confidence = CONFIDENCE_EXPLICIT if resolution.is_explicit else relative_confidence
        mentions.append(DatedMention(expression, sentence, resolution.date, confidence))
    return mentions


# --- phrases in running text (case-sensitive names, so "may" and "march" the verbs are skipped) -

_NAMES_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|"
    r"JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|"
    r"JAN\.|FEB\.|MAR\.|APR\.|AUG\.|SEPT\.|SEP\.|OCT\.|NOV\.|DEC\.)"
)
_NAMES_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Before a day number, months and weekdays may be cut short: "Fri Jun 17, 2011 10:58 am EDT".
_SHORT_MONTH = rf"(?:{_NAMES_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
_SHORT_WEEKDAY = rf"(?:{_NAMES_WEEKDAY}|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?)"
_TEXT_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_TEXT_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_HOUR_MINUTE = re.compile(r"(?<![\w.,:/$£€-])(?:[01]\d|2[0-3])[0-5]\d(?![\w/-]|[.,:]\d|\s?%)")
_AT_BEFORE = re.compile(r"\bat\s$", re.IGNORECASE)
_HOUSE_NUMBER = re.compile(rf"\b[Aa]t\s+(\d{{4}})\s+(?!{_SHORT_MONTH})[A-Z][a-z]")
_ZONE_AFTER = re.compile(
    rf"\s*(?:\(|-LRB-)?\s*(?:local\s+time|{TIME_ZONE}\b|hrs\b|hours\b|h\b)"
)
# After "at 1653", what a time is followed by ("at 2004 prices" is a year).
_TIME_GOES_ON = re.compile(
    r"\s*(?:$|-LRB-|[^\w\s]|(?:on|local|hours|hrs|yesterday|today|tonight|when|and|the)\b)"
)
_PHRASE_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"(?i:\b(?:this|last|next)\s+(?:week|month|year|weekend)\b)",
        r"(?i:\b(?:yesterday|today|tomorrow|tonight)\b)",
        rf"(?i:\b(?:{_TEXT_COUNT}|an?)\s+(?:day|week|month|year)s?\s+ago\b)",
        rf"(?i:\bin\s+{_TEXT_COUNT}\s+(?:day|week|month|year)s?\b)",
        # a number before a colon is an hour: "4 November 02:00 GMT" is no November 2
        rf"\b(?:{_SHORT_WEEKDAY},?\s+)?{_SHORT_MONTH}\s+{_TEXT_DAY}\b(?!\s?:\s?\d)(?:,?\s+\d{{4}}\b)?",
        rf"\b(?:{_SHORT_WEEKDAY},?\s+)?{_TEXT_DAY}\s+{_SHORT_MONTH}(?:,?\s+\d{{4}}\b)?",
        rf"\b{_NAMES_MONTH}\s+\d{{4}}\b",
        rf"(?:\b(?i:last|next)\s+)?\b{_NAMES_WEEKDAY}\b",
        rf"\b(?i:last|next)\s+{_NAMES_MONTH}",
        rf"\b(?i:in|since|until|by|during|for|early|late|mid-)\s*(?P<expr>{_NAMES_MONTH})(?!\s+\d)",
        # "November's summit" ("May's" is more often a name's)
        rf"\b(?P<expr>(?!May){_NAMES_MONTH})(?=['\u2019]s\b)",
        r"\b(?i:in|since|until|by|during)\s+(?P<expr>(?:1[89]|20)\d\d)\b(?![\d'\u2019s])",
        r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2} ?/ ?\d{1,2} ?/ ?\d{4}\b",
    )
)
