"""Name conflicts: one thing under two names, and one name put in another's place."""

from __future__ import annotations

import pytest

from newsweave.model import Story
from newsweave.pipeline import analyze
from newsweave.stages.claims.conflicts._context import _same_name
from newsweave.stages.claims.conflicts._aliases import by_initials
from newsweave.stages.claims.conflicts._syntax import one_noun


def _undated_story(first: str, second: str) -> Story:
    articles = [
        {"id": "a", "source": "Alpha", "text": first},
        {"id": "b", "source": "Beta", "text": second},
    ]
    return analyze(articles, one_story=True).stories[0]


def _name_conflicts(story: Story) -> list[str]:
    return [c.kind for c in story.conflicts if c.kind in {"person", "place", "organisation"}]


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("jewellery", "jewelry", True),
        ("theatre", "theater", True),
        ("colour", "color", True),
        ("organisation", "organization", True),
        ("office", "officer", False),
        ("store", "stare", False),
        ("bat", "boat", False),  # too short to tell a spelling from another word
        (None, "store", False),
    ],
)
def test_conflicts_one_noun_in_two_spellings(first: str | None, second: str, same: bool) -> None:
    assert one_noun(first, second) is same


def test_conflicts_names_of_one_noun_in_two_spellings_still_conflict() -> None:
    story = _undated_story(
        "The gala was held at the Kodak theatre in Los Angeles on Sunday, organizers said.",
        "The gala, attended by hundreds of stars, was held at the Shrine theater in Los Angeles "
        "on Sunday.",
    )
    assert _name_conflicts(story) == ["organisation"]


def test_conflicts_names_of_one_noun_in_one_role_whatever_their_kinds() -> None:
    # A street and a person to the tagger, both name which boutique the thieves stole from.
    story = _undated_story(
        "Masked men, some dressed as guards, stole gold bracelets, earrings and luxury watches "
        "from a Rue Royale boutique in central Lyon, police said Tuesday.",
        "A gang of masked thieves, some dressed as guards, stole bracelets, earrings and "
        "watches from a small Maison Dupont boutique, the latest in a string of raids on "
        "jewellers in the city this year.",
    )
    assert _name_conflicts(story) == ["place"]  # once, of the first name's kind: a street


def test_conflicts_two_names_of_one_noun_are_one_disagreement() -> None:
    story = _undated_story(
        "Masked men, some dressed as guards, stole gold bracelets, earrings and luxury watches "
        "from a Rue Royale boutique in central Lyon, police said Tuesday.",
        "A gang of masked thieves, some dressed as guards, stole bracelets, earrings and "
        "watches from a small Maison Dupont boutique.",
    )
    assert len(_name_conflicts(story)) == 1


@pytest.mark.parametrize(
    ("short", "long", "same"),
    [
        ("Jags", "Jaguars", True),
        ("Fla", "Florida", True),
        ("Mass", "Massachusetts", True),
        ("Iran", "Ireland", False),  # another last letter
        ("Colts", "Cowboys", False),
        ("Jags", "Jacksonville", False),
    ],
)
def test_conflicts_a_shortened_name_is_the_name(short: str, long: str, same: bool) -> None:
    assert _same_name(short, long) is same
    assert _same_name(long, short) is same


_SHOOTER = (
    "Police allege Harold James Whitcombe, 61, opened fire at a Portland office Christmas "
    "party Friday, killing one man."
)


def test_conflicts_a_name_with_an_age_is_a_person_whatever_the_tagger_says() -> None:
    # The tagger reads the second name as an organisation; its age says it names a person.
    story = _undated_story(
        _SHOOTER,
        "Police allege Pacific Timber Supply, 61, opened fire at the Northgate Logistics Ltd "
        "Christmas party, killing Daniel Roy Okafor, 40.",
    )
    assert _name_conflicts(story) == ["person"]


def test_conflicts_a_name_of_another_kind_without_an_age_is_not_compared_loosely() -> None:
    story = _undated_story(
        _SHOOTER,
        "Police allege Pacific Timber Supply opened fire at the Northgate Logistics Ltd "
        "Christmas party, killing Daniel Roy Okafor, 40.",
    )
    assert _name_conflicts(story) == []


_BUG = (
    "Oracle has said that the bug has been shown to exist only in version 5 of Java Runtime "
    "Environment, but that version 4 and the test release of version 6 are also at risk."
)


