"""One thing under two names: several outlets write each name in one slot, one writes both."""

from __future__ import annotations

from newsweave.model import Story
from newsweave.pipeline import analyze

_NAMED_BY_ITS_COUNTRY = [
    "Norway has sent 2,000 troops to its northern border with Sweden amid growing tensions "
    "between the two neighbours. The government in Oslo called the move a precaution.",
    "Norway has sent troops to its northern border with Sweden amid growing tensions, "
    "officials said.",
]


def _story(texts: list[str]) -> Story:
    articles = [
        {"id": f"a{index}", "source": f"Outlet {index}", "text": text}
        for index, text in enumerate(texts)
    ]
    return analyze(articles, one_story=True).stories[0]


def _places(story: Story) -> list[str]:
    return [c.explanation for c in story.conflicts if c.kind == "place"]


def test_conflicts_aliases_two_names_each_written_by_several_outlets_are_one_thing() -> None:
    story = _story(
        [
            *_NAMED_BY_ITS_COUNTRY,
            "Oslo has sent troops to its northern border with Sweden, prompting fears of a "
            "clash between the two neighbours.",
            "Oslo has sent troops to the northern border with Sweden amid growing tensions, "
            "the agency said.",
        ]
    )
    assert _places(story) == []


def test_conflicts_aliases_one_outlet_against_the_others_still_conflicts() -> None:
    # The shape of a planted or mistaken name: one sentence alone puts it in the slot.
    story = _story(
        [
            *_NAMED_BY_ITS_COUNTRY,
            "Norway has sent troops to its northern border with Sweden, prompting fears of a "
            "clash between the two neighbours.",
            "Oslo has sent troops to the northern border with Sweden amid growing tensions, "
            "the agency said.",
        ]
    )
    assert len(_places(story)) == 1


def test_conflicts_aliases_needs_an_outlet_naming_both() -> None:
    # Two camps of outlets, none naming the other's choice: a split to show, not an alias.
    story = _story(
        [
            "Norway has sent 2,000 troops to its northern border with Sweden amid growing "
            "tensions between the two neighbours.",
            *_NAMED_BY_ITS_COUNTRY[1:],
            "Oslo has sent troops to its northern border with Sweden, prompting fears of a "
            "clash between the two neighbours.",
            "Oslo has sent troops to the northern border with Sweden amid growing tensions, "
            "the agency said.",
        ]
    )
    assert len(_places(story)) == 1
