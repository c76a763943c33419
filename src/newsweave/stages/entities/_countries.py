"""Country and region names from ISO 3166 (pycountry), as the alias rules compare them.

Countries' names, current and former, and their forms of state ("Republic", "Federal
Republic"); each country's other names (initials, parts of its official name); subdivisions'
names and codes ("Georgia", "GA"). Nothing here is a list kept by hand.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pycountry

from newsweave.stages.entities._spelling import fold

_PLAIN_NAME = re.compile(r"(?!the\b)[a-z][a-z' ]+")  # no "Virgin Islands, U.S." or "(Malvinas)"


@cache
def country_names() -> frozenset[str]:
    """Folded names of countries, current and former (ISO 3166-1 and -3)."""
    names: set[str] = set()
    for country in (*pycountry.countries, *pycountry.historic_countries):
        for field in ("name", "official_name", "common_name"):
            value = getattr(country, field, None)
            if value:
                # "Yugoslavia, (Socialist) Federal Republic of" -> "yugoslavia"
                names.add(fold(value.split(",")[0]))
    return frozenset(names)


@cache
def state_forms() -> frozenset[str]:
    """Folded forms of state that lead the official names of two or more countries:
    "republic", "federal republic", "kingdom"... ("Republic of Korea", "Federal Republic of
    Germany"); one country's own wording ("Isle of Man") is not a form of state."""
    forms: Counter[str] = Counter()
    for country in (*pycountry.countries, *pycountry.historic_countries):
        value = getattr(country, "official_name", None) or country.name
        if ", " in value:  # "Yugoslavia, (Socialist) Federal Republic of"
            value = re.sub(r"\(.*?\)\s*", "", value.split(", ", 1)[1]) + " " + value.split(",")[0]
        if " of " in value:
            forms[fold(value.split(" of ")[0]).removeprefix("the ")] += 1
    return frozenset(form for form, count in forms.items() if count >= 2)


def is_country(form: str) -> bool:
    return fold(form).removeprefix("the ") in country_names()


@cache
def _regions() -> frozenset[str]:
    """Folded names of ISO 3166-2 subdivisions: states, provinces, counties..."""
    return frozenset(fold(subdivision.name) for subdivision in pycountry.subdivisions)


def is_region(form: str) -> bool:
    """Whether the name is a country's or a subdivision's ("Virginia", "Ontario")."""
    return is_country(form) or fold(form).removeprefix("the ") in _regions()


@cache
def country_other_names() -> dict[str, str]:
    """Folded other names of one country each, from its ISO 3166 names (pycountry): the
    initials of a name of two words or more ("UK", "U.S.", "USA") and each part of its official
    name and that part's last word ("Great Britain", "Britain" and "America" of "United Kingdom
    of Great Britain and Northern Ireland", "United States of America"). A name two countries
    share ("Kingdom", "Korea"), a country's own name or a subdivision's ("Ireland", "Northern
    Ireland") is nobody's other name."""
    owners: dict[str, set[str]] = {}
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", None), country_official(country)}
        for name in filter(None, names):
            capitals = [word for word in name.split() if word[:1].isupper()]
            if len(capitals) >= 2:
                owners.setdefault("".join(w[0] for w in capitals).casefold(), set()).add(
                    country.alpha_3
                )
            for part in re.split(r"\s+(?:of|and|the)\s+", name):
                for other in {part, part.split()[-1]}:
                    owners.setdefault(fold(other), set()).add(country.alpha_3)
    own = country_names() | _regions()
    return {
        name: codes.pop()
        for name, codes in owners.items()
        if len(codes) == 1 and name not in own and _PLAIN_NAME.fullmatch(name)
    }


@cache
def country_own_names() -> dict[str, str]:
    """Folded own names of one country each, as ISO 3166 writes them (short, common and
    official names in reading order): "united states", "united states of america" -> "USA".
    A name two countries share ("congo", "korea") is left out."""
    owners: dict[str, set[str]] = {}
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", None), country_official(country)}
        for name in filter(None, names):
            # "Congo, The Democratic Republic of the" names a "Congo" too: then two own it.
            for own in {fold(name), fold(name.split(",")[0])}:
                if _PLAIN_NAME.fullmatch(own):
                    owners.setdefault(own, set()).add(country.alpha_3)
    return {name: codes.pop() for name, codes in owners.items() if len(codes) == 1}


def country_official(country: object) -> str | None:
    """The official name in reading order: "Korea, Republic of" -> "Republic of Korea"."""
    value = getattr(country, "official_name", None)
    if value and ", " in value:
        head, tail = value.split(", ", 1)
        value = f"{tail} {head}"
    return value


@cache
def subdivision_codes() -> dict[str, frozenset[str]]:
    """ISO 3166-2 code endings and the folded names they stand for: "ga" -> {"georgia", ...}."""
    names: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        ending = subdivision.code.split("-")[-1].casefold()
        names.setdefault(ending, set()).add(fold(subdivision.name))
    return {ending: frozenset(found) for ending, found in names.items()}
