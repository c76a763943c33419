"""Organisations and places merged across spellings, and how a finished entity is named and typed.

Names merge on their spelling skeleton without a leading "the" and without the spaces between
words ("Guest House", "Guesthouse"); an acronym merges with a long form written as "European
Union (EU)" or whose initials it spells (when they share a label). An entity's type is the label
most of its mentions carry, except that a name the text treats as a place (a NORP adjective
derived from it, "flew back to X", "X, the capital") is a place even when tagged ORG. A place
named by its kind alone ("the gulf") is the place of that kind the story names ("the Persian
Gulf").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from functools import cache, lru_cache

from newsweave._text import stem_words
from newsweave.model import Entity
from newsweave.stages.article.annotate import is_lower_cased
from newsweave.stages.entities._aliases import alias_links, country_of, leading_word_links
from newsweave.stages.entities._countries import country_names, is_country, is_region
from newsweave.stages.entities._evidence import NOUN_CUE, TRAVEL_CUE, ship_name
from newsweave.lexicon import english_adjectives
from newsweave.stages.entities._parties import MEMBER_WORDS, SHORT_NAMES
from newsweave.stages.entities._spelling import (
    PERSON,
    PLACE_LABELS,
    PRODUCT,
    Sighting,
    fold,
    skeleton,
)
from newsweave.stages.entities._universities import university_links

ENTITY_LABELS = ("GPE", "ORG", "LOC", "FAC", "NORP", "PERSON")  # also the tie-break order of types
_TYPE_ORDER = (*ENTITY_LABELS, PRODUCT)  # a ship or a drug comes last
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")
# An acronym written right after the long form: "European Union (EU)", "Kurdistan Workers
# Party, or PKK,"; or after a bare comma ("Kurdistan Workers Party, PKK,"), when each of its
# letters starts a word of the long form (so "France, UK," is a list, not a name). A bracket
# followed by a dash credits a dateline's agency ("Tripoli, Libya (CNN) --"): no acronym.
_WRITTEN_ACRONYM = re.compile(
    r"\s*(?:\(\s*(?P<bracketed>(?:[A-Z]\.?){2,6})\s*\)(?!\s*[-–—])"
    r"|,\s+or\s+(?P<named>(?:[A-Z]\.?){2,6})\b"
    r"|,\s+(?P<listed>(?:[A-Z]\.?){2,6}),)"
)
_KIND_LABELS = frozenset({"GPE", "LOC", "FAC"})  # places, whose kind may name them alone
_NAMED_LABELS = frozenset({"GPE", "LOC", "ORG", "FAC"})  # organisations and places
# An abbreviation's full stop, not a sentence's: "Rancho Mirage, Calif., said", "Calif. rehab".
_ABBREVIATED_PLACE = re.compile(r"\w?\.(?:,| [a-z0-9])")
_ADDRESS_BEFORE = re.compile(r"\w,\s+$")  # "Rancho Mirage, Calif. The ...": town, state
_ADDRESS_CHARS = 8
_LOWER_ACRONYM_MAX = 4  # "la", "nyc", "lapd": a lower-cased article's acronyms
# "e": Swede, Dane, Pole; "ik" (a skeleton's "ic"): a party's or faith's adjective, Democratic
# and Democrats, Islamic and Islam.
_DEMONYM_ENDINGS = ("ian", "ish", "ese", "an", "ik", "i", "e")
_DEMONYM_MIN_STEM = 3
_PLACE_NAME_MAX_WORDS = 2  # "Norland", "Salt Lake": longer ORG names are institutions
_DERIVATIVE_MIN_STEM = 4  # Norland -> Norlandish, Valdoria -> Valdorian; not "Ira" -> "Iranian"
_PARTY = "party"  # the noun that makes an organisation's name a political party's


@lru_cache(maxsize=65536)
def other_key(form: str) -> str:
    """The key organisations and places merge on: "The Guest House" -> "guesthouse"."""
    words = form.split()
    if len(words) > 1 and words[0].casefold() == "the":
        words = words[1:]
    return skeleton("".join(words))


def is_acronym(form: str) -> bool:
    return _ACRONYM.fullmatch(form) is not None


def group_others(
    sightings: list[Sighting], texts: dict[str, str], common_words: frozenset[str] = frozenset()
) -> list[list[Sighting]]:
    """Sightings of organisations and places, grouped by entity.

    `common_words` are words the story writes in lower case: "the House" is not short for
    "the White House" the way "the Saints" is for "the New Orleans Saints".
    """
    groups: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        groups[other_key(sighting.form)].append(sighting)
    parent = {key: key for key in groups}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    def join(links: list[tuple[str, str]]) -> None:
        for one, other in links:
            if root(one) != root(other):
                parent[root(one)] = root(other)

    join(_acronym_links(groups, texts))
    join(_vessel_links(groups))
    universities = university_links(groups, texts)
    join(universities)
    for place, _ in universities:  # the place's mentions name the university: an organisation
        groups[place] = [replace(s, label="ORG") for s in groups[place]]
    join(alias_links(groups))
    join(leading_word_links(groups, root, common_words, texts))
    join(_region_abbreviation_links(groups, texts))
    join(_kind_of_place_links(groups, root, common_words))
    # Twice: once "Red Sox" has joined "Boston Red Sox", "Sox" ends one longer name, not two.
    join(_shortened_names(groups, root, common_words))
    join(_shortened_names(groups, root, common_words))
    by_people: dict[str, str] = {}  # "Kurds", "Kurdish", "Kurd": one people, one entity
    for key, group in groups.items():
        if all(s.label == "NORP" for s in group):
            stem = demonym_stem(key)
            first = by_people.setdefault(stem, key)
            if root(first) != root(key):
                parent[root(key)] = root(first)
    join(_party_name_links(groups))
    merged: dict[str, list[Sighting]] = defaultdict(list)
    for key, group in groups.items():
        merged[root(key)].extend(group)
    return list(merged.values())


@cache
def _short_party_names() -> dict[str, str]:
    """Short names' keys -> their members' stem: "gop" -> the stem of "Republican"."""
    return {
        other_key(short): demonym_stem(other_key(member)) for short, member in SHORT_NAMES.items()
    }


def _party_stem(key: str, group: list[Sighting]) -> str | None:
    """The members' stem of a party's name: "Republicans" (NORP), "the Republican Party"."""
    if all(s.label == "NORP" for s in group):
        return demonym_stem(key)
    words = [w for w in group[0].form.split() if w.casefold() != "the"]
    if len(words) == 2 and fold(words[1]) == _PARTY:
        return demonym_stem(other_key(words[0]))
    return None


def _party_name_links(groups: dict[str, list[Sighting]]) -> list[tuple[str, str]]:
    """(short name's key, party's key): "GOP" with "Republicans" or "the Republican Party"."""
    by_stem: dict[str, list[str]] = defaultdict(list)
    for key, group in groups.items():
        stem = _party_stem(key, group)
        if stem is not None:
            by_stem[stem].append(key)
    short = _short_party_names()
    return [
        (key, party)
        for key in groups
        if key in short
        for party in by_stem.get(short[key], [])
        if party != key
    ]


@cache
def _member_stems() -> frozenset[str]:
    return frozenset(demonym_stem(other_key(word)) for word in MEMBER_WORDS)


def is_party(sightings: list[Sighting]) -> bool:
    """Whether an entity the NER calls a people is a party: one of its names is a party's
    short name ("GOP", "Tories"), or all are a party's members' ("Republicans", "Democratic")."""
    keys = {other_key(s.form) for s in sightings}
    return bool(keys & _short_party_names().keys()) or all(
        demonym_stem(key) in _member_stems() for key in keys
    )


_OF_WORDS = frozenset({"of", "for"})  # "University of Virginia", "Institute for America's ..."


def _shortened_names(
    groups: dict[str, list[Sighting]], root: Callable[[str], str], common_words: frozenset[str]
) -> list[tuple[str, str]]:
    """(short key, long key) for an organisation named by the last words of exactly one longer
    organisation name in the story: "the Security Council" of "the U.N. Security Council",
    "Saints" of "New Orleans Saints" (two spellings of one longer name count once). Not a lone
    common word ("the House"), nor one word whose longer name's other words are common
    adjectives ("the House" of "the White House", where no "house" is written in lower case).
    A lone common word still ends a longer name whose other words name a country ("the
    Treasury" of "the U.S. Treasury"). A place's last words name other places ("Korea", "North
    Korea"), but a short name tagged a place that is no country or region (ISO 3166) and ends
    an organisation's name without "of" or "for" ("Nationals" of "Washington Nationals"; not
    "Virginia" of "University of Virginia", nor "America" of "the Institute for America's
    Future") is that organisation."""
    words_of: dict[str, tuple[str, ...]] = {}
    shorts: dict[str, tuple[str, ...]] = {}
    for key, group in groups.items():
        label = Counter(s.label for s in group).most_common(1)[0][0]
        words = tuple(skeleton(w) for w in group[0].form.split() if w.casefold() != "the")
        if label == "ORG":
            words_of[key] = shorts[key] = words
        elif label in PLACE_LABELS and not is_region(group[0].form):
            shorts[key] = words
    by_ending: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key, words in words_of.items():
        for start in range(1, len(words)):
            by_ending[words[start:]].append(key)
    # One-word names of peoples: "the Cabinet" is short for "the Israeli Cabinet", as "the
    # House" is not for "the White House".
    peoples = {
        skeleton(s.form)
        for g in groups.values()
        for s in g
        if s.label == "NORP" and " " not in s.form
    }
    adjectives = english_adjectives()

    def of_a_country(other: str, short_words: int) -> bool:
        """Whether the longer name's other words name one country: "the U.S. Treasury" is the
        country's treasury, which "the Treasury" names even where "treasury" is also written
        in lower case ("the treasury secretary")."""
        words = [w for w in groups[other][0].form.split() if w.casefold() != "the"]
        return country_of(" ".join(words[:-short_words])) is not None

    def is_described(other: str, short_words: int) -> bool:
        """Whether the longer name's other words are all common English adjectives: "the
        White House" is a kind of house, not "the House"; "Baltimore" in "the Baltimore
        Orioles" and "Norodom" in "Prince Norodom Ranariddh" say which one."""
        words = [fold(w) for w in groups[other][0].form.split() if w.casefold() != "the"]
        return all(word in adjectives for word in words[:-short_words])

    links = []
    for key, words in shorts.items():
        form = groups[key][0].form
        is_common = len(words) == 1 and form.split()[-1].casefold() in common_words
        longer = {
            root(other)
            for other in by_ending.get(words, [])
            if (key in words_of or words_of[other][-len(words) - 1] not in _OF_WORDS)
            and (
                set(words_of[other][: -len(words)]) <= peoples
                or (is_common and len(words) == 1 and of_a_country(other, 1))
                or (not is_common and (len(words) > 1 or not is_described(other, len(words))))
            )
        }
        if len(longer) == 1 and not is_acronym(form):
            links.append((key, next(iter(longer))))
    return links


def _kind_of_place_links(
    groups: dict[str, list[Sighting]], root: Callable[[str], str], common_words: frozenset[str]
) -> list[tuple[str, str]]:
    """(short key, long key) for a place named by its kind alone, a word the story also writes
    in lower case ("the Gulf", "the gulf" beside "the Persian Gulf"; "the Strait" beside "Bass
    Strait"): the longer place name of the story that ends in that word, or of several the one
    written more often than all the others together. A country is never a kind, nor a country
    or region the longer name."""
    words_of = {
        key: [w for w in group[0].form.split() if w.casefold() != "the"]
        for key, group in groups.items()
    }
    endings: dict[str, Counter[str]] = defaultdict(Counter)
    for key, group in groups.items():
        words = words_of[key]
        if len(words) > 1 and group[0].label in _KIND_LABELS and not is_region(group[0].form):
            endings[fold(words[-1])][root(key)] += len(group)
    links = []
    for key, group in groups.items():
        words = words_of[key]
        kind = fold(words[0]) if len(words) == 1 else ""
        if (
            not kind
            or not all(s.label in _KIND_LABELS for s in group)
            # A word a cased article writes in lower case: in a lower-cased one, "virginia"
            # alone is no kind of "west virginia".
            or kind not in common_words
            or is_country(group[0].form)  # a province may be called "Gulf"; no country is
        ):
            continue
        longer = endings.get(kind, Counter())
        ranked = longer.most_common()
        if ranked and ranked[0][1] > longer.total() - ranked[0][1]:
            links.append((key, ranked[0][0]))
    return links


def members_as_party(sightings: list[Sighting]) -> list[Sighting]:
    """A political party is named by its members: "Italy's Communists" for "the Communist
    Refoundation Party". A one-word group name (NORP) whose stem opens the name of exactly one
    party of the story (spellings with the same stems count once) is that party's name, as an
    adjective cut from a name is."""
    parties: dict[tuple[str, ...], dict[tuple[str, ...], Sighting]] = defaultdict(dict)
    for sighting in sightings:
        words = [word for word in sighting.form.split() if word.casefold() != "the"]
        if sighting.label == "ORG" and _PARTY in (fold(word) for word in words[1:]):
            stems = stem_words(" ".join(words))
            parties[stems[:1]].setdefault(stems, sighting)
    places = _country_stems() | {
        _stem(s.form) for s in sightings if s.label in PLACE_LABELS and " " not in s.form
    }
    named = []
    for sighting in sightings:
        found = parties.get(stem_words(sighting.form), {})
        # A nationality names a people, not the party it opens ("Cambodian People's Party").
        nationality = any(fold(sighting.form).startswith(stem) for stem in places)
        if (
            sighting.label == "NORP"
            and " " not in sighting.form
            and len(found) == 1
            and not nationality
        ):
            party = next(iter(found.values()))
            sighting = replace(sighting, label=party.label, form=party.form)
        named.append(sighting)
    return named


@cache
def _country_stems() -> frozenset[str]:
    """Countries' names as their peoples' names open: "cambodi" (Cambodian), "israel"."""
    return frozenset(_stem(name) for name in country_names())


def demonym_stem(key: str) -> str:
    """A people's name without plural and adjective endings: Russians, Russian -> "rus";
    Kurds, Kurdish -> "kurd"; Somali, Somalian -> "somal"; Swedes, Swedish -> "swed";
    democratic, democrats -> "demokrat" (on the spelling skeleton)."""
    if key.endswith("s") and len(key) > _DEMONYM_MIN_STEM + 1:
        key = key[:-1]
    for ending in _DEMONYM_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= _DEMONYM_MIN_STEM:
            return key[: -len(ending)]
    return key


def _vessel_links(groups: dict[str, list[Sighting]]) -> list[tuple[str, str]]:
    """(name key, ship key) pairs: "Mysore" written alone is the ship "INS Mysore", as
    "Sukanya" is "Warship Sukanya" and "Indian Naval Ship Sukanya"."""
    links = []
    for key, group in groups.items():
        name = ship_name(group[0].form)
        if name:
            short = other_key(name)
            if short in groups and short != key:
                links.append((short, key))
    return links


def name_initials(form: str) -> set[str]:
    """Acronyms a multi-word name could go by: "Bank of England" -> {"BE", "BOE"}; a word that
    is an acronym gives all its letters ("U.S. Navy" -> "USN", never "UN")."""
    words = [w for w in form.split() if w.casefold() != "the"]
    if len(words) < 2:
        return set()
    initials = [w.replace(".", "") if is_acronym(w) else w[0] for w in words]
    capitals = "".join(i for i in initials if i[0].isupper())
    return {capitals, "".join(initials).upper()} - {""}


def _acronym_links(
    groups: dict[str, list[Sighting]], texts: dict[str, str]
) -> list[tuple[str, str]]:
    """(acronym key, long-form key) pairs: as spelled out in the text, or by matching initials
    with a shared label (or of the one organisation or place they match); an acronym may join
    several long forms ("Salt Lake Organizing Committee", "Salt Lake Olympic Committee
    (SLOC)")."""
    links: list[tuple[str, str]] = []
    for key, group in groups.items():
        for sighting in group:
            acronym = _written_acronym(texts[sighting.span.article_id], sighting)
            acronym_key = other_key(acronym) if acronym else ""
            if acronym_key in groups and acronym_key != key and not is_acronym(sighting.form):
                links.append((acronym_key, key))

    by_initials: dict[str, list[str]] = defaultdict(list)
    for key, group in groups.items():
        for initials in name_initials(group[0].form):
            by_initials[initials].append(key)
    for key, group in groups.items():
        acronym = _as_acronym(group, texts)
        if acronym is None:
            continue
        labels = {s.label for s in group}
        # An acronym is no initials of a name it is a word of ("XP" of "XP Professional").
        matches = [
            long
            for long in by_initials.get(acronym, [])
            if fold(acronym) not in {fold(w).replace(".", "") for w in groups[long][0].form.split()}
        ]
        shared = [long for long in matches if labels & {s.label for s in groups[long]}]
        # spaCy types an acronym apart from its long form at times ("UAE" ORG, "the United
        # Arab Emirates" GPE): the one organisation or place whose initials it spells is it.
        named = [long for long in matches if {s.label for s in groups[long]} & _NAMED_LABELS]
        # Two letters match a pair of words by chance too often ("EU", "Eastern Ukraine").
        if not shared and len(named) == 1 and labels <= _NAMED_LABELS and len(acronym) > 2:
            shared = named
        links.extend((key, long_key) for long_key in shared)
    return links


def _as_acronym(group: list[Sighting], texts: dict[str, str]) -> str | None:
    """The letters of an acronym: "U.N." -> "UN"; in articles written all in lower case (some
    corpora are), a short word may be one too: "la" -> "LA" (matched by initials only)."""
    form = group[0].form
    if is_acronym(form):
        return form.replace(".", "")
    lowered = all(is_lower_cased(texts[s.span.article_id]) for s in group)
    short = 2 <= len(form) <= _LOWER_ACRONYM_MAX and form.isalpha() and form.islower()
    return form.upper() if lowered and short else None


def _region_abbreviation_links(
    groups: dict[str, list[Sighting]], texts: dict[str, str]
) -> list[tuple[str, str]]:
    """ "Calif."/"California": a one-word place written with a full stop whose letters, in
    order and from the first, spell part of exactly one region (ISO 3166) the story names."""
    regions = {
        key: fold(group[0].form).removeprefix("the ")
        for key, group in groups.items()
        if group[0].label in PLACE_LABELS and is_region(group[0].form)
    }
    links = []
    for key, group in groups.items():
        form = group[0].form.rstrip(".")
        if (
            " " in form
            or not form.isalpha()
            or group[0].label not in PLACE_LABELS
            or is_region(form)  # "Iran." ends a sentence; it is no abbreviation of Ireland
            or not any(_is_abbreviated(texts[s.span.article_id], s) for s in group)
        ):
            continue
        letters = fold(form)
        found = {
            other
            for other, name in regions.items()
            if other != key and len(name) > len(letters) and _spells_part(letters, name)
        }
        if len(found) == 1:
            links.append((key, found.pop()))
    return links


def _is_abbreviated(text: str, sighting: Sighting) -> bool:
    """Whether the place's full stop is an abbreviation's: "Calif., said", "Calif. rehab",
    or after the town it locates, "Rancho Mirage, Calif. The" (not a sentence's alone)."""
    end = sighting.span.end
    if text[end - 1 : end] != "." and text[end : end + 1] != ".":
        return False
    before = text[max(0, sighting.span.start - _ADDRESS_CHARS) : sighting.span.start]
    return bool(_ABBREVIATED_PLACE.match(text, end - 1) or _ADDRESS_BEFORE.search(before))


def _spells_part(letters: str, name: str) -> bool:
    """Whether `letters` are `name`'s first letter then others of it, in order: "calif" of
    "california", "fla" of "florida"."""
    if not letters or letters[0] != name[0]:
        return False
    position = 1
    for letter in letters[1:]:
        position = name.find(letter, position) + 1
        if position == 0:
            return False
    return True


def _written_acronym(text: str, sighting: Sighting) -> str | None:
    written = _WRITTEN_ACRONYM.match(text, sighting.span.end)
    if written is None:
        return None
    if written["listed"]:
        initials = {word[0] for word in sighting.form.split()}
        return written["listed"] if set(written["listed"].replace(".", "")) <= initials else None
    return written["bracketed"] or written["named"]


def entity_type(sightings: list[Sighting], norp_stems: set[str]) -> str:
    """The majority label (ORG for a people's label on a party's members, `is_party`), or GPE
    for a short name tagged ORG that the text treats as a place:
    a NORP adjective derives from it, half its mentions call it a town or city, or most of
    them travel there. A place label on a side in a contest ("against Detroit") counts as an
    organisation when the entity has organisation mentions too (the Detroit Lions)."""
    has_org = any(s.label == "ORG" for s in sightings)
    counts = Counter(
        "ORG" if has_org and s.opponent_cue and s.label in PLACE_LABELS else s.label
        for s in sightings
    )
    label = min(counts, key=lambda label: (-counts[label], _TYPE_ORDER.index(label)))
    if label == "NORP" and is_party(sightings):
        return "ORG"  # "the Republicans", "the GOP": a party, not a people
    if label != "ORG" or len(sightings[0].form.split()) > _PLACE_NAME_MAX_WORDS:
        return label
    called = sum(s.place_cue == NOUN_CUE for s in sightings)
    travelled = sum(s.place_cue >= TRAVEL_CUE for s in sightings)
    own_stem = _stem(sightings[0].form)
    derived = any(stem.startswith(own_stem) for stem in norp_stems)
    # One "visit Netscape's site" is no place; several trips there, or a place label, are.
    went = travelled * 2 > len(sightings) and (travelled > 1 or counts.keys() & PLACE_LABELS)
    return "GPE" if derived or called * 2 >= len(sightings) or went else label


def norp_stems(sightings: list[Sighting]) -> set[str]:
    """Folded NORP names ("norlandish", "valdorian"), to recognise the places they derive from."""
    return {fold(s.form).replace(" ", "") for s in sightings if s.label == "NORP"}


def _stem(form: str) -> str:
    folded = fold(form).replace(" ", "")
    # "Valdoria" -> "valdori" (Valdorian), "Norland" -> "norland" (Norlandish).
    stem = folded[:-1] if folded.endswith(("a", "e", "y")) else folded
    return stem if len(stem) >= _DERIVATIVE_MIN_STEM else folded + "\0"


def make_entity(
    sightings: list[Sighting], type_: str, is_complete: Callable[[str], bool]
) -> Entity:
    """An entity named by its most complete form, the one most independent sources write
    (copies and rewrites count once), then the most frequent and best-accented."""
    form_counts = Counter(s.form for s in sightings)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)  # folded, "the"-less form -> forms
    sources: dict[str, set[int]] = defaultdict(set)
    for sighting in sightings:
        folded = re.sub(r"^the ", "", fold(sighting.form))
        spellings[folded][sighting.form] += 1
        sources[folded].add(sighting.source_group)

    def rank(folded: str) -> tuple[bool, int, int, int, str]:
        written = next(iter(spellings[folded]))  # case matters to is_complete ("von der Leyen")
        return (
            not is_complete(written),
            -len(sources[folded]),
            -spellings[folded].total(),
            -len(folded),
            folded,
        )

    forms = spellings[min(spellings, key=rank)]
    # Accents kept; then the most written: a "The" still written is the name's own, as the
    # one that only opens a sentence was dropped ("The Hague"; "The European Union said").
    # A person's or place's name in capitals (a transcript's "OBAMA:", a dateline's
    # "WASHINGTON") is shown as the text writes it elsewhere.
    shouted = type_ == PERSON or type_ in PLACE_LABELS
    name = min(
        forms,
        key=lambda f: (
            shouted and _is_shouted(f),
            -sum(not c.isascii() for c in f),
            -forms[f],
            f.startswith("The "),
            len(f),
            f,
        ),
    )
    if type_ == PERSON and _is_shouted(name):
        name = _unshouted(name)
    variants = sorted(set(form_counts) - {name}, key=lambda v: (v.casefold(), v))
    ordered = sorted(sightings, key=lambda s: (s.article_order, s.span.start, s.span.end))
    return Entity(name, type_, tuple(variants), tuple(s.span for s in ordered))


_SHOUTED_WORD = re.compile(r"[A-Z]*[AEIOUY][A-Z]*")


def _is_shouted(form: str) -> bool:
    """Whether a name is written in capitals, word by word ("OBAMA", "JOHN O'NEILL"), not an
    initialism ("FDR", "JFK", which have no vowel): a speaker's label or a byline's style."""
    words = [w for w in re.split(r"[\s'’-]+", form) if len(w) > 1]
    return bool(words) and all(_SHOUTED_WORD.fullmatch(w) for w in words) and len(form) > 3


def _unshouted(form: str) -> str:
    """ "JOHN O'NEILL" -> "John O'Neill": each word's first letter kept, the others lowered."""
    return re.sub(r"[A-Z]+", lambda m: m[0][0] + m[0][1:].lower(), form)
