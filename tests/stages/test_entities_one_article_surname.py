"""Entities: a surname tagged an organisation, its person named in full in one article only.

Read on the names benchmark's seen splits (bench/entities): "Carville" (ORG x3) beside "James
Carville" (firstborn), "Riva" (ORG) beside "Paul Riva" (virgin), "Campbell" (ORG) beside "John
Campbell" (untouched) were organisations of their own: a surname tagged ORG went to its person
only when two articles named the person in full, lest a company named for its founder ("Walt
Disney drew it. Disney ...") join the founder. The tests pin pairs that must merge and pairs
that must stay apart.
"""

from __future__ import annotations

from test_entities import _entities, _together


def test_entities_a_surname_tagged_org_after_its_one_full_name_is_the_person() -> None:
    entities = _entities(
        "Rescuers reached [John Campbell|PERSON] at sea. A crew dropped into the water to "
        "secure [Campbell|ORG]. It used a night vision system to find [Campbell|ORG].",
        "The yacht race went on. Five boats sank in the storm.",
    )
    assert _together(entities, "John Campbell", "Campbell")


def test_entities_a_nickname_tagged_org_ending_in_the_surname_is_no_body() -> None:
    entities = _entities(
        "He waged war on [James Carville|PERSON]. Aides met after [Carville|ORG] appeared on "
        "television and was called [Cue Ball Carville|ORG]. But [Carville|ORG] was not timid.",
        "The election is a month away.",
    )
    assert _together(entities, "James Carville", "Carville", "Cue Ball Carville")


def test_entities_a_surname_written_where_its_person_is_not_named_stays_apart() -> None:
    # A company named for its founder is written in an article that does not name the founder.
    entities = _entities(
        "[Walt Disney|PERSON] drew the mouse. [Disney|ORG] grew fast.",
        "[Disney|ORG] opened a park in Paris.",
    )
    assert not _together(entities, "Walt Disney", "Disney")
    # Or the words around it call it a body, or it comes before the full name.
    entities = _entities(
        "[Walt Disney|PERSON] drew it. Shares of [Disney|ORG] rose; [Disney|ORG] grew."
    )
    assert not _together(entities, "Walt Disney", "Disney")
    entities = _entities("[Disney|ORG] grew. [Walt Disney|PERSON] drew it. [Disney|ORG] rose.")
    assert not _together(entities, "Walt Disney", "Disney")
