"""The timeline: one event per thing that happened, dated, with every sentence that tells it.

Sentences of any article that tell the same event (`_sightings` finds what each one tells) are
one entry, at the date most of them give; a date that cannot be the same one is shown with it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence, Set

from rapidfuzz import fuzz

from newsweave.model import DatedMention, FuzzyDate, Precision, Span, Story, TimelineEvent
from newsweave.stages.claims import one_fact
from newsweave.stages.dates._sightings import (
    PRECISION_RANK,
    Sighting,
    compatible,
    find_sightings,
    period_end,
)

# Two sentences with the same date tell the same event when their content words agree this much
# (rapidfuzz token_set_ratio, 0-100), they share at least this many content words, and one of
# those is not a name: in a story every sentence shares the names, so the action must match too.
SAME_EVENT_MIN_RATIO = 60
SAME_EVENT_MIN_SHARED_WORDS = 2
LONG_SENTENCE_CHARS = 200  # a longer sentence is a poor label for one event
# Two sentences the alignment pairs as one statement tell one event even when their dates
# differ, if the dates are this close: further apart, they are two events told alike.
DISAGREEING_DATES_MAX_DAYS = 45

_QUOTES = '"\u201c\u201d\u201e'
_PRONOUN_START = re.compile(r"^(?:it|he|she|they|this|that|these|those|we|i)\b", re.IGNORECASE)


def build_timeline(story: Story, mentions: Sequence[DatedMention]) -> tuple[TimelineEvent, ...]:
    """The story's events, sorted by date (a week, month or year first at its first day)."""
    # Sentences stating the same thing tell one event even when their wording differs too much
    # for the word test: those the alignment found stating it (a paraphrase, a translation),
    # and, of two dated sentences it pairs more loosely, those the claims stage makes one fact
    # ("Markovich has arrived to Kestrel on Sunday" / "Marković arrived in Kestrel on Sunday and
    # spent most of Monday at the Chancellery"), on fitting dates only.
    aligned = {frozenset((p.a, p.b)) for p in story.alignments if p.level.is_same_statement}
    dated = {mention.sentence for mention in mentions}
    one_facts = {
        frozenset((p.a, p.b))
        for p in story.alignments
        if not p.level.is_same_statement
        and p.a in dated
        and p.b in dated
        and one_fact(story.quote(p.a), story.quote(p.b), p.cosine)
    }
    sightings = find_sightings(story, mentions)
    events = [_event(cluster) for cluster in cluster_sightings(sightings, aligned, one_facts)]
    return tuple(sorted(events, key=_event_order))


def cluster_sightings(
    sightings: Iterable[Sighting],
    aligned: Set[frozenset[Span]],
    one_facts: Set[frozenset[Span]] = frozenset(),
) -> list[list[Sighting]]:
    """Each sighting in turn joins the first cluster whose event it tells (`_Cluster.joins`),
    or starts a cluster. `aligned` pairs sentences stating the same thing, `one_facts` pairs
    sentences stating one fact in looser words (their sightings agree on fitting dates only).

    Only clusters that can take it are tried: those whose first date fits its date (found in
    an index of first dates) and those holding a sentence aligned with it. Trying every cluster
    made a long article's timeline quadratic in its dated sentences.
    """
    partners, fact_partners = _partners(aligned), _partners(one_facts)
    clusters: list[_Cluster] = []
    alike: dict[_WordsPair, bool] = {}  # shared by the clusters: one article repeats wordings
    first_dates = _DateIndex()
    holding: dict[Span, set[int]] = {}  # a sentence -> the clusters holding it
    for sighting in sightings:
        near = partners.get(sighting.sentence, set())
        same_fact = fact_partners.get(sighting.sentence, set())
        tried = set(first_dates.fitting(sighting.date))
        tried.update(index for sentence in near for index in holding.get(sentence, ()))
        joined = next(
            (i for i in sorted(tried) if clusters[i].joins(sighting, near, same_fact)), None
        )
        if joined is None:
            joined = len(clusters)
            clusters.append(_Cluster(alike))
            first_dates.add(sighting.date, joined)
        clusters[joined].add(sighting)
        holding.setdefault(sighting.sentence, set()).add(joined)
    return [cluster.sightings for cluster in clusters]


def _partners(pairs: Set[frozenset[Span]]) -> dict[Span, set[Span]]:
    partners: dict[Span, set[Span]] = {}
    for pair in pairs:
        one, other = (*pair, *pair)[:2]  # a pair of one sentence with itself holds it once
        partners.setdefault(one, set()).add(other)
        partners.setdefault(other, set()).add(one)
    return partners


