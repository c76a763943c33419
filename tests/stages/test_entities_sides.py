"""Entities: a middle initial in a lower-cased article, and a place named as a side in a
contest (a city standing for its team).

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
