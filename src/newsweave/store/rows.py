"""Rows as model objects and back: what the store's columns mean.

Times are ISO 8601 strings; an article's cleaning (its date evidence, the text cut away, its
headings) is kept as JSON beside its text, so a stored article is not cleaned again.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, replace

from newsweave.model import Article, DateOrigin, Removal, Span


@dataclass(frozen=True, slots=True)
class StoredStory:
    """One story as listed by the store."""

    id: str
    title: str
    first_at: dt.datetime | None
    last_at: dt.datetime | None
    article_count: int
    version: int
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """A merge (`story` absorbed `other`) or a split (`other` split off `story`)."""

    at: dt.datetime
    kind: str
    story: str
    other: str
    article_count: int


@dataclass(frozen=True, slots=True)
class RecentArticle:
    """What grouping needs of one stored article: its story, terms and date (None: undated)."""

    key: int
    story: str
    terms: dict[str, int]
    at: dt.datetime | None


def article_from_row(row: sqlite3.Row) -> Article:
    """A stored article; with its cleaning when it was stored, so it is not cleaned again."""
    article = Article(
        id=row["id"],
        source=row["source"],
        raw_text=row["raw_text"],
        title=row["title"],
        url=row["url"],
        published=parse_time(row["published_at"]),
        date_origin=DateOrigin.METADATA if row["published_at"] else DateOrigin.UNKNOWN,
        language=row["language"],
        origin=row["origin"],
    )
    if not row["cleaning"]:
        return article
    cleaning = json.loads(row["cleaning"])
    return replace(
        article,
        text=row["text"],
        date_origin=DateOrigin(cleaning.get("date_origin", article.date_origin.value)),
        date_evidence=cleaning.get("date_evidence"),
        date_confidence=cleaning.get("date_confidence"),
        removed=tuple(Removal(article.id, text, reason) for text, reason in cleaning["removed"]),
        headings=tuple(Span(article.id, start, end) for start, end in cleaning["headings"]),
    )


def cleaning_json(article: Article) -> str:
    """How an article was cleaned (dated, cut, headings), kept so it is not cleaned again."""
    return json.dumps(
        {
            "date_origin": article.date_origin.value,
            "date_evidence": article.date_evidence,
            "date_confidence": article.date_confidence,
            "removed": [[removal.text, removal.reason] for removal in article.removed],
            "headings": [[span.start, span.end] for span in article.headings],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def story_from_row(row: sqlite3.Row) -> StoredStory:
    return StoredStory(
        id=row["id"],
        title=row["title"],
        first_at=parse_time(row["first_at"]),
        last_at=parse_time(row["last_at"]),
        article_count=row["article_count"],
        version=row["version"],
        updated_at=dt.datetime.fromisoformat(row["updated_at"]),
    )


def event_from_row(row: sqlite3.Row) -> StoryEvent:
    return StoryEvent(
        dt.datetime.fromisoformat(row["at"]),
        row["kind"],
        row["story"],
        row["other"],
        row["article_count"],
    )


def iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def parse_time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None
