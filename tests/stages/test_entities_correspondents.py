"""Entities: a correspondent is a person (issue 16, names people recognize).

Read in a real report (Timeline17, Haiti): "The BBC's Nick Davies in Port-au-Prince says"
listed Nick Davies as an organisation.
"""

from __future__ import annotations

from test_entities import _by_name, _entities


def test_entities_issue_16_a_name_after_a_bodys_possessive_reporting_from_a_place() -> None:
    entities = _by_name(
        _entities(
            "The [BBC|ORG]'s [Nick Davies|ORG] in [Port-au-Prince|GPE] says aid is late.",
            "[CNN|ORG]'s [Joshua Mmali|GPE] in [Kampala|GPE], the capital, reported calm.",
        )
    )
    assert entities["Nick Davies"].type == "PERSON"
    assert entities["Joshua Mmali"].type == "PERSON"
    # A body's unit after its owner's possessive stays a body.
    entities = _by_name(
        _entities("[Microsoft|ORG]'s [Windows Division|ORG] in [Redmond|GPE] said so.")
    )
    assert entities["Windows Division"].type == "ORG"
    # Nor is a name reporting from a place without the possessive a person.
    entities = _by_name(_entities("[Red Cross|ORG] in [Geneva|GPE] says aid is late."))
    assert entities["Red Cross"].type == "ORG"
