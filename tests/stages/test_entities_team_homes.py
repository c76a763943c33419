"""Entities: a team named by its home outside any contest.

Read on the names benchmark's blind and untouched splits (bench/entities): "it is rare for
Boston to extend contracts" beside "the Boston Red Sox", "In San Diego's first meeting with the
Steelers" beside "the San Diego Chargers", each a team named by its home in a story of no game
(a contract offer, an arrest): the place stayed a place. The tests pin pairs that must merge and
pairs that must stay apart: the place written as one, a singular name ("the Washington Post").
"""

from __future__ import annotations

from test_entities import _by_name, _entities


def test_entities_a_home_of_a_nicknamed_team_is_the_team() -> None:
    entities = _by_name(
        _entities(
            "The [Boston Red Sox|ORG] made [Mark Teixeira|PERSON] an offer. The [Red Sox|ORG] "
            "want him.",
            "It is rare for [Boston|GPE] to extend contracts that long, but the [Sox|ORG] "
            "are keen.",
        )
    )
    assert len(entities["Boston Red Sox"].mentions) == 4
    assert "Boston" not in entities


def test_entities_a_home_written_as_a_place_stays_the_place() -> None:
    entities = _by_name(
        _entities(
            "The [San Diego Chargers|ORG] will not discipline him. The [Chargers|ORG] said so.",
            "A television station in [San Diego|GPE] reported the arrest.",
        )
    )
    assert "San Diego" in entities


def test_entities_a_home_of_a_singular_name_stays_the_place() -> None:
    entities = _by_name(
        _entities(
            "The [Washington Post|ORG] reported the talks. The [Post|ORG] said so.",
            "Officials said [Washington|GPE] will decide soon.",
        )
    )
    assert "Washington" in entities
