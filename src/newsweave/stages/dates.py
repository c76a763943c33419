"""Dates: date every article, resolve the dates its sentences mention, and build the timeline.

`date_articles` runs first, so that every article that can be dated has a publication date to
resolve "on Sunday" against; `add_timeline` runs last, once mentions are final. The rules that
turn one expression into a date live in `_date_rules`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from newsweave.model import (
    Article,
    DatedMention,
    DateOrigin,
    FuzzyDate,
    Precision,
    Span,
    Story,
    TimelineEvent,
)
from newsweave.stages._date_rules import resolve_date_expression, resolve_expression

__all__ = ["add_timeline", "date_articles", "find_date_expressions", "resolve_date_expression"]

CONFIDENCE_EXPLICIT = 1.0  # the text names the year: the publication date plays no part
CONFIDENCE_RELATIVE = 0.8  # resolved against the article's own publication date
CONFIDENCE_BORROWED = 0.5  # resolved against a publication date borrowed from the story
# Two sentences with the same date tell the same event when their content words agree this much
# (rapidfuzz token_set_ratio, 0-100), they share at least this many content words, and one of
# those is not a name: in a story every sentence shares the names, so the action must match too.
SAME_EVENT_MIN_RATIO = 60
SAME_EVENT_MIN_SHARED_WORDS = 2
MIN_EVENT_WORDS = 1  # a sentence with no content word besides its dates states no event
LONG_SENTENCE_CHARS = 200  # a longer sentence is a poor label for one event

_PROBE_DATE = dt.date(2000, 1, 1)  # any date will do to learn whether an expression resolves
_PRECISION_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.WEEK: 2, Precision.DAY: 3}


def find_date_expressions(article: Article) -> list[tuple[Span, Span]]:
    """The date expressions of an article, each with the sentence holding it, in text order.

    The candidates are spaCy's DATE mentions and the phrases `_find_date_phrases` finds; where
    they overlap, one that resolves beats one that does not, then the longer one wins
    ("last Sunday" over "Sunday"). Expressions outside every sentence (headings) are left out.
    """
    candidates = {mention.span for mention in article.mentions if mention.label == "DATE"}
    candidates |= {Span(article.id, start, end) for start, end in _find_date_phrases(article.text)}
    ranked = sorted(
        candidates,
        key=lambda span: (not _resolves(article.quote(span)), span.start - span.end, span.start),
    )
    chosen: list[Span] = []
    for span in ranked:
        if not any(_overlap(span, other) for other in chosen):
            chosen.append(span)
    pairs = []
    for span in sorted(chosen, key=lambda span: span.start):
        sentence = _sentence_containing(article.sentences, span)
        if sentence is not None:
            pairs.append((span, sentence))
    return pairs


def date_articles(story: Story) -> Story:
    """Give a publication date to the story's articles that lack one.

    An undated article takes a full date (day, month and year) that its text gives as its own
    (`DateOrigin.TEXT`): a dateline ("LONDON, Nov. 17, 2026 - ...") or a sentence that is only a
    date ("Updated Nov. 17, 2026."); a date in a sentence telling an event is no evidence of
    when the article was written. Failing that, it borrows the story's date (`DateOrigin.STORY`):
    the median publication date of the dated articles, the earlier of the middle two for an even
    count. Articles keep their order.
    """
    timezone = next((a.published.tzinfo for a in story.articles if a.published is not None), None)
    articles = [_dated_from_text(a, timezone) if a.published is None else a for a in story.articles]
    story_date = _median_date(a.published for a in articles if a.published is not None)
    if story_date is not None:
        articles = [
            a
            if a.published is not None
            else replace(a, published=story_date, date_origin=DateOrigin.STORY)
            for a in articles
        ]
    return replace(story, articles=tuple(articles))


def add_timeline(story: Story) -> Story:
    """Fill `dated_mentions` with every resolvable date expression and `timeline` with events.

    Sentences with the same date that tell the same thing, in any article, are one
    `TimelineEvent` supported by all of them. Events are sorted by date; a week, month or year
    sorts at its first day, before the days that start there.
    """
    mentions = tuple(mention for article in story.articles for mention in _dated_mentions(article))
    return replace(story, dated_mentions=mentions, timeline=_timeline(story, mentions))


# --- finding and dating ------------------------------------------------------------------------


def _find_date_phrases(text: str) -> Iterator[tuple[int, int]]:
    """Character ranges of weekday, month and relative phrases in running text.

    Complements spaCy's DATE entities, which miss phrases such as "earlier this month".
    A leading word ("last", "in") is part of the range only when the date depends on it.
    """
    for pattern in _PHRASE_PATTERNS:
        for match in pattern.finditer(text):
            group = "expr" if "expr" in pattern.groupindex else 0
            yield match.start(group), match.end(group)


def _resolves(expression: str) -> bool:
    return resolve_expression(expression, _PROBE_DATE) is not None


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _sentence_containing(sentences: Sequence[Span], span: Span) -> Span | None:
    return next((s for s in sentences if s.start <= span.start and span.end <= s.end), None)


def _dated_from_text(article: Article, timezone: dt.tzinfo | None) -> Article:
    pairs = find_date_expressions(article)
    expressions_by_sentence = _expressions_by_sentence(pairs)
    for expression, sentence in pairs:
        resolution = resolve_expression(article.quote(expression), None)
        if resolution is None or resolution.date.precision is not Precision.DAY:
            continue
        event_start, body = _event_part(article, sentence, expressions_by_sentence[sentence])
        if _restates_publication(expression, event_start, _content_words(body)):
            published = dt.datetime.combine(resolution.date.value, dt.time(), timezone)
            return replace(article, published=published, date_origin=DateOrigin.TEXT)
    return article


def _median_date(dates: Iterable[dt.datetime]) -> dt.datetime | None:
    ordered = sorted(dates, key=_comparable)
    return ordered[(len(ordered) - 1) // 2] if ordered else None


def _comparable(moment: dt.datetime) -> dt.datetime:
    # Inputs may mix aware and naive datetimes; compare aware ones in UTC, naive ones as given.
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _dated_mentions(article: Article) -> list[DatedMention]:
    base = article.published.date() if article.published is not None else None
    relative_confidence = (
        CONFIDENCE_BORROWED if article.date_origin is DateOrigin.STORY else CONFIDENCE_RELATIVE
    )
    mentions = []
    for expression, sentence in find_date_expressions(article):
        resolution = resolve_expression(article.quote(expression), base, article.quote(sentence))
        if resolution is None:
            continue
        confidence = CONFIDENCE_EXPLICIT if resolution.is_explicit else relative_confidence
        mentions.append(DatedMention(expression, sentence, resolution.date, confidence))
    return mentions


# --- phrases in running text (case-sensitive names, so "may" and "march" the verbs are skipped) -

_NAMES_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
_NAMES_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TEXT_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_TEXT_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_PHRASE_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"(?i:\b(?:this|last|next)\s+(?:week|month|year|weekend)\b)",
        r"(?i:\b(?:yesterday|today|tomorrow|tonight)\b)",
        rf"(?i:\b(?:{_TEXT_COUNT}|an?)\s+(?:day|week|month|year)s?\s+ago\b)",
        rf"(?i:\bin\s+{_TEXT_COUNT}\s+(?:day|week|month|year)s?\b)",
        rf"\b(?:{_NAMES_WEEKDAY},?\s+)?{_NAMES_MONTH}\s+{_TEXT_DAY}\b(?:,?\s+\d{{4}}\b)?",
        rf"\b(?:{_NAMES_WEEKDAY},?\s+)?{_TEXT_DAY}\s+{_NAMES_MONTH}(?:,?\s+\d{{4}}\b)?",
        rf"\b{_NAMES_MONTH}\s+\d{{4}}\b",
        rf"(?:\b(?i:last|next)\s+)?\b{_NAMES_WEEKDAY}\b",
        rf"\b(?i:last|next)\s+{_NAMES_MONTH}",
        rf"\b(?i:in|since|until|by|during|early|late|mid-)\s*(?P<expr>{_NAMES_MONTH})(?!\s+\d)",
        r"\b(?i:in|since|until|by|during)\s+(?P<expr>(?:1[89]|20)\d\d)\b(?![\d'\u2019s])",
        r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/\d{4}\b",
    )
)


# --- the timeline ------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:\.\d+)?")  # keeps "6.1" and "Marković"
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
_QUOTES = '"\u201c\u201d\u201e'
_PRONOUN_START = re.compile(r"^(?:it|he|she|they|this|that|these|those|we|i)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Sighting:
    """One sentence that says something happened on `date`."""

    date: FuzzyDate
    sentence: Span
    text: str  # the sentence without its dateline
    words: frozenset[str]  # its content words, date expressions left out
    common_words: frozenset[str]  # those of `words` that are not names
    has_other_dates: bool  # the sentence also dates something else


def _timeline(story: Story, mentions: Sequence[DatedMention]) -> tuple[TimelineEvent, ...]:
    # Sentences the alignment found stating the same thing (a paraphrase, a translation) tell
    # one event even when their wording differs too much for the word test.
    aligned = {frozenset((p.a, p.b)) for p in story.alignments if p.level.is_same_statement}
    clusters: list[list[_Sighting]] = []
    for sighting in _sightings(story, mentions):
        cluster = next((c for c in clusters if _joins(sighting, c, aligned)), None)
        if cluster is None:
            clusters.append([sighting])
        else:
            cluster.append(sighting)
    events = [_event(cluster) for cluster in clusters]
    return tuple(sorted(events, key=_event_order))


def _sightings(story: Story, mentions: Sequence[DatedMention]) -> list[_Sighting]:
    """One sighting per (date, sentence), leaving out sentences that only restate a date."""
    expressions_by_sentence = _expressions_by_sentence((m.expression, m.sentence) for m in mentions)
    dates_by_sentence: dict[Span, set[FuzzyDate]] = {}
    for mention in mentions:
        dates_by_sentence.setdefault(mention.sentence, set()).add(mention.date)
    names = _story_names(story)
    sightings: dict[tuple[FuzzyDate, Span], _Sighting] = {}
    for mention in mentions:
        sentence = mention.sentence
        if (mention.date, sentence) in sightings:
            continue
        article = story.article(sentence.article_id)
        event_start, body = _event_part(article, sentence, expressions_by_sentence[sentence])
        words = _content_words(body)
        if _restates_publication(mention.expression, event_start, words):
            continue
        sightings[mention.date, sentence] = _Sighting(
            date=mention.date,
            sentence=sentence,
            text=article.text[event_start : sentence.end].strip(),
            words=words,
            common_words=words - names,
            has_other_dates=len(dates_by_sentence[sentence]) > 1,
        )
    return list(sightings.values())


def _expressions_by_sentence(pairs: Iterable[tuple[Span, Span]]) -> dict[Span, list[Span]]:
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


def _restates_publication(expression: Span, event_start: int, words: frozenset[str]) -> bool:
    """Whether a date sits in a dateline, or in a sentence that says nothing else."""
    return expression.end <= event_start or len(words) < MIN_EVENT_WORDS


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


def _joins(
    sighting: _Sighting, cluster: Sequence[_Sighting], aligned: Set[frozenset[Span]]
) -> bool:
    """Whether a sighting tells the event of at least half the cluster (one link would chain)."""
    if cluster[0].date != sighting.date:
        return False
    return 2 * sum(_same_event(sighting, other, aligned) for other in cluster) >= len(cluster)


def _same_event(a: _Sighting, b: _Sighting, aligned: Set[frozenset[Span]]) -> bool:
    if frozenset((a.sentence, b.sentence)) in aligned:
        return True
    return (
        len(a.words & b.words) >= SAME_EVENT_MIN_SHARED_WORDS
        and bool(a.common_words & b.common_words)
        and fuzz.token_set_ratio(" ".join(sorted(a.words)), " ".join(sorted(b.words)))
        >= SAME_EVENT_MIN_RATIO
    )


def _event(cluster: Sequence[_Sighting]) -> TimelineEvent:
    clearest = min(cluster, key=_clarity)
    return TimelineEvent(
        date=cluster[0].date,
        text=clearest.text,
        support=tuple(sighting.sentence for sighting in cluster),
    )


def _clarity(sighting: _Sighting) -> tuple[bool, bool, bool, bool]:
    """Sort key: a complete sentence, about this date only, not opening on a pronoun, not long.

    Ties keep cluster order, so the earliest article's wording wins among equally clear ones.
    """
    text = sighting.text
    is_complete = (
        text.lstrip(_QUOTES + "'")[:1].isupper()
        and text.rstrip(_QUOTES + "')").endswith((".", "!", "?"))
        and sum(text.count(mark) for mark in _QUOTES) % 2 == 0  # no quote cut in half
    )
    return (
        not is_complete,
        sighting.has_other_dates,
        bool(_PRONOUN_START.match(text)),
        len(text) > LONG_SENTENCE_CHARS,
    )


def _event_order(event: TimelineEvent) -> tuple[dt.date, int, str]:
    return (event.date.value, _PRECISION_RANK[event.date.precision], event.text)
