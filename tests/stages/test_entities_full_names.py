"""Entities: a full name the tagger calls an organisation, its surname alone a person (issue 16).

Read in a real report (ECB+ topic 7): spaCy tagged "Lennox Lewis" an organisation at all ten
mentions ("floored Lennox Lewis in 2001") while "Lewis avenged the defeat" was a person, so the
boxer was listed twice, once as an organisation.
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
