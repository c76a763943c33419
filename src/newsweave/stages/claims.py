"""Claims: aligned statements grouped across articles, with their support and status."""

from __future__ import annotations

from dataclasses import replace

from newsweave.embed import embed
from newsweave.model import Claim, ClaimStatus, Span, Story
from newsweave.stages._facts import citation_score, states_fact
from newsweave.stages._graph import connected_groups
from newsweave.stages.copies import independent_groups


def add_claims(story: Story) -> Story:
    """The story with `claims`: every sentence belongs to one claim, stated by one or more
    articles; a claim is corroborated when two independent sources state it, disputed when
    one of its sentences is part of a conflict."""
    sentences = [span for article in story.articles for span in article.sentences]
    same = [(pair.a, pair.b) for pair in story.alignments if pair.level.is_same_statement]
    members: dict[int, list[Span]] = {}
    for span, group in connected_groups(sentences, same).items():
        members.setdefault(group, []).append(span)

    groups = independent_groups(story)
    disputed = {span for conflict in story.conflicts for span in (conflict.a, conflict.b)}
    order = {article.id: index for index, article in enumerate(story.articles)}
    claims = []
    for spans in members.values():
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
        key=lambda c: (-c.independent_support, order[c.support[0].article_id], c.support[0].start)
    )
    return replace(story, claims=tuple(claims))


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
