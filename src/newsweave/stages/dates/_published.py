"""When an article without metadata was published, read from its own text, with the evidence.

The kinds of evidence, most certain first (the first kind found decides):
    a date line the cleaner cut     "Updated 3:09 AM EST Dec 19, 2008" on a line of its own
    a publication stamp             a full date that is a sentence of its own or a dateline, or
                                    near the top with a time, a label or a bar ("Thu May 7, 2009
                                    4:26 pm EDT", "Published: April 23, 2013", "May 2, 2013 |")
    a date in the article's URL     ".../2013/05/02/lindsay-lohan-..."
    a full date said to be today    "fire crews were this morning called ... (July 21, 2013)"
    a date line without its year    "Jul. 7 5:59 PM EDT": its day in the year nearest the
                                    story's dated articles (none dated: no date)
    the latest day the text tells   a weekday with its day of month ("on Monday, August 29": the
    of, in the past tense           weekday fixes the year) or a full date ("on Feb. 4, 2009")
The last kind dates the newest event told, which is usually the day of publication or the day
before: its confidence says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsweave.clock import utc_today
from newsweave.model import Article, DateOrigin, Precision, Span
from newsweave.stages.article._noise import PAGE_STAMP_OPENING
from newsweave.stages.dates._rules import resolve_expression, weekday_year
from newsweave.stages.dates._tense import Tense, tense_around
from newsweave.vocabulary import MONTH_WORD, WEEKDAYS

CONFIDENCE_DATELINE = 0.95
CONFIDENCE_STAMP = 0.9
CONFIDENCE_URL = 0.8
CONFIDENCE_TODAY = 0.8
CONFIDENCE_WEEKDAY = 0.6  # the newest "Monday, August 29" told in the past tense
CONFIDENCE_LATEST = 0.5  # the newest full date told in the past tense
CONFIDENCE_STORY = 0.3  # borrowed: the median publication date of the story's dated articles
TOP_CHARS = 300  # a stamp with a time, label or bar counts only this near the top of the text

_TIME_AFTER = re.compile(
    r"^\W{0,3}(?:at\s+|@\s*)?\d{1,2}\s*[:.]\s*\d\d|^\W{0,3}\d{1,2}\s*[ap]\.?\s*m\b", re.I
)
_LABEL_BEFORE = re.compile(
    r"\b(?:published|posted|updated|modified|dated?|released|filed|release)\b[^\n.!?]{0,30}$",
    re.IGNORECASE,
)
_BAR = re.compile(r"\|\s*$")
_BORN = re.compile(r"\bborn\b\W*(?:on|in)?\s*$", re.IGNORECASE)
_BAR_AFTER = re.compile(r"^\s*\|")
_TODAY = re.compile(r"\b(?:today|this (?:morning|afternoon|evening)|tonight)\b", re.IGNORECASE)
_URL_DATE = re.compile(
    r"/\s*((?:19|20)\d\d)\s*/\s*(0?[1-9]|1[0-2])\s*/\s*(0?[1-9]|[12]\d|3[01])\s*/"
)
_FULL_DATE = re.compile(
    rf"\b\d{{1,2}} ?[/.-] ?\d{{1,2}} ?[/.-] ?\d{{4}}\b|\b\d{{4}}-\d\d-\d\d\b|"
    rf"\b{MONTH_WORD} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b|\b\d{{1,2}} {MONTH_WORD},? \d{{4}}\b",
    re.IGNORECASE,
)
_URL = re.compile(r"^(?:https?\s*:\s*/\s*/|www\s*\.)", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH_AND_DAY = re.compile(
    rf"\b{MONTH_WORD} ?\d{{1,2}}\b(?!\s*:)|\b\d{{1,2}} {MONTH_WORD}", re.IGNORECASE
)
_WEEKDAY_AND_DAY = re.compile(
    r"^(?:on\s+|last\s+)?(?P<weekday>"
    + "|".join(WEEKDAYS)
    + r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
    r"\b\W+(?P<rest>.+)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """A publication date read from an article, the words it was read from, and how sure."""

    date: dt.date
    origin: DateOrigin
    evidence: str
    confidence: float


def infer_publication_date(
    article: Article,
    expressions: Sequence[tuple[Span, Span]],
    restates_publication: Callable[[Span, Span], bool],
    *,
    today: dt.date | None = None,
    story_year: int | None = None,
    story_day: dt.date | None = None,
) -> PublicationDate | None:
    """The publication date `article`'s text gives, or None when it gives none.

    `expressions` are the article's date expressions with their sentences, in text order;
    `restates_publication` tells whether one sits in a dateline or a sentence that is only a
    date. `today` bounds the year a weekday fixes (by default, the current date). A weekday with
    its day ("Monday, Nov. 23") takes the year nearest the newest one the text names, else
    `story_year` (the newest its story names), else today's. A date line without its year is
    read in the year that puts it nearest `story_day`, the day the story's dated articles
    centre on.
    """
    today = today or utc_today()
    anchor_year = _anchor_year(article, today, story_year)
    for finder in (_cut_date_line, _opening_stamp, _stamp, _from_url, _said_today):
        found = finder(article, expressions, restates_publication, today, anchor_year)
        if found is not None:
            return found
    # A date line's day without its year ("Jul. 7 5:59 PM EDT") is in the year of the story's
    # dated articles. Not in a year the text names: those are history ("In 2008, ...", "the
    # SARS outbreak of 2003") or plans ("until 2022"), and the reader's year is no evidence.
    from_line = _yearless_date_line(article, story_day, anchor_year, today)
    return from_line or _latest_told(article, expressions, today, anchor_year)


def dateline_evidence(article: Article) -> str | None:
    """The date line the cleaner cut and dated the article by (maybe with the caption it was in)."""
    lines = [r.text for r in article.removed if r.reason == "dateline"]
    lines += [
        r.text for r in article.removed if r.reason == "caption" and _FULL_DATE.search(r.text)
    ]
    return lines[0] if lines else None


def _cut_date_line(
    article, expressions, restates_publication, today, anchor_year
) -> PublicationDate | None:
    """A date line the cleaner cut without reading its date ("Last updated 13:26 14/09/2013")."""
    for removal in article.removed:
        if removal.reason != "dateline":
            continue
        if (day := _first_full_day(removal.text)) is not None:
            return PublicationDate(day, DateOrigin.DATELINE, removal.text, CONFIDENCE_DATELINE)
    return None


def _opening_stamp(
    article, expressions, restates_publication, today, anchor_year
) -> PublicationDate | None:
    """A page's time stamp opening a line near the top, before its headline or lede ("Last
    updated: 1 May, 2009 - 17:54 GMT Mexico shuts down ..."): no sentence holds it."""
    for line in re.finditer(r"^[^\n]+", article.text[:TOP_CHARS], re.MULTILINE):
        stamp = PAGE_STAMP_OPENING.match(line.group())
        if stamp is not None and (day := _first_full_day(stamp.group())) is not None:
            return PublicationDate(day, DateOrigin.TEXT, stamp.group().strip(), CONFIDENCE_STAMP)
    return None


