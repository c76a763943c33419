"""Ages: how old a person is is a fact about the person, whatever the sentence says of them.

Two outlets rarely tell one act in words close enough for the sentence checks, but each may
give a person's age beside their name: "Robert Hale, 80, appeared in court" / "Robert Hale,
53, was before a judge for the first time". The age is read where it stands in apposition to
a name or a noun ("Hale, 53,", "the woman, 38,", "a 36-year-old teacher"), written in any case,
and two ages of one person conflict in any two aligned sentences. An unnamed person ("the
woman") is only one person in two sentences aligned as one statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsweave._caches import story_cache
from newsweave.model import SentencePair, Span
from newsweave.stages.claims._slots import STOPWORDS
from newsweave.stages.claims.conflicts._context import (
    _HONORIFICS,
    _TITLE_WORDS,
    _Finding,
    _StoryContext,
    of_other_years,
)

MAX_OWNER_WORDS = 3
MAX_AGE = 120
_PLACES = frozenset(["GPE", "LOC", "FAC", "NORP"])  # "Alabama, 34,": a count, not an age
# A birthday may fall between two reports: an age one year apart is the same age.
AGE_TOLERANCE = 1


@dataclass(frozen=True, slots=True)
class Age:
    """An age given to someone in a sentence: its value, the words it was written as, whose."""

    value: int
    text: str
    owner: tuple[str, ...]  # the owner's words, folded: ("robert", "hale"), ("woman",)
    is_named: bool  # the owner is a name the entities stage found


def age_conflicts(pair: SentencePair, context: _StoryContext) -> Iterator[_Finding]:
    """Two ages of one person, one in each sentence, more than a birthday apart."""
    story = context.story
    text_a, text_b = story.quote(pair.a), story.quote(pair.b)
    if of_other_years(text_a, text_b):
        return  # "Hale, 40, in 1990" / "Hale, 53, today": two moments of one life
    ages_a, ages_b = ages_in(context, pair.a), ages_in(context, pair.b)
    for age_a in ages_a:
        others = [age_b for age_b in ages_b if _may_be_one_person(age_a, age_b, pair)]
        # Any person the other sentence may mean by that name who has that age agrees.
        if others and not any(abs(age_a.value - o.value) <= AGE_TOLERANCE for o in others):
            yield _Finding("number", pair.a, pair.b, age_a.text, others[0].text, pair.cosine)
            return


def ages_in(context: _StoryContext, sentence: Span) -> list[Age]:
    """The ages a sentence gives, each with its owner."""
    text = context.story.quote(sentence)
    # Any name but a place's: the tagger types lower-cased names loosely ("dean wilkins" ORG).
    names = [
        (span.start - sentence.start, span.end - sentence.start)
        for name, spans in context.names(sentence).items()
        if context.entity_type.get(name) not in _PLACES
        for span in spans
    ]
    found = []
    for age_at, value, owner, (owner_start, owner_end) in _ages_written(text):
        named = any(start < owner_end and owner_start < end for start, end in names)
        found.append(Age(value, text[age_at:].split(",")[0].split()[0], owner, named))
    return found


def has_owner(sentence_text: str, start: int) -> bool:
    """The number at `start` is an age given to someone: the age check reads it."""
    return any(age_at == start for age_at, *_ in _ages_written(sentence_text))


_Written = tuple[int, int, tuple[str, ...], tuple[int, int]]


@story_cache(maxsize=1 << 14)
def _ages_written(text: str) -> tuple[_Written, ...]:
    """(where the age starts, its value, its owner's words, where the owner stands); cached, as
    each sentence is read once per sentence it is aligned with."""
    found = []
    for match in _APPOSITION.finditer(text):
        owner = _OWNER_BEFORE.search(text, max(0, match.start() - 80), match.start())
        if owner is None:
            continue
        words = _owner_words(reversed(_words(owner.group(0))))[::-1]
        found.append((match.start("age"), int(match.group("age")), words, owner.span()))
    for match in _COMPOUND.finditer(text):
        words = _owner_words(_words(match.group("owner")))
        found.append((match.start("age"), int(match.group("age")), words, match.span("owner")))
    return tuple(item for item in found if _is_age(item[1], item[2]))


def _is_age(value: int, owner: tuple[str, ...]) -> bool:
    """Someone's age: a value a life reaches, given to words that may name someone."""
    return 0 < value <= MAX_AGE and bool(owner)


def _words(owner: str) -> list[str]:
    """The owner's words, forms of address and titles aside: "Police Chief Scott Russell"."""
    return [
        w
        for w in re.findall(r"[^\W\d_]+", owner.casefold())
        if len(w) > 1 and w not in _HONORIFICS and w not in _TITLE_WORDS
    ]


def _owner_words(words: Iterable[str]) -> tuple[str, ...]:
    """The owner's words nearest the age, up to a stop word: "searching for magnotta" ->
    magnotta, "36-year-old felicia barahona and her son" -> felicia barahona."""
    kept: list[str] = []
    for word in words:
        if word in STOPWORDS or len(kept) == MAX_OWNER_WORDS:
            break
        kept.append(word)
    return tuple(kept)


def _may_be_one_person(first: Age, second: Age, pair: SentencePair) -> bool:
    """The two owners may be one person: the same surname (or noun), and no two first names;
    an unnamed owner ("the woman") only in sentences aligned as one statement."""
    if first.owner[-1] != second.owner[-1]:
        return False
    if len(first.owner) > 1 and first.owner == second.owner:
        return True  # "naomi findlay" on both sides, whatever the tagger made of it
    if not (first.is_named or second.is_named):
        return pair.level.is_same_statement
    if len(first.owner) > 1 and len(second.owner) > 1:
        return first.owner[0] == second.owner[0]  # "sara knight" / "harold knight": two people
    return True


_OWNER_WORD = r"[^\W\d_][\w.'’-]*"
# "Robert Hale, 53," / "the woman, 38;" / "Knight, 100, is wanted" / "Hale, aged 53,": the age
# after a comma, then up to three words right before it (quotes allowed between them:
# 'harold "butch" knight').
_APPOSITION = re.compile(r",\s*(?:aged\s+)?(?P<age>\d{1,3})(?=\s*[,;)]|\s*$)", re.IGNORECASE)
_OWNER_BEFORE = re.compile(
    rf"{_OWNER_WORD}(?:[\s\"'“”‘’]+{_OWNER_WORD}){{0,{MAX_OWNER_WORDS - 1}}}\s*$"
)
# "a 36-year-old teacher", "36-year-old felicia barahona".
_COMPOUND = re.compile(
    rf"(?<![\w.,-])(?P<age>\d{{1,3}})-year-old\s+"
    rf"(?P<owner>{_OWNER_WORD}(?:\s+{_OWNER_WORD}){{0,{MAX_OWNER_WORDS - 1}}})",
    re.IGNORECASE,
)
