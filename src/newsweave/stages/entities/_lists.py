"""Members of one list are of one kind: "Leogane, Gressier, Petit-Goave and the coastal town
of Jacmel" names four towns, though spaCy tags the first three organisations.

A list is three or more names of one article written one after the other, parted by commas,
the last by "and" or "or" (with a common noun's words between: "and the coastal town of").
It names places when the words say so of one member ("the town of X", "X, Michigan,"), or of
all of them ("the hardest-hit villages were X, Y and Z", "towns including X, Y and Z"), or
when most members are tagged places; its members tagged a person, an organisation or a people
are then places, unless the words around some mention of the name say it is a person or a
body (a role, an age, "X said", "cable operator X") or a mention outside the lists is tagged
one ("Israel, Egypt and Hamas", where the story tags Hamas an organisation elsewhere).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from newsweave.stages.entities._evidence import NOUN_CUE
from newsweave.stages.entities._groups import other_key
from newsweave.stages.entities._spelling import PERSON, PLACE_LABELS, Sighting

_MIN_MEMBERS = 3
_COMMA = re.compile(r"\s*,\s*")
# The last member's: ", and X", " or X", " and the coastal town of X".
_LAST = re.compile(r"\s*,?\s+(?:and|or)\s+(?:the\s+(?:[a-z-]+\s+){1,3}of\s+)?")
# A plural of places just before the list: "villages were", "towns including", "cities:".
_PLACES_BEFORE = re.compile(
    r"\b(?:villages|towns|cities|provinces|districts|regions|countries|states|islands"
    r"|counties|municipalities|areas)\s*(?:(?:were|are|of|in|including|such\s+as|like)\s+)?"
    r"[:,]?\s*$"
)
_PLACES_REACH = 40
_RETYPED = frozenset({PERSON, "ORG", "NORP"})


def typed_by_list(sightings: list[Sighting], texts: dict[str, str]) -> list[Sighting]:
    """The sightings with a list's members typed as places when the list names places."""
    by_article: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        by_article[sighting.span.article_id].append(sighting)
    places: set[str] = set()
    listed: set[Sighting] = set()
    for article_id, found in by_article.items():
        text = texts[article_id]
        for members in _lists(sorted(found, key=lambda s: s.span.start), text):
            listed.update(members)
            if _names_places(members, text):
                places.update(other_key(s.form) for s in members if s.label in _RETYPED)
    kept_apart = {
        other_key(s.form)
        for s in sightings
        if s.role
        or s.age is not None
        or s.person_cue
        or s.organisation_cue
        or (s not in listed and s.label in _RETYPED)
    }
    places -= kept_apart
    return [
        replace(s, label="GPE")
        if s.label in _RETYPED and other_key(s.form) in places
        else s
        for s in sightings
    ]


def _lists(found: list[Sighting], text: str) -> list[list[Sighting]]:
    """The runs of three or more mentions parted by commas and closed by "and"/"or"."""
    runs: list[list[Sighting]] = []
    run: list[Sighting] = []
    for sighting in found:
        if run:
            between = text[run[-1].span.end : sighting.span.start]
            if _COMMA.fullmatch(between):
                run.append(sighting)
                continue
            if _LAST.fullmatch(between):
                run.append(sighting)
                if len(run) >= _MIN_MEMBERS:
                    runs.append(run)
                run = [sighting]
                continue
        run = [sighting]
    return runs


def _names_places(members: list[Sighting], text: str) -> bool:
    before = text[max(0, members[0].span.start - _PLACES_REACH) : members[0].span.start]
    if _PLACES_BEFORE.search(before):
        return True
    if any(s.place_cue == NOUN_CUE for s in members):
        return True
    return sum(s.label in PLACE_LABELS for s in members) * 2 > len(members)