def _yearless_date_line(
    article: Article, story_day: dt.date | None, anchor_year: int, today: dt.date
) -> PublicationDate | None:
    """The day of a date line the cleaner cut that names no year: with its weekday ("Thu, Sep
    15 10:57 AM BST"), in the year that day is that weekday, as sure as a stamp; else in the
    year that puts it nearest `story_day` (a December line in a January story is last year's),
    never after `today`, as sure as a weekday's date."""
    for removal in article.removed:
        if removal.reason != "dateline" or _YEAR.search(removal.text):
            continue
        if (match := _MONTH_AND_DAY.search(removal.text)) is None:
            continue
        near_year = story_day.year if story_day else anchor_year
        # The words up to the day, after any place filed from ("LONDON | Thu Sep 15"): the
        # clock time after it reads as no date.
        dated = removal.text[: match.end()].split("|")[-1]
        if (day := _weekday_day(dated, near_year, today)) is not None:
            # A page's stamp with its weekday: as sure as one left in the text (`_stamp`).
            return PublicationDate(day, DateOrigin.DATELINE, removal.text, CONFIDENCE_STAMP)
        if story_day is None:
            continue
        days = []
        for year in (story_day.year - 1, story_day.year, story_day.year + 1):
            resolution = resolve_expression(f"{match.group()} {year}", None)
            if resolution is not None and resolution.date.precision is Precision.DAY:
                days.append(resolution.date.value)
        days = [day for day in days if day <= today]
        if days:
            day = min(days, key=lambda d: abs((d - story_day).days))
            return PublicationDate(day, DateOrigin.DATELINE, removal.text, CONFIDENCE_WEEKDAY)
    return None


def _first_full_day(text: str) -> dt.date | None:
    """The first full date written in `text` that resolves to a day."""
    for match in _FULL_DATE.finditer(text):
        resolution = resolve_expression(match.group(), None)
        if resolution is not None and resolution.date.precision is Precision.DAY:
            return resolution.date.value
    return None


