"""Entities: a person named with the title of the place they serve (issue 16, names people
recognize).

Read in a real report (ECB+ topic 18): "Genesee County Sheriff Robert J. Pickell", one person
mention to the tagger, was an entity apart from "Robert J Pickell", and the conflict on who said
it was shown twice.
"""

from __future__ import annotations

from test_entities import _by_name, _entities, _together

from newsweave.stages.entities._spelling import strip_titles


def test_entities_issue_16_a_title_with_its_place_before_a_name_is_no_part_of_it() -> None:
    entities = _entities(
        "Deputies chased him, [Genesee County Sheriff Robert J. Pickell|PERSON] said.",
        "Deputies chased him, Sheriff [Robert J Pickell|PERSON] said.",
        "[Troy Police Chief Charles Craft|PERSON] said the shooter hid a gun.",
    )
    assert _together(entities, "Robert J. Pickell", "Robert J Pickell")
    assert "Charles Craft" in _by_name(entities)


def test_a_name_holding_a_title_word_keeps_it() -> None:
    assert strip_titles("Robert Pickell".split()) == ["Robert", "Pickell"]
    assert strip_titles("Los Angeles County Sheriff Department".split()) == [
        "Los", "Angeles", "County", "Sheriff", "Department"
    ]  # fmt: skip
    # A single word after an inner title may be the end of a longer name: left whole.
    assert strip_titles("Kestrel Police Chief Lund".split()) == "Kestrel Police Chief Lund".split()
