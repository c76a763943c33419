"""Claims and citations: a citation states the sentence's fact; another value is never support."""

from __future__ import annotations

from dataclasses import replace

from newsweave.embed import embed
from newsweave.model import (
    AlignLevel,
    Article,
    ClaimStatus,
    Conflict,
    CopyLink,
    Relation,
    SentencePair,
    Span,
    Story,
)
from newsweave.stages.claims import add_claims
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
    assert not states_a_fact("Who would fill Egypt's power void?")  # an explainer's heading
    assert states_a_fact('She asked: "Who will pay the crew members this winter?"')
    # A suggestion or a host's hand-over asserts nothing.
    assert not states_a_fact("Let's go to Kestrel right now.")
    assert not states_a_fact("ANCHOR: Let's talk about the days ahead for the ferry line.")
    assert not states_a_fact("Let me ask you about the strike and the fishing quotas.")
    assert states_a_fact("Lethal force was used against the crowd, officials said.")
    assert states_a_fact("The minister let us know that the talks had failed on Monday.")


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


WALKOUT = "Ferry crews in Grenhavn walked out on Monday over planned pay cuts."
TALKS = "Talks between the union and the ferry company resume on Thursday."
STRANDED = "The strike stranded {} island commuters, the port authority said."


def _article(article_id: str, *sentences: str) -> Article:
    text = " ".join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append(Span(article_id, start, start + len(sentence)))
        start += len(sentence) + 1
    return Article(
        id=article_id, source=article_id, raw_text=text, text=text, sentences=tuple(spans)
    )


def _pair(a: Span, b: Span, story: Story, level: AlignLevel) -> SentencePair:
    return SentencePair(a, b, level, _cosine(story.quote(a), story.quote(b)), 0.0)


def test_claims_a_copy_does_not_corroborate_and_two_versions_are_two_disputed_claims() -> None:
    wire = _article("wire", WALKOUT, TALKS, STRANDED.format("3,000"))
    echo = _article("echo", WALKOUT, TALKS, "He declined to comment.")  # copied from the wire
    herald = _article(
        "herald",
        "Grenhavn's ferry crews went on strike on Monday in a dispute over planned pay cuts.",
        STRANDED.format("5,000"),
    )
    story = Story("s", "Ferry strike", (wire, echo, herald))
    w, e, h = wire.sentences, echo.sentences, herald.sentences
    story = replace(
        story,
        alignments=(
            _pair(w[0], e[0], story, AlignLevel.VERBATIM),
            _pair(w[1], e[1], story, AlignLevel.VERBATIM),
            _pair(w[0], h[0], story, AlignLevel.PARAPHRASE),
            _pair(e[0], h[0], story, AlignLevel.PARAPHRASE),
            _pair(w[2], h[1], story, AlignLevel.NEAR_VERBATIM),
        ),
        provenance=(CopyLink("wire", "echo", Relation.COPY, 0.67),),
        conflicts=(Conflict("number", w[2], h[1], "3,000 or 5,000 commuters"),),
    )

    claims = add_claims(story).claims

    found = [(c.status, c.independent_support, [s.article_id for s in c.support]) for c in claims]
    assert found == [
        (ClaimStatus.CORROBORATED, 2, ["wire", "echo", "herald"]),
        (ClaimStatus.DISPUTED, 1, ["wire"]),
        (ClaimStatus.DISPUTED, 1, ["herald"]),
        # Stated by two articles, but the echo copied the wire: one source.
        (ClaimStatus.SINGLE_SOURCE, 1, ["wire", "echo"]),
    ]
    assert claims[0].text == WALKOUT


def test_a_number_counts_the_head_of_its_noun_phrase() -> None:
    # The first noun after "5,000" is "island"; the noun it counts is "commuters", as in the
    # other sentence: two values of one fact, never one claim.
    first = "About 3,000 commuters on the islands were stranded by the strike."
    second = "The strike stranded 5,000 island commuters, the port authority said."
    assert number_clash(first, second)
    assert not same_fact(first, second, _cosine(first, second))
    # Different head nouns after a shared first word are two counts, not a clash.
    assert not number_clash(
        "The storm destroyed 300 island homes.", "The storm stranded 5,000 island commuters."
    )


