"""Entities: a name's head, "X" of "X of Y", and the classes of the newest round.

Each class was read on the names benchmark's seen splits (bench/entities, unborn among them);
each test pins a pair that must merge and one that must stay apart.
"""

from __future__ import annotations

from test_entities import _entities, _together


def test_entities_issue_16_a_name_before_of_is_the_longer_names_short_form() -> None:
    entities = _entities(
        "Qin spoke to [the Information Center of Human Rights and Democratic Movement|ORG] "
        "in Hong Kong.",
        "[The Information Center|ORG] said police took him away.",
    )
    assert _together(
        entities,
        "Information Center",
        "Information Center of Human Rights and Democratic Movement",
    )
    entities = _entities(
        "a report by [the national academy of sciences|ORG] found a link.",
        "[the national academy|ORG] says more study is needed.",
    )
    assert _together(entities, "national academy", "national academy of sciences")
    # A longer name adding words that are no "of" is another body: a part, an offshoot.
    entities = _entities(
        "[the Information Center|ORG] opened. [the Information Center Staff Union|ORG] struck."
    )
    assert not _together(entities, "Information Center", "Information Center Staff Union")
    # Two longer names it opens: no telling which one is meant.
    entities = _entities(
        "[the Supreme Court of Canada|ORG] and [the Supreme Court of Ghana|ORG] ruled; "
        "[the Supreme Court|ORG] sat."
    )
    assert not _together(entities, "Supreme Court", "Supreme Court of Canada")
    assert not _together(entities, "Supreme Court", "Supreme Court of Ghana")


def test_entities_issue_16_a_name_opening_with_a_persons_surname_is_named_for_them() -> None:
    # The heading's "Obama White House" is the White House, not a person surnamed House whom
    # the story's "the House" (of Representatives) would join.
    entities = _entities(
        "[Obama White House|PERSON] reverses Bush rule. The rule passed [the House|ORG].",
        "President [Barack Obama|PERSON] signed it.",
    )
    assert not _together(entities, "House", "Obama White House")
    assert not _together(entities, "House", "White House")
    assert {e.type for e in entities if e.name == "White House"} == {"ORG"}
    # A person's name ends in no body's name: "Jordan Lee Smith" beside "Michael Jordan".
    entities = _entities(
        "[Jordan Lee Smith|PERSON] met [Michael Jordan|PERSON]. [Smith|PERSON] left."
    )
    assert _together(entities, "Jordan Lee Smith", "Smith")


def test_entities_issue_16_a_court_named_with_its_place_is_no_place() -> None:
    entities = _entities(
        "He appeared in [Waukesha county circuit|GPE] court on Friday.",
        "The girls live in [waukesha county|GPE], where the case is heard.",
    )
    assert not _together(entities, "Waukesha county circuit", "waukesha county")
    assert {e.type for e in entities if e.name == "Waukesha county circuit"} == {"ORG"}
    # Nor is the place written alone (a dateline's town, spaCy's person) that court.
    entities = _entities(
        "[Waukesha|PERSON] -- The girls appeared in [Waukesha county circuit|GPE] court."
    )
    assert not _together(entities, "Waukesha", "Waukesha county circuit")
    # The county and its town stay two places: a division is not a court.
    entities = _entities("[Waukesha County|GPE] grew; [Waukesha|GPE] too.")
    assert len(entities) == 2


def test_entities_issue_16_a_name_ending_in_a_structures_word_is_a_facility() -> None:
    entities = _entities(
        "He was held at [Men's Central Jail|ORG] after a crash on [American Boulevard|ORG].",
        "Guests left [the Omni Hotel|ORG] on [Pacific Coast Highway|LOC].",
    )
    assert {e.type for e in entities} == {"FAC"}
    # A body's name ending in a word of both kinds stays a body.
    entities = _entities("[the Wasilla Bible Church|ORG] and [Beaumont Hospital|ORG] said so.")
    assert {e.type for e in entities} == {"ORG"}


def test_entities_issue_16_a_part_of_a_hyphenated_surname_is_its_person() -> None:
    entities = _entities(
        "[Josi Ramos-Horta|PERSON] arrived. But [Ramos|GPE] was kept at the airport.",
        "[Ramos-Horta|PERSON] said [Ramos|PERSON] would fly on.",
    )
    person = next(e for e in entities if e.name == "Josi Ramos-Horta")
    assert len(person.mentions) == 4 and person.type == "PERSON"
    # A part two people's surnames share is neither's.
    entities = _entities(
        "[Ann Smith-Jones|PERSON] met [Bob Jones-Lee|PERSON]. [Jones|PERSON] left."
    )
    assert not _together(entities, "Ann Smith-Jones", "Jones")
    assert not _together(entities, "Bob Jones-Lee", "Jones")


def test_entities_issue_16_a_place_before_its_police_is_the_place() -> None:
    entities = _entities(
        "Rescuers entered the building in [Goteborg|GPE].",
        "'It was a panic,' [Goteborg|ORG] police spokesman Bengt Staaf said. "
        "[Goteborg|ORG] police sealed the hall.",
    )
    assert [(e.name, e.type, len(e.mentions)) for e in entities] == [("Goteborg", "GPE", 3)]
    # A body's name before "police" is no place the story names: it stays the body.
    entities = _entities("[Transport|ORG] police closed [the station|FAC].")
    assert {e.name: e.type for e in entities}["Transport"] == "ORG"


def test_entities_issue_16_a_continents_part_named_by_its_compass_point_is_a_region() -> None:
    entities = _entities(
        "Bombings in [East Africa|GPE] and [Southeast Asia|GPE] were linked.",
        "Trade with [Western Europe|LOC] grew; [North Africa|GPE] did not.",
    )
    assert {e.name: e.type for e in entities} == {
        "East Africa": "LOC",
        "Southeast Asia": "LOC",
        "Western Europe": "LOC",
        "North Africa": "LOC",
    }
    # A country so named is a country.
    entities = _entities("[South Africa|GPE] and [East Timor|GPE] voted.")
    assert {e.type for e in entities} == {"GPE"}


def test_entities_issue_16_a_name_always_written_before_its_structure_is_the_building() -> None:
    # "the Carlton hotel", each time: the hotel, "the Carlton Hotel" of another article.
    entities = _entities(
        "Thieves struck at the [Carlton|ORG] hotel in [Cannes|GPE].",
        "A robbery at [the Carlton Hotel|ORG] in [Cannes|GPE].",
    )
    assert _together(entities, "Carlton", "Carlton Hotel")
    assert {e.name: e.type for e in entities}["Carlton Hotel"] == "FAC"
    # A name also written alone is the body, its plant another thing.
    entities = _entities(
        "She opened fire at a [Kraft|ORG] plant. [Kraft|ORG] said it would close "
        "[the Kraft Plant|ORG]."
    )
    assert not _together(entities, "Kraft", "Kraft Plant")
    assert {e.name: e.type for e in entities} == {"Kraft": "ORG", "Kraft Plant": "FAC"}
    # The last word of a longer name, before the structure's word, is that longer name's.
    entities = _entities(
        "Idris, the owner of [Al Shifa|PERSON] pharmaceutical plant, spoke. Agents took soil at "
        "the [Shifa|ORG] plant."
    )
    assert _together(entities, "Al Shifa", "Shifa")
