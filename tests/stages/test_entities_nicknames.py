"""Entities: a first name written alone in another of its nicknames.

Read on the names benchmark's maiden split (bench/entities): "Jimmy" alone, beside "Jim" alone
and "Jim X" in full, was a person of its own, because the `nicknames` table gives "jim" and
"jimmy" each as a nickname of "james" and neither of the other. The test pins a pair that must
merge and one that must stay apart.
"""

from __future__ import annotations

from test_entities import _by_name, _entities


def test_entities_a_first_names_other_nickname_alone_is_the_person() -> None:
    entities = _by_name(
        _entities(
            "The team fired [Jim Brennan|PERSON] on Monday. [Brennan|PERSON] had coached it.",
            "Players said they liked [Jim|PERSON]. Owners were excited about having "
            "[Jimmy|PERSON] back.",
        )
    )
    assert len(entities["Jim Brennan"].mentions) == 4
    # A first name that is no form of the full name's stays apart.
    entities = _by_name(
        _entities(
            "The team fired [Jim Brennan|PERSON] on Monday. [Brennan|PERSON] had coached it.",
            "Owners were excited about having [Johnny|PERSON] back.",
        )
    )
    assert "Johnny" in entities


def test_entities_one_article_writing_a_name_and_its_nickname_names_one_person() -> None:
    # ECB+ 18_6ecb: "Benjamin David Banky, 40" and "our president and CEO, Ben Banky" in one
    # article, "Ben" again in another, were two people; his brother John stays apart.
    entities = _by_name(
        _entities(
            "In the office, [Benjamin David Banky|PERSON], 40, lay dead. The firm mourned its "
            "president, [Ben Banky|PERSON]. [Banky|PERSON] co-founded it.",
            "Those who knew [Benjamin David Banky|PERSON] were in shock. [John Banky|PERSON], "
            "[Ben|PERSON]'s older brother, spoke briefly.",
        )
    )
    assert set(entities) == {"Benjamin David Banky", "John Banky"}
    # Two first names that are no forms of one another stay two people.
    entities = _by_name(
        _entities(
            "[Charlene Okafor|PERSON] left. [Charlene|PERSON] wept. [Charlie Okafor|PERSON] "
            "spoke. [Charlie|PERSON] was her brother.",
        )
    )
    assert {"Charlene Okafor", "Charlie Okafor"} <= set(entities)
