"""Claims and citations: a citation states the sentence's fact; another value is never support."""

from __future__ import annotations

from newsweave.embed import embed
from newsweave.stages.claims._facts import number_clash, same_fact, states_fact


def _cosine(first: str, second: str) -> float:
    vectors = embed([first, second])
    return float(vectors[0] @ vectors[1])


def test_a_rewording_of_the_fact_is_cited() -> None:
    sentence = "Damage to the Wasilla Bible Church was estimated at $1 million, authorities said."
    span = "Damage to the church was estimated at $1 million, officials said on Saturday."
    assert states_fact(sentence, span, _cosine(sentence, span))


def test_another_value_of_the_fact_is_never_cited() -> None:
    sentence = "Valdoria and Norland signed 14 agreements on energy, trade and education on Monday."
    span = "Norland and Valdoria signed 12 agreements on energy, trade and education on Monday."
    assert number_clash(sentence, span)
    assert not states_fact(sentence, span, _cosine(sentence, span))
    assert not same_fact(sentence, span, _cosine(sentence, span))


def test_a_sentence_on_the_same_topic_is_not_cited() -> None:
    sentence = "The fire is being investigated as a possible case of arson."
    span = "Firefighters were called to the blaze at around 9:40 p.m. on Friday."
    assert not states_fact(sentence, span, _cosine(sentence, span))


def test_a_number_said_in_both_is_no_clash() -> None:
    assert not number_clash("About 1,500 Kurds protested.", "Some 1,500 Kurds rallied in Rome.")


def test_a_sentence_that_states_no_fact_is_no_claim() -> None:
    from newsweave.stages.claims import states_a_fact

    assert not states_a_fact("He declined to comment.")
    assert not states_a_fact("Now we are partners.")
    assert states_a_fact("Negotiators meet again on Tuesday.")


def test_a_longer_wording_of_one_fact_is_one_claim() -> None:
    from newsweave.stages.claims import one_fact

    short = "About 3,000 people protested outside the Chancellery during the talks."
    longer = (
        "About 3,000 people, many of them fishermen from the northern coast, protested outside "
        "the Chancellery during the talks, waving flags and blowing ship horns."
    )
    assert one_fact(short, longer, _cosine(short, longer))
    other = "About 5,000 people protested outside the Chancellery during the talks."
    assert not one_fact(short, other, _cosine(short, other))
