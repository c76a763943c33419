"""Caches whose entries are worth keeping only while one story is built.

The story stages compare each sentence of a story with the others, so they cache what they read
of a sentence (its content words, stems, word pairs, parse). Across stories the same sentence
rarely comes back: kept for the whole process, such a cache only fills with the sentences of
stories long written (on Multi-News test, `newsweave analyze` grew about 40 KB per article this
way: bench/reliability/memory_profile.py). `story_cache` is `functools.lru_cache` (its `maxsize`
still bounds one huge story) whose entries `clear_story_caches` drops; `build_story` calls it
after each story. Caches keyed by words (stems, name forms) stay process-wide: a vocabulary
repeats across stories and is bounded by their `maxsize`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import _lru_cache_wrapper, lru_cache
from typing import TypeVar

_T = TypeVar("_T")
_STORY_CACHES: list[_lru_cache_wrapper[object]] = []


def story_cache(maxsize: int) -> Callable[[Callable[..., _T]], _lru_cache_wrapper[_T]]:
    """`lru_cache(maxsize)`, emptied by `clear_story_caches` once each story is built."""

    def decorate(function: Callable[..., _T]) -> _lru_cache_wrapper[_T]:
        cached = lru_cache(maxsize=maxsize)(function)
        _STORY_CACHES.append(cached)  # type: ignore[arg-type]
        return cached

    return decorate


def clear_story_caches() -> None:
    """Drop every entry of the story caches (their hit counts too)."""
    for cached in _STORY_CACHES:
        cached.cache_clear()


def story_cache_entries() -> int:
    """How many entries the story caches hold now."""
    return sum(cached.cache_info().currsize for cached in _STORY_CACHES)
