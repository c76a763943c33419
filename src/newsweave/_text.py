"""Small text helpers shared by stages and renderers."""

from __future__ import annotations

import re
from functools import cache, lru_cache

_WORD = re.compile(r"[a-z0-9]+")
# A suggestion or a host's hand-over asserts nothing ("Let's go to Cairo right now.", "COOPER:
# Let's talk about the days ahead.", "Let me ask you this."), whoever says it.
_SUGGESTION = re.compile(r"^\W*(?:[A-Z][A-Z.' -]{1,30}:\s*)?let(?:['’]s\b|\s+(?:us|me)\b)", re.I)


def is_suggestion(sentence: str) -> bool:
    """Whether the sentence suggests or hands over rather than states ("Let's go to Cairo")."""
    return _SUGGESTION.match(sentence) is not None


def strip_offsets(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`..`end` narrowed so that `text[start:end]` has no leading or trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("porter")


@lru_cache(maxsize=1 << 16)
def _stem(token: str) -> str:
    # The pure-Python stemmer is slow; news vocabulary repeats, so a cache makes it cheap.
    return str(_stemmer().stemWord(token))


def stem_words(text: str) -> tuple[str, ...]:
    """Lower-cased alphanumeric tokens of `text`, Porter-stemmed (as ROUGE counts words)."""
    return tuple(_stem(token) for token in _WORD.findall(text.lower()))
