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
from enum import Enum

from dateparser.date import DateDataParser

from newsweave.model import FuzzyDate, Precision

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    **{name: number for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july",
         "august", "september", "october", "november", "december"), 1)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


class Tense(Enum):
    PAST = "past"
    FUTURE = "future"
    UNKNOWN = "unknown"


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


def tense_around(expression: str, sentence: str) -> Tense:
    """Whether `expression` in `sentence` speaks of the past or the future; a cue-word heuristic.

    The nearest evidence wins: a verb just before the expression ("said on Monday that talks
    will resume", "will be held in May"), then the clause holding it ("collapsed on Monday and
    will resume on Friday"), then the whole sentence.
    """
    at = sentence.find(expression) if expression else -1
    if at < 0:
        return sentence_tense(sentence)
    tense_before = _tense_just_before(sentence[:at])
    if tense_before is not Tense.UNKNOWN:
        return tense_before
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)), default=0)
    after = _CLAUSE_BREAK.search(sentence, at + len(expression))
    clause_tense = sentence_tense(sentence[clause_start : after.start() if after else None])
    return clause_tense if clause_tense is not Tense.UNKNOWN else sentence_tense(sentence)


def sentence_tense(sentence: str) -> Tense:
    """Whether a sentence speaks of the future or the past, from its cue words."""
    if _FUTURE_CUE.search(sentence):
        return Tense.FUTURE
    if any(_is_past_word(word) for word in re.findall(r"[a-z]+", sentence.lower())):
        return Tense.PAST
    return Tense.UNKNOWN


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
_YEAR = r"(?P<year>1[5-9]\d\d|2[01]\d\d)"
_DAY_MONTH = (  # "tuesday march 3", "3 march", "3 of march"
    rf"(?:{_WEEKDAY} )?(?:(?P<month>{_MONTH}) (?P<day>\d{{1,2}})"
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
    candidates = [_valid_date(year, month, day) for year in range(base.year - 4, base.year + 5)]
    valid = [date for date in candidates if date is not None]
    past = max((date for date in valid if date <= base), default=None)
    future = min((date for date in valid if date >= base), default=None)
    if past is None or future is None:
        return None  # no such day of the month ("February 30")
    return FuzzyDate(_choose(past, future, base, tense, _days_between))


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


# --- tense cues --------------------------------------------------------------------------------

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|would(?! have)|(?:is|are) due|(?:expected|scheduled|set|going|"
    r"plans?|planning|intends?) to|scheduled for|next|upcoming|later this|"
    r"takes? (?:effect|place)|goes into effect|begins|starts|kicks off|expires)\b|\w'll\b",
    re.IGNORECASE,
)
# Irregular past forms common in news. Reporting verbs ("said", "told") count only right before
# the date ("said on Monday"): "said the vote takes place in May" is not about the past.
# fmt: off
_PAST_WORDS = frozenset(
    {
        "was", "were", "had", "did", "ago", "yesterday", "last", "earlier", "arose", "ate",
        "beat", "became", "began", "bit", "blew", "bore", "broke", "brought", "built", "bought",
        "caught", "chose", "came", "cut", "dealt", "drew", "drank", "drove", "fell", "felt",
        "fought", "found", "fled", "flew", "forbade", "forgot", "froze", "gave", "got", "went",
        "grew", "hid", "hit", "held", "hurt", "kept", "knew", "laid", "led", "left", "lent",
        "let", "lost", "made", "meant", "met", "paid", "put", "quit", "ran", "rang", "rose",
        "saw", "sought", "sold", "sent", "set", "shot", "shut", "sang", "sank", "sat", "slept",
        "spoke", "spent", "split", "spread", "stood", "stole", "struck", "swore", "swept", "swam",
        "took", "taught", "tore", "threw", "understood", "woke", "wore", "won", "wrote",
    }
)
# fmt: on
# "-ed" words that are not past tense, or are adjectives that often qualify upcoming things.
# fmt: off
_NOT_PAST_ED = frozenset(
    {
        "need", "indeed", "hundred", "speed", "proceed", "exceed", "succeed", "red", "bed",
        "feed", "seed", "breed", "bleed", "greed", "shed", "planned", "proposed", "expected",
        "scheduled", "required", "limited", "united", "based", "alleged", "detailed", "advanced",
        "sustained", "renewed", "delayed", "anticipated",
    }
)
# fmt: on


_CLAUSE_BREAK = re.compile(r";|\s(?:and|but|while|whereas)\s")
_WORD_BEFORE_SKIPS = frozenset({"on", "in", "at", "by", "late", "early", "earlier", "later"})
_REPORTING_PAST = frozenset({"said", "told", "wrote"})
_FUTURE_AUXILIARIES = frozenset({"will", "would", "shall", "ll"})
_WORDS_JUST_BEFORE = 5


def _is_past_word(word: str) -> bool:
    return word in _PAST_WORDS or (
        len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST_ED
    )


def _tense_just_before(text: str) -> Tense:
    """The tense of the nearest verb cue in the last few words of `text`, nearest first."""
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in _WORD_BEFORE_SKIPS]
    window = words[-_WORDS_JUST_BEFORE:]
    for index in range(len(window) - 1, -1, -1):
        word, previous = window[index], window[index - 1] if index else ""
        if word in _FUTURE_AUXILIARIES:
            return Tense.FUTURE
        if previous in ("be", "been", "being"):
            continue  # "will be held on Friday" is a passive, not a past tense
        if word in _REPORTING_PAST or _is_past_word(word):
            return Tense.PAST
    return Tense.UNKNOWN
