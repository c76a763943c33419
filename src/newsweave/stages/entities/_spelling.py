"""Names as written and as compared: mentions cleaned of titles and punctuation, spelling
skeletons that fold transliteration variants, and one sighting of a name in an article."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.lex_attrs import like_num

from newsweave.model import Span
from newsweave.vocabulary import TITLE_WORDS  # words that precede a name

PERSON = "PERSON"
PRODUCT = "PRODUCT"  # a ship, a drug: what OntoNotes calls a product
PLACE_LABELS = frozenset({"GPE", "LOC"})  # the tagger's labels of a place

_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ABBREVIATIONS = frozenset({"inc", "corp", "co", "ltd", "bros", "jr", "sr", "st"})
_EDGE_PUNCTUATION = "\"'“”‘’«»„()[]{}<>,;:!?*·•–—-/®™© "
_POSSESSIVE = re.compile(r"['’]s$")
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")
_PARENTHESISED_ACRONYM = re.compile(r"\s*\(\s*((?:[A-Z]\.?){2,6})\s*\)")
# Letters that NFKD does not split into a base letter and an accent.
_UNDECOMPOSABLE = str.maketrans({"æ": "ae", "œ": "oe", "þ": "th", "ł": "l", "đ": "d", "ø": "o"})
# Transliteration and machine-translation spellings that should compare equal, applied in order
# ("ck" becomes "kk", then one "k" when doubled letters collapse).
_SPELLING_FOLDS = {"ph": "f", "th": "t", "dh": "d", "x": "ks", "q": "k", "w": "v", "c": "k"}


@dataclass(frozen=True, slots=True)
class Sighting:
    """One usable mention: its span, label, name as written (cleaned), article position, the
    independent-source group of its article, the role words before it ("foreign minister")
    and what the words around it say (a place one travels to, a person who speaks)."""

    span: Span
    label: str
    form: str
    article_order: int
    source_group: int = 0
    role: frozenset[str] = frozenset()
    place_cue: int = 0  # 0 none, 1 weak ("in X"), 2 strong ("flew back to X")
    person_cue: bool = False
    after_of: bool = False  # a person said of someone else ("the son of X") or of a time ("the X years")
    opponent_cue: bool = False  # a side in a contest: "games against X"
    venue_cue: bool = False  # somewhere one is or goes in: "a stay at X", "checked into X"
    age: int | None = None  # the age the text gives a person: "X, 15,", "15-year-old X"
    organisation_cue: bool = False  # words calling it a body: "cable operator X", "X's clients"


# A stance run on to a name ("pro-Mahathir newspapers", "anti-Israel protests") is about that
# name's bearer; "al-" and other hyphened words before a name are part of it.
_STANCE_PREFIX = re.compile(r"^(?:pro|anti)-(?=[A-Z])")


@lru_cache(maxsize=65536)
def clean_form(text: str, label: str) -> str:
    """The name as written, minus surrounding punctuation, possessive, titles, leading "the"
    and a stance run on to it ("pro-")."""
    form = _STANCE_PREFIX.sub("", _strip_edges(" ".join(text.split())))
    form = _strip_edges(_POSSESSIVE.sub("", form))
    words = form.split()
    if len(words) > 1 and words[-1].islower() and like_num(words[-1]):
        # A count the NER ran into: "hitting Gray eleven times".
        form = _strip_edges(" ".join(words[:-1]))
    if label == PERSON:
        return " ".join(strip_titles(form.split()))
    # A lowercase determiner is the sentence's, not the name's ("The Hague"): "this L.A. Times".
    first, _, rest = form.partition(" ")
    return rest if rest and first in _DETERMINERS else form


def _strip_edges(form: str) -> str:
    form = form.strip(_EDGE_PUNCTUATION)
    last_word = form.rsplit(" ", 1)[-1][:-1]
    # A sentence's full stop, not an abbreviation's ("Marković." but not "U.S." or "Inc.").
    is_abbreviation = "." in last_word or last_word.casefold() in _ABBREVIATIONS
    if form.endswith(".") and len(last_word) > 2 and not is_abbreviation:
        form = form[:-1]
    return form


_NAME_AFTER_TITLE = 2  # words a name after an inner title has at least: "Robert Pickell"


def strip_titles(words: list[str]) -> list[str]:
    """The words of a name without the titles before it and the suffixes ("Jr.") after it."""

    def plain(word: str) -> str:
        return word.rstrip(".,").casefold()

    start, end = 0, len(words)
    # A title with the place it serves before it, inside the mention ("Genesee County Sheriff
    # Robert J. Pickell", "Troy Police Chief Charles Craft"): the name is what follows it.
    inner = [
        index
        for index, word in enumerate(words[: -_NAME_AFTER_TITLE], start=0)
        if index > 0 and plain(word) in TITLE_WORDS and words[index - 1][:1].isupper()
    ]
    if inner and all(word[:1].isupper() for word in words[inner[-1] + 1 :]):
        start = inner[-1] + 1
    while end - start > 1 and plain(words[start]) in TITLE_WORDS:
        start += 1
    while end - start > 1 and plain(words[end - 1]) in _NAME_SUFFIXES:
        end -= 1
    return words[start:end]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase without accents: "Marković" -> "markovic"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSABLE))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Letters only, with transliteration variants folded: Markovich, Marković -> "markovik"."""
    folded = re.sub(r"ch$", "c", letters(text))  # Serbo-Croatian -ić is written -ich in English
    for written, spoken in _SPELLING_FOLDS.items():
        folded = folded.replace(written, spoken)
    folded = folded[:1] + folded[1:].replace("y", "i")  # Zelenskyy, Zelenskiy; not Yan/Ian
    return re.sub(r"(.)\1+", r"\1", folded)


def letters(text: str) -> str:
    """The folded letters of a name, nothing else: "O'Neill" -> "oneill"."""
    return "".join(char for char in fold(text) if char.isalpha())
