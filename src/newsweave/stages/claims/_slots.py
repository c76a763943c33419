"""The comparable facts of a sentence: quantities with their unit, negation, and name contexts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsweave._caches import story_cache
from newsweave.vocabulary import MONTH_WORD, MONTHS

REPORTING_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "according",
        "added",
        "reported",
        "announced",
        "stated",
        "spokesman",
        "spokeswoman",
        "statement",
        "news",
        "agency",
        "quoted",
    ]
)
# The context of a value (not grouping's or the summary's list: see newsweave.vocabulary).
STOPWORDS = frozenset(ENGLISH_STOP_WORDS) | REPORTING_VERBS

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_APPROXIMATE = frozenset(
    [
        "about",
        "around",
        "nearly",
        "almost",
        "roughly",
        "some",
        "approximately",
        "estimated",
        "an_estimated",
        "up_to",
        "close_to",
    ]
)
_LOWER_BOUND = frozenset(["least", "more", "over", "than", "exceeding"])
# A tokenized crawl spaces thousands ("the crowd of 22, 000"), a decimal point and a hyphen
# ("$2. 6 million", "a two - million - euro booty"); the last two are read so only before a
# scale word, where no sentence can end between them.
_NUMBER = re.compile(
    r"(?<![\w.])(?P<value>\d{1,3}(?:,\s?\d{3})+(?!\d)(?:\.\d+)?|\d+\.\s(?=\d+\s*-?\s*(?:thousand|"
    r"million|billion|trillion)\b)\d+|\d+(?:\.\d+)?|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")(?:(?:\s+|\s+-\s+)(?P<scale>thousand|million|billion|trillion))?(?![\w])",
    re.IGNORECASE,
)
_MONTHS = re.compile(rf"\b{MONTH_WORD}\s*$", re.IGNORECASE)
# A month named after a day ("10 December"); "may" the verb is far more common than the month
# in lower case, so a lower-case "may" needs a year after it.
_MONTH_AFTER = re.compile(
    r"\s+(?:of\s+)?(?:(?i:"
    + "|".join(sorted(set(MONTHS) - {"may"}, key=len, reverse=True))
    + r")\b|May\b|(?i:may)\s+(?:1[89]|20)\d\d\b)"
)
# Negation of a verb ("did not meet", "never signed", "refused to sign"), not of a noun phrase
# ("not the two-thirds majority"), which paraphrases express in other ways ("short of").
# "n't" in any apostrophe, also set apart by spaces as tokenized text has it ("hadn ’ t"), or
# dropped ("cant", "didnt").
NEGATION = re.compile(
    r"\b(?:(?:do|does|did|is|are|was|were|has|have|had|will|would|could|can|should|may)\s+not|"
    r"never|no longer|failed to|refused to|declined to)\b|n ?['\u2019] ?t\b|"
    r"\b(?:ca|do|does|did|is|are|was|were|has|have|had|could|should|would|wo)nt\b",
    re.IGNORECASE,
)
ANTONYMS = (
    ("upheld", "overturned"),
    ("approved", "rejected"),
    ("accepted", "rejected"),
    ("confirmed", "denied"),
    ("raised", "cut"),
    ("raised", "lowered"),
    ("increased", "decreased"),
    ("won", "lost"),
    ("rose", "fell"),
    ("lifted", "imposed"),
    ("freed", "detained"),
    ("released", "detained"),
    ("acquitted", "convicted"),
    ("resumed", "suspended"),
    ("opened", "closed"),
    ("grew", "shrank"),
    ("agreed", "refused"),
    ("signed", "rejected"),
)
_HALF = re.compile(r"\s+(?:and\s+(?:a|one)[- ]half|1/2)\b", re.IGNORECASE)
_ADJECTIVE = re.compile(r"(ary|al|ic|ian|ese|ish|ive|ous|ful|able|ible)$")
_NOT_UNITS = frozenset(["one", "half", "quarter", "third", "nautical"])
_REST_OF = frozenset(["other", "others", "more", "additional", "further", "remaining"])
GENERIC_UNITS = frozenset(
    [
        "$",
        "percent",
        "year",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "time",
        "people",
        "person",
        "other",
        "thousand",
        "million",
        "billion",
    ]
)
TOLL_UNITS = frozenset(
    [
        "dead",
        "death",
        "deaths",
        "died",
        "killed",
        "injured",
        "wounded",
        "missing",
        "people",
        "persons",
        "victims",
        "casualties",
        "homeless",
        "displaced",
        "evacuated",
        "arrested",
        "cases",
        "infected",
        "bodies",
        "survivors",
    ]
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a sentence with the words that say what it counts."""

    value: float
    text: str  # the number and the word after it, as written: "14 agreements"
    start: int  # offset in the sentence
    end: int
    unit: str  # the word it counts: "agreement" for "14 agreements", "$" for "$4 million"
    unit_after: str  # the next content word: "seat" for "122 parliamentary seats"
    context: frozenset[str]  # content words right after it: "percent of all sales" -> sale
    is_approximate: bool
    is_lower_bound: bool
    # The words written right after the number, up to the first stop word: "island commuter"
    phrase: frozenset[str] = frozenset()
    sentence: str = field(default="", compare=False, repr=False)

    def counts_same_thing(self, other: Quantity, *, same_subject: bool = False) -> bool:
        """Same unit ("122 parliamentary seats" / "257 seats" too); a generic unit ("percent",
        "$", "years") also needs a shared context word or a subject both sentences name."""
        if not self.unit or not other.unit:
            return False
        heads = _parsed_heads(self, other)
        if heads is not None:  # the parse tells which nouns they count
            unit = heads[0] if heads[0] == heads[1] else None
            return unit is not None and (
                unit not in GENERIC_UNITS or same_subject or bool(self.context & other.context)
            )
        unit = self.unit if self.unit == other.unit else None
        # "122 parliamentary seats" / "257 seats": an adjective may stand before the unit.
        if unit is None and _ADJECTIVE.search(self.unit) and self.unit_after == other.unit:
            unit = other.unit
        if unit is None and _ADJECTIVE.search(other.unit) and other.unit_after == self.unit:
            unit = self.unit
        if unit is None:
            return False
        return unit not in GENERIC_UNITS or same_subject or bool(self.context & other.context)


