"""Issue 17, conflicts: which act a weekday or a figure belongs to."""

from __future__ import annotations

from newsweave.model import Story
from newsweave.pipeline import analyze
from newsweave.stages.claims.conflicts._syntax import dated_acts, in_another_event


def _undated_story(first: str, second: str) -> Story:
    articles = [
        {"id": "a", "source": "Alpha", "text": first},
        {"id": "b", "source": "Beta", "text": second},
    ]
    return analyze(articles, one_story=True).stories[0]


def _at(sentence: str, words: str) -> tuple[int, int]:
    start = sentence.index(words)
    return start, start + len(words)


def test_conflicts_a_day_dates_the_verbs_coordinated_with_its_own() -> None:
    sentence = (
        "The coast guard on Wednesday stopped a smuggling attempt near the Grey Banks and "
        "detained 14 armed smugglers."
    )
    acts = dated_acts(sentence, *_at(sentence, "Wednesday"))
    assert [role.predicate for role, _ in acts] == ["stop", "detain"]
    assert acts[1][1] == {
        "agent": frozenset({"guard", "coast"}),
        "patient": frozenset({"smuggler"}),
    }
    # A coordinated verb with a day of its own is dated by that day only.
    sentence = "The minister died on Tuesday and was buried in Kestrel on Friday."
    assert [role.predicate for role, _ in dated_acts(sentence, *_at(sentence, "Tuesday"))] == [
        "die"
    ]


def test_conflicts_a_day_of_two_coordinated_acts_conflicts_with_the_second_acts_day() -> None:
    # Merely related sentences: the weekdays must date one act of the same parties, and the
    # detention is dated by the day written before "foiled".
    story = _undated_story(
        "The coast guard on Wednesday foiled a raid in the crowded harbour of Kestrel and "
        "detained 14 heavily armed smugglers.",
        "Taking the lead in a long fight against the gangs that plague the fishing fleets, the "
        "coast guard detained 14 smugglers on Saturday.",
    )
    assert [c.kind for c in story.conflicts] == ["weekday"]
    # Another party's act on another day is another event.
    story = _undated_story(
        "The coast guard on Wednesday foiled a raid in the crowded harbour of Kestrel and "
        "detained 14 heavily armed smugglers.",
        "In another blow to the gangs that plague the region's fishing fleets, the navy on "
        "Saturday detained 14 smugglers.",
    )
    assert story.conflicts == ()


def test_conflicts_a_figure_given_by_an_estimate_counts_what_the_other_verb_did() -> None:
    # "was estimated at" sizes the damage another outlet says the floods caused: one figure
    # told with two verbs, not two actions' statistics.
    story = _undated_story(
        "The cost of damage to shops and homes in Kestrel alone was estimated by the regional "
        "chamber of commerce at about 30 million euros.",
        "Eight days of flooding have caused 12 million euros of damage to shops in Kestrel alone.",
    )
    assert [c.kind for c in story.conflicts] == ["number"]


def test_conflicts_a_day_in_a_phrase_of_another_event_dates_that_event() -> None:
    # "after a fire ... Friday" dates the fire; "charged ... Saturday" the charge.
    two_events = _undated_story(
        "A 40-year-old man was charged with arson Saturday after allegedly setting fire to the "
        "old mill in Kestrel, police said.",
        "A man has been charged with arson after a fire at the old mill in Kestrel Friday.",
    )
    assert two_events.conflicts == ()
    one_act = _undated_story(
        "A 40-year-old man was charged with arson Saturday after allegedly setting fire to the "
        "old mill in Kestrel, police said.",
        "A man was charged with arson Friday after a fire at the old mill in Kestrel.",
    )
    assert [c.kind for c in one_act.conflicts] == ["weekday"]
    sentence = "A man has been charged with arson after a fire at the old mill in Kestrel Friday."
    assert in_another_event(sentence, *_at(sentence, "Friday"))
    sentence = "A man was charged with arson Friday after a fire at the old mill in Kestrel."
    assert not in_another_event(sentence, *_at(sentence, "Friday"))


def test_conflicts_days_of_two_acts_by_two_parties_are_two_days() -> None:
    # The club placed him on the list one day; he twisted his ankle another.
    two_acts = _undated_story(
        "The Rovers placed Lindqvist on the injured list Wednesday with a sprained ankle, "
        "meaning he will miss the club's last two matches of the season.",
        "Lindqvist twisted his ankle last Thursday and the manager said the Rovers decided to put "
        "the striker on the injured list after finding he would miss the club's last two matches.",
    )
    assert two_acts.conflicts == ()
    # One act in two verbs ("placed" / "put") by one party: one day, told two ways.
    one_act = _undated_story(
        "The Rovers placed Lindqvist on the injured list Wednesday with a sprained ankle, "
        "meaning he will miss the club's last two matches of the season.",
        "The Rovers put Lindqvist on the injured list Thursday with a sprained ankle, meaning he "
        "will miss the club's last two matches.",
    )
    assert [c.kind for c in one_act.conflicts] == ["weekday"]


def test_conflicts_the_day_of_a_thing_and_the_day_of_an_act_are_two_days() -> None:
    story = _undated_story(
        "An arrest for careless driving will not affect the status of Rovers striker Erik "
        "Lindqvist for Sunday's cup final.",
        "Rovers striker Erik Lindqvist was arrested for careless driving early Tuesday morning, "
        "which will not affect his status.",
    )
    assert story.conflicts == ()
    # Two days of one thing still disagree.
    story = _undated_story(
        "The Rovers lost Sunday's cup final at Kestrel.",
        "The Rovers lost Saturday's cup final at Kestrel.",
    )
    assert [c.kind for c in story.conflicts] == ["weekday"]
