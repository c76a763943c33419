"""Entities: a middle initial in a lower-cased article, a place named for the side it fields
in a contest, names the NER ran on or cut (into a measure, from words around a full name,
from the organisation a place opens), and a first name alone tagged a place.

Each class was read on the names benchmark's seen splits (bench/entities, the untouched split
among them); each test pins a pair that must merge and one that must stay apart.
"""

from __future__ import annotations

from test_entities import _by_name, _entities, _together


def test_a_middle_initial_is_no_particle_of_a_capitalised_surname() -> None:
    # A lower-cased article that capitalises surnames: "donald j. Trump" is donald trump.
    entities = _entities(
        "president-elect [donald j. Trump|PERSON] spoke to [donald trump|PERSON] fans.",
        "[Trump|PERSON] said so, and secretary [john f. Kerry|PERSON] met [Kerry|PERSON] aides.",
    )
    assert _together(entities, "donald j. Trump", "donald trump", "Trump")
    assert _together(entities, "john f. Kerry", "Kerry")
    # A lower-case particle still opens the surname, and a different given name stays apart.
    entities = _entities("[ursula von der Leyen|PERSON] and [ann j. Leyen|PERSON] met.")
    assert len(entities) == 2
    assert _by_name(entities)["ursula von der Leyen"].variants == ()


def test_a_place_that_opens_a_sides_name_is_that_side_where_it_acts_as_one() -> None:
    # "Kansas City" opens "the Kansas City Chiefs", a side ("a win over the Kansas City
    # Chiefs"); the place acts as a side ("Kansas City emerged"), so its mentions are the team,
    # its initials too, save where one is at the place ("a lead at Kansas City").
    entities = _entities(
        "The Colts clinched with a win over [the Kansas City Chiefs|ORG] on Sunday.",
        "[Kansas City|GPE] emerged from the locker room. On [Kansas City|GPE] ’ s opening drive "
        "the pass fell short, and [KC|ORG] ended the game behind. The Colts took a lead at "
        "[Kansas City|GPE], then flew home to [Indianapolis|GPE].",
    )
    chiefs = _by_name(entities)["Kansas City Chiefs"]
    assert len([span for span in chiefs.mentions if span.article_id == "a1"]) == 3
    city = _by_name(entities)["Kansas City"]
    assert (city.type, len(city.mentions)) == ("GPE", 1)
    assert _by_name(entities)["Indianapolis"].type == "GPE"
    # An organisation the place opens that is no side in a contest leaves the place a place.
    entities = _entities(
        "[the Kansas City Star|ORG] reported it. [Kansas City|GPE] voted on the tax.",
    )
    assert _by_name(entities)["Kansas City"].type == "GPE"


def test_a_clipped_home_is_the_side_and_a_measure_after_it_is_no_venue() -> None:
    # "Indy" (tagged a person) is the clipped "Indianapolis", home of a side; "at the Indy 27 -
    # yd line" puts one at the line, not in the city.
    entities = _entities(
        "The Chiefs lost to [the Indianapolis Colts|ORG], 20 - 13.",
        "The defense could not stop the Colts as [Indy|PERSON] easily picked up a first down. "
        "The Chiefs faced a 4th - and - inches at [the Indy 27 - yd line|FAC].",
    )
    (colts,) = entities
    assert (colts.name, len(colts.mentions)) == ("Indianapolis Colts", 3)
    # A one-word name no side's home opens stays itself.
    entities = _entities("The Chiefs lost to [the Indianapolis Colts|ORG]. [Andy|PERSON] left.")
    assert "Andy" in _by_name(entities)


def test_a_name_run_on_into_a_measure_is_the_name_before_it() -> None:
    entities = _entities(
        "[Jamaal Charles|PERSON] ran for 226 yards.",
        "Aside from [Charles ’ 80 - yard|PERSON] run, the [Apollo 11|ORG] crew watched.",
    )
    assert _together(entities, "Jamaal Charles", "Charles")
    assert "Apollo 11" in _by_name(entities)


def test_words_run_on_into_a_full_name_the_story_writes_are_not_the_name() -> None:
    # A role the story writes in lower case, a team and a role in capitals before the name, a
    # word in capitals after it.
    entities = _entities(
        "[Ryan Succop|PERSON] kicked. [Andrew Luck|PERSON] threw. [Devon Wylie|PERSON] ran. "
        "The [Colts|ORG] won.",
        "The kicker tried. [Kicker Ryan Succop|PERSON] showed his form, when [Colts QB Andrew "
        "Luck|PERSON] was drafted. Late on, [Wylie AGAIN|PERSON] brought the kick out.",
    )
    people = _by_name(entities)
    assert {name: len(people[name].mentions) for name in people if name != "Colts"} == {
        "Ryan Succop": 2,
        "Andrew Luck": 2,
        "Devon Wylie": 2,
    }
    # A first name before a full name is another person's name.
    entities = _entities("[Ann Smith|PERSON] spoke. Later, [Mary Ann Smith|PERSON] spoke.")
    assert len(entities) == 2


def test_a_place_the_ner_cut_from_the_organisation_it_opens_is_that_organisation() -> None:
    entities = _entities(
        "He was arrested by [the California Highway Patrol|ORG] on Friday.",
        "[California|GPE] Highway Patrol Officer Brad Baehr said so. [California|GPE] voters "
        "agreed.",
    )
    assert len(_by_name(entities)["California Highway Patrol"].mentions) == 2
    assert len(_by_name(entities)["California"].mentions) == 1


def test_a_first_name_alone_tagged_a_place_is_the_person_named_in_full() -> None:
    entities = _entities(
        "Chargers receiver [Vincent Jackson|PERSON] was arrested.",
        "[Vincent Jackson|PERSON] will play. The issue involving [Vincent|GPE] is closed.",
    )
    assert _together(entities, "Vincent Jackson", "Vincent")
    # One the text treats as a place stays a place.
    entities = _entities(
        "Chargers receiver [Vincent Jackson|PERSON] was arrested.",
        "[Vincent Jackson|PERSON] will play. The team flew to [Vincent|GPE] on Friday.",
    )
    assert _by_name(entities)["Vincent"].type == "GPE"
