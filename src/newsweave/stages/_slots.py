"""The comparable facts of a sentence: quantities with their unit, negation, and name contexts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

REPORTING_VERBS = frozenset(
    "said says say told tells according added reported announced stated spokesman spokeswoman "
    "statement news agency quoted".split()
)
STOPWORDS = frozenset(ENGLISH_STOP_WORDS) | REPORTING_VERBS

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_APPROXIMATE = frozenset(
    "about around nearly almost roughly some approximately estimated an_estimated up_to close_to".split()
)
_LOWER_BOUND = frozenset("least more over than exceeding".split())
_NUMBER = re.compile(
    r"(?<![\w.])(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")(?:\s+(?P<scale>thousand|million|billion|trillion))?(?![\w])",
    re.IGNORECASE,
)
_MONTHS = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE
)
# Negation of a verb ("did not meet", "never signed", "refused to sign"), not of a noun phrase
# ("not the two-thirds majority"), which paraphrases express in other ways ("short of").
NEGATION = re.compile(
    r"\b(?:(?:do|does|did|is|are|was|were|has|have|had|will|would|could|can|should|may)\s+not|"
    r"never|no longer|failed to|refused to|declined to)\b|n't\b",
    re.IGNORECASE,
)
ANTONYMS = (
    ("upheld", "overturned"), ("approved", "rejected"), ("accepted", "rejected"),
    ("confirmed", "denied"), ("raised", "cut"), ("raised", "lowered"), ("increased", "decreased"),
    ("won", "lost"), ("rose", "fell"), ("lifted", "imposed"), ("freed", "detained"),
    ("released", "detained"), ("acquitted", "convicted"), ("resumed", "suspended"),
    ("opened", "closed"), ("grew", "shrank"), ("agreed", "refused"), ("signed", "rejected"),
)
TOLL_UNITS = frozenset(
    "dead death deaths died killed injured wounded missing people persons victims casualties "
    "homeless displaced evacuated arrested cases infected bodies survivors".split()
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a sentence with the words that say what it counts."""

    value: float
    text: str  # the number and the word after it, as written: "14 agreements"
    start: int  # offset in the sentence
    end: int
    unit: frozenset[str]
    is_approximate: bool
    is_lower_bound: bool


def quantities(sentence: str) -> list[Quantity]:
    """The numbers of a sentence that count or measure something (dates and years excluded)."""
    found = []
    for match in _NUMBER.finditer(sentence):
        before = sentence[: match.start()]
        if _MONTHS.search(before) or _is_year(match.group("value"), sentence[match.end() :]):
            continue  # "Nov. 16" is a date, "in 1995" a year: the dates stage compares those
        value = _value(match.group("value"), match.group("scale"))
        if value is None:
            continue
        previous = _words(before)[-3:]
        found.append(
            Quantity(
                value=value,
                text=_with_next_word(sentence, match.end(), match.group(0)),
                start=match.start(),
                end=match.end(),
                unit=_unit(sentence[match.end() :], before),
                is_approximate=bool(set(previous) & _APPROXIMATE) or before.rstrip().endswith("~"),
                is_lower_bound=bool(set(previous) & _LOWER_BOUND),
            )
        )
    return found


def same_quantity(first: Quantity, second: Quantity) -> bool:
    """True when the two values agree, allowing for rounding, "about" and "at least"."""
    low, high = sorted((first.value, second.value))
    if high == 0 or (high - low) / high <= 0.02:
        return True
    if first.is_approximate or second.is_approximate:
        return (high - low) / high <= 0.15
    if first.is_lower_bound != second.is_lower_bound:
        bound, exact = (first, second) if first.is_lower_bound else (second, first)
        return exact.value >= bound.value
    return False


def content_words(text: str) -> set[str]:
    return {_singular(word) for word in _words(text) if word not in STOPWORDS and not word.isdigit()}


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def _unit(after: str, before: str) -> frozenset[str]:
    words = [w for w in _words(after)[:3] if w not in STOPWORDS or w in TOLL_UNITS]
    unit = {_singular(word) for word in words[:2]}
    if before.rstrip().endswith("$"):
        unit.add("$")
    if after.lstrip().startswith("%"):
        unit.add("percent")
    return frozenset(unit)


def _with_next_word(sentence: str, end: int, number: str) -> str:
    following = re.match(r"\s*(%|[^\W\d_][\w-]*)", sentence[end:])
    return number + (following.group(0) if following else "")


def _value(text: str, scale: str | None) -> float | None:
    token = text.casefold().replace(",", "")
    if token in _NUMBER_WORDS:
        value = float(_NUMBER_WORDS[token])
    else:
        try:
            value = float(token)
        except ValueError:
            return None
    return value * _SCALES.get((scale or "").casefold(), 1.0)


def _is_year(text: str, after: str) -> bool:
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", text)) and not re.match(r"\s*(people|troops|men|women|votes|seats)", after)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
