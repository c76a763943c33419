"""Entities: kinds of names read wrong in real reports (issue 16, names people recognize).

ECB+ topic 7: spaCy tagged "Lennox Lewis" an organisation at all ten mentions ("floored Lennox
Lewis in 2001") while "Lewis avenged the defeat" was a person, so the boxer was listed twice.
ECB+ topic 24: "Harry Winston Diamond Corp." was listed as a person, "Rue de Castiglione" and
"Place Vendôme" as organisations.
"""

from __future__ import annotations

from test_entities import _by_name, _entities


def test_entities_a_full_name_tagged_a_body_whose_surname_is_a_person_is_that_person() -> None:
    entities = _by_name(
        _entities(
            "Rahman floored [Lennox Lewis|ORG] in 2001 for the title.",
            "He stunned [Lennox Lewis|ORG] by knockout. [Lewis|PERSON] avenged the defeat.",
        )
    )
    assert entities["Lennox Lewis"].type == "PERSON"
    assert "Lewis" in entities["Lennox Lewis"].variants
    # A body's name is no person's however its last word is used: the words call it a body,
    # or its last word is a body's unit.
    entities = _by_name(
        _entities(
            "Shares of [Morgan Stanley|ORG] fell; [Morgan Stanley|ORG]'s clients left.",
            "[Stanley|PERSON] said the bank would recover.",
        )
    )
    assert entities["Morgan Stanley"].type == "ORG"
    entities = _by_name(
        _entities("[Baker Labs|ORG] opened. [Baker|PERSON] spoke.", "[Baker Labs|ORG] hired.")
    )
    assert entities["Baker Labs"].type == "ORG"


def test_entities_a_name_ending_in_a_companys_legal_form_is_an_organisation() -> None:
    entities = _by_name(
        _entities("[Harry Winston Diamond Corp.|PERSON]'s store near [Paris|GPE] was stormed.")
    )
    assert entities["Harry Winston Diamond Corp."].type == "ORG"


def test_entities_a_name_opening_with_a_street_word_is_a_facility() -> None:
    entities = _by_name(
        _entities(
            "Thieves struck a shop on [Rue de Castiglione|ORG] near [Place Vendôme|ORG].",
            "The shop on [Rue de Castiglione|ORG] was closed.",
        )
    )
    assert entities["Rue de Castiglione"].type == "FAC"
    assert entities["Place Vendôme"].type == "FAC"


def test_entities_a_facility_named_short_before_a_synonym_of_its_structure_word() -> None:
    # DUC 2004 d30044t (docs/examples): "Istanbul's Metris jail" is the "Metris prison".
    entities = _by_name(
        _entities(
            "He was held at [Metris prison|FAC] on the island.",
            "He was imprisoned in Istanbul's [Metris|FAC] jail since August.",
        )
    )
    assert "Metris" in entities["Metris prison"].variants
    # Another structure's word is another building.
    entities = _by_name(
        _entities(
            "A thief robbed the [Carlton Hotel|FAC] on the coast.",
            "Police searched the [Carlton|FAC] jail on Monday.",
        )
    )
    assert "Carlton" in entities and "Carlton" not in entities["Carlton Hotel"].variants
