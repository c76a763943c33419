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
