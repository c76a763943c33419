"""The timeline: one event per thing that happened, dated, with every sentence that tells it.

A sentence tells an event at each date it mentions, except a date that only restates when the
article was written (a dateline, a sentence that is only a date) and a reference point ("the
first visit since October 2018" dates the previous visit, not this one). Two expressions side
by side ("five months ago on February 4") date one event: the more precise one wins, and where
they disagree the other is kept beside it. Sentences of any article that tell the same event are
one entry, at the date most of them give; a date that cannot be the same one is shown with it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass

from rapidfuzz import fuzz

from newsweave.model import (
    Article,
    DatedMention,
    FuzzyDate,
    Precision,
    Span,
    Story,
    TimelineEvent,
)

# Two sentences with the same date tell the same event when their content words agree this much
# (rapidfuzz token_set_ratio, 0-100), they share at least this many content words, and one of
# those is not a name: in a story every sentence shares the names, so the action must match too.
SAME_EVENT_MIN_RATIO = 60
SAME_EVENT_MIN_SHARED_WORDS = 2
MIN_EVENT_WORDS = 1  # a sentence with no content word besides its dates states no event
LONG_SENTENCE_CHARS = 200  # a longer sentence is a poor label for one event
# Two sentences the alignment pairs as one statement tell one event even when their dates
# differ, if the dates are this close: further apart, they are two events told alike.
DISAGREEING_DATES_MAX_DAYS = 45

_PRECISION_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.WEEK: 2, Precision.DAY: 3}
# What stands between two expressions that date one moment: "five months ago on February 4",
# "Sunday, June 18", "in August (2023)".
_SIDE_BY_SIDE = re.compile(r"^[\s,(\u2013\u2014-]*(?:on|in|at|of)?[\s,()]*$", re.IGNORECASE)
# A date after "since" is where a span of time starts, a reference point, not this event's date.
_REFERENCE_POINT = re.compile(
    r"\bsince\s+(?:(?:early|late|mid|the (?:start|end|beginning|middle) of)[\s-]+)?$",
    re.IGNORECASE,
)

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
_QUOTES = '"\u201c\u201d\u201e'
_PRONOUN_START = re.compile(r"^(?:it|he|she|they|this|that|these|those|we|i)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Sighting:
    """One sentence that says something happened on `date`."""

    date: FuzzyDate
    said: str  # the expression that gives the date
    sentence: Span
    text: str  # the sentence without its dateline
    words: frozenset[str]  # its content words, date expressions left out
    common_words: frozenset[str]  # those of `words` that are not names
    has_other_dates: bool  # the sentence also dates something else
    other_dates: tuple[tuple[FuzzyDate, str], ...] = ()  # a second, disagreeing date beside it


def build_timeline(story: Story, mentions: Sequence[DatedMention]) -> tuple[TimelineEvent, ...]:
    """The story's events, sorted by date (a week, month or year first at its first day)."""
    # Sentences the alignment found stating the same thing (a paraphrase, a translation) tell
    # one event even when their wording differs too much for the word test.
    aligned = {frozenset((p.a, p.b)) for p in story.alignments if p.level.is_same_statement}
    events = [
        _event(cluster) for cluster in cluster_sightings(_sightings(story, mentions), aligned)
    ]
    return tuple(sorted(events, key=_event_order))


def cluster_sightings(
    sightings: Iterable[_Sighting], aligned: Set[frozenset[Span]]
) -> list[list[_Sighting]]:
    """Each sighting in turn joins the first cluster whose event it tells (`_Cluster.joins`),
    or starts a cluster.

    Only clusters that can take it are tried: those whose first date fits its date (found in
    an index of first dates) and those holding a sentence aligned with it. Trying every cluster
    made a long article's timeline quadratic in its dated sentences.
    """
    partners: dict[Span, set[Span]] = {}
    for pair in aligned:
        one, other = (*pair, *pair)[:2]  # a pair of one sentence with itself holds it once
        partners.setdefault(one, set()).add(other)
        partners.setdefault(other, set()).add(one)
    clusters: list[_Cluster] = []
    alike: dict[_WordsPair, bool] = {}  # shared by the clusters: one article repeats wordings
    first_dates = _DateIndex()
    holding: dict[Span, set[int]] = {}  # a sentence -> the clusters holding it
    for sighting in sightings:
        near = partners.get(sighting.sentence, set())
        tried = set(first_dates.fitting(sighting.date))
        tried.update(index for sentence in near for index in holding.get(sentence, ()))
        joined = next((i for i in sorted(tried) if clusters[i].joins(sighting, near)), None)
        if joined is None:
            joined = len(clusters)
            clusters.append(_Cluster(alike))
            first_dates.add(sighting.date, joined)
        clusters[joined].add(sighting)
        holding.setdefault(sighting.sentence, set()).add(joined)
    return [cluster.sightings for cluster in clusters]


