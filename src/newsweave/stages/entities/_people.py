"""People: full names grouped across spellings, bare surnames resolved to them.

Full names are grouped by surname and first name: surnames match when their spelling skeletons
are equal or have a rapidfuzz ratio >= `SURNAME_SIMILARITY`; first names must be compatible
(`_first_names`: equal skeleton, an initial, a nickname, or a near spelling), so "Jonas" and
"Erik Halvorsen" stay apart while "Antony"/"Anthony Blinken" merge. Names one letter further apart
("Qin Gang"/"Qin Kang") merge only on evidence: the same role ("foreign minister") or the same
company in the text; a first name's short form that no table holds ("Alexis"/"Alexandros")
only on the same age given to both; never when one article names both. Likewise two first
names one article writes in full with one surname, each written more than once, are two people
("Charlie"/"Charlene"), however near, unless one is the other's nickname ("Ben"/"Benjamin");
and a bare surname the NER tagged something else, written before the full names of two such
people, is neither of them. A bare name that is one part of one person's hyphenated surname
is that person ("Ramos" of "José Ramos-Horta").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations
from typing import TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from newsweave.stages.entities._aliases import is_other_body
from newsweave.stages.entities._countries import is_region
from newsweave.stages.entities._first_names import (
    are_nicknames_alike,
    givens_compatible,
    is_first_name,
    is_nickname,
)
from newsweave.stages.entities._groups import other_key
from newsweave.stages.entities._spelling import (
    PLACE_LABELS,
    Sighting,
    letters,
    skeleton,
    strip_titles,
)

# Calibrated on skeletons: Blinken/Blinkin 85.7, Khamenei/Khamenai 87.5 merge; Hansen/Jansen and
# Larsen/Larson 83.3 stay apart. Names shorter than MIN_FUZZY_LENGTH (Li/Lu) must match exactly.
SURNAME_SIMILARITY = 85.0
MIN_FUZZY_LENGTH = 5
_ORGANISATION_LABELS = frozenset({"ORG", "FAC"})
SHARED_COMPANY = 2  # other names seen near both spellings, to merge on company alone
SHORT_FORM_PREFIX = 4  # "Alex" of "Alexis" and "Alexandros": a first name's short form
_INITIAL = re.compile(r"[^\W\d_]\.")  # "j.": a middle initial
# Arabic's article before a surname, often left out when the surname stands alone: "Bashar
# al-Assad" is "Assad", "Ali al-Atassi" "Atassi".
_ARTICLE_PREFIX = re.compile(r"^(?:al|el)[-‐‑](?=[^\W\d_])", re.IGNORECASE)
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+")  # "H.W.": middle initials written together
_CENTRAL_ARTICLES = 2  # articles naming a person in full: one of the story's own people
_MIN_SURNAME_PART = 3  # letters of a hyphenated surname's part: not "al" of "al-Owhali"


@dataclass(frozen=True, slots=True)
class _PersonName:
    given: str  # folded letters of the first given name; "" for a bare surname
    surname: str  # spelling skeleton of the surname, particles included ("vonderleien")
    initials: str = ""  # middle names written as initials, folded ("hw" of "George H.W. Bush")

    @property
    def is_bare(self) -> bool:
        return not self.given


@dataclass(eq=False, slots=True)
class _Person:
    """A person being assembled: every sighting, and the given names and surnames seen."""

    sightings: list[Sighting] = field(default_factory=list)
    givens: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    named_in: set[str] = field(default_factory=set)  # articles that name the person in full


@lru_cache(maxsize=65536)
def person_name(form: str) -> _PersonName:
    """First given name and surname of a name as written: "Dr. Ursula von der Leyen"."""
    words = strip_titles(form.split())
    surname_start = len(words) - 1
    # Lower-case particles belong to a capitalised surname ("von der Leyen"); in lower-cased
    # text ("greg kelly") every word is lower case and the last one is the surname. A middle
    # initial is no particle: in "donald j. Trump" (a lower-cased article that capitalises
    # surnames) the surname is "Trump" and the given name "donald".
    is_cased = not words[-1].islower()
    while (
        is_cased
        and surname_start > 0
        and words[surname_start - 1].islower()
        and not _INITIAL.fullmatch(words[surname_start - 1])
    ):
        surname_start -= 1
    given = letters(words[0]) if surname_start > 0 else ""
    middle = words[1:surname_start]
    initials = (
        "".join(letters(word) for word in middle)
        if middle and all(_INITIALS.fullmatch(word) for word in middle)
        else ""
    )
    surname = _ARTICLE_PREFIX.sub("", "".join(words[surname_start:]))
    return _PersonName(given, skeleton(surname), initials)


def is_bare_name(form: str) -> bool:
    return person_name(form).is_bare


class PersonIndex:
    """The story's people, looked up by surname skeleton (and first name, for "Xi")."""

    def __init__(self) -> None:
        self._people: list[_Person] = []
        self._by_surname: dict[str, list[_Person]] = defaultdict(list)
        self._by_given: dict[str, list[_Person]] = defaultdict(list)
        # Where each article names someone in full, in text order: the context for bare names.
        # Each with whether it is the object of "of" ("the son of X"): a name there describes
        # someone else, who is the one a later bare surname more likely means.
        self._full_mentions: dict[str, list[tuple[int, _Person, bool]]] = defaultdict(list)
        # Surnames shared by several people named in full, as written alone and mislabelled:
        # one person each, none of those named in full (`_resolve`).
        self._unnamed: dict[str, _Person] = {}
        # People by each part of a hyphenated surname: "Ramos" alone is "José Ramos-Horta".
        self._by_surname_part: dict[str, list[_Person]] = defaultdict(list)

    def __iter__(self) -> Iterator[_Person]:
        return iter(self._people)

    def add_full_names(self, sightings: list[Sighting], alone: Iterable[Sighting] = ()) -> None:
        """Group full names into people; `alone` are the bare names, which count how often
        each first name is written ("Charlene" alone beside "Charlene Kafoury")."""
        written = Counter(skeleton(person_name(s.form).given) for s in sightings)
        written.update(skeleton(letters(s.form)) for s in alone)
        # Most frequent spellings first, initials last, so they seed the groups others join.
        for name, group in _by_frequency(sightings, person_name, lambda n: len(n.given) == 1):
            compatible = (
                p
                for p in self._surname_matches(name.surname)
                if all(givens_compatible(name.given, g) for g in p.givens)
                and not _other_initials(p, name)
                and not _named_apart(p, name, group, written)
            )
            person = next(compatible, None) or self._new_person(name)
            self._register(person, name)
            for part in {p for s in group for p in _surname_parts(s.form)}:
                if person not in self._by_surname_part[part]:
                    self._by_surname_part[part].append(person)
            person.sightings.extend(group)
            person.named_in.update(sighting.span.article_id for sighting in group)
            for sighting in group:
                self._full_mentions[sighting.span.article_id].append(
                    (sighting.span.start, person, sighting.after_of)
                )
        for mentions in self._full_mentions.values():
            mentions.sort(key=lambda mention: mention[0])

    def merge_on_evidence(self, company: dict[Sighting, set[str]]) -> None:
        """Merge full names one letter apart ("Qin Gang"/"Qin Kang") when the two spellings
        carry the same role, or share `SHARED_COMPANY` other names nearby, and a first name's
        short form ("Alexis"/"Alexandros Grigoropoulos") when both give the same age; never
        when one article names both (one article names two people, not one person two ways)."""
        for first, second in self._one_name_in_common():
            if not (first.sightings and second.sightings) or _in_one_article(first, second):
                continue
            if _one_letter_apart(first, second):
                roles = set().union(*(s.role for s in first.sightings))
                seen_with = set().union(*(company.get(s, set()) for s in first.sightings))
                other_roles = set().union(*(s.role for s in second.sightings))
                other_seen = set().union(*(company.get(s, set()) for s in second.sightings))
                if roles & other_roles or len(seen_with & other_seen) >= SHARED_COMPANY:
                    self._absorb(first, second)
            elif _short_form_apart(first, second) and _same_age(first, second):
                # Siblings and spouses share a surname and such first names too ("Michael",
                # "Michelle"): a role or company is no evidence here, an age given by both is.
                self._absorb(first, second)
        self._people = [p for p in self._people if p.sightings]

    def _one_name_in_common(self) -> list[tuple[_Person, _Person]]:
        """Pairs of people named in full who share a surname or a first name: the only ones
        a one-letter difference in the other name can make one person."""
        buckets: dict[str, list[_Person]] = defaultdict(list)
        for person in self._people:
            for key in {f"s:{n}" for n in person.surnames} | {
                f"g:{skeleton(g)}" for g in person.givens if len(g) > 1
            }:
                buckets[key].append(person)
        pairs = {pair for people in buckets.values() for pair in combinations(people, 2)}
        order = {id(person): index for index, person in enumerate(self._people)}
        return sorted(pairs, key=lambda pair: (order[id(pair[0])], order[id(pair[1])]))

    def add_bare_names(self, sightings: list[Sighting]) -> None:
        candidates: dict[str, list[_Person]] = {}
        written = {person_name(s.form).surname: letters(s.form) for s in sightings}
        for name, _ in _by_frequency(sightings, person_name, lambda n: False):
            # An exact surname beats a near one; a first name is the last resort ("Xi").
            found = (
                self._by_surname.get(name.surname)
                or self._surname_matches(name.surname)
                or self._one_by_part(name.surname)
                or self._by_given.get(name.surname)
                or self._by_nickname(written[name.surname])
            )
            candidates[name.surname] = list(found or [self._new_person(name)])
        for sighting in sightings:
            surname = person_name(sighting.form).surname
            people = candidates[surname]
            self._resolve(sighting, self._first_name_here(sighting, surname, people) or people)

    def _first_name_here(
        self, sighting: Sighting, word: str, people: list[_Person]
    ) -> list[_Person]:
        """The one person its article names in full with this first name, when the article names
        none of the people it is the surname of: "Michael took the medicine", in an article on
        Michael Jackson, is not the MP Alun Michael whom another article names."""
        if not is_first_name(letters(sighting.form)):
            return []
        here = {person for _, person, _ in self._full_mentions.get(sighting.span.article_id, [])}
        if here & set(people):
            return []
        given = [person for person in self._by_given.get(word, []) if person in here]
        return given if len(given) == 1 else []

    def _one_by_part(self, surname: str) -> list[_Person]:
        """The one person named in full whose hyphenated surname has this part ("Ramos" of
        "Ramos-Horta"); none when several have."""
        found = self._by_surname_part.get(surname, [])
        return found if len(found) == 1 else []

    def _by_nickname(self, word: str) -> list[_Person]:
        """The one person named in full whose first name is another form of this first name
        written alone ("Jimmy" beside "Jim O'Brien", "Jim" and "James" both its forms)."""
        if not is_first_name(word):
            return []
        found = [
            p
            for p in self._people
            if p.surnames and any(len(g) > 1 and are_nicknames_alike(g, word) for g in p.givens)
        ]
        return found if len(found) == 1 else []

    def claim_mislabelled(self, sightings: list[Sighting]) -> list[Sighting]:
        """Give people their mentions spaCy labelled ORG/GPE/...; returns the sightings left.

        A name the story also gives a person goes to the person when the words around its
        mentions say "person" ("X said") more often than "place" ("flew to X"), when a place
        label meets no place words and the story names the person in full, or, failing both,
        when the person is named more often than the other thing.
        """
        uses = Counter(person_name(s.form) for s in sightings)
        # Words of the story's longer organisation names: "Disney" beside "Walt Disney Co." is
        # the company, whoever else bears the name.
        in_organisations: dict[str, list[Sighting]] = defaultdict(list)
        for s in sightings:
            if s.label in _ORGANISATION_LABELS and " " in s.form:
                for word in dict.fromkeys(letters(w) for w in s.form.split()):
                    in_organisations[word].append(s)
        # The longer organisation names that end in a word: "Cue Ball Carville" (ORG), a
        # nickname run on to a surname, is no body's name the surname could be short for.
        ending_in: dict[str, list[Sighting]] = defaultdict(list)
        for s in sightings:
            if s.label in _ORGANISATION_LABELS and " " in s.form:
                ending_in[letters(s.form.split()[-1])].append(s)
        cues: Counter[tuple[object, bool]] = Counter()
        written: dict[_PersonName, list[Sighting]] = defaultdict(list)
        nicknamed: dict[str, _Person] = {}  # surname -> its person, claimed as written alone
        called_a_body: set[_PersonName] = set()
        for sighting in sightings:
            cues[(person_name(sighting.form), True)] += sighting.person_cue
            cues[(person_name(sighting.form), False)] += sighting.place_cue > 0
            written[person_name(sighting.form)].append(sighting)
            if sighting.organisation_cue:
                called_a_body.add(person_name(sighting.form))
        left = []
        for sighting in sightings:
            name = person_name(sighting.form)
            people = [
                p
                for p in self._by_surname.get(name.surname) or self._one_by_part(name.surname)
                if name.is_bare or name.given in p.givens
            ]
            support = sum(len(p.sightings) for p in people)
            if name.is_bare and name.surname in self._unnamed:
                support += len(self._unnamed[name.surname].sightings)
            # A tie goes to the person if the story gives a full name, else to the place.
            is_full = any(p.givens for p in people)
            said, placed = cues[(name, True)], cues[(name, False)]
            by_count = support > uses[name] or (support == uses[name] and is_full)
            # A surname tagged as a place, of someone the story names in full, and never
            # written as a place is ("to X", "the town of X"), is that person ("Ocalan was
            # arrested"). Not so for organisations: "Disney" is rarely Walt Disney.
            unplaced = placed == 0 and is_full and name.is_bare and sighting.label in PLACE_LABELS
            # A surname tagged ORG in an article that names its person in full, as other
            # articles do, and in no longer organisation name of the story, is that person
            # ("Mark Teixeira ... Teixeira"), however often spaCy calls it an organisation.
            surname = (
                name.is_bare
                and sighting.label == "ORG"
                and letters(sighting.form) not in in_organisations
                and self._named_in_full(sighting.span.article_id, people)
            )
            # The same when one article alone names the person in full, and the surname is
            # written only after the full name in its article, never called a body ("shares
            # of X", "X's customers"): "James Carville ... after Carville appeared". A company
            # named for its founder is written where the founder is not named, or called a body.
            # A longer organisation name ending in the surname counts as one of its mentions.
            full = [p for p in people if p.givens]
            word = letters(sighting.form)
            alone = not surname and (
                name.is_bare
                and sighting.label == "ORG"
                and name not in called_a_body
                and len(full) == 1
                and all(
                    self._named_in_full_before(s, full[0])
                    for s in written[name] + ending_in.get(word, [])
                )
                and not any(s.organisation_cue for s in ending_in.get(word, []))
                and (
                    word not in in_organisations
                    or len(in_organisations[word]) == len(ending_in.get(word, []))
                )
            )
            if alone:
                surname = True
                nicknamed[word] = full[0]
            # A first name alone, tagged a place the text never treats as one, or an organisation
            # in no longer organisation name of the story, of the one person of that first name
            # this article and another name in full ("the issue involving Vincent", beside
            # "Vincent Jackson") is that person: a first name the `nicknames` table knows, or
            # one written after the person's full name in its article ("a perfect shot for
            # Tyler", after "Tyler Hansbrough"), and no country's or region's name.
            given = self._by_given.get(name.surname, []) if not people else []
            first_name = (
                len(given) == 1
                and name.is_bare
                and placed == 0
                and (
                    sighting.label in PLACE_LABELS
                    or (sighting.label == "ORG" and letters(sighting.form) not in in_organisations)
                )
                and (
                    is_first_name(letters(sighting.form))
                    or self._named_in_full_before(sighting, given[0])
                )
                and not is_region(sighting.form)
                and self._named_in_full(sighting.span.article_id, given)
            )
            if first_name:
                self._resolve(sighting, given)
            elif people and (
                said > placed or unplaced or surname or (said == placed and by_count)
            ):
                self._resolve(sighting, people, is_shared=name.is_bare and is_full)
            else:
                left.append(sighting)
        # ... and so is the longer name ending in it ("Cue Ball Carville"): a nickname.
        kept = []
        for sighting in left:
            person = nicknamed.get(letters(sighting.form.split()[-1]))
            if person is not None and " " in sighting.form and sighting in ending_in.get(
                letters(sighting.form.split()[-1]), []
            ):
                person.sightings.append(sighting)
            else:
                kept.append(sighting)
        return kept

    def _before_its_people(
        self, sighting: Sighting, people: list[_Person], mentions: list[tuple[int, _Person, bool]]
    ) -> bool:
        """Whether a bare surname comes, in its article, before every full name of the several
        people of that surname the article names, or after a bare mention that did."""
        named = [(start, p) for start, p, _ in mentions if p in people and p.givens]
        if len({id(p) for _, p in named}) < 2:
            return False
        here = sighting.span
        unnamed = self._unnamed.get(person_name(sighting.form).surname)
        if unnamed and any(
            s.span.article_id == here.article_id and s.span.start < here.start
            for s in unnamed.sightings
        ):
            return True
        return all(start > here.start for start, _ in named)

    def _named_in_full_before(self, sighting: Sighting, person: _Person) -> bool:
        """Whether the sighting's article names the person in full before it."""
        mentions = self._full_mentions.get(sighting.span.article_id, [])
        return any(p is person and start < sighting.span.start for start, p, _ in mentions)

    def _named_in_full(self, article_id: str, people: list[_Person]) -> bool:
        """Whether the article names one of these people in full, and so do other articles:
        one of the story's own people, not a founder named once beside the company that
        bears the name ("Walt Disney drew it. Disney, 1923, grew")."""
        articles = {
            article
            for article, mentions in self._full_mentions.items()
            if any(p in people for _, p, _ in mentions)
        }
        return article_id in articles and len(articles) >= _CENTRAL_ARTICLES

    def release_lone_words(self, others: list[Sighting]) -> list[Sighting]:
        """Drop people whose every spelling the story tags as something else at least as often
        ("Salt Lake" PERSON x2, GPE x3), people known by one word whose mentions the text
        mostly treats as a place ("the port of X", "in X"), and people known by one word that
        is the singular of a name the story gives something else, and who never speak: a
        people ("Kurd" of "Kurds"; "Russ" is not of "Russians"), an award ("an Oscar host" of
        "the Oscars").

        The reverse of `claim_mislabelled`: spaCy also tags a town ("Kestrel") PERSON at times.
        """
        other_uses = Counter(other_key(s.form) for s in others)
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        for sighting in others:
            labels[other_key(sighting.form)][sighting.label] += 1
        released = []
        for person in list(self._people):
            forms = {other_key(s.form) for s in person.sightings}
            uses = sum(other_uses[form] for form in forms)
            placed = sum(s.place_cue > 0 for s in person.sightings)
            said = sum(s.person_cue for s in person.sightings)
            if all(other_uses[form] for form in forms) and uses >= len(person.sightings):
                self._people.remove(person)
                released.extend(person.sightings)
            elif not person.givens and placed * 2 > len(person.sightings) and not said:
                self._people.remove(person)
                released.extend(replace(s, label="GPE") for s in person.sightings)
            elif not person.givens and not said and all(f + "s" in labels for f in forms):
                plural = sum((labels[f + "s"] for f in forms), Counter()).most_common(1)[0][0]
                self._people.remove(person)
                released.extend(replace(s, label=plural) for s in person.sightings)
        return released

    def release_institutions(self, others: list[Sighting]) -> list[Sighting]:
        """Drop people named only by the leading words of exactly one longer organisation or
        facility name of the story, who never speak, carry no role and are no one's relative
        ("pulled up to Morningside" of "Morningside Recovery"): spaCy tags the short name a
        person. A name opening with a known first name (the `nicknames` table's) must also be
        somewhere one goes in most of its mentions ("checked into Betty Ford", of "the Betty
        Ford Center"; not "Walt Disney drew", beside "the Walt Disney Co."). Their sightings
        become the longer name's, as the adjectives cut from a name do in `add_entities`."""
        longer: dict[tuple[str, ...], set[str]] = defaultdict(set)
        named: dict[str, Sighting] = {}
        for sighting in others:
            if sighting.label not in _ORGANISATION_LABELS:
                continue
            words = _leading_words(sighting.form)
            for count in range(1, len(words)):
                longer[words[:count]].add(other_key(sighting.form))
            named.setdefault(other_key(sighting.form), sighting)
        released = []
        for person in list(self._people):
            sightings = person.sightings
            if any(s.role or s.person_cue or s.after_of for s in sightings):
                continue
            in_venue = sum(s.venue_cue or s.place_cue > 0 for s in sightings) * 2 > len(sightings)
            if any(is_first_name(g) for g in person.givens) and not in_venue:
                continue
            targets = [longer.get(_leading_words(s.form), set()) for s in person.sightings]
            if any(len(found) != 1 for found in targets) or len(set().union(*targets)) != 1:
                continue
            target = named[targets[0].pop()]
            if is_other_body(target.form, len(_leading_words(sightings[0].form))):
                continue  # "McAfee" beside "McAfee Avert Labs": the company, not its unit
            self._people.remove(person)
            released.extend(
                replace(s, label=target.label, form=target.form) for s in person.sightings
            )
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
        if len(name.given) > 1 and person not in self._by_given[skeleton(name.given)]:
            self._by_given[skeleton(name.given)].append(person)
        if name.given:
            person.givens.add(name.given)
        if name.initials:
            person.initials.add(name.initials)
        person.surnames.add(name.surname)

    def _absorb(self, kept: _Person, merged: _Person) -> None:
        kept.sightings.extend(merged.sightings)
        kept.givens |= merged.givens
        kept.surnames |= merged.surnames
        kept.initials |= merged.initials
        kept.named_in |= merged.named_in
        merged.sightings = []
        for index in (self._by_surname, self._by_given):
            for people in index.values():
                if merged in people:
                    people.remove(merged)
                    if kept not in people:
                        people.append(kept)
        for mentions in self._full_mentions.values():
            mentions[:] = [(start, kept if p is merged else p, of) for start, p, of in mentions]

    def _resolve(self, sighting: Sighting, people: list[_Person], is_shared: bool = False) -> None:
        """Add a bare-name sighting to the person it most likely means.

        With `is_shared`, a surname the NER did not even tag a person, of several people its
        article names in full, is none of them when it comes before all their full names
        ("the death of Kafoury, 63", before "Charlene Kafoury" and "Charlie Kafoury" are
        quoted): it is someone else of that surname, as it stays in the rest of the article.
        Written after one of the full names, it is read as any bare surname is."""
        mentions = self._full_mentions.get(sighting.span.article_id, [])
        if is_shared and self._before_its_people(sighting, people, mentions):
            surname = person_name(sighting.form).surname
            if surname not in self._unnamed:
                self._unnamed[surname] = _Person(surnames={surname})
                self._people.append(self._unnamed[surname])
            self._unnamed[surname].sightings.append(sighting)
            return
        before = bisect_left(mentions, sighting.span.start, key=lambda mention: mention[0])
        earlier = [(p, of) for _, p, of in reversed(mentions[:before]) if p in people]
        # "Greg Kelly, the son of Raymond Kelly, ... Kelly's lawyer": the nearest full name
        # decides, unless it only describes someone of the same surname named before it.
        chosen = next(
            (
                p
                for i, (p, of) in enumerate(earlier)
                if not of or all(q is p for q, _ in earlier[i:])
            ),
            None,
        )
        if chosen is None:
            # Else the one its article names in full most often; an article that names none
            # means the one most articles name in full (bare names resolved before this one
            # would only repeat an earlier guess).
            in_article = Counter(p for _, p, of in mentions if p in people and not of)
            by_count = in_article or Counter(
                {p: (len(p.named_in), len(p.sightings)) for p in people}
            )
            chosen = by_count.most_common(1)[0][0]
        chosen.sightings.append(sighting)


