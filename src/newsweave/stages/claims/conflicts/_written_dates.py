"""Dates written out with their month and day ("December 2", "10 December", "May 1, 2015"), and
clock times ("10:15 p.m.", "with 14:05 left").

The dates stage resolves a date against the article's publication date; coverage without one
(web pages, undated wire copy) leaves such dates unresolved, and the checks compared none of
them. A date that names its month and day needs no publication date to be compared: "released
December 2" / "sent home on 10 December" disagree whatever the year, unless both name years
and the years differ. A clock time is read as written too: the dates stage keeps no time of day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsweave._caches import story_cache
from newsweave.model import SentencePair
from newsweave.stages.claims.conflicts._context import (
    DATE_MIN_COSINE,
    DATE_MIN_OVERLAP,
    _Finding,
)
from newsweave.vocabulary import MONTHS

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<{}>1[89]\d\d|20\d\d)\b)?"
WRITTEN_DATE = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>{_DAY})(?![\d:.,]\d)\b{_YEAR.format('year')}"
    rf"|\b(?P<day_first>{_DAY})\s+(?:of\s+)?(?P<month_after>{_MONTH})\b\.?"
    rf"{_YEAR.format('year_after')}",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """A month and day as written, with its year when one is given."""

    month: int
    day: int
    year: int | None
    text: str


@story_cache(maxsize=1 << 14)
def written_dates(sentence: str) -> tuple[WrittenDate, ...]:
    """The month-and-day dates of a sentence ("may" only as a month when capitalised or
    followed by a year, since the modal verb is far more common)."""
    found = []
    for match in WRITTEN_DATE.finditer(sentence):
        month_word = match.group("month") or match.group("month_after")
        year = match.group("year") or match.group("year_after")
        if month_word == "may" and not year:
            continue  # "they may 2 ..." is rare, "may" the verb is not
        day = re.match(r"\d+", match.group("day") or match.group("day_first"))
        found.append(
            WrittenDate(
                MONTHS[month_word.casefold()],
                int(day.group(0)) if day else 0,
                int(year) if year else None,
                match.group(0),
            )
        )
    return tuple(found)


def written_date_conflicts(
    pair: SentencePair, text_a: str, text_b: str, *, loose: bool = False
) -> Iterator[_Finding]:
    """Two days of one month for one statement: the sentences share most of their words or
    say nearly the same thing (as for resolved dates), neither gives the other's day, and the
    years (where both give one) agree."""
    if not loose and pair.overlap < DATE_MIN_OVERLAP and pair.cosine < DATE_MIN_COSINE:
        return
    dates_a, dates_b = written_dates(text_a), written_dates(text_b)
    if {(d.month, d.day) for d in dates_a} & {(d.month, d.day) for d in dates_b}:
        return
    for first in dates_a:
        for second in dates_b:
            if first.month != second.month or first.day == second.day:
                continue
            if first.year and second.year and first.year != second.year:
                continue
            yield _Finding("date", pair.a, pair.b, first.text, second.text, pair.cosine)
            return


# "10:15 p.m.", "10: 15 p.m." (tokenized text sets the colon apart), "with 14:05 left": the time
# and the word after it, which says what it times.
CLOCK_TIME = re.compile(
    r"(?<![\d:.])(?P<hours>\d{1,2})\s?:\s?(?P<minutes>[0-5]\d)(?![\d:])\s*(?P<word>(?i:[a-z.]+))?"
    r"(?:\s*\(?(?P<zone>[A-Z]{1,4}T|GMT|UTC|local time)\b)?",
)
# Reports minutes apart, or "about 10:15" beside "10:12": a clock time this close is the same.
SAME_TIME_MINUTES = 5


def _times(sentence: str) -> dict[tuple[str, str], set[str]]:
    """The clock times of a sentence by the word written after them ("p.m.", "left", "gmt") and
    the time zone named with them ("ET", "GMT", "local time"; "" for none)."""
    found: dict[tuple[str, str], set[str]] = {}
    for match in CLOCK_TIME.finditer(sentence):
        word = (match.group("word") or "").casefold().replace(".", "")  # "p.m." is "pm"
        if word.upper() in _ZONE_WORDS:
            zone = word.upper()  # "06:00 BST": the zone is the word that says what it times
        else:
            zone = (match.group("zone") or "").upper()
        time = f"{int(match.group('hours'))}:{match.group('minutes')}"
        found.setdefault((word, zone), set()).add(time)
    return found


def _minutes(time: str) -> int:
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)


_ZONE_WORDS = frozenset({"GMT", "UTC", "ET", "EST", "EDT", "CET", "BST", "PT", "PST", "PDT"})


def clock_time_conflicts(
    pair: SentencePair, text_a: str, text_b: str, *, loose: bool = False
) -> Iterator[_Finding]:
    """Two clock times for one statement: the same word after them ("p.m.", "left"), and
    neither sentence gives the other's time."""
    if not loose and pair.overlap < DATE_MIN_OVERLAP and pair.cosine < DATE_MIN_COSINE:
        return
    times_a, times_b = _times(text_a), _times(text_b)
    every_a = set().union(*times_a.values()) if times_a else set()
    every_b = set().union(*times_b.values()) if times_b else set()
    if any(
        abs(_minutes(a) - _minutes(b)) <= SAME_TIME_MINUTES for a in every_a for b in every_b
    ):
        return
    # Only times read on one clock compare: "4:30 p.m. ET" and "3:30 p.m." may be one moment.
    for word, zone in sorted(times_a.keys() & times_b.keys()):
        if word:
            first, second = min(times_a[word, zone]), min(times_b[word, zone])
            yield _Finding("date", pair.a, pair.b, first, second, pair.cosine)
            return
