"""The people, organisations and places of a story, merged across articles and spellings.

The NER stage labels mentions article by article; this stage decides which mentions name the same
thing. Rules, in the order they run:

1. People (PERSON). Titles ("Foreign Minister", "Ms.", "Sec. of State") and suffixes ("Jr.") are
   dropped. Full names are grouped by surname and first name: surnames match when their spelling
   skeletons (accents folded, "ph"->"f", "th"->"t", "ch$"->"c", "c"->"k", doubled letters, ...) are
   equal or have a rapidfuzz ratio >= `SURNAME_SIMILARITY`; first names must be compatible (equal
   skeleton, an initial, or ratio >= `GIVEN_NAME_SIMILARITY`), so "Jonas" and "Erik Halvorsen" stay
   apart while "Antony"/"Anthony Blinken" merge.
2. A bare name ("Halvorsen") joins the people with that surname (or, failing that, that first name,
   for "Xi" of "Xi Jinping"); when several match, the one whose full name was mentioned last before
   it in the same article wins, else the most mentioned in that article, else in the story.
3. spaCy mislabels: an ORG/GPE/... mention whose text is exactly a known person's surname or full
   name counts as that person, unless the story uses the word for something else more often; and a
   lone word tagged PERSON that is never part of a full name joins the place or organisation it
   names when the story tags it so at least as often ("Kestrel" GPE x7, PERSON x6).
4. Everything else (ORG, GPE, LOC, FAC, NORP) merges on the spelling skeleton without a leading
   "the", and an acronym merges with a long form written as "European Union (EU)" or whose initials
   it spells (when they share a label). GPE and LOC stay separate types: an entity's type is the
   label most of its mentions carry.

An entity's `name` is its most complete (a full name, not an acronym), most frequent spelling,
accented where some articles dropped the accents; `variants` are the other forms as written, minus
titles, possessive "'s" and surrounding punctuation. DATE, MONEY, CARDINAL and the other numeric
labels are not entities here.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TypeVar

from rapidfuzz import fuzz, process

from newsweave.model import Entity, Span, Story

ENTITY_LABELS = ("GPE", "ORG", "LOC", "FAC", "NORP", "PERSON")  # also the tie-break order of types
PERSON = "PERSON"
# Calibrated on skeletons: Blinken/Blinkin 85.7, Khamenei/Khamenai 87.5 merge; Hansen/Jansen and
# Larsen/Larson 83.3 stay apart. Names shorter than MIN_FUZZY_LENGTH (Li/Lu) must match exactly.
SURNAME_SIMILARITY = 85.0
GIVEN_NAME_SIMILARITY = 80.0  # Jon/John 85.7 merge; Mark/Mary 75 stay apart
MIN_FUZZY_LENGTH = 5

_TITLE_WORDS = frozenset(  # words that precede a name: "Foreign Minister", "Sec. of State"
    ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "sheikh", "president", "vice", "deputy", "prime", "minister", "foreign", "defence", "defense", "finance", "interior", "economy", "trade", "chancellor", "premier", "secretary", "sec", "of", "state", "mayor", "governor", "gov", "senator", "sen", "rep", "ambassador", "envoy", "king", "queen", "prince", "princess", "pope", "general", "gen", "col", "colonel", "lt", "capt", "captain", "adm", "admiral", "sgt", "cmdr", "commissioner", "chairman", "chairwoman", "ceo", "judge", "former", "acting", "chief", "spokesman", "spokeswoman"]
)
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ABBREVIATIONS = frozenset({"inc", "corp", "co", "ltd", "bros", "jr", "sr", "st"})
_EDGE_PUNCTUATION = "\"'“”‘’«»„()[]{}<>,;:!?*·•–—-/ "
_POSSESSIVE = re.compile(r"['’]s$")
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")
_PARENTHESISED_ACRONYM = re.compile(r"\s*\(\s*((?:[A-Z]\.?){2,6})\s*\)")
# Letters that NFKD does not split into a base letter and an accent.
_UNDECOMPOSABLE = str.maketrans({"æ": "ae", "œ": "oe", "þ": "th", "ł": "l", "đ": "d", "ø": "o"})
# Transliteration and machine-translation spellings that should compare equal, applied in order
# ("ck" becomes "kk", then one "k" when doubled letters collapse).
_SPELLING_FOLDS = {"ph": "f", "th": "t", "dh": "d", "x": "ks", "q": "k", "w": "v", "c": "k"}


@dataclass(frozen=True, slots=True)
class _Sighting:
    """One usable mention: its span, label, name as written (cleaned), and article position."""

    span: Span
    label: str
    form: str
    article_order: int


@dataclass(frozen=True, slots=True)
class _PersonName:
    given: str  # folded letters of the first given name; "" for a bare surname
    surname: str  # spelling skeleton of the surname, particles included ("vonderleien")

    @property
    def is_bare(self) -> bool:
        return not self.given


@dataclass(eq=False, slots=True)
class _Person:
    """A person being assembled: every sighting, and the given names and surnames seen."""

    sightings: list[_Sighting] = field(default_factory=list)
    givens: set[str] = field(default_factory=set)


def add_entities(story: Story) -> Story:
    """The story with `entities` filled from its articles' NER mentions, most mentioned first."""
    sightings = _collect_sightings(story)
    people = _PersonIndex()
    named = [s for s in sightings if s.label == PERSON]
    people.add_full_names([s for s in named if not _is_bare_name(s.form)])
    people.add_bare_names([s for s in named if _is_bare_name(s.form)])
    others = people.claim_mislabelled([s for s in sightings if s.label != PERSON])
    others += people.release_lone_words(others)

    entities = [_make_entity(p.sightings, PERSON, lambda f: not _is_bare_name(f)) for p in people]
    texts = {article.id: article.text for article in story.articles}
    for group in _group_others(others, texts):
        entities.append(_make_entity(group, _majority_label(group), lambda f: not _is_acronym(f)))
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return replace(story, entities=tuple(entities))


