"""Entities: classes read in real reports (issue 16): a government body named four ways while its
word is also written in lower case.

Each test pins what must merge and what must stay apart.
"""

from __future__ import annotations

from test_entities import _entities, _together


def test_entities_issue_16_a_body_named_by_a_word_also_written_in_lower_case() -> None:
    # "the treasury secretary" in lower case no longer keeps "the Treasury" from its longer
    # names: a country's Treasury, the Treasury Department.
    entities = _entities(
        "Paulson said [Treasury|ORG] would buy assets, and the treasury secretary agreed.",
        "A [Treasury Department|ORG] official spoke.",
        "[U.S. Treasury|ORG] bonds rose.",
    )
    assert _together(entities, "Treasury", "Treasury Department", "U.S. Treasury")
    entities = _entities(
        "Senators of [the U.S. Senate|ORG] met. [the Senate|ORG] voted; the senate clerk read."
    )
    assert _together(entities, "Senate", "U.S. Senate")
    # A longer name that adds a unit of the body, not its head, is another body.
    entities = _entities("[House|ORG] members met. A [House Committee|ORG] voted; the house sat.")
    assert not _together(entities, "House", "House Committee")
    # Nor is a longer name whose other words are no country's name its own.
    entities = _entities("[the Senate|ORG] and [the Student Senate|ORG] met; the senate sat.")
    assert not _together(entities, "Senate", "Student Senate")


def test_entities_issue_16_a_bodys_name_with_its_head_first_or_last_is_one() -> None:
    entities = _entities(
        "[the Justice Department|ORG] sued. [the Department of Justice|ORG] said.",
        "[the Interior Ministry|ORG] met. [the Ministry of the Interior|ORG] agreed.",
    )
    assert _together(entities, "Justice Department", "Department of Justice")
    assert _together(entities, "Interior Ministry", "Ministry of the Interior")
    entities = _entities("[the Justice Department|ORG] and [the Department of State|ORG] met.")
    assert not _together(entities, "Justice Department", "Department of State")