class _Cluster:
    """Sightings of one event, also counted by what telling the same event depends on (their
    date and words), so that a sighting is compared once with each kind, not with each."""

    def __init__(self, alike: dict[_WordsPair, bool]) -> None:
        self.alike = alike  # _same_words of pairs of wordings already compared
        self.sightings: list[_Sighting] = []
        self.kinds: Counter[tuple[FuzzyDate, frozenset[str], frozenset[str]]] = Counter()
        self.by_sentence: dict[Span, list[_Sighting]] = {}

    def add(self, sighting: _Sighting) -> None:
        self.sightings.append(sighting)
        self.kinds[_kind(sighting)] += 1
        self.by_sentence.setdefault(sighting.sentence, []).append(sighting)

    def joins(self, sighting: _Sighting, partners: Set[Span]) -> bool:
        """Whether a sighting tells the event of at least half the cluster (one link would
        chain).

        Its date must fit every date of the cluster (be it, or hold it, or lie in it: "in
        February" and "on February 4"), unless the alignment pairs it with a sentence of the
        cluster as one statement (`partners`) and the dates are near: then the sources disagree
        on when it happened.
        """
        kinds = self.kinds
        agreeing = 0
        aligned = [o for sentence in partners for o in self.by_sentence.get(sentence, ())]
        if aligned:
            kinds = kinds.copy()
            for other in aligned:
                kinds[_kind(other)] -= 1
                if not (_compatible(sighting.date, other.date) or _near(sighting.date, other.date)):
                    return False
                agreeing += 1
        for (date, words, common_words), count in kinds.items():
            if count == 0:
                continue
            if not _compatible(sighting.date, date):
                return False
            pair = (sighting.words, sighting.common_words, words, common_words)
            if pair not in self.alike:
                self.alike[pair] = _same_words(*pair)
            if self.alike[pair]:
                agreeing += count
        return 2 * agreeing >= len(self.sightings)


_WordsPair = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]


def _kind(sighting: _Sighting) -> tuple[FuzzyDate, frozenset[str], frozenset[str]]:
    return sighting.date, sighting.words, sighting.common_words


class _DateIndex:
    """Clusters by their first date, to find those whose date fits a date: lies in it or holds
    it. A date that holds another starts at most one period before it."""

    def __init__(self) -> None:
        self.values: dict[Precision, list[dt.date]] = {}  # sorted, each once
        self.clusters: dict[FuzzyDate, list[int]] = {}

    def add(self, date: FuzzyDate, cluster: int) -> None:
        if date not in self.clusters:
            insort(self.values.setdefault(date.precision, []), date.value)
        self.clusters.setdefault(date, []).append(cluster)

    def fitting(self, date: FuzzyDate) -> Iterator[int]:
        end = _safe_period_end(date)
        for precision, values in self.values.items():
            first = _days_before(date.value, _LONGEST_DAYS[precision])
            for value in values[bisect_right(values, first) : bisect_left(values, end)]:
                other = FuzzyDate(value, precision)
                if _compatible(date, other):
                    yield from self.clusters[other]


_LONGEST_DAYS = {Precision.DAY: 1, Precision.WEEK: 7, Precision.MONTH: 31, Precision.YEAR: 366}


def _days_before(day: dt.date, days: int) -> dt.date:
    return day - dt.timedelta(days=days) if day > dt.date.min + dt.timedelta(days=days) else day.min