# --- Reading mentions -----------------------------------------------------------------------------


def _collect_sightings(story: Story) -> list[_Sighting]:
    sightings = []
    for order, article in enumerate(story.articles):
        for mention in article.mentions:
            if mention.label not in ENTITY_LABELS:
                continue
            form = _clean_form(article.quote(mention.span), mention.label)
            if any(char.isalpha() for char in form):
                sightings.append(_Sighting(mention.span, mention.label, form, order))
    return sightings


@lru_cache(maxsize=65536)
def _clean_form(text: str, label: str) -> str:
    """The name as written, minus surrounding punctuation, possessive, titles and leading "the"."""
    form = _strip_edges(" ".join(text.split()))
    form = _strip_edges(_POSSESSIVE.sub("", form))
    if label == PERSON:
        return " ".join(_strip_titles(form.split()))
    if form.startswith("the "):  # a lowercase "the" is the sentence's, not the name's ("The Hague")
        form = form[4:]
    return form


def _strip_edges(form: str) -> str:
    form = form.strip(_EDGE_PUNCTUATION)
    last_word = form.rsplit(" ", 1)[-1][:-1]
    # A sentence's full stop, not an abbreviation's ("Marković." but not "U.S." or "Inc.").
    is_abbreviation = "." in last_word or last_word.casefold() in _ABBREVIATIONS
    if form.endswith(".") and len(last_word) > 2 and not is_abbreviation:
        form = form[:-1]
    return form


def _strip_titles(words: list[str]) -> list[str]:
    def plain(word: str) -> str:
        return word.rstrip(".,").casefold()

    start, end = 0, len(words)
    while end - start > 1 and plain(words[start]) in _TITLE_WORDS:
        start += 1
    while end - start > 1 and plain(words[end - 1]) in _NAME_SUFFIXES:
        end -= 1
    return words[start:end]


# --- Spelling -------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """Lowercase without accents: "Marković" -> "markovic"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSABLE))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def _skeleton(text: str) -> str:
    """Letters only, with transliteration variants folded: Markovich, Marković -> "markovik"."""
    letters = _letters(text)
    letters = re.sub(r"ch$", "c", letters)  # Serbo-Croatian -ić is written -ich in English
    for written, spoken in _SPELLING_FOLDS.items():
        letters = letters.replace(written, spoken)
    letters = letters[:1] + letters[1:].replace("y", "i")  # Zelenskyy, Zelenskiy; not Yan/Ian
    return re.sub(r"(.)\1+", r"\1", letters)


def _letters(text: str) -> str:
    return "".join(char for char in _fold(text) if char.isalpha())


def _givens_compatible(a: str, b: str) -> bool:
    """Whether two folded first names can be one person's: equal, an initial, or a misspelling."""
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    a, b = _skeleton(a), _skeleton(b)
    if a == b:
        return True
    if a.startswith(b) or b.startswith(a):  # Ivan/Ivana, Eric/Erica: different names
        return False
    return fuzz.ratio(a, b) >= GIVEN_NAME_SIMILARITY


# --- People ---------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _person_name(form: str) -> _PersonName:
    """First given name and surname of a name as written: "Dr. Ursula von der Leyen"."""
    words = _strip_titles(form.split())
    surname_start = len(words) - 1
    while surname_start > 0 and words[surname_start - 1].islower():  # "von der Leyen"
        surname_start -= 1
    given = _letters(words[0]) if surname_start > 0 else ""
    return _PersonName(given, _skeleton("".join(words[surname_start:])))


def _is_bare_name(form: str) -> bool:
    return _person_name(form).is_bare


