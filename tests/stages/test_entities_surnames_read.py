"""Entities: surnames as real reports wrote them (Timeline17, read through `newsweave analyze`).

The 2008 bailout: "George H.W. Bush" of "the George H.W. Bush administration" and "George W.
Bush" were one person shown by the father's name; initials are compared only when both names
write them, so a name without them, or with its middle name in full, stays free to join either.
Syria 2011: "Assad" and "Atassi" alone never joined "Bashar al-Assad" and "Ali al-Atassi" (the
Arabic article is left out when the surname stands alone), and once they do, "his late father,
Hafez al-Assad" must not take the son's later "Assad".
"""

from __future__ import annotations

from test_entities import _entities, _together


def test_entities_a_father_and_son_told_apart_by_their_middle_initials() -> None:
    entities = _entities(
        "[George W. Bush|PERSON] asked Congress to act. [Bush|PERSON] spoke in the garden.",
        "He served in the [George H.W. Bush|PERSON] administration before the crisis.",
        "[George W. Bush|PERSON] signed the bill on Friday.",
    )
    assert not _together(entities, "George W. Bush", "George H.W. Bush")
    assert _together(entities, "George W. Bush", "Bush")


def test_entities_a_name_without_initials_or_with_the_middle_name_in_full_joins() -> None:
    entities = _entities(
        "[Ben S. Bernanke|PERSON] testified. [Ben Bernanke|PERSON] said rates would stay.",
        "[John F. Kennedy|PERSON] was quoted. [John Fitzgerald Kennedy|PERSON] was born in May.",
    )
    assert _together(entities, "Ben S. Bernanke", "Ben Bernanke")
    assert _together(entities, "John F. Kennedy", "John Fitzgerald Kennedy")


def test_entities_a_bare_surname_where_neither_is_named_goes_to_the_one_more_articles_name() -> None:
    entities = _entities(
        "He served in the [George H.W. Bush|PERSON] administration. [Bush|PERSON] left office.",
        "[George W. Bush|PERSON] asked Congress to act.",
        "[George W. Bush|PERSON] signed the bill.",
        "President [Bush|PERSON] said it was a pivotal moment.",
    )
    [son] = [e for e in entities if e.name == "George W. Bush"]
    assert {m.article_id for m in son.mentions} == {"a1", "a2", "a3"}


def test_entities_a_bare_surname_where_no_one_is_named_is_not_won_by_earlier_guesses() -> None:
    # Three bare "Assad" in the father's one article would outnumber the son's two full names.
    entities = _entities(
        "In 1982 [Hafez al-Assad|PERSON] crushed a revolt. [Assad|PERSON] sent tanks; "
        "[Assad|PERSON] held the city; [Assad|PERSON] died in 2000.",
        "[Bashar al-Assad|PERSON] spoke on television on Monday.",
        "Protesters called on [Bashar al-Assad|PERSON] to go.",
        "The army fired on crowds, and [Assad|PERSON] blamed armed gangs.",
    )
    [son] = [e for e in entities if e.name == "Bashar al-Assad"]
    assert {m.article_id for m in son.mentions} == {"a1", "a2", "a3"}


def test_entities_a_surname_alone_after_its_arabic_article_is_dropped_is_the_person() -> None:
    entities = _entities(
        "But [Ali al-Atassi|PERSON], a prominent activist, spoke. It cannot go back, said "
        "[Atassi|PERSON].",
        "Protests went on in the south.",
    )
    assert _together(entities, "Ali al-Atassi", "Atassi")


def test_entities_a_relative_named_after_the_kin_word_does_not_take_the_surname() -> None:
    entities = _entities(
        "Hezbollah backs the government of President [Bashar al-Assad|PERSON]. Syria under the "
        "president and his late father, [Hafez al-Assad|PERSON], kept the border quiet. Still, "
        "[Assad|PERSON] has played a cautious hand.",
        "The army fired on protesters in Deraa on Monday.",
    )
    [son] = [e for e in entities if e.name == "Bashar al-Assad"]
    assert len(son.mentions) == 2  # the full name and the bare one after the father


def test_entities_a_name_said_of_a_time_does_not_take_its_articles_bare_surname() -> None:
    # "the George H.W. Bush administration" dates a career; the article's earlier "Bush" is
    # the son, whom the other articles name.
    entities = _entities(
        "Bolten tried to shake up the [Bush|PERSON] team in 2006. Steel had served in the "
        "[George H.W. Bush|PERSON] administration before.",
        "[George W. Bush|PERSON] asked Congress to act.",
        "[George W. Bush|PERSON] signed the bill.",
    )
    [son] = [e for e in entities if e.name == "George W. Bush"]
    assert {m.article_id for m in son.mentions} == {"a0", "a1", "a2"}
