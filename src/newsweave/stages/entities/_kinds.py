"""What the words around a name say it is, over all its mentions: an organisation, a place.

spaCy types a company written in capitals, or the subject of "said", a person ("SEACOM said"),
a charity a place, a town a person. The text often says better: a kind of body in apposition
("cable operator Seacom", "Oxfam, the charity,"), what a body has ("SEACOM's partner network",
"posted on its website"), a thing the name names ("the SEACOM cable"); a country or region set
after a name in brackets or commas ("Abu Talat (Egypt)", "Marseilles, France").

A name ending in a structure's word ("Jail", "Boulevard", "Hotel") is a facility; a
continent's part named by its compass point ("East Africa") a region. A place's name tagged
an organisation before its lower-case police ("Goteborg police said", the story naming
"Goteborg" a place elsewhere) is the place. A name after a body's possessive, reporting from a
place ("The BBC's Nick Davies in Port-au-Prince says"), is a correspondent: a person. A name
ending in a company's legal form ("Diamond Corp.") is an organisation; one opening with a street
or square word ("Rue de Castiglione") a facility; a full name spaCy calls an organisation at
every mention, whose surname the story names alone as a person ("Lennox Lewis" / "Lewis"), that
person.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from newsweave.stages.entities._aliases import UNIT_WORDS
from newsweave.stages.entities._countries import is_region
from newsweave.stages.entities._evidence import NOUN_CUE, TRAVEL_CUE
from newsweave.stages.entities._first_names import is_first_name
from newsweave.stages.entities._groups import other_key
from newsweave.stages.entities._spelling import PERSON, PLACE_LABELS, PRODUCT, Sighting, fold

# A country or region set after a name: "X (Egypt)", "X, France," / "X, France." (not "X,
# France and Spain", a list, nor "X, France's minister").
_BRACKET_BEFORE = re.compile(r"\s*\(\s*$")
_BRACKET_AFTER = re.compile(r"^\s*\)")
_COMMA_BEFORE = re.compile(r"\s*,\s+")
_COMMA_AFTER = re.compile(r"^\s*(?:[.;:)]|,(?!\s+and\b)|$)")
_PLURAL = re.compile(r"[^sui'’]s$")
_THE = re.compile(r"(?<![\w])the\s+(?=[A-Z])")
_POLICE_AFTER = re.compile(r"[ \t]+police\b")  # lower case: the place's police, not its name
# The last word of a structure's name, one is in or travels on: a facility (FAC), whatever
# spaCy tagged it ("Men's Central Jail", "American Boulevard", "the Omni Hotel"). Not words
# a body's name ends in as often ("Center", "Church", "Hospital").
_STRUCTURE_WORDS = frozenset(
    """jail prison penitentiary stadium arena boulevard avenue street road highway freeway
    bridge tunnel airport hotel motel plant""".split()
)
# A part of a continent named by its compass point ("East Africa", "Southeast Asia", "Western
# Europe") is a region (LOC), not a country, which spaCy often tags it; a country so named
# ("South Africa") is a country.
_COMPASS = r"(?:north|south|east|west)(?:ern)?|central|(?:north|south)-?(?:east|west)(?:ern)?"
_PART_OF_CONTINENT = re.compile(
    rf"(?:the\s+)?(?:{_COMPASS})\s+(?:africa|asia|europe|america|oceania)", re.IGNORECASE
)
# The last word of a landform's or a water's name (not "bay", "coast", "river", "lake": teams,
# cities and countries are named with those).
_LANDFORM_WORDS = frozenset(
    """banks shoals reef reefs islands isles heights hills mountains falls strait straits gulf
    peninsula desert canyon glacier plateau archipelago atoll lagoon""".split()
)
_STREET_FIRST_WORDS = frozenset("rue avenue boulevard place plaza piazza calle avenida".split())
_COMPANY_FORMS = frozenset("corp corporation inc incorporated ltd llc plc gmbh ag".split())
_STRUCTURE_AFTER = re.compile(r"[ \t]+([a-z]+)\b")
# What a drug is called ("an anesthetic called Propofol", "the sedative, Propofol,", "an
# overdose of Propofol", "a tablet of Diazepam", "Propofol is a fast-acting hospital sedative"):
# spaCy reads such a name as a person's; it names a product.
_SUBSTANCES = (
    r"(?:drug|medicine|medication|sedative|an(?:a)?esthetic|painkiller|vaccine|antiviral|"
    r"antibiotic|steroid|opioid|tranquill?[iy][sz]er)s?"
)
_SUBSTANCE_BEFORE = re.compile(
    rf"\b(?:{_SUBSTANCES}(?P<called>\s+(?:called|named|known\s+as))?(?P<comma>\s*,)?"
    rf"|(?:(?:over)?doses?|tablets?|pills?|capsules?|injections?)\s+of(?:\s+the)?)\s+$",
    re.IGNORECASE,
)
_SUBSTANCE_AFTER = re.compile(
    rf"^(?:\s*,\s*(?:a|an|the)|\s+(?:is|was)\s+(?:a|an|the))\s+(?:[\w-]+\s+){{0,3}}{_SUBSTANCES}\b",
    re.IGNORECASE,
)
# A correspondent: a name after a body's possessive, where it reports from ("The BBC's Nick
# Davies in Port-au-Prince says"), which spaCy may call an organisation.
_BODYS_POSSESSIVE_BEFORE = re.compile(r"(?<![\w-])[A-Z][\w&.-]*['’]s\s+$")
_REPORTS_FROM_AFTER = re.compile(
    r"\s+(?:in|from)\s+[A-Z][\w'’-]*(?:[\s-]+[A-Z][\w'’-]*)*(?:\s*,[^,\n]{1,40},)?"
    r"\s+(?:says|said|reports|reported|writes|wrote|adds|added)\b"
)
_NAME_WORD = re.compile(r"[A-Z][a-z][\w'’-]*")
# Who speaks is a person: "Kellerman (Germany) said".
_SPEAKS_AFTER = re.compile(r"\s*\)?\s*,?\s*(?:said|says|told|added|asked|wrote)\b")


def typed_by_evidence(sightings: list[Sighting], texts: dict[str, str]) -> list[Sighting]:
    """The sightings with a name's type set by what its mentions' words say, name by name:
    one that some words call an organisation, more often than they make it a place one
    travels to, is an organisation whatever spaCy tagged it (a person, a place that is no
    country or region); one that a country or region locates is a place, not a person. Never
    a name some mention gives a role or an age, or a full name opening with a first name
    ("Rafael Nadal (Spain)")."""
    located = _located(sightings, texts)
    by_key: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        by_key[other_key(sighting.form)].append(sighting)
    # A surname of someone named in full: "the town of Palin" does not unmake Sarah Palin.
    surnames = {
        other_key(s.form.split()[-1]) for s in sightings if s.label == PERSON and " " in s.form
    }
    # The last words of a longer name: "the Shifa plant" is the plant "Al Shifa" names.
    endings = {
        other_key(" ".join(words[start:]))
        for s in sightings
        for words in [s.form.split()]
        for start in range(1, len(words))
    }
    # Surnames the story names alone as a person: "Lewis avenged the defeat".
    lone_people = {other_key(s.form) for s in sightings if s.label == PERSON and " " not in s.form}
    labels: dict[str, str] = {}
    for key, group in by_key.items():
        if _full_name_tagged_body(group, lone_people):
            labels[key] = PERSON
            continue
        if any(s.role or s.age is not None for s in group):
            continue
        # A name whose last word is a unit's ("McAfee Avert Labs") is a body's, as is a plural
        # tagged a person after "the" ("the Padres"), of no family the story names ("the
        # Kennedys").
        said_as_body = sum(
            s.organisation_cue
            or _ends_in_unit(s.form)
            or _ends_in_company_form(s.form)
            or (
                s.label == PERSON
                and _is_plural_name(s.form)
                and key[:-1] not in surnames
                and _after_the(s, texts)
            )
            for s in group
        )
        travelled = sum(s.place_cue >= TRAVEL_CUE for s in group)
        called_place = any(s in located or s.place_cue == NOUN_CUE for s in group)
        if any(_called_substance(s, texts) for s in group) and not any(
            s.person_cue for s in group
        ):
            labels[key] = PRODUCT
        elif _ends_in_landform(group[0].form) and not said_as_body:
            labels[key] = "LOC"
        elif _ends_in_structure(group[0].form) or (
            key not in endings and all(_before_structure(s, texts) for s in group)
        ):
            labels[key] = "FAC"
        elif said_as_body and said_as_body > travelled:
            labels[key] = "ORG"
        elif (
            called_place
            and key not in surnames
            and not any(s.person_cue or _opens_with_first_name(s.form) for s in group)
        ):
            labels[key] = "GPE"
    places = {other_key(s.form) for s in sightings if s.label in PLACE_LABELS}
    typed = []
    for sighting in sightings:
        if (
            sighting.label == "ORG"
            and other_key(sighting.form) in places
            and _POLICE_AFTER.match(texts[sighting.span.article_id], sighting.span.end)
        ):
            sighting = replace(sighting, label="GPE")  # "Goteborg police said": the town's
        label = labels.get(other_key(sighting.form))
        if label in ("FAC", PRODUCT) and sighting.label in (PERSON, "ORG", "GPE", "LOC"):
            sighting = replace(sighting, label=label)
        elif label == "ORG" and (
            sighting.label == PERSON
            or (sighting.label in PLACE_LABELS and not is_region(sighting.form))
        ):
            sighting = replace(sighting, label=label)
        elif label == "GPE" and sighting.label == PERSON:
            sighting = replace(sighting, label=label)
        elif label == "LOC" and sighting.label in (PERSON, "ORG"):
            sighting = replace(sighting, label=label)
        elif label == PERSON and sighting.label == "ORG":
            sighting = replace(sighting, label=label)
        if sighting.label in ("ORG", *PLACE_LABELS) and _is_correspondent(sighting, texts):
            sighting = replace(sighting, label=PERSON)
        if sighting.label == "GPE" and _is_part_of_continent(sighting.form):
            sighting = replace(sighting, label="LOC")
        typed.append(sighting)
    return typed


def _full_name_tagged_body(group: list[Sighting], lone_people: set[str]) -> bool:
    """Whether a name spaCy tagged an organisation at every mention is a person's full name:
    two or three words, the last a surname the story names alone as a person ("Lennox Lewis"
    beside "Lewis avenged the defeat"), and no mention's words calling it a body."""
    words = group[0].form.split()
    return (
        2 <= len(words) <= 3
        and all(s.label == "ORG" and not s.organisation_cue for s in group)
        and other_key(words[-1]) in lone_people
        and not _ends_in_unit(group[0].form)
    )


