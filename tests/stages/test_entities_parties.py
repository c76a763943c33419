"""Entities: a political party named by its members or by a short name.

Read on the names benchmark's seen splits (bench/entities): "GOP" stood apart from
"Republicans"/"Republican" (firstborn, and untouched's lower-cased "gop"), and "Republicans",
"Democrats", "Democratic" were shown as peoples (NORP), where the labels say a party (ORG):
39 mentions over seven splits. The tests pin the merge, the type, and names that stay apart.
"""

from __future__ import annotations

from test_entities import _by_name, _entities, _together


def test_entities_a_partys_short_name_joins_its_members() -> None:
    entities = _entities(
        "The vision brought the [GOP|ORG] to the majority, and the [Republicans|NORP] cheered "
        "as a top [Republican|NORP] spoke.",
        "it is close, said one [gop|ORG] aide. many [republicans|NORP] agreed.",
    )
    assert _together(entities, "GOP", "Republicans", "Republican", "gop", "republicans")


def test_entities_a_partys_members_are_the_party() -> None:
    entities = _entities(
        "The [Democrats|NORP] and the [Republicans|NORP] voted, and [Democratic|NORP] leaders "
        "agreed.",
    )
    typed = {form: e.type for e in entities for form in (e.name, *e.variants)}
    assert typed["Democrats"] == typed["Democratic"] == typed["Republicans"] == "ORG"


def test_entities_a_peoples_name_and_a_view_stay_peoples() -> None:
    entities = _by_name(
        _entities("[Chileans|NORP] and [Socialists|NORP] met; [the GOP|ORG] watched.")
    )
    assert entities["Chileans"].type == "NORP"
    assert entities["Socialists"].type == "NORP"
    assert not _together(tuple(entities.values()), "Chileans", "GOP")