def same_unit(first: Quantity, second: Quantity) -> bool:
    """The two numbers count one noun: the head of their noun phrases where the parse gives
    one ("3,000 commuters on the islands" / "5,000 island commuters": commuters; "300 island
    homes" / "5,000 island commuters": two nouns), else the same first word after them."""
    if not first.unit or not second.unit:
        return False
    counted = _parsed_heads(first, second)
    if counted is not None:
        return counted[0] == counted[1]
    return first.unit == second.unit


def _parsed_heads(first: Quantity, second: Quantity) -> tuple[str, str] | None:
    """The nouns the two numbers count, read from the parse, when the words after them share
    one and one of them has more than one (only then can the first word differ from the noun
    counted: the parser is slow, and rarely needed here)."""
    if not first.sentence or not second.sentence or not first.phrase & second.phrase:
        return None
    if first.unit not in first.phrase or second.unit not in second.phrase:
        return None  # "$", "percent", "33-year-old": read from the words, not a noun phrase
    if len(first.phrase) < 2 and len(second.phrase) < 2:
        return None
    # Imported here: the parser module belongs to the conflict checks, which import this one.
    from newsweave.stages.claims.conflicts._syntax import counted_noun

    noun_a = counted_noun(first.sentence, first.start, first.end)
    noun_b = counted_noun(second.sentence, second.start, second.end)
    if noun_a is None or noun_b is None:
        return None
    return _singular(noun_a), _singular(noun_b)