class _PersonIndex:
    """The story's people, looked up by surname skeleton (and first name, for "Xi")."""

    def __init__(self) -> None:
        self._people: list[_Person] = []
        self._by_surname: dict[str, list[_Person]] = defaultdict(list)
        self._by_given: dict[str, list[_Person]] = defaultdict(list)
        # Where each article names someone in full, in text order: the context for bare names.
        self._full_mentions: dict[str, list[tuple[int, _Person]]] = defaultdict(list)

    def __iter__(self) -> Iterator[_Person]:
        return iter(self._people)

    def add_full_names(self, sightings: list[_Sighting]) -> None:
        # Most frequent spellings first, initials last, so they seed the groups others join.
        for name, group in _by_frequency(sightings, _person_name, lambda n: len(n.given) == 1):
            compatible = (
                p
                for p in self._surname_matches(name.surname)
                if all(_givens_compatible(name.given, g) for g in p.givens)
            )
            person = next(compatible, None) or self._new_person(name)
            self._register(person, name)
            person.sightings.extend(group)
            for sighting in group:
                self._full_mentions[sighting.span.article_id].append((sighting.span.start, person))
        for mentions in self._full_mentions.values():
            mentions.sort(key=lambda mention: mention[0])

    def add_bare_names(self, sightings: list[_Sighting]) -> None:
        candidates: dict[str, list[_Person]] = {}
        for name, _ in _by_frequency(sightings, _person_name, lambda n: False):
            # An exact surname beats a near one; a first name is the last resort ("Xi").
            found = (
                self._by_surname.get(name.surname)
                or self._surname_matches(name.surname)
                or self._by_given.get(name.surname)
            )
            candidates[name.surname] = list(found or [self._new_person(name)])
        for sighting in sightings:
            self._resolve(sighting, candidates[_person_name(sighting.form).surname])

    def claim_mislabelled(self, sightings: list[_Sighting]) -> list[_Sighting]:
        """Give people their mentions spaCy labelled ORG/GPE/...; returns the sightings left."""
        uses = Counter(_person_name(s.form) for s in sightings)
        left = []
        for sighting in sightings:
            name = _person_name(sighting.form)
            people = [
                p
                for p in self._by_surname.get(name.surname, [])
                if name.is_bare or name.given in p.givens
            ]
            support = sum(len(p.sightings) for p in people)
            # A tie goes to the person if the story gives a full name, else to the place.
            is_full = any(p.givens for p in people)
            if people and (support > uses[name] or (support == uses[name] and is_full)):
                self._resolve(sighting, people)
            else:
                left.append(sighting)
        return left

    def release_lone_words(self, others: list[_Sighting]) -> list[_Sighting]:
        """Drop people known only by one word that the story tags as something else more often.

        The reverse of `claim_mislabelled`: spaCy also tags a town ("Kestrel") PERSON at times.
        """
        other_uses = Counter(_other_key(s.form) for s in others)
        released = []
        for person in list(self._people):
            uses = other_uses[_other_key(person.sightings[0].form)]
            if not person.givens and uses >= len(person.sightings):
                self._people.remove(person)
                released.extend(person.sightings)
        return released

    def _surname_matches(self, surname: str) -> list[_Person]:
        """People with this surname skeleton, then those with a near one, most similar first."""
        keys = [surname, *_near_spellings(surname, self._by_surname)]
        return list(dict.fromkeys(p for key in keys for p in self._by_surname.get(key, [])))

    def _new_person(self, name: _PersonName) -> _Person:
        person = _Person()
        self._people.append(person)
        self._register(person, name)
        return person

    def _register(self, person: _Person, name: _PersonName) -> None:
        if person not in self._by_surname[name.surname]:
            self._by_surname[name.surname].append(person)
        if len(name.given) > 1 and person not in self._by_given[_skeleton(name.given)]:
            self._by_given[_skeleton(name.given)].append(person)
        if name.given:
            person.givens.add(name.given)

    def _resolve(self, sighting: _Sighting, people: list[_Person]) -> None:
        """Add a bare-name sighting to the person it most likely means."""
        mentions = self._full_mentions.get(sighting.span.article_id, [])
        before = bisect_left(mentions, sighting.span.start, key=lambda mention: mention[0])
        earlier = (p for _, p in reversed(mentions[:before]) if p in people)
        chosen = next(earlier, None)
        if chosen is None:
            in_article = Counter(p for _, p in mentions if p in people)
            by_count = in_article or Counter({p: len(p.sightings) for p in people})
            chosen = by_count.most_common(1)[0][0]
        chosen.sightings.append(sighting)