def test_a_claim_never_joins_two_values_through_a_sentence_without_one() -> None:
    unnumbered = "The strike stranded island commuters, the port authority said."
    wire = _article("wire", WALKOUT, STRANDED.format("3,000"))
    plain = _article("plain", unnumbered)
    herald = _article("herald", WALKOUT, STRANDED.format("5,000"))
    story = Story("s", "Ferry strike", (wire, plain, herald))
    w, p, h = wire.sentences, plain.sentences, herald.sentences
    story = replace(
        story,
        alignments=(
            _pair(w[1], p[0], story, AlignLevel.PARAPHRASE),
            _pair(p[0], h[1], story, AlignLevel.PARAPHRASE),
            _pair(w[0], h[0], story, AlignLevel.VERBATIM),
        ),
    )

    claims = add_claims(story).claims

    for claim in claims:
        assert not {w[1], h[1]} <= set(claim.support), claim
    assert any(w[1] in c.support for c in claims) and any(h[1] in c.support for c in claims)


def test_a_page_stamp_standing_as_a_sentence_is_no_claim() -> None:
    # ECB+ 12_6ecbplus: "Posted on November 15, 2011 6: 07: 15 PM GMT+01: 0" was a claim.
    from newsweave.pipeline import analyze

    text = (
        "Posted on November 15, 2011 6: 07: 15 PM GMT+01: 0\n"
        "The navy foiled a pirate attack in the Gulf of Aden on Thursday and seized 26 pirates."
    )
    [story] = analyze([{"id": "a", "text": text, "source": "Outlet"}]).stories
    texts = [story.quote(span) for claim in story.claims for span in claim.support]
    assert texts and not any("Posted on" in text for text in texts)


def test_an_articles_last_sentence_cut_off_is_no_claim() -> None:
    # Multi-News 4120: "the group framed its decision to protest by backing up the 64-mile capital
    # beltway as a necessity to get" (the feed cut it) was a claim.
    from newsweave.pipeline import analyze

    text = (
        "Truckers plan to circle the capital beltway on Friday to protest fuel taxes.\n"
        "The group framed its decision to protest by backing up the beltway as a necessity to get"
    )
    [story] = analyze([{"id": "a", "text": text, "source": "Outlet"}]).stories
    texts = [story.quote(span) for claim in story.claims for span in claim.support]
    assert texts == ["Truckers plan to circle the capital beltway on Friday to protest fuel taxes."]


def test_two_units_and_the_rest_of_a_count_are_no_clash() -> None:
    # ECB+ 18_11ecbplus / 18_2ecbplus: one building measured in square metres and in square feet
    # (a tokenized crawl spaces the compound); 18_4ecbplus / 18_9ecbplus: "the three victims"
    # and "the two other victims", the rest of the count.
    assert not number_clash(
        "The 15, 800 - square - metre building houses a number of businesses.",
        "The 170, 000 - square - foot building houses a number of businesses.",
    )
    assert not number_clash(
        "The three victims were taken to Beaumont Hospital in Royal Oak.",
        "The two other victims were being treated at Beaumont Hospital in Royal Oak.",
    )
    # Two rests of one count still clash, as two units of one kind do.
    assert number_clash(
        "The two other victims were being treated at Beaumont Hospital.",
        "The five other victims were being treated at Beaumont Hospital.",
    )
    assert number_clash(
        "The 15, 800 - square - metre building houses a number of businesses.",
        "The 9, 000 - square - metre building houses a number of businesses.",
    )


def test_years_ago_and_a_span_of_years_are_no_clash() -> None:
    # T17 haiti 2010-01-13: "the biggest quake in Haiti in 200 years" against "the last major
    # earthquake in this part of Haiti was 150 years ago": when, and how long.
    assert not number_clash(
        "It was the biggest quake in Haiti in 200 years.",
        "The last major earthquake in this part of Haiti was 150 years ago.",
    )
    assert number_clash("The plant closed five years ago.", "The plant closed seven years ago.")
