"""Small text helpers shared by stages and renderers."""

from __future__ import annotations


def strip_offsets(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`..`end` narrowed so that `text[start:end]` has no leading or trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
