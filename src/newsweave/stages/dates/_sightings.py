"""Sightings: each sentence that says something happened, at each date it gives.

A sentence tells an event at each date it mentions, except a date that only restates when the
article was written (a dateline, a sentence that is only a date) and a reference point ("the
first visit since October 2018" dates the previous visit, not this one). Two expressions side
by side ("five months ago on February 4") date one event: the more precise one wins, and where
they disagree the other is kept beside it. `_timeline` makes events of the sightings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsweave.model import Article, DatedMention, FuzzyDate, Precision, Span, Story

MIN_EVENT_WORDS = 1  # a sentence with no content word besides its dates states no event

PRECISION_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.WEEK: 2, Precision.DAY: 3}
# What stands between two expressions that date one moment: "five months ago on February 4",
# "Sunday, June 18", "in August (2023)".
_SIDE_BY_SIDE = re.compile(r"^[\s,(\u2013\u2014-]*(?:on|in|at|of)?[\s,()]*$", re.IGNORECASE)
# A date after "since" is where a span of time starts, a reference point, not this event's date.
_REFERENCE_POINT = re.compile(
    r"\bsince\s+(?:(?:early|late|mid|the (?:start|end|beginning|middle) of)[\s-]+)?$",
    re.IGNORECASE,
)

_SINCE = re.compile(r"(?:since\s+)?", re.IGNORECASE)  # the tagger may hold it in the date
_WORD = re.compile(r"[^\W_]+(?:\.\d+)?")  # keeps "6.1" and "Marković"
# A date's own wording, with page words ("updated"); its own list (see newsweave.vocabulary).
# fmt: off
_STOPWORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "from",
        "with", "as", "into", "over", "about", "after", "before", "than", "between", "among",
        "amid", "against", "during", "while", "until", "since", "is",
        "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
        "it", "its", "this", "that", "these", "those", "he", "she", "they", "them", "his", "her",
        "their", "we", "our", "you", "i", "who", "whom", "which", "what", "when", "where",
        "there", "here", "not", "no", "also", "said", "says", "say", "told", "according", "will",
        "would", "could", "should", "may", "might", "can", "just", "more", "most", "some",
        "updated", "published", "posted", "modified",
    }
)
# fmt: on
# A wire dateline opens the first sentence: "WASHINGTON, March 3 (Reuters) - ...". Its prefix
# before the dash holds no lowercase word (checked in `_event_part`).
_DATELINE = re.compile(r"^(?P<prefix>[^\n]{0,80}?)\s+[-\u2013\u2014]{1,2}\s+")


@dataclass(frozen=True, slots=True)
class Sighting:
    """One sentence that says something happened on `date`."""

    date: FuzzyDate
    said: str  # the expression that gives the date
    sentence: Span
    text: str  # the sentence without its dateline
    words: frozenset[str]  # its content words, date expressions left out
    common_words: frozenset[str]  # those of `words` that are not names
    has_other_dates: bool  # the sentence also dates something else
    other_dates: tuple[tuple[FuzzyDate, str], ...] = ()  # a second, disagreeing date beside it


def find_sightings(story: Story, mentions: Sequence[DatedMention]) -> list[Sighting]:
    """One sighting per (date, sentence), leaving out restated dates and reference points."""
    expressions_of = expressions_by_sentence((m.expression, m.sentence) for m in mentions)
    by_sentence: dict[Span, list[DatedMention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    names = _story_names(story)
    sightings: dict[tuple[FuzzyDate, Span], Sighting] = {}
    for sentence, found in by_sentence.items():
        article = story.article(sentence.article_id)
        event_start, body = _event_part(article, sentence, expressions_of[sentence])
        words = _content_words(body)
        dates = {mention.date for mention in found}
        for mention, others in _moments(article, found):
            if (mention.date, sentence) in sightings:
                continue
            if _restates_publication(mention.expression, event_start, body):
                continue
            lead = article.text[sentence.start : mention.expression.start]
            if _REFERENCE_POINT.search(lead + _SINCE.match(article.quote(mention.expression))[0]):
                continue
            sightings[mention.date, sentence] = Sighting(
                date=mention.date,
                said=article.quote(mention.expression),
                sentence=sentence,
                text=article.text[event_start : sentence.end].strip(),
                words=words,
                common_words=words - names,
                has_other_dates=len(dates) > 1,
                other_dates=tuple((o.date, article.quote(o.expression)) for o in others),
            )
    return list(sightings.values())


def restates_publication(
    article: Article, expression: Span, sentence: Span, expressions: Sequence[Span]
) -> bool:
    """Whether a date sits in a dateline, or in a sentence that says nothing else.

    `expressions` are all the date expressions of the sentence, left out of what it says.
    """
    event_start, body = _event_part(article, sentence, expressions)
    return _restates_publication(expression, event_start, body)


def _moments(
    article: Article, mentions: Sequence[DatedMention]
) -> list[tuple[DatedMention, list[DatedMention]]]:
    """The sentence's mentions, those side by side taken as one moment.

    Each moment is told by its most precise expression, with the expressions beside it whose
    date disagrees with that one.
    """
    ordered = sorted(mentions, key=lambda m: m.expression.start)
    groups: list[list[DatedMention]] = []
    for mention in ordered:
        previous = groups[-1][-1] if groups else None
        between = (
            article.text[previous.expression.end : mention.expression.start] if previous else ""
        )
        if previous is not None and 0 <= len(between) <= 8 and _SIDE_BY_SIDE.match(between):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    moments = []
    for group in groups:
        best = max(group, key=lambda m: (PRECISION_RANK[m.date.precision], m.confidence))
        moments.append((best, [m for m in group if not compatible(m.date, best.date)]))
    return moments


def expressions_by_sentence(pairs: Iterable[tuple[Span, Span]]) -> dict[Span, list[Span]]:
    grouped: dict[Span, list[Span]] = {}
    for expression, sentence in pairs:
        grouped.setdefault(sentence, []).append(expression)
    return grouped


def _event_part(article: Article, sentence: Span, expressions: Sequence[Span]) -> tuple[int, str]:
    """Where the sentence's own words start (after any dateline), and those words, dates blanked."""
    text = article.quote(sentence)
    match = _DATELINE.match(text)
    has_dateline = match is not None and not re.search(r"\b[a-z]", match["prefix"])
    event_start = sentence.start + (match.end() if match and has_dateline else 0)
    # Blank the date expressions out, so that dates do not make sentences look alike.
    for expression in expressions:
        begin, end = expression.start - sentence.start, expression.end - sentence.start
        text = text[:begin] + " " * (end - begin) + text[end:]
    return event_start, text[event_start - sentence.start :]


