"""First names: when two can be one person's, and which words are first names at all.

Compatible first names are equal on their spelling skeletons, an initial of one another, a
nickname from the `nicknames` package's table ("Ray"/"Raymond"), or a rapidfuzz ratio >=
`GIVEN_NAME_SIMILARITY` apart; the same table tells a first name ("betty", "walt") from a word
that is none ("communist", "morningside").
"""

from __future__ import annotations

from functools import lru_cache

from nicknames import NickNamer
from rapidfuzz import fuzz

from newsweave.stages.entities._spelling import skeleton

GIVEN_NAME_SIMILARITY = 80.0  # Jon/John 85.7 merge; Mark/Mary 75 stay apart


def givens_compatible(a: str, b: str) -> bool:
    """Whether two folded first names can be one person's: equal, an initial, or a misspelling."""
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    if is_nickname(a, b):
        return True
    a, b = skeleton(a), skeleton(b)
    if a == b:
        return True
    if a.startswith(b) or b.startswith(a):  # Ivan/Ivana, Eric/Erica: different names
        return False
    return fuzz.ratio(a, b) >= GIVEN_NAME_SIMILARITY


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=65536)
def is_first_name(name: str) -> bool:
    """Whether a folded word is a first name the `nicknames` table knows ("betty", "walt")."""
    names = _nicknamer()
    return bool(names.nicknames_of(name) or names.canonicals_of(name))


@lru_cache(maxsize=65536)
def are_nicknames_alike(a: str, b: str) -> bool:
    """Whether two folded first names are one name's forms in the `nicknames` table: one a
    nickname of the other ("jim"/"james"), or both nicknames of one name ("jimmy", "jim")."""
    if a == b or is_nickname(a, b):
        return True
    names = _nicknamer()
    return bool(names.canonicals_of(a) & names.canonicals_of(b))


@lru_cache(maxsize=65536)
def is_nickname(a: str, b: str) -> bool:
    """Whether one folded first name is a known English nickname of the other: "ray"/"raymond"."""
    names = _nicknamer()
    return b in names.nicknames_of(a) or b in names.canonicals_of(a)
