"""Claims: the facts of a story, each with every span that states it and how well it is supported.

A claim groups the sentences of different articles that state one fact: aligned sentences (the
alignment pairs each sentence with its closest match in every other article) that the claim
matcher (`_facts.same_fact`) reads as one fact, on their content, not on similarity alone. Two
sentences giving two values of one fact are never one claim: each version is its own claim,
disputed, with the outlets that state it. A sentence that states no fact of its own ("He declined
to comment.", "Now we are partners.", a question) is no claim.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsweave._text import is_suggestion
from newsweave.embed import embed
from newsweave.model import Claim, ClaimStatus, SentencePair, Span, Story
from newsweave.stages.claims._facts import citation_score, number_clash, same_fact, states_fact
from newsweave.stages.claims._slots import content_words, quantities
from newsweave.stages.provenance.copies import independent_groups

# A sentence with fewer content words (stop words and reporting verbs aside) states no fact that
# can be checked against another outlet: "He declined to comment.", "Not everyone was celebrating."
MIN_FACT_WORDS = 3
# An article's last sentence without its full stop was cut off by the outlet or the feed ("the
# group framed its decision to protest ... as a necessity to get"): half a fact is no claim.
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_STATUS_ORDER = {ClaimStatus.CORROBORATED: 0, ClaimStatus.DISPUTED: 1, ClaimStatus.SINGLE_SOURCE: 2}


def add_claims(story: Story) -> Story:
    """The story with `claims`: corroborated facts first (two independent sources or more), then
    disputed ones (a version another outlet contradicts), then single-source ones."""
    # Imported here: the dates stage's timeline reads this stage's fact test (`one_fact`).
    from newsweave.stages.dates import date_only_sentences

    disputed = {span for conflict in story.conflicts for span in (conflict.a, conflict.b)}
    dates_only = date_only_sentences(story)
    cut_off = {
        article.sentences[-1]
        for article in story.articles
        if article.sentences and not _TERMINAL.search(article.quote(article.sentences[-1]))
    }
    sentences = [
        span
        for article in story.articles
        for span in article.sentences
        if span in disputed
        or (span not in dates_only and span not in cut_off and states_a_fact(story.quote(span)))
    ]
    kept = set(sentences)
    same = [
        pair
        for pair in story.alignments
        if pair.a in kept
        and pair.b in kept
        and one_fact(story.quote(pair.a), story.quote(pair.b), pair.cosine)
    ]
    members = _one_fact_groups(story, sentences, same)

    groups = independent_groups(story)
    order = {article.id: index for index, article in enumerate(story.articles)}
    claims = []
    for spans in members:
        spans.sort(key=lambda s: (order[s.article_id], s.start))
        independent = len({groups[s.article_id] for s in spans})
        if disputed.intersection(spans):
            status = ClaimStatus.DISPUTED
        elif independent >= 2:
            status = ClaimStatus.CORROBORATED
        else:
            status = ClaimStatus.SINGLE_SOURCE
        claims.append(Claim(story.quote(spans[0]), status, tuple(spans), independent))
    claims.sort(
        key=lambda c: (
            _STATUS_ORDER[c.status],
            -c.independent_support,
            order[c.support[0].article_id],
            c.support[0].start,
        )
    )
    return replace(story, claims=tuple(claims))


def _one_fact_groups(
    story: Story, sentences: list[Span], same: list[SentencePair]
) -> list[list[Span]]:
    """Sentences joined by one-fact links, closest pairs first, never joining two groups when
    a sentence of one gives another value of the fact than a sentence of the other (a conflict
    found between them, or one thing counted with two values): "3,000 commuters" and "5,000
    commuters" both match "the strike stranded island commuters", yet are two versions."""
    against: dict[Span, set[Span]] = {}
    for conflict in story.conflicts:
        against.setdefault(conflict.a, set()).add(conflict.b)
        against.setdefault(conflict.b, set()).add(conflict.a)
    numbered = {span for span in sentences if quantities(story.quote(span))}
    number_clashes: dict[tuple[Span, Span], bool] = {}

    def clash(first: Span, second: Span) -> bool:
        if second in against.get(first, ()):
            return True
        if first not in numbered or second not in numbered:
            return False
        # Two groups are compared again each time one of them grows: each pair is read once.
        key = (first, second)
        if key not in number_clashes:
            number_clashes[key] = number_clash(story.quote(first), story.quote(second))
        return number_clashes[key]

    # Each group: its members, and those of them that can clash at all (a number, or a conflict
    # found). Only the latter are compared, so merging large groups does not grow with their
    # square.
    group_of = {
        span: ([span], [span] if span in numbered or span in against else []) for span in sentences
    }
    for pair in sorted(same, key=lambda p: -p.cosine):
        first, second = group_of[pair.a], group_of[pair.b]
        if first is second or any(clash(x, y) for x in first[1] for y in second[1]):
            continue
        first[0].extend(second[0])
        first[1].extend(second[1])
        for span in second[0]:
            group_of[span] = first
    groups: dict[int, list[Span]] = {}
    for members, _ in group_of.values():
        groups.setdefault(id(members), members)
    return list(groups.values())


def one_fact(first: str, second: str, cosine: float) -> bool:
    """Two outlets' sentences state one fact: the matcher says so, or either states the other's
    whole fact in more words ("About 3,000 people protested" / "About 3,000 people, many of them
    fishermen, protested outside the Chancellery during the talks")."""
    return (
        same_fact(first, second, cosine)
        or states_fact(first, second, cosine)
        or states_fact(second, first, cosine)
    )


def states_a_fact(sentence: str) -> bool:
    """Whether a sentence says enough to be a claim of its own: not a question ("Who would
    fill Egypt's power void?", an explainer's heading) nor a suggestion ("Let's go to Cairo")."""
    asks = sentence.rstrip().endswith("?")
    if asks or is_suggestion(sentence):
        return False
    return len(content_words(sentence)) >= MIN_FACT_WORDS


def attribute_summary(story: Story) -> Story:
    """Every summary sentence cites exactly the articles whose span states its fact: the spans
    the summarizer found, and those of its claim that the citation rule accepts too (a claim
    groups sentences on the same fact; a citation must state this sentence's version of it).
    A sentence is disputed when its span, or one cited for it, is part of a conflict."""
    claim_of = {span: claim for claim in story.claims for span in claim.support}
    in_conflict = {span for conflict in story.conflicts for span in (conflict.a, conflict.b)}
    items = []
    for item in story.summary:
        if not item.support:
            items.append(item)
            continue
        own = item.support[0]
        cited = {span.article_id for span in item.support}
        claim = claim_of.get(own)
        extra = [
            span
            for span in (claim.support if claim else ())
            if span.article_id not in cited and span not in item.support
        ]
        support = list(item.support)
        if extra:
            vectors = embed([item.text, *(story.quote(span) for span in extra)])
            best: dict[str, tuple[float, Span]] = {}
            for span, cosine in zip(extra, (vectors[1:] @ vectors[0]).tolist(), strict=True):
                text = story.quote(span)
                if states_fact(item.text, text, cosine):
                    score = citation_score(item.text, text, cosine)
                    if score > best.get(span.article_id, (-1.0, span))[0]:
                        best[span.article_id] = (score, span)
            support += [span for _, span in best.values()]
        disputed = bool(in_conflict.intersection(support))
        items.append(replace(item, support=tuple(support), disputed=disputed))
    return replace(story, summary=tuple(items))
