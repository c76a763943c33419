"""Entities: a country's own name beside its other names, a common word that ends a longer
name, and a first name's long and short forms.

Each class was read on the names benchmark's seen splits (bench/entities, the novel split
among them); each test pins a pair that must merge and one that must stay apart.
"""

from __future__ import annotations

from test_entities import _by_name, _entities


def test_a_countrys_own_name_joins_its_other_name_without_a_link() -> None:
    # No "U.S." between them: the country's own name and its other name are one country.
    entities = _entities(
        "many retire later in [the united states|GPE] than they planned.",
        "it can affect the future of many things in [america|GPE].",
    )
    assert len(entities) == 1 and len(entities[0].mentions) == 2
    # Two countries' names stay two; a part of a country is not the country.
    entities = _entities("[the United Kingdom|GPE] and [America|GPE] met in [England|GPE].")
    assert len(entities) == 3
    assert len(_by_name(_entities("[Congo|GPE] and [Zaire|GPE] and [Congo|GPE]."))) == 2


def test_one_word_is_not_short_for_a_longer_name_its_adjectives_open() -> None:
    # "the White House" is a kind of house: "the House" is not short for it, though the
    # story never writes "house" in lower case.
    entities = _entities(
        "Spending bills passed [the House|ORG] and [the Senate|ORG] on Tuesday.",
        "Republicans are negotiating now with [the White House|ORG] on the bills.",
    )
    assert len(_by_name(entities)["White House"].mentions) == 1
    # A name, not an adjective, says which one: "the Orioles" are the Baltimore Orioles.
    entities = _entities(
        "He signed with [the Baltimore Orioles|ORG] last year.",
        "It has been a hard season for [the Orioles|ORG].",
    )
    assert len(_by_name(entities)["Baltimore Orioles"].mentions) == 2


def test_a_first_names_short_form_joins_its_long_form_of_the_same_age() -> None:
    entities = _entities(
        "Rioting followed the death of 15-year-old [Alexandros Grigoropoulos|PERSON].",
        "In the district where [Alexis Grigoropoulos|PERSON], 15, was killed by a bullet.",
    )
    boy = _by_name(entities)["Alexandros Grigoropoulos"]
    assert len(boy.mentions) == 2 and boy.variants == ("Alexis Grigoropoulos",)
    # Without an age, or with two ages, a short form may be a sibling or a spouse.
    for age in ("", ", 17,"):
        second = f"[Alexis Grigoropoulos|PERSON]{age} was killed."
        entities = _entities("15-year-old [Alexandros Grigoropoulos|PERSON] died.", second)
        assert len(entities) == 2
    # One article naming both names two people.
    entities = _entities(
        "[Alexandros Grigoropoulos|PERSON], 15, and [Alexis Grigoropoulos|PERSON], 15, twins."
    )
    assert len(entities) == 2
