"""Entities: a people's (party's, faith's) name across its forms, and a place named by its kind.

Each class was read on the names benchmark's seen splits (bench/entities); each test pins a
pair that must merge and one that must stay apart.
"""

from __future__ import annotations

from test_entities import _by_name, _entities


def test_an_adjective_in_ic_is_the_people_or_party_its_plural_names() -> None:
    # "democratic" leaders and the "democrats"; "Islamic" law and "Islam".
    entities = _entities(
        "other [democratic|NORP] leaders met the [democrats|NORP] of the house.",
        "[Islamic|NORP] scholars said [Islam|NORP] forbids it.",
    )
    assert len(_by_name(entities)["democratic"].mentions) == 2
    assert {e.name for e in entities} == {"democratic", "Islamic"}
    # A people's adjective stays apart from its country, as before.
    entities = _entities("[Arabic|NORP] papers and [Arabia|GPE] and [Arabia|GPE].")
    assert {"Arabic", "Arabia"} <= set(_by_name(entities))


def test_a_peoples_plural_tagged_a_place_is_the_people_where_it_is_mostly_tagged_one() -> None:
    # "the North Koreans" tagged LOC once, NORP twice, beside "North Korean" (NORP).
    entities = _entities(
        "We've made clear to [the North Koreans|LOC] that [North Korea|GPE] must stop. "
        "Millions of [North Koreans|NORP] are hungry; ordinary [North Koreans|NORP] too, "
        "a [North Korean|NORP] official said.",
    )
    people = _by_name(entities)["North Koreans"]
    assert (people.type, len(people.mentions)) == ("NORP", 4)
    assert _by_name(entities)["North Korea"].type == "GPE"
    # A plural the story tags a place more often than a people stays a place.
    entities = _entities(
        "flew to [the Bahamas|GPE] and [the Bahamas|GPE]; a [Bahamas|NORP] official said."
    )
    assert _by_name(entities)["Bahamas"].type == "GPE"


def test_a_place_named_by_its_kind_is_the_place_of_that_kind_the_story_names() -> None:
    # "Gulf" and "gulf" (tagged LOC) beside "the Persian Gulf" twice and "the Arabian Gulf"
    # once: the kind, written in lower case too, is the place the story names most.
    entities = _entities(
        "The quake hit [the Persian Gulf|LOC] island and was felt across the [gulf|LOC].",
        "Villages near [the Arabian Gulf|LOC] shook, as did the [Gulf|LOC] states and "
        "[the Persian gulf|LOC].",
    )
    gulf = _by_name(entities)["Persian Gulf"]
    assert len(gulf.mentions) == 4
    assert len(_by_name(entities)["Arabian Gulf"].mentions) == 1
    # Two places of one kind named as often leave the kind alone; a kind the story never
    # writes in lower case is a name ("the Strait" of a story that says no "strait").
    entities = _entities(
        "[the Persian Gulf|LOC] and [the Arabian Gulf|LOC] and the [Gulf|LOC]; the gulf.",
        "[Bass Strait|LOC] and [the Strait|LOC].",
    )
    assert {"Gulf", "Strait", "Bass Strait"} <= set(_by_name(entities))
    # In a lower-cased article every name is in lower case: "virginia" is no kind.
    lower = " ".join(["the governor said the storm was near and the roads were shut"] * 6)
    entities = _entities(f"{lower} [west virginia|GPE] and [virginia|GPE] and the gulf. {lower}")
    assert {"west virginia", "virginia"} <= set(_by_name(entities))
