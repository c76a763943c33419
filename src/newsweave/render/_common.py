"""Presentation helpers every renderer shares: citations, independence labels, groupings.

Nothing here analyses text; it only rearranges what the stages put in a `Story`.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from collections import Counter
from collections.abc import Iterable

from newsweave.model import Claim, ClaimStatus, Relation, Removal, Span, Story

# Claims are shown in this order: what is established, what is contested, what rests on one outlet.
CLAIM_ORDER: tuple[ClaimStatus, ...] = (
    ClaimStatus.CORROBORATED,
    ClaimStatus.DISPUTED,
    ClaimStatus.SINGLE_SOURCE,
)

CLAIM_LABELS: dict[ClaimStatus, str] = {
    ClaimStatus.CORROBORATED: "Corroborated",
    ClaimStatus.DISPUTED: "Disputed",
    ClaimStatus.SINGLE_SOURCE: "Single source",
}

RELATION_PHRASES: dict[Relation, str] = {
    Relation.DUPLICATE: "duplicate of",
    Relation.COPY: "copy of",
    Relation.REWRITE: "rewrite of",
    Relation.COMMON_SOURCE: "shares a source with",
}


# Characters a terminal acts on rather than shows: C0 and C1 controls (escape sequences, new
# lines, carriage returns) and the bidirectional overrides that reorder what is shown.
_CONTROLS: dict[int, str] = {
    **{code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))},
    **{code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
    0x09: "\\t",
    0x0A: "\\n",
    0x0D: "\\r",
}


def printable(text: str) -> str:
    """`text` as one inert line: every control character is shown as its escape (`\\x1b`, `\\n`),
    so a title or a file name can neither send a terminal command nor start a new line.

    Example:
        >>> printable("evil\\ningested x \\x1b[2J")
        'evil\\\\ningested x \\\\x1b[2J'
    """
    return text.translate(_CONTROLS)


def package_version() -> str:
    """The installed newsweave version, for stamping reports."""
    try:
        return importlib.metadata.version("newsweave")
    except importlib.metadata.PackageNotFoundError:
        # Running from a source tree that was never installed.
        import newsweave

        return str(getattr(newsweave, "__version__", "0.1.0"))


def cited_ids(spans: Iterable[Span]) -> list[str]:
    """The article ids of `spans`, each once, in first-seen order."""
    return list(dict.fromkeys(span.article_id for span in spans))


def format_published(published: dt.datetime | None) -> str:
    """A short, readable publication time: `2026-11-15 14:05`, or `2026-11-15` at midnight."""
    if published is None:
        return ""
    if (published.hour, published.minute, published.second) == (0, 0, 0):
        return published.date().isoformat()
    return published.strftime("%Y-%m-%d %H:%M")


def dependence(story: Story) -> dict[str, tuple[Relation, str]]:
    """For each article that reuses another, how and whose: {"a2": (Relation.COPY, "a1")}."""
    reused: dict[str, tuple[Relation, str]] = {}
    for link in story.provenance:
        reused.setdefault(link.derived_article, (link.relation, link.source_article))
    return reused


def is_independence_known(story: Story) -> bool:
    """Whether the copy stage has looked at this story at all."""
    return story.independent_sources is not None or bool(story.provenance)


def outlet_count(story: Story) -> int:
    return len({article.source for article in story.articles})


def claims_by_status(claims: Iterable[Claim]) -> list[tuple[ClaimStatus, list[Claim]]]:
    """Non-empty groups of claims in `CLAIM_ORDER`, each keeping the story's order."""
    groups: list[tuple[ClaimStatus, list[Claim]]] = []
    claims = list(claims)
    for status in CLAIM_ORDER:
        members = [claim for claim in claims if claim.status is status]
        if members:
            groups.append((status, members))
    return groups


def removed_by_reason(removed: Iterable[Removal]) -> list[tuple[str, list[Removal]]]:
    """Removals grouped by reason, biggest group first, then by reason name."""
    groups: dict[str, list[Removal]] = {}
    for removal in removed:
        groups.setdefault(removal.reason, []).append(removal)
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def source_labels(story: Story) -> dict[str, str]:
    """A short label per article id: the outlet, plus the id when an outlet has several."""
    per_source = Counter(article.source for article in story.articles)
    return {
        a.id: a.source if per_source[a.source] == 1 else f"{a.source} · {a.id}"
        for a in story.articles
    }