def _stamp(
    article, expressions, restates_publication, today, anchor_year
) -> PublicationDate | None:
    for expression, sentence in expressions:
        day = _full_day(article, expression, sentence)
        if day is None and expression.start < TOP_CHARS:  # "Thu, Sep 15 10:57 AM BST"
            day = _weekday_day(article.quote(expression), anchor_year, today)
        if day is None:
            continue
        before = article.text[max(0, expression.start - 40) : expression.start]
        after = article.text[expression.end : expression.end + 20]
        near_top = expression.start < TOP_CHARS and (
            _TIME_AFTER.search(after)
            or _LABEL_BEFORE.search(before)
            or _BAR.search(before)
            or _BAR_AFTER.search(after)
        )
        if near_top or restates_publication(expression, sentence):
            return PublicationDate(
                day, DateOrigin.TEXT, _words(article, expression), CONFIDENCE_STAMP
            )
    return None


def _from_url(
    article, expressions, restates_publication, today, anchor_year
) -> PublicationDate | None:
    addresses = [article.url or ""]
    addresses += [r.text for r in article.removed if _URL.match(r.text)]
    for address in addresses:
        if match := _URL_DATE.search(address):
            try:
                day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
            return PublicationDate(day, DateOrigin.TEXT, address.strip(), CONFIDENCE_URL)
    return None


def _said_today(
    article, expressions, restates_publication, today, anchor_year
) -> PublicationDate | None:
    for expression, sentence in expressions:
        day = _full_day(article, expression, sentence)
        if day is not None and _TODAY.search(article.quote(sentence)):
            return PublicationDate(day, DateOrigin.TEXT, article.quote(sentence), CONFIDENCE_TODAY)
    return None


def _latest_told(
    article, expressions, today: dt.date, anchor_year: int
) -> PublicationDate | None:
    """The newest day the text tells of in the past tense: a weekday with its day, a full date."""
    best: PublicationDate | None = None
    # The start of the newest year, month or day the text tells of as past: an article is no
    # older than that ("a meeting on Aug. 2, 1995" in a piece that tells what happened in 1996).
    told_since = dt.date.min
    for expression, sentence in expressions:
        words, said = article.quote(expression), article.quote(sentence)
        if tense_around(words, said) is Tense.FUTURE:
            continue
        before = article.text[max(sentence.start, expression.start - 20) : expression.start]
        if _BORN.search(before):
            continue  # a birthday is a day of someone's life ("Born: August 29, 1958, Gary")
        explicit = resolve_expression(words, None)
        if explicit is not None and explicit.date.value <= today:
            told_since = max(told_since, explicit.date.value)
        found = _weekday_day(words, anchor_year, today)
        if found is not None:
            day, confidence = found, CONFIDENCE_WEEKDAY
        elif explicit is not None and explicit.date.precision is Precision.DAY:
            day, confidence = explicit.date.value, CONFIDENCE_LATEST  # a full date
        else:
            continue
        if day > today or day.year < anchor_year - 1:
            continue  # an article is no older than the newest year it names
        if best is None or day > best.date:
            best = PublicationDate(day, DateOrigin.TEXT, said, confidence)
    return best if best is not None and best.date >= told_since else None


def _anchor_year(article: Article, today: dt.date, story_year: int | None = None) -> int:
    """The newest year the text names (not after this one), else the story's, else this year."""
    return newest_year(article.text, today) or story_year or today.year


def newest_year(text: str, today: dt.date) -> int | None:
    """The newest year `text` names, not after `today`'s, or None."""
    return max((int(y) for y in _YEAR.findall(text) if int(y) <= today.year), default=None)


def _weekday_day(words: str, anchor_year: int, today: dt.date) -> dt.date | None:
    """The date of "Monday, August 29" (no year): the year where that day is that weekday."""
    match = _WEEKDAY_AND_DAY.match(words.strip())
    if match is None or _YEAR.search(words):
        return None
    weekday = next(
        i for i, name in enumerate(WEEKDAYS) if name.startswith(match["weekday"][:3].lower())
    )
    probe = resolve_expression(match["rest"], dt.date(anchor_year, 7, 1))
    if probe is None or probe.date.precision is not Precision.DAY:
        return None
    day = probe.date.value
    found = weekday_year(weekday, day.month, day.day, min(anchor_year, today.year))
    return found if found is not None and found <= today else None


def _full_day(article: Article, expression: Span, sentence: Span) -> dt.date | None:
    resolution = resolve_expression(article.quote(expression), None)
    if resolution is None or resolution.date.precision is not Precision.DAY:
        return None
    return resolution.date.value


def _words(article: Article, expression: Span) -> str:
    """The expression with a little of its surroundings, enough to show where it stood."""
    start = max(0, expression.start - 30)
    return " ".join(article.text[start : expression.end + 25].split())
