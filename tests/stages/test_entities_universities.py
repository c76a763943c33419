"""Entities: a university named by its place and by its acronym.

Read on the names benchmark's newborn split (bench/entities): "UNC" and "North Carolina" (the
scoring record "at North Carolina", "North Carolina's campus") were two entities, the place a
state. The tests pin a pair that must merge and pairs that must stay apart: the place written
as a place, a one-word place, a country's acronym.
"""

from __future__ import annotations

from test_entities import _by_name, _entities


def test_entities_a_place_of_a_universitys_acronym_is_the_university() -> None:
    entities = _by_name(
        _entities(
            "[Josh Reed|PERSON] broke the scoring record at [North Carolina|GPE] on Friday.",
            "[UNC|ORG] officials said [North Carolina|GPE]'s campus celebrated [Reed|PERSON].",
        )
    )
    assert {"North Carolina", "UNC"} <= set(entities["North Carolina"].variants) | {
        entities["North Carolina"].name
    }
    assert entities["North Carolina"].type == "ORG"


def test_entities_a_place_written_as_a_place_stays_apart_from_the_university() -> None:
    entities = _by_name(
        _entities(
            "[Josh Reed|PERSON] broke the scoring record at [UNC|ORG] on Friday.",
            "He grew up in [North Carolina|GPE], near the coast.",
        )
    )
    assert "UNC" in entities and "North Carolina" in entities


def test_entities_a_countrys_acronym_or_a_one_word_place_is_no_university() -> None:
    entities = _by_name(
        _entities(
            "The [USA|ORG] team met [South Africa|GPE] at the final on Friday.",
            "[UK|ORG] officials praised [Kentucky|GPE]'s players.",
        )
    )
    assert {"USA", "South Africa", "UK", "Kentucky"} <= set(entities)
