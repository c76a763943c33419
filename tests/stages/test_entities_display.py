"""Entities: the name shown drops a "The" that only opens a sentence (issue 16)."""

from __future__ import annotations

from test_entities import _entities


def test_entities_a_the_opening_a_sentence_is_not_the_names() -> None:
    entities = _entities(
        "[The Norland Union|ORG] said so.\n[The Valdor Bank|ORG] agreed. Then it paid.",
        "Aid came. [The Valdor Bank|ORG] sent it.",
    )
    assert {entity.name for entity in entities} == {"Norland Union", "Valdor Bank"}


def test_entities_a_the_written_mid_sentence_is_the_names() -> None:
    entities = _entities(
        "Talks in [The Hague|GPE] began. [The Hague|GPE] is calm. Judges in [The Hague|GPE] met."
    )
    assert [entity.name for entity in entities] == ["The Hague"]
