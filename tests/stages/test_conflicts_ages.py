"""A person's age, read beside their name, conflicts in any two aligned sentences."""

from __future__ import annotations

import pytest

from newsweave.model import Story
from newsweave.pipeline import analyze


def _story(first: str, second: str) -> Story:
    articles = [
        {"id": "a", "source": "Alpha", "published": "2026-11-16T10:00:00", "text": first},
        {"id": "b", "source": "Beta", "published": "2026-11-16T12:00:00", "text": second},
    ]
    return analyze(articles, one_story=True).stories[0]


@pytest.mark.parametrize(
    ("first", "second", "ages"),
    [
        (  # one person, two loosely worded sentences about the same hearing
            "Robert Hale, 80, appeared in Kestrel criminal court, wearing a gray suit and "
            "sporting a lump on his forehead.",
            "Robert Hale, 53, was before a Kestrel criminal court judge for the first time "
            "since the brawl.",
            {"80", "53"},
        ),
        (  # a name written in lower case, as some feeds print their text
            "Her parents, naomi findlay, 46, and dean wilkins, 43, of kestrel, found out in "
            "june that they were expecting their first child.",
            "Her parents, naomi findlay, 31, and dean wilkins, 43, of kestrel, were advised "
            "that ending the pregnancy was the only option, they said.",
            {"46", "31"},
        ),
        (  # a person named by a common noun, in one statement told twice
            "Police said the woman, 38, was attacked near the town of Varna after she tried "
            "to hitch a ride to the valley early Sunday.",
            "Police said a 25-year-old woman was attacked near the town of Varna after she "
            "tried to hitch a ride to the valley early Sunday.",
            {"38", "25-year-old"},
        ),
    ],
)
def test_conflicts_ages_of_one_person_disagree(first: str, second: str, ages: set[str]) -> None:
    story = _story(first, second)
    found = [c for c in story.conflicts if c.kind == "number"]
    assert len(found) == 1
    assert all(age in found[0].explanation for age in ages)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (  # two people of one family name
            "Harold Knight, 67, has been on the run since January, when police say he "
            "strangled his wife at their home in Varna.",
            "Sara Knight, 48, was found strangled at the couple's home in Varna in January, "
            "police say.",
        ),
        (  # a birthday between two reports
            "Robert Hale, 53, appeared in Kestrel criminal court, wearing a gray suit.",
            "Robert Hale, 54, was before a Kestrel criminal court judge for the first time.",
        ),
    ],
)
def test_conflicts_ages_of_two_people_or_one_birthday_agree(first: str, second: str) -> None:
    assert [c.kind for c in _story(first, second).conflicts if c.kind == "number"] == []