def _safe_period_end(date: FuzzyDate) -> dt.date:
    try:
        return _period_end(date)
    except ValueError:  # the end of year 9999
        return dt.date.max


def restates_publication(
    article: Article, expression: Span, sentence: Span, expressions: Sequence[Span]
) -> bool:
    """Whether a date sits in a dateline, or in a sentence that says nothing else.

    `expressions` are all the date expressions of the sentence, left out of what it says.
    """
    event_start, body = _event_part(article, sentence, expressions)
    return _restates_publication(expression, event_start, _content_words(body))


def _sightings(story: Story, mentions: Sequence[DatedMention]) -> list[_Sighting]:
    """One sighting per (date, sentence), leaving out restated dates and reference points."""
    expressions_of = expressions_by_sentence((m.expression, m.sentence) for m in mentions)
    by_sentence: dict[Span, list[DatedMention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    names = _story_names(story)
    sightings: dict[tuple[FuzzyDate, Span], _Sighting] = {}
    for sentence, found in by_sentence.items():
        article = story.article(sentence.article_id)
        event_start, body = _event_part(article, sentence, expressions_of[sentence])
        words = _content_words(body)
        dates = {mention.date for mention in found}
        for mention, others in _moments(article, found):
            if (mention.date, sentence) in sightings:
                continue
            if _restates_publication(mention.expression, event_start, words):
                continue
            if _REFERENCE_POINT.search(article.text[sentence.start : mention.expression.start]):
                continue
            sightings[mention.date, sentence] = _Sighting(
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
        best = max(group, key=lambda m: (_PRECISION_RANK[m.date.precision], m.confidence))
        moments.append((best, [m for m in group if not _compatible(m.date, best.date)]))
    return moments


def _event(cluster: Sequence[_Sighting]) -> TimelineEvent:
    """The event at the date most sightings give (the more precise on a tie)."""
    counts = Counter(sighting.date for sighting in cluster)
    date = max(
        counts, key=lambda d: (counts[d], _PRECISION_RANK[d.precision], -d.value.toordinal())
    )
    clearest = min((s for s in cluster if s.date == date), key=_clarity)
    other_dates: dict[FuzzyDate, str] = {}
    for sighting in cluster:
        told = [(sighting.date, sighting.said), *sighting.other_dates]
        for other, said in told:
            if not _compatible(other, date):
                other_dates.setdefault(other, said)
    return TimelineEvent(
        date=date,
        text=clearest.text,
        support=tuple(dict.fromkeys(sighting.sentence for sighting in cluster)),
        other_dates=tuple(sorted(other_dates.items())),
    )


def _compatible(a: FuzzyDate, b: FuzzyDate) -> bool:
    """Whether one date lies within the other ("February" holds "February 4")."""
    return _holds(a, b) or _holds(b, a)


def _holds(outer: FuzzyDate, inner: FuzzyDate) -> bool:
    return outer.value <= inner.value < _period_end(outer)


def _period_end(date: FuzzyDate) -> dt.date:
    value = date.value
    if date.precision is Precision.DAY:
        return value + dt.timedelta(days=1)
    if date.precision is Precision.WEEK:
        return value + dt.timedelta(days=7)
    if date.precision is Precision.MONTH:
        return dt.date(value.year + value.month // 12, value.month % 12 + 1, 1)
    return dt.date(value.year + 1, 1, 1)


def _near(a: FuzzyDate, b: FuzzyDate) -> bool:
    return abs((a.value - b.value).days) <= DISAGREEING_DATES_MAX_DAYS


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


def _same_words(
    words: frozenset[str],
    common: frozenset[str],
    other: frozenset[str],
    other_common: frozenset[str],
) -> bool:
    """Whether two sentences with fitting dates tell the same event, by their content words."""
    return (
        len(words & other) >= SAME_EVENT_MIN_SHARED_WORDS
        and bool(common & other_common)
        and fuzz.token_set_ratio(" ".join(sorted(words)), " ".join(sorted(other)))
        >= SAME_EVENT_MIN_RATIO
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