def _near_spellings(skeleton: str, known: Iterable[str]) -> list[str]:
    """Known surname skeletons within `SURNAME_SIMILARITY` of this one, most similar first."""
    if len(skeleton) < MIN_FUZZY_LENGTH:
        return []
    others = [other for other in known if other != skeleton and len(other) >= MIN_FUZZY_LENGTH]
    near = process.extract_iter(
        skeleton, others, scorer=fuzz.ratio, score_cutoff=SURNAME_SIMILARITY
    )
    return [other for other, _, _ in sorted(near, key=lambda match: -match[1])]


_Key = TypeVar("_Key")


def _by_frequency(
    sightings: list[_Sighting], key: Callable[[str], _Key], is_weak: Callable[[_Key], bool]
) -> list[tuple[_Key, list[_Sighting]]]:
    """Sightings grouped by `key(form)`: strong keys first, then most seen, then first seen."""
    groups: dict[_Key, list[_Sighting]] = defaultdict(list)
    for sighting in sightings:
        groups[key(sighting.form)].append(sighting)
    return sorted(groups.items(), key=lambda item: (is_weak(item[0]), -len(item[1])))


# --- Organisations and places ---------------------------------------------------------------------


def _other_key(form: str) -> str:
    words = form.split()
    if len(words) > 1 and words[0].casefold() == "the":
        words = words[1:]
    return " ".join(skeleton for word in words if (skeleton := _skeleton(word)))


def _is_acronym(form: str) -> bool:
    return _ACRONYM.fullmatch(form) is not None


def _initials(form: str) -> set[str]:
    """Acronyms a multi-word name could go by: "Bank of England" -> {"BE", "BOE"}."""
    words = [w for w in form.split() if w.casefold() != "the"]
    if len(words) < 2:
        return set()
    capitals = "".join(w[0] for w in words if w[0].isupper())
    return {capitals, "".join(w[0] for w in words).upper()} - {""}


def _group_others(sightings: list[_Sighting], texts: dict[str, str]) -> list[list[_Sighting]]:
    groups: dict[str, list[_Sighting]] = defaultdict(list)
    for sighting in sightings:
        groups[_other_key(sighting.form)].append(sighting)
    long_form_of = _acronym_links(groups, texts)
    merged: dict[str, list[_Sighting]] = defaultdict(list)
    for key, group in groups.items():
        merged[long_form_of.get(key, key)].extend(group)
    return list(merged.values())


def _acronym_links(groups: dict[str, list[_Sighting]], texts: dict[str, str]) -> dict[str, str]:
    """Acronym key -> long-form key: as spelled out in the text, else by matching initials."""
    links: dict[str, str] = {}
    for key, group in groups.items():
        for sighting in group:
            text = texts[sighting.span.article_id]
            written = _PARENTHESISED_ACRONYM.match(text, sighting.span.end)
            acronym_key = _other_key(written.group(1)) if written else ""
            if acronym_key in groups and acronym_key != key and not _is_acronym(sighting.form):
                links.setdefault(acronym_key, key)

    by_initials: dict[str, list[str]] = defaultdict(list)
    for key, group in groups.items():
        for initials in _initials(group[0].form):
            by_initials[initials].append(key)
    for key, group in groups.items():
        if key in links or not _is_acronym(group[0].form):
            continue
        labels = {s.label for s in group}
        long_forms = [
            long_key
            for long_key in by_initials.get(group[0].form.replace(".", ""), [])
            if labels & {s.label for s in groups[long_key]}
        ]
        if long_forms:
            links[key] = max(long_forms, key=lambda long_key: len(groups[long_key]))
    return links


# --- Entities -------------------------------------------------------------------------------------


def _majority_label(sightings: list[_Sighting]) -> str:
    counts = Counter(s.label for s in sightings)
    return min(counts, key=lambda label: (-counts[label], ENTITY_LABELS.index(label)))


def _make_entity(
    sightings: list[_Sighting], type_: str, is_complete: Callable[[str], bool]
) -> Entity:
    """An entity named by its most complete, most frequent, best-accented form."""
    form_counts = Counter(s.form for s in sightings)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)  # folded, "the"-less form -> forms
    for form, count in form_counts.items():
        spellings[re.sub(r"^the ", "", _fold(form))][form] += count

    def rank(folded: str) -> tuple[bool, int, int, str]:
        written = next(iter(spellings[folded]))  # case matters to is_complete ("von der Leyen")
        return (not is_complete(written), -spellings[folded].total(), -len(folded), folded)

    forms = spellings[min(spellings, key=rank)]
    name = min(forms, key=lambda f: (-sum(not c.isascii() for c in f), -forms[f], len(f), f))
    variants = sorted(set(form_counts) - {name}, key=lambda v: (v.casefold(), v))
    ordered = sorted(sightings, key=lambda s: (s.article_order, s.span.start, s.span.end))
    return Entity(name, type_, tuple(variants), tuple(s.span for s in ordered))
