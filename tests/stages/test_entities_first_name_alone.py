"""Entities: a first name alone that the NER tagged a place or an organisation.

Read on the names benchmark's newborn and virgin splits (bench/entities): "Tyler" (GPE) beside
"Tyler Hansbrough", "Lakhan" (GPE) beside "lakhan kale" and "Gregory" (ORG) beside "Gregory
Echenique" were entities of their own: the rule for a first name tagged a place took only
names the `nicknames` table knows, and no organisation. The tests pin pairs that must merge
and pairs that must stay apart.
"""

from __future__ import annotations

from test_entities import _by_name, _entities


def test_entities_a_first_name_tagged_a_place_after_the_full_name_is_the_person() -> None:
    entities = _by_name(
        _entities(
            "[Tyler Hansbrough|PERSON] broke the record. [Hansbrough|PERSON] scored 20 points.",
            "[Tyler Hansbrough|PERSON] scored 20. It was a perfect shot for [Tyler|GPE] to "
            "break the record on, the coach said.",
        )
    )
    assert "Tyler" in entities["Tyler Hansbrough"].variants
    assert "Tyler" not in entities


def test_entities_a_known_first_name_tagged_an_organisation_is_the_person() -> None:
    entities = _by_name(
        _entities(
            "[Gregory Echenique|PERSON] scored. [Echenique|PERSON] got mad.",
            "[Gregory Echenique|PERSON] blocked five shots, and I thought [Gregory|ORG] "
            "played well, the coach said.",
        )
    )
    assert "Gregory" in entities["Gregory Echenique"].variants


def test_entities_a_first_name_as_a_place_or_before_the_full_name_stays_apart() -> None:
    entities = _by_name(
        _entities(
            "[Tyler Hansbrough|PERSON] broke the record. [Hansbrough|PERSON] scored 20 points.",
            "Fans drove in from [Tyler|GPE]. [Tyler Hansbrough|PERSON] scored 20.",
            "The team flew to [Lakhan|GPE] on Friday. [Lakhan Kale|PERSON] met it there.",
            "[Lakhan Kale|PERSON] agreed.",
        )
    )
    assert {"Tyler", "Lakhan"} <= set(entities)


def test_entities_a_regions_name_is_no_first_name_alone() -> None:
    entities = _by_name(
        _entities(
            "[Georgia Smith|PERSON] said [Georgia|GPE] voted.",
            "[Georgia Smith|PERSON] agreed.",
        )
    )
    assert "Georgia" in entities


def test_entities_a_first_name_goes_to_its_articles_person_not_to_a_surname_named_elsewhere() -> (
    None
):
    """Read in Timeline17's coverage of a doctor's verdict: "Michael" ("Dr Murray said Michael
    took the medicine himself") joined the MP Alun Michael, whom only a programme's running
    order named, not the singer its own article names in full."""
    entities = _by_name(
        _entities(
            "MP and former minister [Alun Michael|PERSON] is one of those questioning her.",
            "[Michael Jackson|PERSON]'s doctor was found guilty. The doctor said "
            "[Michael|PERSON] took the medicine himself.",
        )
    )
    assert "Michael" in entities["Michael Jackson"].variants
    assert entities["Alun Michael"].variants == ()


def test_entities_a_bare_surname_still_goes_to_the_person_its_article_names() -> None:
    entities = _by_name(
        _entities(
            "[Alun Michael|PERSON] questioned the minister. [Michael|PERSON] said it was wrong.",
            "[Michael Jackson|PERSON] died in 2009.",
        )
    )
    assert "Michael" in entities["Alun Michael"].variants
