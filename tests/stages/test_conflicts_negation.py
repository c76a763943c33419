"""Issue 17, conflicts: what a negation says, and when the other side says it too."""

from __future__ import annotations

import pytest

from newsweave.pipeline import analyze


def _conflict_kinds(first: str, second: str) -> list[str]:
    articles = [
        {"id": "a", "source": "Alpha", "text": first},
        {"id": "b", "source": "Beta", "text": second},
    ]
    return [c.kind for c in analyze(articles, one_story=True).stories[0].conflicts]


@pytest.mark.parametrize(
    "second",
    [
        "This was the first time such a night landing on the Grey Banks had ever been attempted.",
        "It was the most daring night landing on the Grey Banks ever attempted.",
    ],
)
def test_conflicts_a_first_time_says_it_never_happened_before(second: str) -> None:
    first = "Such a night landing on the Grey Banks had never been attempted before."
    assert _conflict_kinds(first, second) == []


def test_conflicts_a_negation_against_a_plain_statement_still_conflicts() -> None:
    assert _conflict_kinds(
        "Such a night landing on the Grey Banks had never been attempted before.",
        "Such a night landing on the Grey Banks had been attempted before.",
    ) == ["negation"]