@story_cache(maxsize=1 << 14)
def quantities(sentence: str) -> tuple[Quantity, ...]:
    """The numbers of a sentence that count or measure something (dates and years excluded).

    Cached: the claim matcher and the conflict checks read each sentence's numbers once for
    every sentence it is compared with (a quarter of a story's CPU before).
    """
    found = []
    for match in _numbers(sentence):
        before = sentence[: match.start()]
        if _MONTHS.search(before) or _is_year(match.group("value"), sentence[match.end() :]):
            continue  # "Nov. 16" is a date, "in 1995" a year: the dates stage compares those
        if _MONTH_AFTER.match(sentence, match.end()) and re.fullmatch(r"\d{1,2}", match.group(0)):
            continue  # "on 10 December", "2 May 2015": a day of the month, not ten Decembers
        if before.endswith("/") or sentence[match.end() : match.end() + 1] == "/":
            continue  # a fraction ("3 1/2")
        if re.match(r"\d", sentence[match.end() :]) is None and (
            re.match(r"\s*:\s*\d", sentence[match.end() :]) or re.search(r"\d\s*:\s*$", before)
        ):
            continue  # a clock time ("9:40 p.m."): the dates stage reads times
        if re.match(r"\s*(?:to|or|-|–)\s*\d", sentence[match.end() :]):
            continue  # the low end of a range ("35 to 40 firefighters"): the high end counts
        if _is_pronoun_one(match.group("value"), before, sentence[match.end() :]):
            continue  # "a recent one", "the only one": a pronoun, not a count
        value = _value(match.group("value"), match.group("scale"))
        if value is None:
            continue
        end = match.end()
        if half := _HALF.match(sentence, end):
            value, end = value + 0.5, half.end()  # "3 1/2 years", "6 and one-half years"
        previous = _words(before)[-3:]
        found.append(
            Quantity(
                value=value,
                text=_with_next_word(sentence, match.end(), match.group(0)),
                start=match.start(),
                end=end,
                unit=_unit(sentence[end:], before),
                unit_after=_unit(sentence[end:], before, skip=1),
                context=frozenset(content_words(" ".join(_words(sentence[end:])[1:5]))),
                is_approximate=bool(set(previous) & _APPROXIMATE) or before.rstrip().endswith("~"),
                is_lower_bound=bool(set(previous) & _LOWER_BOUND),
                phrase=_phrase_after(sentence[end:]),
                sentence=sentence,
            )
        )
    return tuple(found)


def same_quantity(first: Quantity, second: Quantity) -> bool:
    """True when the two values agree, allowing for rounding, "about" and "at least"."""
    if first.text.split()[0] == second.text.split()[0]:
        return True  # "7.6" and "7.6 million": the same figure, its scale said once
    low, high = sorted((first.value, second.value))
    if high == 0 or (high - low) / high <= 0.02:
        return True
    if first.is_approximate or second.is_approximate:
        return (high - low) / high <= 0.15
    if first.is_lower_bound != second.is_lower_bound:
        bound, exact = (first, second) if first.is_lower_bound else (second, first)
        return exact.value >= bound.value
    return False


@story_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """Singular content words; cached, as each sentence is compared with many others."""
    return frozenset(_singular(w) for w in _words(text) if w not in STOPWORDS and not w.isdigit())


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def _unit(after: str, before: str, *, skip: int = 0) -> str:
    if skip == 0 and (
        before.rstrip().endswith("$") or re.search(r"\b(dlrs|usd|us\$)\s*$", before, re.I)
    ):
        return "$"
    if skip == 0 and after.lstrip().startswith("%"):
        return "percent"
    if skip == 0 and _is_age(before, after):
        return "year-old"  # "Reid, 33," and "aged 33" give an age, as "33-year-old" does
    if compound := re.match(r"-([^\W\d_]+(?:-[^\W\d_]+)*)", after) or _SPACED_COMPOUND.match(
        after
    ):
        # "72-year-old", "630-nautical-mile": the compound is the unit, and says what it measures
        # (a tokenized crawl spaces it: "15, 800 - square - metre", "170, 000 - square - foot")
        unit = re.sub(r"\s", "", compound.group(1)).casefold()
        return unit if skip == 0 else ""
    following = _words(after)[:4]
    if skip == 0 and following and following[0] in _REST_OF:
        # "the two other victims", "three more bodies": the rest of a count, not the count;
        # comparable only with another such rest.
        rest = _unit(after.lstrip()[len(following[0]) :], before)
        return f"other-{rest}" if rest else ""
    first_unit = next(
        (i for i, w in enumerate(following) if w not in STOPWORDS and not w.isdigit()), 4
    )
    between = following[:first_unit]
    if any(w.isdigit() for w in between) and set(between) & _PREPOSITIONS:
        return ""  # "28-of-41 for 329 yards": the yards are the next number's
    words = [w for w in following if (w not in STOPWORDS or w in TOLL_UNITS) and not w.isdigit()]
    if words and words[0] in _NOT_UNITS:
        return ""  # "3 and one-half years", "19 nautical miles": not a count of its own
    if skip == 0 and len(following) > 1 and following[1] == "ago" and words[:1] == following[:1]:
        # "150 years ago" is when something was, "in 200 years" how long: two measures
        return f"{_singular(following[0])}-ago"
    return _singular(words[skip]) if len(words) > skip else ""


