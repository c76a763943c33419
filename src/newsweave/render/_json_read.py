"""JSON of the story-report contract -> Report, each quoted span checked against its article's
text (`report_from_dict` in `render.json` validates against the schema first)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from newsweave.errors import NewsweaveError
from newsweave.model import (
    Article,
    Claim,
    ClaimStatus,
    Conflict,
    CopyLink,
    DateOrigin,
    Development,
    Entity,
    FuzzyDate,
    Precision,
    Rejection,
    Relation,
    Removal,
    Report,
    Span,
    Story,
    SummaryItem,
    TimelineEvent,
)


def read_report(data: Mapping[str, Any]) -> Report:
    """The report `data` holds, not checked against the schema (see `report_from_dict`).

    Raises:
        NewsweaveError: a span does not match its article.
    """
    return Report(
        stories=tuple(_story_from(story) for story in data["stories"]),
        rejections=tuple(_rejection_from(item) for item in data.get("rejected", ())),
    )


class _SpanReader:
    """Span dicts of one story back into `Span`s, each checked against its article's text."""

    def __init__(self, story_id: str, articles: Mapping[str, Article]) -> None:
        self._story_id = story_id
        self._articles = articles

    def span(self, data: Mapping[str, Any]) -> Span:
        article = self._articles.get(data["article"])
        where = f"story {self._story_id!r} cites {data['article']!r} {data['start']}..{data['end']}"
        if article is None:
            raise NewsweaveError(f"{where}, which is not one of its articles")
        start, end = data["start"], data["end"]
        if start > end or end > len(article.text):
            raise NewsweaveError(f"{where}, outside its text of {len(article.text)} characters")
        if "text" in data and article.text[start:end] != data["text"]:
            raise NewsweaveError(f"{where}, but the quoted text differs from the article's")
        return Span(article.id, start, end)

    def spans(self, items: Iterable[Mapping[str, Any]]) -> tuple[Span, ...]:
        return tuple(self.span(item) for item in items)


def _story_from(data: Mapping[str, Any]) -> Story:
    articles = tuple(_article_from(item) for item in data["articles"])
    spans = _SpanReader(data["id"], {article.id: article for article in articles})
    removed_by_article: dict[str, list[Removal]] = {}
    for item in data["removed"]:
        removal = Removal(item["article"], item["text"], item["reason"])
        removed_by_article.setdefault(removal.article_id, []).append(removal)
    articles = tuple(
        _with_headings(article, data["articles"][index], spans, removed_by_article)
        for index, article in enumerate(articles)
    )
    # The reader checks spans against each article's text, which adding headings left unchanged.
    return Story(
        id=data["id"],
        title=data["title"],
        articles=articles,
        entities=tuple(_entity_from(item, spans) for item in data["entities"]),
        timeline=tuple(
            TimelineEvent(
                _fuzzy_date(item),
                item["text"],
                spans.spans(item["support"]),
                tuple((_fuzzy_date(o), o["from"]) for o in item.get("other_dates", ())),
                bool(item.get("background", False)),
            )
            for item in data["timeline"]
        ),
        developments=tuple(
            Development(
                _fuzzy_date(item) if item.get("date") else None,
                item["text"],
                spans.spans(item["support"]),
            )
            for item in data.get("developments", ())
        ),
        summary=tuple(
            SummaryItem(item["text"], spans.spans(item["support"]), item.get("disputed", False))
            for item in data["summary"]
        ),
        claims=tuple(
            Claim(
                text=item["text"],
                status=ClaimStatus(item["status"]),
                support=spans.spans(item["support"]),
                independent_support=item.get("independent_support", 0),
            )
            for item in data["claims"]
        ),
        conflicts=tuple(
            Conflict(
                item["kind"], spans.span(item["a"]), spans.span(item["b"]), item["explanation"]
            )
            for item in data["conflicts"]
        ),
        provenance=tuple(
            CopyLink(
                source_article=item["source_article"],
                derived_article=item["derived_article"],
                relation=Relation(item["relation"]),
                shared=item["shared"],
                passages=tuple(
                    (spans.span(passage["source"]), spans.span(passage["derived"]))
                    for passage in item.get("passages", ())
                ),
            )
            for item in data["provenance"]
        ),
        independent_sources=data.get("independent_sources"),
    )


def _article_from(data: Mapping[str, Any]) -> Article:
    published = data.get("published")
    return Article(
        id=data["id"],
        source=data["source"],
        raw_text="",
        title=data.get("title"),
        url=data.get("url"),
        published=_datetime(published) if published else None,
        date_origin=DateOrigin(data.get("date_origin") or DateOrigin.UNKNOWN.value),
        date_evidence=data.get("date_evidence"),
        date_confidence=data.get("date_confidence"),
        language=data.get("language"),
        text=data["text"],
    )


def _with_headings(
    article: Article,
    data: Mapping[str, Any],
    spans: _SpanReader,
    removed: Mapping[str, list[Removal]],
) -> Article:
    sentences = tuple(
        spans.span({"article": article.id, "start": start, "end": end})
        for start, end in data.get("sentence_bounds", ())
    )
    return replace(
        article,
        sentences=sentences,
        headings=spans.spans(data.get("headings", ())),
        removed=tuple(removed.get(article.id, ())),
    )


def _entity_from(data: Mapping[str, Any], spans: _SpanReader) -> Entity:
    mentions = spans.spans(data.get("mention_spans", ()))
    return Entity(data["name"], data["type"], tuple(data.get("variants", ())), mentions)


def _fuzzy_date(data: Mapping[str, Any]) -> FuzzyDate:
    text = data["date"]
    precision = Precision(data.get("precision") or _precision_of(text))
    if precision is Precision.WEEK:
        year, week = text.split("-W")
        return FuzzyDate(dt.date.fromisocalendar(int(year), int(week), 1), precision)
    parts = [int(part) for part in text.split("-")] + [1, 1]
    return FuzzyDate(dt.date(parts[0], parts[1], parts[2]), precision)


def _precision_of(text: str) -> str:
    if "-W" in text:
        return Precision.WEEK.value
    return {1: Precision.YEAR, 2: Precision.MONTH}.get(text.count("-") + 1, Precision.DAY).value


def _datetime(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise NewsweaveError(f"article publication time {text!r} is not ISO 8601") from error


def _rejection_from(data: Mapping[str, Any]) -> Rejection:
    return Rejection(
        data["input"],
        data["reason"],
        data["detail"],
        stage=data.get("stage", "read"),
        articles=tuple(data.get("articles", ())),
    )
