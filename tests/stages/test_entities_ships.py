"""Entities: one ship under several names (issue 16, names people recognize).

Read in a real report (ECB+ topic 12): "Warship Sukanya" (PERSON), "Indian Naval Ship
Sukanya" (LOC) and "Sukanya" (ORG, GPE; the NER leaves "INS" out of "INS Sukanya") were three
entities.
"""

from __future__ import annotations

from test_entities import _entities


def test_entities_issue_16_a_ship_named_by_its_ship_words_is_the_ship() -> None:
    entities = _entities(
        "[Warship Sukanya|PERSON], deployed in the Gulf, was escorting five vessels.",
        "[Indian Naval Ship Sukanya|LOC] thwarted an attack. The operation by INS "
        "[Sukanya|ORG] was the fifth.",
        "The course of INS [Sukanya|GPE] was altered.",
    )
    ships = [e for e in entities if "Sukanya" in {e.name, *e.variants}]
    assert len(ships) == 1
    assert ships[0].type == "PRODUCT"
    assert {"Warship Sukanya", "Indian Naval Ship Sukanya"} <= {ships[0].name, *ships[0].variants}


def test_entities_issue_16_a_name_after_ship_words_alone_is_the_ship() -> None:
    entities = _entities("Navy warship INS [Tabar|PERSON] fired; [Tabar|ORG] was unhurt.")
    assert [e.type for e in entities if e.name == "Tabar"] == ["PRODUCT"]
    # The prefix the NER tags alone after "warship" is no ship: "INS", the Indian Naval
    # Services' acronym (ECB+ topic 12's other documents).
    entities = _entities(
        "Navy warship [INS|ORG] Tabar fired. [the Indian Naval Services|ORG] said so."
    )
    assert {e.type for e in entities} == {"ORG"}
    # A navy's own name is no ship: "the Indian Naval Command" stays a body.
    entities = _entities("[the Indian Naval Command|ORG] said [Sukanya|PERSON] sailed.")
    assert {e.type for e in entities} == {"ORG", "PERSON"}