def _other_initials(person: _Person, name: _PersonName) -> bool:
    """Whether the name's middle initials differ from the person's: "George H.W. Bush" and
    "George W. Bush" are father and son. A name written without them ("George Bush") or with
    its middle name in full says nothing either way."""
    return bool(name.initials and person.initials and name.initials not in person.initials)


def _surname_parts(form: str) -> list[str]:
    """The parts of a hyphenated surname, as skeletons: "Ramos-Horta" -> "ramos", "horta";
    none for a particle ("al-Owhali") or a name of one word."""
    words = strip_titles(form.split())
    if len(words) < 2 or "-" not in words[-1]:
        return []
    parts = [part for part in words[-1].split("-") if len(letters(part)) >= _MIN_SURNAME_PART]
    return [skeleton(part) for part in parts] if len(parts) > 1 else []


def _named_apart(
    person: _Person, name: _PersonName, group: list[Sighting], written: Counter[str]
) -> bool:
    """Whether one article writes this name in full beside the person's name of another first
    name, each first name written more than once in the story, in full or alone ("Charlene
    Kafoury", "Charlene" beside "Charlie Kafoury" twice): one article names two people, not
    one person two ways, unless both names carry the same role ("President Bill Clinton",
    "President William Clinton") or one first name is the other's nickname ("Benjamin David
    Banky, 40" and "our president and CEO, Ben Banky": the formal name, then the common one).
    A first name written once beside a near one is a misprint."""
    if written[skeleton(name.given)] < 2:
        return False
    articles = {s.span.article_id for s in group}
    roles = set().union(*(s.role for s in group))
    others: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in person.sightings:
        given = person_name(sighting.form).given
        if (
            _other_first_name(name.given, given)
            and not is_nickname(name.given, given)
            and written[skeleton(given)] >= 2
        ):
            others[given].append(sighting)
    return any(
        articles & {s.span.article_id for s in sightings}
        and not roles & set().union(*(s.role for s in sightings))
        for sightings in others.values()
    )


