"""Entities: one thing under a form spaCy labels as something else, or that leaves a word out.

Each class was read on the names benchmark's splits (bench/entities); each test pins a pair
that must merge and one that must stay apart.
"""

from __future__ import annotations

from test_entities import _by_name, _entities, _together

from newsweave.model import Entity


def _holding(entities: tuple[Entity, ...], article_id: str, start: int) -> Entity:
    """The entity shown for the mention that starts at `start` in the article."""
    return next(
        e for e in entities for s in e.mentions if (s.article_id, s.start) == (article_id, start)
    )


def test_a_surname_tagged_org_in_an_article_naming_its_person_is_that_person() -> None:
    # spaCy calls "Teixeira" an organisation twelve times out of fifteen; the article names
    # "Mark Teixeira", and no organisation of the story carries the word.
    entities = _entities(
        "The Red Sox made an offer to [Mark Teixeira|PERSON]. [Teixeira|ORG] may sign, and "
        "the Yankees want [Teixeira|ORG] too; [Teixeira|ORG] waits.",
        "Boston offered [Mark Teixeira|PERSON] eight years.",
    )
    person = _by_name(entities)["Mark Teixeira"]
    assert len(person.mentions) == 5 and person.type == "PERSON"
    # A company named after its founder is the company when the story names it in full ...
    entities = _entities(
        "[Walt Disney|PERSON] drew the mouse. [the Walt Disney Co.|ORG] said [Disney|ORG] "
        "profits rose and [Disney|ORG] shares too."
    )
    assert len(_by_name(entities)["Walt Disney"].mentions) == 1
    # ... and in an article that never names the person in full.
    entities = _entities(
        "[Mark Teixeira|PERSON] signed.", "[Teixeira|ORG] shares rose; [Teixeira|ORG] paid."
    )
    assert len(_by_name(entities)["Mark Teixeira"].mentions) == 1


def test_a_person_named_like_an_institution_of_the_story_is_the_institution() -> None:
    marked = (
        "Lohan checked into [Betty Ford|PERSON] on Monday.",
        "Her stay at [the Betty Ford Center|ORG] began; her latest stay at [Betty Ford|PERSON].",
    )
    entities = _entities(*marked)
    center = _by_name(entities)["Betty Ford Center"]
    assert len(center.mentions) == 3 and center.type == "ORG"
    assert _holding(entities, "a0", marked[0].index("[")) is center
    # Named with a role, or speaking, the name is the person's.
    entities = _entities(
        "Senator [John Smith|PERSON] opened [the John Smith Foundation|ORG] on Monday."
    )
    assert _by_name(entities)["John Smith"].type == "PERSON"
    entities = _entities("[Betty Ford|PERSON] said [the Betty Ford Center|ORG] helps.")
    assert _by_name(entities)["Betty Ford"].type == "PERSON"
    # Two institutions open with the name: no telling which one is meant.
    entities = _entities(
        "He went to [Morningside|PERSON]. [Morningside Recovery|ORG] and [Morningside "
        "Clinic|ORG] are near."
    )
    assert len(entities) == 3


def test_a_party_is_named_by_its_members() -> None:
    entities = _entities(
        "Italy's [Communists|NORP] voted to quit.",
        "[the Communist Refoundation Party|ORG] left the coalition; the [Communists|NORP] may "
        "return.",
    )
    assert len(entities) == 1 and entities[0].type == "ORG"
    assert entities[0].name == "Communist Refoundation Party"
    assert len(entities[0].mentions) == 3
    # A people is not the organisation its adjective opens; two parties leave it alone.
    entities = _entities("[Palestinians|NORP] marched; [the Palestinian Authority|ORG] met.")
    assert _by_name(entities)["Palestinians"].type == "NORP"
    entities = _entities("[Cambodian|NORP] voters chose [the Cambodian People's Party|ORG].")
    assert _by_name(entities)["Cambodian"].type == "NORP"
    entities = _entities(
        "[the Communist Party|ORG] and [the Communist Refoundation Party|ORG] split the "
        "[Communists|NORP]."
    )
    assert len(entities) == 3