def _restates_publication(expression: Span, event_start: int, body: str) -> bool:
    """Whether a date sits in a dateline, or in a sentence that says nothing else (`body`, its
    words with the dates blanked). Words without a lower-case letter say nothing here: a page
    stamp's clock time, time zone, agency code or place ("Posted on November 15, 2011 6: 07: 15
    PM GMT+01: 0", "TNN Nov 12, 2011, 05. 51AM IST MUMBAI:")."""
    if expression.end <= event_start:
        return True
    told = [word for word in _WORD.findall(body) if any(char.islower() for char in word)]
    return len(_content_words(" ".join(told))) < MIN_EVENT_WORDS


def _content_words(text: str) -> frozenset[str]:
    text = re.sub(r"['\u2019]s\b", "", text.lower())  # "Peru's" -> "peru"
    words = (word for word in _WORD.findall(text) if word not in _STOPWORDS)
    return frozenset(_stem(word) for word in words if len(word) > 1 or word.isdigit())


def _story_names(story: Story) -> frozenset[str]:
    """Words the story capitalises mid-sentence or tags as named entities, lower-cased."""
    names: set[str] = set()
    for article in story.articles:
        for sentence in article.sentences:
            words = _WORD.findall(article.quote(sentence))
            names.update(word for word in words[1:] if word[0].isupper())
        for mention in article.mentions:
            if mention.label != "DATE":
                names.update(_WORD.findall(article.quote(mention.span)))
    return frozenset(_stem(name.lower()) for name in names)


def _stem(word: str) -> str:
    """A crude suffix strip ("returned", "returns" -> "return"), enough to compare wordings."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def compatible(a: FuzzyDate, b: FuzzyDate) -> bool:
    """Whether one date lies within the other ("February" holds "February 4")."""
    return _holds(a, b) or _holds(b, a)


def _holds(outer: FuzzyDate, inner: FuzzyDate) -> bool:
    return outer.value <= inner.value < period_end(outer)


def period_end(date: FuzzyDate) -> dt.date:
    value = date.value
    if date.precision is Precision.DAY:
        return value + dt.timedelta(days=1)
    if date.precision is Precision.WEEK:
        return value + dt.timedelta(days=7)
    if date.precision is Precision.MONTH:
        return dt.date(value.year + value.month // 12, value.month % 12 + 1, 1)
    return dt.date(value.year + 1, 1, 1)
