"""Value conflicts: numbers that count the same thing, and dates (or weekdays) of one event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from newsweave.model import SentencePair
from newsweave.stages._slots import (
    TOLL_UNITS,
    content_words,
    quantities,
    same_quantity,
)
from newsweave.stages.conflicts._context import (
    CLOSE_OVERLAP,
    DATE_MIN_COSINE,
    DATE_MIN_OVERLAP,
    NUMBER_MIN_COSINE,
    _Finding,
    _is_weekday,
    _same_role,
    _StoryContext,
)


def _number_conflicts(
    pair: SentencePair, text_a: str, text_b: str, context: _StoryContext, *, same_subject: bool
) -> Iterator[_Finding]:
    if pair.cosine < NUMBER_MIN_COSINE and pair.overlap < DATE_MIN_OVERLAP:
        return
    found_a, found_b = quantities(text_a), quantities(text_b)
    for qa in found_a:
        if any(same_quantity(qa, other) and qa.unit == other.unit for other in found_b):
            continue  # the other sentence states this value too
        for qb in found_b:
            if not qa.counts_same_thing(qb, same_subject=same_subject) or same_quantity(qa, qb):
                continue
            if any(same_quantity(qb, other) and qb.unit == other.unit for other in found_a):
                continue
            if _counts_casualties(text_a, text_b) and _may_be_update(
                pair, qa.value, qb.value, context
            ):
                continue
            yield _Finding("number", pair.a, pair.b, qa.text, qb.text, pair.cosine)
            return


def _counts_casualties(text_a: str, text_b: str) -> bool:
    return bool(content_words(text_a) & content_words(text_b) & TOLL_UNITS)


def _may_be_update(
    pair: SentencePair, value_a: float, value_b: float, context: _StoryContext
) -> bool:
    """Casualty counts change as a story develops: a count that grows from an earlier report to
    a later one is news, and so is any change between two reports whose order is unknown."""
    time_a, time_b = context.time_of[pair.a.article_id], context.time_of[pair.b.article_id]
    if time_a is None or time_b is None:
        return True
    if time_a == time_b:
        # Two reports of one moment disagree; two dates without a time of day have no order.
        return time_a.time() == dt.time(0, 0)
    return (value_b > value_a) == (time_b > time_a)


def _date_conflicts(pair: SentencePair, context: _StoryContext) -> Iterator[_Finding]:
    if pair.overlap < DATE_MIN_OVERLAP and pair.cosine < DATE_MIN_COSINE:
        return
    dates_a, dates_b = context.dates_in.get(pair.a, []), context.dates_in.get(pair.b, [])
    if not dates_a or not dates_b:
        return
    days_a, days_b = {day for _, day in dates_a}, {day for _, day in dates_b}
    if days_a & days_b:
        return
    story = context.story
    (span_a, day_a), (span_b, day_b) = dates_a[0], dates_b[0]
    if story.quote(span_a).casefold() == story.quote(span_b).casefold():
        return  # the same words read against two publication dates: a copy, not a contradiction
    kind = (
        "weekday"
        if _is_weekday(story.quote(span_a)) and _is_weekday(story.quote(span_b))
        else "date"
    )
    if (
        kind == "weekday"
        and pair.overlap < CLOSE_OVERLAP
        and not _same_role(pair, span_a, span_b, context, either_side=True)
    ):
        return  # "made the allegations Saturday" / "said Sunday he had been muzzled": two events
    yield _Finding(
        kind,
        pair.a,
        pair.b,
        f"{story.quote(span_a)} ({day_a})",
        f"{story.quote(span_b)} ({day_b})",
        pair.cosine,
    )
