"""Entities: members of one list are of one kind (issue 16, names people recognize).

Read in real reports ("including Leogane, Gressier, Petit-Goave and the coastal town of
Jacmel") and on the names benchmark's seen splits ("the hardest-hit villages were Tonban,
Gavarzin, Khaledin and Gourian").
"""

from __future__ import annotations

from test_entities import _by_name, _entities


def test_entities_issue_16_a_list_with_one_town_names_towns() -> None:
    entities = _by_name(
        _entities(
            "Aid reached areas outside the capital, including [Leogane|ORG], [Gressier|ORG], "
            "[Petit-Goave|ORG] and the coastal town of [Jacmel|GPE]."
        )
    )
    assert {entities[n].type for n in ("Leogane", "Gressier", "Petit-Goave", "Jacmel")} == {
        "GPE"
    }


def test_entities_issue_16_a_list_after_a_plural_of_places_names_places() -> None:
    entities = _by_name(
        _entities(
            "Officials said the hardest - hit villages were [Tonban|ORG], [Gavarzin|PERSON], "
            "[Khaledin|PERSON] and [Gourian|NORP]."
        )
    )
    assert {entities[n].type for n in ("Tonban", "Gavarzin", "Khaledin", "Gourian")} == {"GPE"}


def test_entities_issue_16_a_list_of_mostly_places_keeps_a_body_named_elsewhere() -> None:
    entities = _by_name(
        _entities(
            "Talks between [Israel|GPE], [Egypt|GPE] and [Hamas|ORG] resumed.",
            "[Hamas|ORG] rejected the offer.",
        )
    )
    assert entities["Hamas"].type == "ORG"
    # Nor does a list of bodies or people become places.
    entities = _by_name(
        _entities("Shares of [Apple|ORG], [Google|ORG] and [Amazon|ORG] rose in [Tokyo|GPE].")
    )
    assert entities["Apple"].type == "ORG"
    entities = _by_name(
        _entities("[Smith|PERSON], [Jones|PERSON] and [Brown|PERSON] met in [Paris|GPE].")
    )
    assert entities["Smith"].type == "PERSON"


def test_entities_issue_16_a_list_of_mostly_places_makes_its_other_members_places() -> None:
    entities = _by_name(
        _entities("The storm hit [Lyon|GPE], [Grenoble|GPE], [Annecy|ORG] and [Chambery|GPE].")
    )
    assert entities["Annecy"].type == "GPE"
