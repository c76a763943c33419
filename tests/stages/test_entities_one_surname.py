"""Entities: people of one surname, whom near first names and a bare surname must not merge.

Read on the names benchmark's virgin split (bench/entities): a victim's son and daughter,
named in full in one article, became one person, and the victim's surname alone, which the NER
tagged an organisation, joined them. Each test pins a pair that must merge and one that must
stay apart.
"""

from __future__ import annotations

from test_entities import _by_name, _entities

_FAMILY = (
    "The receptionist died. Police charged a man in the death of [Okafor|GPE], 63. Her "
    "daughter, [Charlene|PERSON], held a picture of [Okafor|ORG]. ``She did nothing,'' "
    "[Charlene Okafor|PERSON] said. ``She was our mom,'' said [Charlie Okafor|PERSON], "
    "[Charlene|PERSON]'s brother. ``She was everything,'' said a tearful "
    "[Charlie Okafor|PERSON]. The man talked to [Okafor|ORG], then shot her."
)


def test_two_first_names_one_article_writes_in_full_are_two_people() -> None:
    entities = _by_name(_entities(_FAMILY))
    assert len(entities["Charlene Okafor"].mentions) == 3  # with "Charlene" alone
    assert len(entities["Charlie Okafor"].mentions) == 2
    # A near first name written once is a misprint of the one written more often.
    entities = _by_name(
        _entities(
            "[Charlie Okafor|PERSON] spoke. ``Yes,'' said [Charlie Okafor|PERSON]. Later "
            "[Charlene Okafor|PERSON] left."
        )
    )
    assert len(entities) == 1
    # Two articles, one name each, with nothing to tell them apart: one person, as before.
    entities = _entities(
        "[Bill Okafor|PERSON] spoke. [Bill Okafor|PERSON] left.",
        "[William Okafor|PERSON] spoke. [William Okafor|PERSON] left.",
    )
    assert len(entities) == 1
    # One article, the same role given to both: one person.
    entities = _entities(
        "[President Bill Okafor|PERSON] spoke. [Bill Okafor|PERSON] left. "
        "[President William Okafor|PERSON] returned. [William Okafor|PERSON] slept."
    )
    assert len(entities) == 1


def test_a_mislabelled_surname_before_two_peoples_full_names_is_neither() -> None:
    entities = _by_name(_entities(_FAMILY))
    victim = entities["Okafor"]
    assert victim.type == "PERSON" and len(victim.mentions) == 3
    # Written after their full names, the surname is read as before: the nearest full name.
    entities = _by_name(
        _entities(
            "His sister [Nia Okafor|PERSON] spoke. Police shot [Kimani Okafor|PERSON]. "
            "Seven bullets entered [Okafor|ORG].",
            "[Kimani Okafor|PERSON] was 16. [Nia Okafor|PERSON] wept.",
        )
    )
    assert "Okafor" not in entities
    assert len(entities["Kimani Okafor"].mentions) == 3  # with "Okafor"
