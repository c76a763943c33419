"""Entities: a stance run on to a name ("pro-Mahathir", "anti-Israel").

Read on the names benchmark's maiden and pristine splits (bench/entities): "pro-Mahathir"
(PERSON) and "anti-Israel" (NORP) were entities of their own, apart from the man and the
country. The tests pin pairs that must merge and one that must stay apart.
"""

from __future__ import annotations

from test_entities import _by_name, _entities


def test_entities_a_stance_run_on_to_a_persons_name_is_the_person() -> None:
    entities = _by_name(
        _entities(
            "[Anwar Okoye|PERSON] spoke. Newspapers that are normally [pro-Okoye|PERSON] "
            "were silent. [Okoye|PERSON] said nothing."
        )
    )
    assert len(entities["Anwar Okoye"].mentions) == 3


def test_entities_a_stance_run_on_to_a_places_name_is_the_place() -> None:
    entities = _by_name(
        _entities(
            "Talks with [Norland|GPE] resumed. Militants staged [anti-Norland|NORP] protests "
            "near the border with [Norland|GPE]."
        )
    )
    assert len(entities["Norland"].mentions) == 3


def test_entities_another_hyphened_word_before_a_name_is_part_of_it() -> None:
    # (Not Arabic's article: "al-Okoye" alone is "Okoye", see test_entities_surnames_read.py.)
    entities = _by_name(_entities("[Hamid Okoye|PERSON] met [Abd-Okoye|PERSON] there."))
    assert len(entities["Hamid Okoye"].mentions) == 1
