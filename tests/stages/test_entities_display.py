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


def test_entities_issue_16_a_name_in_capitals_is_shown_as_a_name() -> None:
    # A transcript's speaker labels: "OBAMA:" is shown "Obama", a dateline's "WASHINGTON" as
    # the text writes the city elsewhere.
    entities = _entities(
        "[OBAMA|PERSON]: We will act now.\n[PAULSON|PERSON]: The plan is big.\n"
        "[OBAMA|PERSON]: Thank you, [JOHN O'NEILL|PERSON].",
        "[WASHINGTON|GPE] - Officials met. [WASHINGTON|GPE] said. Talks in [Washington|GPE].",
    )
    names = {e.name for e in entities}
    assert {"Obama", "Paulson", "John O'Neill", "Washington"} <= names
    assert "OBAMA" in next(e for e in entities if e.name == "Obama").variants
    # An initialism stays as written; a body's name in capitals is the body's own.
    entities = _entities("[FDR|PERSON] spoke. [NASA|ORG] launched.")
    assert {e.name for e in entities} == {"FDR", "NASA"}
