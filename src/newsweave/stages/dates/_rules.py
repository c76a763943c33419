"""Rules that turn one date expression ("on Sunday", "Nov. 16", "five months ago") into a FuzzyDate.

Relative expressions are resolved against the publication date by our own rules rather than by
dateparser, so that precision and direction (past or future) stay predictable. dateparser only
reads absolute dates with a year in formats the rules do not cover ("16/11/2026").

Direction, when the text leaves it open, comes from the tense around it (`tense_around`):
    weekdays, months,     in the past tense, the most recent one on or before publication; in
    "Nov. 16"             the future tense, the next one on or after it; with no tense cue
                          ("Talks resume on Tuesday"), the nearer of the two, ties to the past.
                          The publication day itself counts as both ("on Monday" on a Monday).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateparser.date import DateDataParser

from newsweave.model import FuzzyDate, Precision
from newsweave.stages.dates._tense import Tense, tense_around
from newsweave.vocabulary import MONTHS, WEEKDAYS

COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Resolution:
    """A resolved expression; `is_explicit` when the text names the year itself."""

    date: FuzzyDate
    is_explicit: bool


def resolve_date_expression(
    expression: str, published: dt.datetime | dt.date, sentence: str = ""
) -> FuzzyDate | None:
    """The date `expression` refers to, at the precision the text gives; None for no point in time.

    Relative expressions are resolved against `published`; `sentence`, the sentence around the
    expression, tells past from future ("will meet on Friday").

    Example:
        >>> resolve_date_expression("last week", dt.datetime(2026, 11, 18)).iso()
        '2026-W46'
    """
    base = published.date() if isinstance(published, dt.datetime) else published
    resolution = resolve_expression(expression, base, sentence)
    return None if resolution is None else resolution.date


def resolve_expression(
    expression: str, base: dt.date | None, sentence: str = ""
) -> Resolution | None:
    """Resolve `expression`; without a `base` date only explicit dates (with a year) resolve."""
    text = _normalize(expression)
    if not text or _VAGUE.search(text):
        return None
    text = _strip_fillers(text)
    try:
        explicit = _resolve_explicit(text)
        if explicit is not None:
            return Resolution(explicit, is_explicit=True)
        tense = tense_around(expression, sentence)
        relative = None if base is None else _resolve_relative(text, base, tense)
    except (ValueError, OverflowError):  # "February 30, 2026"; "9000 years ago" is before dt.date
        return None
    return None if relative is None else Resolution(relative, is_explicit=False)


# --- normalising an expression ---------------------------------------------------------------

_VAGUE = re.compile(
    r"^for\b|\b(?:every|each|recent|recently|several|few|couple|many|throughout|decades?|"
    r"centur(?:y|ies)|daily|weekly|monthly|annually)\b|\d0s\b|"
    r"\bpast (?:\w+ )?(?:hours|days|weeks|months|years)\b"
)
_FILLERS = re.compile(
    r"^(?:on|at|in|by|since|until|till|from|during|over|before|after|around|about|"
    r"late|early|earlier|later|mid|the|(?:end|beginning|start|middle) of)\s+"
)
_COUNT = r"(?:\d+|" + "|".join(COUNTS) + r")"
_UNIT = r"(?P<unit>minute|hour|day|week|month|year)s?"


def _normalize(expression: str) -> str:
    text = expression.lower().replace("\u2019", "'")
    text = re.sub(r"(?<=[a-z])\.", "", text)  # "Nov." -> "nov", keeps "16.11.2026"
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)  # "16th" -> "16"
    text = re.sub(r"[,;]|(?<=[a-z])-(?=[a-z])", " ", text)  # "mid-February" -> "mid february"
    text = re.sub(r"\bthis past\b", "last", text)
    text = re.sub(r"(?<=\d) ?([/.]) ?(?=\d)", r"\1", text)  # "14 / 09 / 2013" in tokenized crawls
    return " ".join(text.split()).strip(" .:")


def _strip_fillers(text: str) -> str:
    """Drop leading words that do not move the date ("late on Wednesday" -> "wednesday")."""
    while match := _FILLERS.match(text):
        rest = text[match.end() :]
        if match.group().strip() == "in" and re.match(_COUNT + r" ", rest):
            return text  # "in two weeks" is a future offset, unlike "in February"
        text = rest
    return text


# --- explicit dates: the text names the year ---------------------------------------------------

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"
# "Sat Feb 26, 2011", "Thurs., May 3": a weekday before a month and day may be abbreviated.
_WEEKDAY_BEFORE_DATE = (
    r"(?P<weekday>" + "|".join(WEEKDAYS) + r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
)
_YEAR = r"(?P<year>1[5-9]\d\d|2[01]\d\d)"
_DAY_MONTH = (  # "tuesday march 3", "3 march", "3 of march"
    rf"(?:{_WEEKDAY_BEFORE_DATE} )?(?:(?P<month>{_MONTH}) (?P<day>\d{{1,2}})"
    rf"|(?P<day2>\d{{1,2}}) (?:of )?(?P<month2>{_MONTH}))"
)
_EXPLICIT_DAY = re.compile(rf"{_DAY_MONTH} {_YEAR}")
_EXPLICIT_MONTH = re.compile(rf"(?P<month>{_MONTH}) (?:of )?{_YEAR}")
_EXPLICIT_YEAR = re.compile(_YEAR)
_ISO_DAY = re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)")
_NUMERIC_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")
_PERIODS = {precision.value: precision for precision in Precision}  # dateparser's period names


def _resolve_explicit(text: str) -> FuzzyDate | None:
    if match := _EXPLICIT_DAY.fullmatch(text):
        month, day = _month_and_day(match)
        return FuzzyDate(dt.date(int(match["year"]), month, day))
    if match := _ISO_DAY.fullmatch(text):
        return FuzzyDate(dt.date(int(match["year"]), int(match["month"]), int(match["day"])))
    if match := _EXPLICIT_MONTH.fullmatch(text):
        return FuzzyDate(dt.date(int(match["year"]), MONTHS[match["month"]], 1), Precision.MONTH)
    if _EXPLICIT_YEAR.fullmatch(text):
        return FuzzyDate(dt.date(int(text), 1, 1), Precision.YEAR)
    if _NUMERIC_DATE.fullmatch(text):
        return _parse_with_dateparser(text)
    return None


@functools.lru_cache(maxsize=4096)  # 40 ms a call; a long article repeats its dates
def _parse_with_dateparser(text: str) -> FuzzyDate | None:
    try:
        data = _dateparser().get_date_data(text)
    except ValueError:
        return None
    if data.date_obj is None or data.period not in _PERIODS:
        return None
    return _at_precision(data.date_obj.date(), _PERIODS[data.period])


@functools.cache
def _dateparser() -> DateDataParser:
    # Built once: constructing a parser loads its language data (about 0.3 s).
    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})


def _month_and_day(match: re.Match[str]) -> tuple[int, int]:
    month = match["month"] or match["month2"]
    return MONTHS[month], int(match["day"] or match["day2"])


# --- relative expressions: resolved against the publication date -------------------------------

Rule = Callable[[re.Match[str], dt.date, Tense], FuzzyDate | None]
_DAY_WORD_OFFSETS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1,
}  # fmt: skip
_SHIFTS = {"last": -1, "this": 0, "next": 1}
_FAR_DAYS = 300  # a day of the month this far from publication, in the tense's direction, ...
_NEAR_DAYS = 60  # ... gives way to the same day this near in the other direction
_PART_OF_DAY = r"(?: (?:morning|afternoon|evening|night))?"


def _resolve_relative(text: str, base: dt.date, tense: Tense) -> FuzzyDate | None:
    for pattern, rule in _RELATIVE_RULES:
        if match := pattern.fullmatch(text):
            return rule(match, base, tense)
    return None


def _day_word(match: re.Match[str], base: dt.date, tense: Tense) -> FuzzyDate:
    return FuzzyDate(base + dt.timedelta(days=_DAY_WORD_OFFSETS[match["word"]]))


def _this_last_next(match: re.Match[str], base: dt.date, tense: Tense) -> FuzzyDate:
    return _shifted(base, match["unit"], _SHIFTS[match["which"]])


def _ago(match: re.Match[str], base: dt.date, tense: Tense) -> FuzzyDate:
    return _shifted(base, match["unit"], -_count(match["count"]))


def _ahead(match: re.Match[str], base: dt.date, tense: Tense) -> FuzzyDate | None:
    if tense is not Tense.FUTURE:
        return None  # "the first visit in nine years" is a span of time, not a date ahead
    return _shifted(base, match["unit"], _count(match["count"]))


def _weekend(match: re.Match[str], base: dt.date, tense: Tense) -> FuzzyDate:
    if match["which"] in ("last", "next"):
        return _shifted(base, "week", _SHIFTS[match["which"]])
    saturday = _weekday_on_or_before(base, 5) if tense is not Tense.FUTURE else base
    return _at_precision(saturday, Precision.WEEK)


def _weekday(match: re.Match[str], base: dt.date, tense: Tense) -> FuzzyDate:
    weekday = WEEKDAYS.index(match["weekday"])
    yesterday, tomorrow = base - dt.timedelta(days=1), base + dt.timedelta(days=1)
    if match["which"] == "last":  # "last Tuesday" is never today
        return FuzzyDate(_weekday_on_or_before(yesterday, weekday))
    if match["which"] == "next":
        return FuzzyDate(_weekday_on_or_after(tomorrow, weekday))
    past, future = _weekday_on_or_before(base, weekday), _weekday_on_or_after(base, weekday)
    return FuzzyDate(_choose(past, future, base, tense, _days_between))


def _month(match: re.Match[str], base: dt.date, tense: Tense) -> FuzzyDate:
    month, which = MONTHS[match["month"]], match["which"]
    if which == "this":
        year = base.year
    elif which == "last":  # the most recent such month strictly before the publication month
        year = base.year if month < base.month else base.year - 1
    elif which == "next":
        year = base.year if month > base.month else base.year + 1
    else:
        past = dt.date(base.year if month <= base.month else base.year - 1, month, 1)
        future = dt.date(base.year if month >= base.month else base.year + 1, month, 1)
        year = _choose(past, future, base.replace(day=1), tense, _months_between).year
    return FuzzyDate(dt.date(year, month, 1), Precision.MONTH)


def _day_of_month(match: re.Match[str], base: dt.date, tense: Tense) -> FuzzyDate | None:
    month, day = _month_and_day(match)
    weekday = _weekday_number(match["weekday"])
    # "Sunday, June 18" names a weekday: only the years where June 18 is a Sunday qualify.
    span = 6 if weekday is not None else 1
    candidates = [
        _valid_date(year, month, day) for year in range(base.year - span, base.year + span + 1)
    ]
    valid = [d for d in candidates if d is not None and weekday in (None, d.weekday())]
    past = max((date for date in valid if date <= base), default=None)
    future = min((date for date in valid if date >= base), default=None)
    if past is None or future is None:
        return FuzzyDate(past or future) if weekday is not None and (past or future) else None
    if weekday is not None:  # the weekday chose the year; the tense cannot move it by years
        return FuzzyDate(min((past, future), key=lambda d: abs((d - base).days)))
    chosen = _choose(past, future, base, tense, _days_between)
    other = future if chosen == past else past
    # A day of the month without a year means the one near publication: a year-old date loses
    # to one a few weeks off, whatever the tense cues say ("remanded to appear on 19 August").
    if abs((chosen - base).days) > _FAR_DAYS and abs((other - base).days) <= _NEAR_DAYS:
        return FuzzyDate(other)
    return FuzzyDate(chosen)


def weekday_year(weekday: int, month: int, day: int, anchor_year: int) -> dt.date | None:
    """The date of `month`/`day` falling on `weekday` nearest to `anchor_year` (later on ties)."""
    dates = [_valid_date(y, month, day) for y in range(anchor_year - 6, anchor_year + 7)]
    fitting = [d for d in dates if d is not None and d.weekday() == weekday]
    return min(fitting, key=lambda d: (abs(d.year - anchor_year), -d.year), default=None)


def _weekday_number(name: str | None) -> int | None:
    if not name:
        return None
    return next(i for i, full in enumerate(WEEKDAYS) if full.startswith(name[:3]))


_RELATIVE_RULES: tuple[tuple[re.Pattern[str], Rule], ...] = (
    (re.compile(r"(?P<word>" + "|".join(_DAY_WORD_OFFSETS) + r")" + _PART_OF_DAY), _day_word),
    (re.compile(r"(?P<which>this|last|next) (?P<unit>week|month|year)"), _this_last_next),
    (re.compile(r"(?:(?P<which>this|last|next) )?weekend"), _weekend),
    (re.compile(rf"(?P<count>{_COUNT}) {_UNIT} ago"), _ago),
    (re.compile(rf"in (?P<count>{_COUNT}) {_UNIT}(?: time)?"), _ahead),
    (re.compile(rf"(?P<count>{_COUNT}) {_UNIT} from now"), _ahead),
    (re.compile(rf"(?:(?P<which>this|last|next) )?(?P<weekday>{_WEEKDAY}){_PART_OF_DAY}"),
     _weekday),
    (re.compile(rf"(?:(?P<which>this|last|next) )?(?P<month>{_MONTH})"), _month),
    (re.compile(_DAY_MONTH), _day_of_month),
)  # fmt: skip


def _choose(
    past: dt.date,
    future: dt.date,
    base: dt.date,
    tense: Tense,
    gap: Callable[[dt.date, dt.date], int],
) -> dt.date:
    """The tense picks past or future; without one, the nearer of the two (ties go to the past)."""
    if tense is Tense.FUTURE:
        return future
    if tense is Tense.PAST:
        return past
    return future if gap(base, future) < gap(past, base) else past


def _days_between(earlier: dt.date, later: dt.date) -> int:
    return (later - earlier).days


def _months_between(earlier: dt.date, later: dt.date) -> int:
    # Counted in months: by days, May is nearer to November next year than this year.
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _shifted(base: dt.date, unit: str, count: int) -> FuzzyDate:
    """The `unit` (day, week, ...) `count` units from the one holding `base`, at that precision."""
    if unit in ("minute", "hour"):
        return FuzzyDate(base)
    if unit == "day":
        return FuzzyDate(base + dt.timedelta(days=count))
    if unit == "week":
        return _at_precision(base + dt.timedelta(weeks=count), Precision.WEEK)
    if unit == "month":
        months = base.year * 12 + base.month - 1 + count
        return FuzzyDate(dt.date(months // 12, months % 12 + 1, 1), Precision.MONTH)
    return FuzzyDate(dt.date(base.year + count, 1, 1), Precision.YEAR)


def _at_precision(date: dt.date, precision: Precision) -> FuzzyDate:
    """`date` truncated to the start of its week, month or year."""
    if precision is Precision.WEEK:
        date -= dt.timedelta(days=date.weekday())
    elif precision is Precision.MONTH:
        date = date.replace(day=1)
    elif precision is Precision.YEAR:
        date = date.replace(month=1, day=1)
    return FuzzyDate(date, precision)


def _weekday_on_or_before(date: dt.date, weekday: int) -> dt.date:
    return date - dt.timedelta(days=(date.weekday() - weekday) % 7)


def _weekday_on_or_after(date: dt.date, weekday: int) -> dt.date:
    return date + dt.timedelta(days=(weekday - date.weekday()) % 7)


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else COUNTS[word]
