"""A story's developments: the seminal event and the events that followed it, each with its date.

A news article opens on what is new. Two articles whose opening sentences (their leads) tell one
thing on one day report one development: the arrest, then the extradition request, then the
hunger strike. Leads are compared by meaning (sentence embeddings) and grouped by average
linkage; two leads dated to different days never count as alike, so a later event told in the
same words ("Kurds protested again on Monday") is a development of its own.
A copy or rewrite of an article reports what its source reports. Each development is dated by
what its leads say ("captured Ocalan ... Thursday"), else by when its articles were published.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from newsweave.embed import embed
from newsweave.model import (
    Article,
    DateOrigin,
    Development,
    FuzzyDate,
    Precision,
    Span,
    Story,
)
from newsweave.stages.dates import date_only_sentences

# Two leads tell one development when their mean cosine, over the groups linked, reaches this.
DEVELOPMENT_COSINE = 0.4
# Leads dated further apart than this (in days) tell two developments, however alike their words.
DEVELOPMENT_DAYS = 0
NEWS_DAYS = 7  # a lead tells what happened in the week before it was published
LEAD_MIN_WORDS = 8  # a shorter first sentence is a dateline, a kicker or a fragment
_APART = 2.0  # the distance of two leads that cannot tell one development (cosine distance <= 2)


@dataclass(frozen=True, slots=True)
class _Lead:
    article: Article
    span: Span
    date: dt.date | None


def add_developments(story: Story) -> Story:
    """The story with `developments`, sorted by date (undated ones last)."""
    days_told: dict[Span, list[dt.date]] = {}
    for mention in story.dated_mentions:
        if mention.date.precision is Precision.DAY:
            days_told.setdefault(mention.sentence, []).append(mention.date.value)
    stamps = date_only_sentences(story)
    leads = [
        lead
        for article in story.articles
        if (lead := _lead(article, days_told, stamps)) is not None
    ]
    if not leads:
        return replace(story, developments=())
    vectors = embed([story.quote(lead.span) for lead in leads])
    groups = _groups(leads, vectors, _copied_from(story))
    developments = [_development(story, leads, vectors, group) for group in groups]
    developments.sort(key=lambda d: (d.date is None, d.date.value if d.date else dt.date.max))
    return replace(story, developments=tuple(developments))


def _lead(
    article: Article, days_told: dict[Span, list[dt.date]], stamps: set[Span]
) -> _Lead | None:
    """The article's first sentence that says something, outside its headings and `stamps`,
    with its date (`days_told`: the days each sentence of the story names, in text order)."""
    headings = set(article.headings)
    for span in article.sentences:
        if span in headings or span in stamps or len(article.quote(span).split()) < LEAD_MIN_WORDS:
            continue
        told = days_told.get(span, [])
        # A date lent by the story (`DateOrigin.STORY`) is a guess at when, not when.
        published = (
            article.published.date()
            if article.published is not None and article.date_origin is not DateOrigin.STORY
            else None
        )
        # The lead's own day, the first it names in the week up to publication ("warning
        # Sunday"): a day ahead is a plan, and an older one a reference point ("relatives of
        # the victims of the Aug. 7 bombing"), not what is new.
        date = next((day for day in told if _is_news_day(day, published)), published)
        return _Lead(article, span, date)
    return None


def _is_news_day(day: dt.date, published: dt.date | None) -> bool:
    return published is None or 0 <= (published - day).days <= NEWS_DAYS


def _copied_from(story: Story) -> dict[str, str]:
    """Each copied or rewritten article's source."""
    return {link.derived_article: link.source_article for link in story.provenance}


def _groups(
    leads: Sequence[_Lead], vectors: npt.NDArray[np.float32], copied_from: dict[str, str]
) -> list[list[int]]:
    """Indices of the leads of each development, by average linkage of their cosines."""
    if len(leads) == 1:
        return [[0]]
    distance = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0).astype(np.float64)
    index = {lead.article.id: i for i, lead in enumerate(leads)}
    for derived, source in copied_from.items():
        if derived in index and source in index:
            distance[index[derived], index[source]] = distance[index[source], index[derived]] = 0.0
    # After the copies: a copy that tells another day ("protested again on Monday") is an update.
    days = np.array([lead.date.toordinal() if lead.date else np.nan for lead in leads])
    distance[np.abs(days[:, None] - days[None, :]) > DEVELOPMENT_DAYS] = _APART  # NaN: no date
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - DEVELOPMENT_COSINE, criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return list(groups.values())


def _development(
    story: Story, leads: Sequence[_Lead], vectors: npt.NDArray[np.float32], group: Sequence[int]
) -> Development:
    """A development told by these leads, at the day most of them give, in the words of the lead
    most like the others (the version most outlets tell; the earliest on a tie)."""
    days = Counter(leads[i].date for i in group if leads[i].date is not None)
    date = (
        FuzzyDate(max(days, key=lambda day: (days[day], -day.toordinal())), Precision.DAY)
        if days
        else None
    )
    likeness = (vectors[group] @ vectors[group].T).sum(axis=1)
    central = max(range(len(group)), key=lambda k: (round(float(likeness[k]), 4), -k))
    return Development(
        date=date,
        text=story.quote(leads[group[central]].span),
        support=tuple(leads[i].span for i in group),
    )