def _is_correspondent(sighting: Sighting, texts: dict[str, str]) -> bool:
    """ "The BBC's Nick Davies in Port-au-Prince says": a name of two or more words, each
    capitalised, after a body's possessive and reporting from a place, is a person."""
    words = sighting.form.split()
    if len(words) < 2 or not all(_NAME_WORD.fullmatch(w) for w in words) or _ends_in_unit(
        sighting.form
    ):
        return False
    text = texts[sighting.span.article_id]
    start, end = sighting.span.start, sighting.span.end
    return (
        _BODYS_POSSESSIVE_BEFORE.search(text, max(0, start - 40), start) is not None
        and _REPORTS_FROM_AFTER.match(text, end) is not None
    )


def _called_substance(sighting: Sighting, texts: dict[str, str]) -> bool:
    text, span = texts[sighting.span.article_id], sighting.span
    after = text[span.end : span.end + 80]
    called = _SUBSTANCE_BEFORE.search(text[max(0, span.start - 60) : span.start])
    # "the vaccine, Propofol," is apposition; "for the vaccine, Smith said" is not.
    if called and (not called["comma"] or _COMMA_AFTER.match(after)):
        return True
    return _SUBSTANCE_AFTER.match(after) is not None


def _is_part_of_continent(form: str) -> bool:
    """ "East Africa", "the Southeast Asia": a continent's part, not a country ("South Africa")."""
    return _PART_OF_CONTINENT.fullmatch(form) is not None and not is_region(form)


