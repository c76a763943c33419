"""A university named by its place: "UNC" and "North Carolina" in a story of its team.

An acronym of a "University of X" body is "U" and the initials of the place X ("UNC": "U" and
"North Carolina"). A story of a college's team or staff names the college by that acronym and
by its place alone ("the scoring record at North Carolina", "North Carolina's campus"), and the
NER tags the place a place. When the story writes such an acronym (tagged an organisation) and
the place it spells, and never uses that place as a place ("a town in North Carolina", "flew
to North Carolina", "Poplar Bluff, N.C."), the place's mentions are the university. A place of
one word is not read this way ("UK" spells "U" and "Kentucky" as well as the United Kingdom),
nor an acronym that is a country's ("USA" and "South Africa").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pycountry

from newsweave.stages.entities._countries import country_other_names, is_country
from newsweave.stages.entities._spelling import PLACE_LABELS, Sighting, fold

_ACRONYM = re.compile(r"U(?:[A-Z]){2,5}")
_ADDRESS_BEFORE = re.compile(r"\w,\s+$")  # "Poplar Bluff, Mo.": a town, then its state
_CONTEXT = 40


def university_links(
    groups: dict[str, list[Sighting]], texts: dict[str, str]
) -> list[tuple[str, str]]:
    """(place key, acronym key) pairs: a place of two words or more whose initials follow the
    "U" of an acronym the story tags an organisation, the place never written as a place."""
    acronyms: dict[str, list[str]] = {}
    for key, group in groups.items():
        form = group[0].form.replace(".", "")
        if (
            _ACRONYM.fullmatch(form)
            and any(s.label == "ORG" for s in group)
            and not _is_country_code(form)
        ):
            acronyms.setdefault(form[1:], []).append(key)
    links = []
    for key, group in groups.items():
        words = [w for w in group[0].form.split() if w.casefold() != "the"]
        if len(words) < 2 or not all(w[:1].isupper() for w in words):
            continue
        initials = "".join(w[0] for w in words)
        found = acronyms.get(initials, [])
        if (
            len(found) == 1
            and Counter(s.label for s in group).most_common(1)[0][0] in PLACE_LABELS
            and not is_country(group[0].form)
            and not any(_as_place(s, texts) for s in group)
        ):
            links.append((key, found[0]))
    return links


def _as_place(sighting: Sighting, texts: dict[str, str]) -> bool:
    """Whether the words around the mention make it a place: one is in it or goes there, it is
    called one, or it follows a town as its state ("Poplar Bluff, Mo.")."""
    if sighting.place_cue:
        return True
    text = texts[sighting.span.article_id]
    before = text[max(0, sighting.span.start - _CONTEXT) : sighting.span.start]
    return _ADDRESS_BEFORE.search(before) is not None


@cache
def _country_codes() -> frozenset[str]:
    codes = {c.alpha_2 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.countries}
    return frozenset(code.casefold() for code in codes)


def _is_country_code(form: str) -> bool:
    """Whether an acronym names a country: its ISO code or other initials ("USA", "UAE")."""
    return fold(form) in _country_codes() or fold(form) in country_other_names()