def _other_first_name(a: str, b: str) -> bool:
    """Whether two folded first names are two names, not one name and its initial."""
    return len(a) > 1 and len(b) > 1 and skeleton(a) != skeleton(b)


def _leading_words(form: str) -> tuple[str, ...]:
    """A name's words as compared for leading words: spelling skeletons, no leading "the"."""
    words = form.split()
    if len(words) > 1 and words[0].casefold() == "the":
        words = words[1:]
    return tuple(skeleton(word) for word in words)


def _one_letter_apart(first: _Person, second: _Person) -> bool:
    """Whether two people's names differ by one letter in the given name or the surname."""
    givens = [(a, b) for a in first.givens for b in second.givens]
    surnames = [(a, b) for a in first.surnames for b in second.surnames]
    same_surname = any(a == b for a, b in surnames)
    same_given = any(skeleton(a) == skeleton(b) for a, b in givens)
    near_given = any(_one_edit(skeleton(a), skeleton(b)) for a, b in givens)
    near_surname = any(_one_edit(a, b) and min(len(a), len(b)) > 2 for a, b in surnames)
    return (same_surname and near_given) or (same_given and near_surname)


def _in_one_article(first: _Person, second: _Person) -> bool:
    articles = {s.span.article_id for s in first.sightings}
    return bool(articles & {s.span.article_id for s in second.sightings})