def _located(sightings: list[Sighting], texts: dict[str, str]) -> set[Sighting]:
    """The sightings a country or region of the story follows in brackets or commas."""
    regions: dict[str, dict[int, Sighting]] = defaultdict(dict)
    for sighting in sightings:
        if sighting.label in PLACE_LABELS and is_region(sighting.form):
            regions[sighting.span.article_id][sighting.span.start] = sighting
    found = set()
    for sighting in sightings:
        text = texts[sighting.span.article_id]
        for start, region in regions[sighting.span.article_id].items():
            between = text[sighting.span.end : start]
            if not 0 < len(between) <= 3:
                continue
            after = text[region.span.end : region.span.end + 3]
            if _SPEAKS_AFTER.match(text, region.span.end):
                continue
            if (_BRACKET_BEFORE.fullmatch(between) and _BRACKET_AFTER.match(after)) or (
                _COMMA_BEFORE.fullmatch(between) and _COMMA_AFTER.match(after)
            ):
                found.add(sighting)
    return found


def _is_plural_name(form: str) -> bool:
    """One capitalised word in a plural's shape: "Padres", "Steelers"; not "Jones's", "Ross",
    "Marcus", "Paris"."""
    return (
        " " not in form
        and form[:1].isupper()
        and not form.isupper()
        and _PLURAL.search(form) is not None
    )