def test_conflicts_a_name_written_by_its_initials_is_named_there() -> None:
    story = _undated_story(
        _BUG,
        "Oracle stressed that the bug was shown to exist only in JRE 5 on all supported "
        "versions of Solaris, but that JRE 4 and the test release of JRE 6 were at risk.",
    )
    assert _name_conflicts(story) == []


def test_conflicts_a_name_swapped_without_its_initials_still_conflicts() -> None:
    story = _undated_story(
        _BUG,
        "Oracle stressed that the bug was shown to exist only in version 5 of Solaris, but "
        "that version 4 and the test release of version 6 were at risk.",
    )
    assert _name_conflicts(story) == ["organisation"]


@pytest.mark.parametrize(
    ("name", "text", "named"),
    [
        ("Internet Explorer", "only in IE 7", True),
        ("National Basketball Association", "the NBA lockout", True),
        ("Bank of England", "the BOE said", False),  # "of" is left out: BE
        ("Bank of England", "the BE said", True),
        ("Internet Explorer", "the ie team", False),  # initials are capitals
        ("Explorer", "the E key", False),  # one word has no initials
        ("Internet Explorer", "U.S.-IE. talks", False),
    ],
)
def test_conflicts_by_initials(name: str, text: str, named: bool) -> None:
    assert by_initials(name, text) is named


_GAME = (
    "Smith completed 25 of 30 passes for 310 yards and two touchdowns in the Rams' 27-20 "
    "victory over the Tigers in Springfield, Mo."
)


def test_conflicts_a_venue_holding_the_city_the_story_places_is_that_city() -> None:
    # "Springfield, Mo." places Springfield; the venue's name holds Springfield.
    story = _undated_story(
        _GAME,
        "Smith completed 25 of 30 passes for 310 yards and 2 touchdowns in the Rams' 27-20 "
        "victory over the Tigers at Springfield Memorial Stadium.",
    )
    assert _name_conflicts(story) == []


def test_conflicts_a_venue_of_another_city_still_conflicts() -> None:
    story = _undated_story(
        _GAME,
        "Smith completed 25 of 30 passes for 310 yards and 2 touchdowns in the Rams' 27-20 "
        "victory over the Tigers at Columbia Memorial Stadium.",
    )
    assert _name_conflicts(story) == ["place"]


_CLINIC = (
    "Morton did not reveal what the star, a friend of Tom Whitaker, was being treated for, "
    "citing her family's privacy."
)


@pytest.mark.parametrize(
    ("first", "other"),
    [
        (
            _CLINIC,
            "Morton did not reveal what the star of \"Jack Reacher\" was being treated for, "
            "citing her family's privacy.",
        ),
        (
            "The actress checked into the Promises clinic in Malibu on Friday with Tom "
            "Whitaker, her publicist said.",
            "The actress checked into the Promises clinic in Malibu on Friday after “Jack "
            "Reacher”, her publicist said.",
        ),
    ],
)
def test_conflicts_a_quoted_title_is_no_rival_to_a_person(first: str, other: str) -> None:
    # The word diff and the name test both read a film's title as a person's name.
    assert _name_conflicts(_undated_story(first, other)) == []


def test_conflicts_a_name_unquoted_on_both_sides_still_conflicts() -> None:
    story = _undated_story(
        _CLINIC,
        "Morton did not reveal what the star, a friend of Jack Reacher, was being treated for, "
        "citing her family's privacy.",
    )
    assert _name_conflicts(story) == ["person"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Foreign Minister Andrei Petrov named interim director Anna Berg to lead the fisheries "
            "talks in Kestrel on Monday.",
            "Foreign Minister Andrei Petrov named acting director Anna Berg to lead the fisheries "
            "talks in Kestrel on Monday.",
        ),
        (
            "Foreign Minister Andrei Petrov named director Anna Berg to lead the fisheries talks "
            "in Kestrel on Monday.",
            "Foreign Minister Andrei Petrov named acting director Anna Berg to lead the fisheries "
            "talks in Kestrel on Monday.",
        ),
    ],
)
def test_conflicts_who_holds_an_office_for_a_time_holds_the_office(first: str, second: str) -> None:
    assert _undated_story(first, second).conflicts == ()