def _same_age(first: _Person, second: _Person) -> bool:
    """Whether both people are given an age, and the same one."""
    ages = {s.age for s in first.sightings} - {None}
    return bool(ages) and ages == {s.age for s in second.sightings} - {None}


def _short_form_apart(first: _Person, second: _Person) -> bool:
    """Whether two people share a surname and their first names open with the same
    `SHORT_FORM_PREFIX` letters, neither opening the other ("Alexis"/"Alexandros"; not
    "Eric"/"Erica", which are two names)."""
    if not first.surnames & second.surnames:
        return False
    return any(
        a[:SHORT_FORM_PREFIX] == b[:SHORT_FORM_PREFIX]
        and not (a.startswith(b) or b.startswith(a))
        for a in (skeleton(g) for g in first.givens)
        for b in (skeleton(g) for g in second.givens)
        if min(len(a), len(b)) > SHORT_FORM_PREFIX
    )


def _one_edit(a: str, b: str) -> bool:
    # Ivan/Ivana, Eric/Erica are one letter apart too, but different names.
    return Levenshtein.distance(a, b) == 1 and not (a.startswith(b) or b.startswith(a))


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
    sightings: list[Sighting], key: Callable[[str], _Key], is_weak: Callable[[_Key], bool]
) -> list[tuple[_Key, list[Sighting]]]:
    """Sightings grouped by `key(form)`: strong keys first, then most seen, then first seen."""
    groups: dict[_Key, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        groups[key(sighting.form)].append(sighting)
    return sorted(groups.items(), key=lambda item: (is_weak(item[0]), -len(item[1])))
