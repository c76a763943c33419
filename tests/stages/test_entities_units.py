"""Entities: a body is not its unit, nor a product its edition (issue 16).

A longer organisation name that adds to a shorter one a unit of its own name ("Avert Labs",
"Security Response Alliance") or only an edition word ("Professional") names another body or
product; a unit word alone is the short name's head, often left out ("the Treasury Department").
"""

from __future__ import annotations

import pytest
from test_entities import _entities


def _together(marked: str, one: str, other: str) -> bool:
    """Whether the story's one short and one longer name are one entity."""
    entities = _entities(marked)
    assert {one, other} <= {form for e in entities for form in (e.name, *e.variants)} or (
        len(entities) == 1
    )
    return len(entities) == 1


@pytest.mark.parametrize(
    ("marked", "short", "longer"),
    [
        (
            "[Norvasoft|ORG] issued a patch. [Norvasoft|ORG] said the [Norvasoft Security "
            "Response Alliance|ORG] shared data.",
            "Norvasoft",
            "Norvasoft Security Response Alliance",
        ),
        (
            "Researchers at [Kelvex Avert Labs|PERSON] found it; [Kelvex|PERSON] sells filters.",
            "Kelvex",
            "Kelvex Avert Labs",
        ),
        ("Users of [ZP|ORG] and of [ZP Professional|ORG] are at risk.", "ZP", "ZP Professional"),
    ],
)
def test_entities_a_body_is_not_its_named_unit_or_edition(
    marked: str, short: str, longer: str
) -> None:
    assert not _together(marked, short, longer)


@pytest.mark.parametrize(
    ("marked", "short", "longer"),
    [
        (
            "Then [the Treasury Department|ORG] said. [Treasury|ORG] officials agreed.",
            "Treasury",
            "Treasury Department",
        ),
        (
            "She checked into [the Betty Ford Center|ORG]. She went to [Betty Ford|PERSON] in May.",
            "Betty Ford",
            "Betty Ford Center",
        ),
        ("[Kraft Foods|ORG] said [Kraft|ORG] would sell.", "Kraft", "Kraft Foods"),
    ],
)
def test_entities_a_unit_word_alone_is_the_short_names_head(
    marked: str, short: str, longer: str
) -> None:
    assert _together(marked, short, longer)


def test_entities_a_name_ending_in_a_units_word_is_a_body() -> None:
    # spaCy tags "McAfee Avert Labs" a person; its last word makes it an organisation.
    entities = _entities("Researchers at [Kelvex Avert Labs|PERSON] found the flaw.")
    assert [entity.type for entity in entities] == ["ORG"]


def test_entities_a_places_police_is_a_body_apart_from_the_place() -> None:
    # The names benchmark's unborn split (ECB+ 14): "Surrey Police", tagged PERSON once, made
    # a person whose bare "Surrey" was the county the store burned in.
    entities = _entities(
        "A fire ripped through a Waitrose store in [Surrey|PERSON] on Sunday.",
        "The fire gutted a supermarket in [Surrey|PERSON]. [Surrey Police|PERSON] said the store "
        "would be rebuilt.",
        "[Surrey Police|ORG] evacuated homes.",
    )
    types = {e.name: e.type for e in entities}
    assert types == {"Surrey": "GPE", "Surrey Police": "ORG"}