class _Cluster:
    """Sightings of one event, also counted by what telling the same event depends on (their
    date and words), so that a sighting is compared once with each kind, not with each."""

    def __init__(self, alike: dict[_WordsPair, bool]) -> None:
        self.alike = alike  # _same_words of pairs of wordings already compared
        self.sightings: list[Sighting] = []
        self.kinds: Counter[tuple[FuzzyDate, frozenset[str], frozenset[str]]] = Counter()
        self.by_sentence: dict[Span, list[Sighting]] = {}

    def add(self, sighting: Sighting) -> None:
        self.sightings.append(sighting)
        self.kinds[_kind(sighting)] += 1
        self.by_sentence.setdefault(sighting.sentence, []).append(sighting)

    def joins(
        self, sighting: Sighting, partners: Set[Span], same_fact: Set[Span] = frozenset()
    ) -> bool:
        """Whether a sighting tells the event of at least half the cluster (one link would
        chain).

        Its date must fit every date of the cluster (be it, or hold it, or lie in it: "in
        February" and "on February 4"), unless the alignment pairs it with a sentence of the
        cluster as one statement (`partners`) and the dates are near: then the sources disagree
        on when it happened. A sighting of a sentence stating one fact with one of the cluster's
        (`same_fact`) agrees with it at a fitting date, whatever their words.
        """
        kinds = self.kinds
        agreeing = 0
        aligned = [o for sentence in partners for o in self.by_sentence.get(sentence, ())]
        told_alike = [
            o
            for sentence in same_fact - partners
            for o in self.by_sentence.get(sentence, ())
            if compatible(sighting.date, o.date)
        ]
        if told_alike:
            kinds = kinds.copy()
            for other in told_alike:
                kinds[_kind(other)] -= 1
                agreeing += 1
        if aligned:
            kinds = kinds.copy()
            for other in aligned:
                kinds[_kind(other)] -= 1
                if not (compatible(sighting.date, other.date) or _near(sighting.date, other.date)):
                    return False
                agreeing += 1
        for (date, words, common_words), count in kinds.items():
            if count == 0:
                continue
            if not compatible(sighting.date, date):
                return False
            pair = (sighting.words, sighting.common_words, words, common_words)
            if pair not in self.alike:
                self.alike[pair] = _same_words(*pair)
            if self.alike[pair]:
                agreeing += count
        return 2 * agreeing >= len(self.sightings)


_WordsPair = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]


def _kind(sighting: Sighting) -> tuple[FuzzyDate, frozenset[str], frozenset[str]]:
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
        end = safe_period_end(date)
        for precision, values in self.values.items():
            first = _days_before(date.value, _LONGEST_DAYS[precision])
            for value in values[bisect_right(values, first) : bisect_left(values, end)]:
                other = FuzzyDate(value, precision)
                if compatible(date, other):
                    yield from self.clusters[other]


_LONGEST_DAYS = {Precision.DAY: 1, Precision.WEEK: 7, Precision.MONTH: 31, Precision.YEAR: 366}


def _days_before(day: dt.date, days: int) -> dt.date:
    return day - dt.timedelta(days=days) if day > dt.date.min + dt.timedelta(days=days) else day.min


def safe_period_end(date: FuzzyDate) -> dt.date:
    try:
        return period_end(date)
    except ValueError:  # the end of year 9999
        return dt.date.max


def _event(cluster: Sequence[Sighting]) -> TimelineEvent:
    """The event at the date most sightings give (the more precise on a tie)."""
    counts = Counter(sighting.date for sighting in cluster)
    date = max(counts, key=lambda d: (counts[d], PRECISION_RANK[d.precision], -d.value.toordinal()))
    clearest = min((s for s in cluster if s.date == date), key=_clarity)
    other_dates: dict[FuzzyDate, str] = {}
    for sighting in cluster:
        told = [(sighting.date, sighting.said), *sighting.other_dates]
        for other, said in told:
            if not compatible(other, date):
                other_dates.setdefault(other, said)
    return TimelineEvent(
        date=date,
        text=clearest.text,
        support=tuple(dict.fromkeys(sighting.sentence for sighting in cluster)),
        other_dates=tuple(sorted(other_dates.items())),
    )


def _near(a: FuzzyDate, b: FuzzyDate) -> bool:
    return abs((a.value - b.value).days) <= DISAGREEING_DATES_MAX_DAYS


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


def _clarity(sighting: Sighting) -> tuple[bool, bool, bool, bool]:
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
    return (event.date.value, PRECISION_RANK[event.date.precision], event.text)
