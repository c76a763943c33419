"""Entities: a name's type read from the words around it, over all its mentions (issue 16).

spaCy types a company in capitals, or the subject of "said", a person, a charity a place, a
town a person; words beside the name say better. Each test pins names typed by such words and
a name the same shapes leave as it was.
"""

from __future__ import annotations

import pytest
from test_entities import _by_name, _entities


@pytest.mark.parametrize(
    "marked",
    [
        # A kind of body right before the name, or set after it in commas.
        "Subsea cable operator [Norvacom|PERSON] said the link was down. [Norvacom|PERSON] said.",
        "The charity, [Brightwell|LOC], sent water. [Brightwell|LOC] says it has staff ready.",
        "[Halvern Telecom|PERSON], a British telephone company, hired them. "
        "[Halvern Telecom|PERSON] said.",
        "The daily [Yildizhan|PERSON] said 10,000 troops were deployed.",
        # What a body has, after its possessive or "its"; a thing the name names.
        "[NORVACOM|PERSON] said. [NORVACOM's|PERSON] partner network failed.",
        "[Cyberline|PERSON] posted on its website that service was restored.",
        "Users complained about problems on the [NORVACOM|PERSON] cable. [NORVACOM|PERSON] said.",
        # A plural tagged a person after "the": a team, a band.
        "The city went bonkers for the [Sandpipers|PERSON]. Go [Sandpipers|PERSON]!",
    ],
)
def test_entities_words_that_call_a_name_a_body_make_it_an_organisation(marked: str) -> None:
    assert {entity.type for entity in _entities(marked)} == {"ORG"}


@pytest.mark.parametrize(
    "marked",
    [
        # A person's words: a role, what a person has, a job that only sounds like a body.
        "[Jane Keller|PERSON], a company director, said. [Jane Keller's|PERSON] wife waited.",
        "For the company, [Keller|PERSON] said the plant would close.",
        "CEO [Tom Arvid|PERSON] said [Tom Arvid's|PERSON] network of friends helped.",
        # A family the story names: "the Kennedys" beside "Ted Kennedy".
        "[Ted Kennedy|PERSON] was there, and so were the [Kennedys|PERSON].",
    ],
)
def test_entities_a_persons_words_keep_a_person(marked: str) -> None:
    assert {entity.type for entity in _entities(marked)} == {"PERSON"}


@pytest.mark.parametrize(
    ("marked", "place"),
    [
        # A country or region of the story set after the name, in brackets or commas.
        ("A cable between [Abu Kalat|PERSON] ([Egypt|GPE]) and [Marsena|PERSON] ([France|GPE]).",
         "Abu Kalat"),
        ("A man from [Dexford|PERSON], [Michigan|GPE], tipped off the police.", "Dexford"),
        # Words that call one mention a place make all its mentions one.
        ("The race to [Holbart|PERSON] started. Boats came into [Holbart|PERSON], "
         "capital of the island state of [Tasmania|GPE].", "Holbart"),
        ("The quake struck the city of [Bandar Kassim|PERSON]. South of [Bandar Kassim|PERSON] "
         "nothing fell.", "Bandar Kassim"),
        ("Fire hit a church in her hometown of [Wasford|PERSON].", "Wasford"),
    ],
)
def test_entities_a_name_the_text_calls_a_place_is_a_place(marked: str, place: str) -> None:
    entity = _by_name(_entities(marked))[place]
    assert entity.type == "GPE"


@pytest.mark.parametrize(
    "marked",
    [
        # A player and his country; a person who speaks; the surname of a person named in full.
        "[Rafael Nadal|PERSON] ([Spain|GPE]) beat [Roger Federer|PERSON] ([Switzerland|GPE]).",
        "[Kellerman|PERSON] ([Germany|GPE]) said he would stay.",
        "[Sarah Pallin|PERSON] spoke. Wasford is the hometown of [Pallin|PERSON].",
    ],
)
def test_entities_a_person_set_beside_a_country_stays_a_person(marked: str) -> None:
    assert "PERSON" in {entity.type for entity in _entities(marked)}
    people = [e for e in _entities(marked) if e.type != "GPE"]
    assert all(entity.type == "PERSON" for entity in people)


def test_entities_a_ship_is_no_person_and_its_name_alone_is_the_ship() -> None:
    # ECB+ topic 12 (a navy's frigate and the freighter it saved): both typed PERSON.
    entities = _by_name(
        _entities(
            "The frigate [INS Mysore|PERSON] answered a call from [MV Gibe|PERSON]. "
            "[Mysore|PERSON] sent commandos.",
            "Pirates fired on [Gibe|PERSON] before the [INS Mysore|ORG] arrived.",
        )
    )
    assert entities["INS Mysore"].type == "PRODUCT" and entities["MV Gibe"].type == "PRODUCT"
    assert "Mysore" in entities["INS Mysore"].variants and "Gibe" in entities["MV Gibe"].variants


@pytest.mark.parametrize(
    "marked",
    [
        # T17 mj 2011-11-08: "an overdose of Propofol" was a person at every mention.
        "The doctor gave the singer an anesthetic called [Kelvorin|PERSON] at night. "
        "He died of an overdose of [Kelvorin|PERSON].",
        "[Kelvorin|PERSON] is a fast-acting hospital sedative. Nurses stocked [Kelvorin|PERSON].",
        "A dose of the powerful sedative, [Kelvorin|PERSON], killed him.",
        "He was given a 10 milligram tablet of [Kelvorin|PERSON] at 1.30am.",
    ],
)
def test_entities_a_name_the_text_calls_a_drug_is_a_product(marked: str) -> None:
    assert {entity.type for entity in _entities(marked)} == {"PRODUCT"}


def test_entities_a_person_after_a_drug_word_stays_a_person() -> None:
    # "for the vaccine, Smith said": no apposition; and a person who speaks is one.
    marked = "Asked about the vaccine, [Ann Varga|PERSON] said it was safe. [Varga|PERSON] said."
    assert {entity.type for entity in _entities(marked)} == {"PERSON"}


def test_entities_a_name_ending_in_a_landform_word_is_a_place() -> None:
    # The demo: "the Grey Banks" (fishing grounds) was an organisation at every mention.
    marked = (
        "The coast guard detained two trawlers near the [Grey Banks|ORG]. "
        "Quotas for the [Grey Banks|ORG] were left out."
    )
    assert {entity.type for entity in _entities(marked)} == {"LOC"}
    # A body's own words still make it one: "the Banks" of a bank's name stay an organisation.
    marked = "[Harbour Banks|ORG] said its shares rose. [Harbour Banks|ORG] posted on its website."
    assert {entity.type for entity in _entities(marked)} == {"ORG"}