def _after_the(sighting: Sighting, texts: dict[str, str]) -> bool:
    """Whether "the" opens the mention or comes right before it."""
    text = texts[sighting.span.article_id]
    start = sighting.span.start
    return _THE.search(text, max(0, start - 4), start + 4) is not None


def _ends_in_unit(form: str) -> bool:
    words = form.split()
    return len(words) > 1 and fold(words[-1]) in UNIT_WORDS


def _ends_in_company_form(form: str) -> bool:
    """Whether a name of two words or more ends in a company's legal form ("Harry Winston
    Diamond Corp.", "Acme Ltd")."""
    words = form.split()
    return len(words) > 1 and fold(words[-1]).rstrip(".") in _COMPANY_FORMS


def _ends_in_landform(form: str) -> bool:
    """Whether a name of two words or more ends in a landform's or a water's word ("the Grey
    Banks", "the Spratly Islands", "the Golan Heights"): a place, whatever spaCy tagged it (the
    demo's fishing grounds were an organisation)."""
    words = form.split()
    return len(words) > 1 and fold(words[-1]) in _LANDFORM_WORDS


def _ends_in_structure(form: str) -> bool:
    """Whether a name is a structure's by its last word ("American Boulevard"), or a street's
    or square's by its first, as French, Spanish and Italian write them ("Rue de Castiglione",
    "Place Vendôme")."""
    words = form.split()
    return len(words) > 1 and (
        fold(words[-1]) in _STRUCTURE_WORDS or fold(words[0]) in _STREET_FIRST_WORDS
    )


def _before_structure(sighting: Sighting, texts: dict[str, str]) -> bool:
    """Whether a structure's word follows the mention in lower case: "the Carlton hotel" (a
    name written only so is the building's, unless it ends a longer name of the story, which
    says which), "a Kraft plant" (Kraft, written alone too, is not)."""
    after = _STRUCTURE_AFTER.match(texts[sighting.span.article_id], sighting.span.end)
    return after is not None and after[1] in _STRUCTURE_WORDS


def _opens_with_first_name(form: str) -> bool:
    words = form.split()
    return len(words) > 1 and is_first_name(fold(words[0]))
