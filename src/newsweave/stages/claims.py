"""Claims: aligned statements grouped across articles, with their support and status."""

from __future__ import annotations

from dataclasses import replace

from newsweave.model import Claim, ClaimStatus, Span, Story
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
    """Every summary sentence cites every article the alignment found stating the same claim,
    besides those the summarizer matched itself; a disputed claim lends no support."""
    claim_of = {span: claim for claim in story.claims for span in claim.support}
    items = []
    for item in story.summary:
        claim = claim_of.get(item.support[0]) if item.support else None
        support = list(item.support)
        if claim is not None and claim.status is not ClaimStatus.DISPUTED:
            support += [span for span in claim.support if span not in support]
        items.append(replace(item, support=tuple(support)))
    return replace(story, summary=tuple(items))