_SPACED_COMPOUND = re.compile(r"\s-\s([^\W\d_]+(?:\s-\s[^\W\d_]+)+)")
# Words that put another number's noun phrase after a number ("41 for 329 yards"), unlike
# "64 of the 122 seats", where both count seats.
_PREPOSITIONS = frozenset(["for", "in", "at", "with", "on", "by", "from", "after", "per"])


def _phrase_after(after: str) -> frozenset[str]:
    words = []
    for word in _words(after)[:4]:
        if word in STOPWORDS or word.isdigit():
            break
        words.append(_singular(word))
    return frozenset(words)


def _is_pronoun_one(number: str, before: str, after: str) -> bool:
    if number.casefold() != "one":
        return False
    if _ONE_OF_THE_MOST.match(after):
        return True  # "one of Egypt's largest providers" says which, not how many
    return bool(_DETERMINER_BEFORE.search(before)) and not after.startswith("-")  # "a one-year ban"


# "one of the largest", "one of Egypt's biggest", "one of the few": a member of a ranked set.
_ONE_OF_THE_MOST = re.compile(
    r"\s+of\s+(?:the|its|his|her|their|our|[A-Z][\w.-]*\s?['’]\s?s)\s+"
    r"(?:[a-z]+est|most|best|worst|top|leading|few|many|main|major)\b"
)


# A determiner, perhaps with one word after it, right before "one": "a recent one".
_DETERMINER_BEFORE = re.compile(
    r"\b(?:a|an|the|this|that|each|every|any|no|another|which)\s+(?:[a-z]+\s+)?$", re.IGNORECASE
)


def _is_age(before: str, after: str) -> bool:
    apposition = re.search(r"[A-Z][\w.'’-]*\s*,\s*$", before) and re.match(r"\s*[,;)]", after)
    return bool(apposition or re.search(r"\baged\s*$", before, re.IGNORECASE))


def _with_next_word(sentence: str, end: int, number: str) -> str:
    following = re.match(r"\s*(%|[^\W\d_][\w-]*)", sentence[end:])
    return number + (following.group(0) if following else "")


def _numbers(sentence: str) -> Iterator[re.Match[str]]:
    """`_NUMBER`'s matches, but a day of the month and a count after it ("on March 4, 100
    protesters") are two numbers, not thousands spaced as a tokenized crawl spaces them."""
    position = 0
    while (match := _NUMBER.search(sentence, position)) is not None:
        comma = sentence.find(", ", match.start(), match.end())
        if comma >= 0 and _MONTHS.search(sentence[: match.start()]):
            match = _NUMBER.match(sentence, match.start(), comma) or match
            position = comma + 1
        else:
            position = match.end()
        yield match


def _value(text: str, scale: str | None) -> float | None:
    token = text.casefold().replace(",", "").replace(" ", "")
    if token in _NUMBER_WORDS:
        value = float(_NUMBER_WORDS[token])
    else:
        try:
            value = float(token)
        except ValueError:
            return None
    return value * _SCALES.get((scale or "").casefold(), 1.0)


def _is_year(text: str, after: str) -> bool:
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", text)) and not re.match(
        r"\s*(people|troops|men|women|votes|seats)", after
    )


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
