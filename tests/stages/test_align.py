from __future__ import annotations

import pytest

from newsweave.model import AlignLevel, Story
from newsweave.pipeline import analyze

BASE = "Prime Minister Jonas Halvorsen and Foreign Minister Elena Marković signed 14 agreements in Kestrel on Monday."


def _pair_level(first: str, second: str) -> AlignLevel | None:
    story: Story = analyze(
        [{"id": "a", "source": "A", "text": first}, {"id": "b", "source": "B", "text": second}],
        one_story=True,
    ).stories[0]
    levels = [p.level for p in story.alignments]
    return levels[0] if levels else None


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (BASE, AlignLevel.VERBATIM),
        (BASE.replace("in Kestrel", "in the city of Kestrel"), AlignLevel.NEAR_VERBATIM),
        (
            "On Monday in Kestrel, fourteen accords were signed by Valdoria's foreign minister Elena Marković "
            "and Norland's prime minister Jonas Halvorsen.",
            AlignLevel.PARAPHRASE,
        ),
    ],
)
def test_align_levels(second: str, expected: AlignLevel) -> None:
    assert _pair_level(BASE, second) is expected


def test_align_different_fact_about_same_people_is_not_the_same_statement() -> None:
    other = "Jonas Halvorsen accused Elena Marković of ignoring the fishermen of the north during the dinner."
    level = _pair_level(BASE, other)
    assert level is None or not level.is_same_statement


def test_align_story_without_alignable_sentences_has_no_alignments() -> None:
    # Two headlines too short to align used to end the whole run (argmax of an empty sequence).
    story = analyze(
        [
            {"id": "a", "source": "x", "text": "Quake hits Chile."},
            {"id": "b", "source": "y", "text": "Quake hits Chile!"},
        ],
        one_story=True,
    ).stories[0]
    assert story.alignments == ()