def test_a_name_without_its_head_word_is_the_name() -> None:
    entities = _entities(
        "[the Communist Refoundation Party|ORG] quit; [the Communist Refoundation|ORG] may gain."
    )
    assert _together(entities, "Communist Refoundation", "Communist Refoundation Party")
    # Two words more name a part or an offshoot.
    entities = _entities(
        "[the National Basketball Association|ORG] and [the National Basketball Association "
        "Players Association|ORG] met."
    )
    assert len(entities) == 2


def test_a_name_spacy_calls_a_person_joins_its_cut_adjective() -> None:
    # "Communist Refounding" tagged PERSON, and "Communist" cut from "the Communist
    # Refounding's deputies": all one party.
    entities = _entities(
        "It is supported by [Communist Refounding|PERSON], a fringe group. If the "
        "[Communist|NORP] Refounding's deputies abide by it, [the Communist Refounding "
        "Party|ORG] wins."
    )
    assert len(entities) == 1 and entities[0].type == "ORG"
    assert entities[0].name == "Communist Refounding Party"


def test_a_common_word_is_short_for_the_name_its_peoples_adjective_opens() -> None:
    entities = _entities(
        "[The Israeli Cabinet|ORG] met. [Israeli|NORP] officials said the 18-member "
        "[Cabinet|ORG] voted; the [Cabinet|ORG] and the cabinet staff agreed."
    )
    assert _together(entities, "Cabinet", "Israeli Cabinet")
    # Any other word before it leaves the common word alone: "the House" of "the White House".
    entities = _entities(
        "[the White House|ORG] said the house vote, in [the House|ORG], was close; the house."
    )
    assert not _together(entities, "House", "White House")


def test_a_name_ends_at_a_blank_line() -> None:
    marked = "The Red Sox offered [Mark Teixeira|PERSON] a deal. Talks on [Teixeira\n\nHere|ORG]"
    entities = _entities(marked + " went on.", "Boston offered [Mark Teixeira|PERSON] more.")
    person = _by_name(entities)["Mark Teixeira"]
    assert len(person.mentions) == 3
    assert person.mentions[1].end - person.mentions[1].start == len("Teixeira")


def test_a_count_run_into_a_name_is_not_part_of_it() -> None:
    entities = _entities(
        "Officers shot [Kimani Gray|PERSON]. They hit [Gray eleven|ORG] times; [Gray|PERSON] died."
    )
    assert len(_by_name(entities)["Kimani Gray"].mentions) == 3
    # A number written in figures, or capitalised, is the name's: "Channel 2", "Air Force One".
    entities = _entities("[Channel 2|ORG] filmed [Air Force One|ORG].")
    assert {e.name for e in entities} == {"Channel 2", "Air Force One"}


def test_a_short_name_is_the_x_of_y_it_opens_rather_than_a_compound() -> None:
    entities = _entities(
        "[The Academy of Motion Picture Arts and Sciences|ORG] chose a host for [the Academy "
        "Awards|ORG]. The [Academy|ORG] said so."
    )
    assert _together(entities, "Academy", "Academy of Motion Picture Arts and Sciences")
    # Two names "X of ..." leave it alone.
    entities = _entities(
        "[the Bank of England|ORG] and [the Bank of France|ORG] met; the [Bank|ORG] said no."
    )
    assert len(entities) == 3


def test_a_state_abbreviated_after_its_town_ends_a_sentence() -> None:
    entities = _entities(
        "He went home to Rancho Mirage, [Calif.|GPE] The doctors in [California|GPE] agreed."
    )
    assert _together(entities, "Calif", "California")
    # A sentence's full stop alone makes no abbreviation.
    entities = _entities("Fans waited in [Cali.|GPE] The team from [California|GPE] won.")
    assert not _together(entities, "Cali", "California")


def test_a_hyphenated_name_cut_by_the_ner_is_the_whole_name() -> None:
    entities = _entities(
        "Leaders met at the [Ibero-American|NORP] summit.",
        "They prepared the [Ibero|NORP]-American summit; [Latin|NORP] leaders came.",
    )
    assert len(_by_name(entities)["Ibero-American"].mentions) == 2


def test_entities_a_place_after_for_ends_a_bodys_name_and_is_not_it() -> None:
    # "the Institute for America's Future" (cut by the tagger before "Future") joined America.
    entities = _entities(
        "Officials in [America|GPE] met. [America|GPE] is large.",
        "said Robert Borosage, president of [the Institute for America's|ORG] Future.",
    )
    assert not _together(entities, "America", "Institute for America")
