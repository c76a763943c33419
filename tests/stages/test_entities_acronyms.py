"""Entities: what an acronym stands for (issue 16).

A dateline credits its agency in brackets before a dash ("Tripoli, Libya (CNN) --"): the agency
is no acronym of the place. A name holding an acronym is read with all its letters ("U.S. Navy"
goes by "USN"), so "U.N." is not its short form.
"""

from __future__ import annotations

from test_entities import _by_name, _entities


def test_entities_a_datelines_agency_is_no_acronym_of_its_place() -> None:
    entities = _by_name(
        _entities(
            "Tripoli, [Libya|GPE] ([CNN|ORG]) -- A jet was shot down over [Libya|GPE].",
            "[Paris|GPE] ([CNN|ORG]) — Leaders met in [Paris|GPE] on Saturday.",
        )
    )
    assert {"Libya", "Paris", "CNN"} <= set(entities)
    assert entities["Libya"].variants == () and entities["Paris"].variants == ()


def test_entities_an_acronym_in_brackets_still_names_its_long_form() -> None:
    entities = _by_name(
        _entities("The [European Union|ORG] ([EU|ORG]) met. The [EU|ORG] agreed on Monday.")
    )
    assert "EU" in entities["European Union"].variants


def test_entities_a_name_holding_an_acronym_is_initialled_with_its_letters() -> None:
    entities = _by_name(
        _entities(
            "[U.S. Navy|ORG] photos showed missiles. The [United Nations|ORG] said the "
            "[U.N.|ORG] would watch.",
        )
    )
    assert "U.N." in entities["United Nations"].variants
    assert entities["U.S. Navy"].variants == ()
