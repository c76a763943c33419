"""What kind of thing a name names, read from how it is written, not from the tagger alone:
an age in apposition makes it a person's ("X, 61,"), quotation marks of its own a work's
title ("the star of \"Van Wilder\""), which is no rival to a person's name."""

from __future__ import annotations

import re

from newsweave.model import Span, Story
from newsweave.stages.claims.conflicts._context import _name_kind, _StoryContext


def is_quoted(story: Story, mention: Span) -> bool:
    """The name stands in quotation marks of its own: a title of a work ("Van Wilder")."""
    return _in_quotes(story.article(mention.article_id).text, mention.start, mention.end)


def quoted_swap(
    context: _StoryContext, sentence: Span, text: str, start: int, chunk: str, entity: str | None
) -> bool:
    """The swapped words, or the name they hold, stand in quotation marks of their own."""
    if _in_quotes(text, start, start + len(chunk)):
        return True
    mentions = context.names(sentence).get(entity or "", [])
    return bool(mentions) and is_quoted(context.story, mentions[0])


def _in_quotes(text: str, start: int, end: int) -> bool:
    """The words at `start:end` are quoted on their own, marks inside or around them."""
    words = text[start:end].strip()
    if len(words) > 2 and words[0] in _OPENING_QUOTES and words[-1] in _CLOSING_QUOTES:
        return True
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    return bool(before) and before in _OPENING_QUOTES and after in _CLOSING_QUOTES


_OPENING_QUOTES = frozenset(['"', "“", "'", "‘"])
_CLOSING_QUOTES = frozenset(['"', "”", "'", "’"])


def mention_kind(story: Story, name: str, mention: Span, context: _StoryContext) -> str:
    """The kind of thing the mention names: the tagger's, unless an age stands in apposition
    to it ("Police allege X, 61, opened fire"): only a person has one."""
    text = story.article(mention.article_id).text
    if _AGE_APPOSITION.match(text, mention.end):
        return "person"
    return _name_kind(context.entity_type.get(name, ""))


_AGE_APPOSITION = re.compile(r"\s*,\s*\d{1,3}\s*,")
