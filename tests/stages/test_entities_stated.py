"""Entities: names the text itself says are one, and names the NER cut or shortened.

Each class was read on the names benchmark's seen splits (bench/entities, the pristine split
among them); each test pins a pair that must merge and one that must stay apart.
"""

from __future__ import annotations

from test_entities import _by_name, _entities, _together


def test_a_name_and_the_alias_the_text_states_are_one() -> None:
    entities = _entities(
        "Chief negotiator [Ahmed Qureia|PERSON] met the envoy.",
        "``All means are open,'' [Qureia|PERSON], who is also known as [Abu Ala|PERSON], said.",
    )
    assert _together(entities, "Ahmed Qureia", "Abu Ala")
    # The phrase may open the sentence, before the alias and then the name.
    entities = _entities("Better known as [Apo|PERSON], [Ocalan|PERSON] founded the party.")
    assert _together(entities, "Ocalan", "Apo")
    # A verb is no stated alias: "called" or "dubbed" without a clause's comma.
    entities = _entities("[Tom Smith|PERSON] dubbed [Ann Jones|PERSON] a liar.")
    assert len(entities) == 2


def test_a_group_described_by_its_members_takes_the_stated_name_alone() -> None:
    # "the former Communists, known as the Democratic Party of the Left": that mention is the
    # party named; the story's other Communists stay the Communist Refoundation Party.
    entities = _entities(
        "The [Communists|NORP] of [the Communist Refoundation Party|ORG] voted no.",
        "Prodi leads the former [Communists|NORP], known as [the Democratic Party of the "
        "Left|ORG], and others.",
    )
    left = _by_name(entities)["Democratic Party of the Left"]
    assert [span.article_id for span in left.mentions] == ["a1", "a1"]
    assert len(_by_name(entities)["Communist Refoundation Party"].mentions) == 2


def test_a_handle_is_the_name_of_its_owner() -> None:
    # A post signed "name ( @handle )"; a handle that spells a full name; a team's handle that
    # spells the words the text writes on after the city ("chicago cubs").
    entities = _entities(
        "take in the game. — [erick montoya|PERSON] ( [@bullsbulletin|ORG] ) october 8",
        "players [jimmy butler|PERSON] and [@jimmybutler|ORG] at the [@cubs|GPE] game",
        "a big time to be a [chicago|GPE] cubs fan",
    )
    assert _together(entities, "erick montoya", "@bullsbulletin")
    assert _together(entities, "jimmy butler", "@jimmybutler")
    assert _together(entities, "chicago", "@cubs")
    assert _by_name(entities)["jimmy butler"].variants == ("@jimmybutler",)
    # A handle no name spells, or that two names spell, names no one shown.
    entities = _entities(
        "[Ann Lee|PERSON] and [@annlee2|ORG] and [@lee|ORG]; [Ann Lee|PERSON] of [Leeds|GPE]."
    )
    assert {e.name for e in entities} == {"Ann Lee", "Leeds"}


def test_a_name_cut_at_a_joining_word_is_whole_when_an_acronym_spells_it() -> None:
    entities = _entities(
        "Observers from [the Organization for Security and Cooperation|ORG] in [Europe|LOC] "
        "watched.",
        "Monitors of the [OSCE|ORG] said so.",
    )
    assert len(entities) == 1 and entities[0].type == "ORG"
    assert entities[0].name == "Organization for Security and Cooperation in Europe"
    # The acronym written beside the whole name joins it the same way.
    entities = _entities(
        "Monitors of [the Organization for Security and Cooperation|ORG] in [Europe|LOC] "
        "([OSCE|ORG]) came."
    )
    assert len(entities) == 1 and entities[0].variants == ("OSCE",)
    # Without an acronym that only the whole name spells, a city after "in" stays a city.
    entities = _entities("[the Bank of Canada|ORG] in [Ottawa|GPE] and [the BOC|ORG] agreed.")
    assert _by_name(entities)["Ottawa"].type == "GPE"
