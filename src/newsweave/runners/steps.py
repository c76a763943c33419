"""The article and story steps of a batch: plain functions over rows, the same on every engine.

Each step wraps one pipeline function (`newsweave.pipeline`) and turns its objects into rows:
an article travels as JSON (`runners/records.py`), a rejection as a row of kind `rejected`. A
step's output rows carry a `kind` column when it yields more than one kind of row.

    read_files        map     input files -> raw articles (JSONL/JSON, Parquet, a store)
    keep_first        reduce  by article id: a repeated article is rejected, a reused id renamed
    learn_profile     reduce  by source: the source's profile (`learn_source_profile`)
    prepare           map     raw -> prepared articles + grouping features (`prepare_articles`)
    story_rows        reduce  by story: `build_story`, its report, its articles' rows
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any

from threadpoolctl import threadpool_limits

from newsweave.errors import Rejected, StoryStageError
from newsweave.model import Article, Rejection, Report, SourceProfile
from newsweave.pipeline import build_story, learn_source_profile, prepare_articles
from newsweave.render.json import report_to_dict
from newsweave.runners.engine import Row
from newsweave.runners.records import (
    article_from_json,
    article_to_json,
    from_json,
    rejection_row,
    to_json,
)
from newsweave.sources.read import DEFAULT_MAX_BYTES, article_from_record, read_file
from newsweave.stages.grouping.stories import grouping_features

FILES = "path string, file long"
RAW = (
    "kind string, id string, source string, seq long, article string, "
    "input string, stage string, reason string, detail string"
)
PROFILES = "source string, profile string"
PREPARED = (
    "kind string, id string, source string, seq long, article string, features string, "
    "input string, stage string, reason string, detail string"
)
STORY_OUT = (
    "kind string, story_id string, title string, article_ids array<string>, report string, "
    "id string, source string, url string, published string, text string, "
    "input string, stage string, reason string, detail string"
)
REJECTED = "input string, stage string, reason string, detail string"
ARTICLES = (
    "id string, story_id string, source string, title string, url string, published string, "
    "text string"
)
STORIES = "story_id string, title string, article_ids array<string>"
REPORTS = "story_id string, report string"

PARQUET_SUFFIXES = {".parquet"}
STORE_SUFFIXES = {".db", ".sqlite", ".sqlite3"}
_SEQ_BITS = 32  # seq = file number << 32 | record number: input order, across files
_PREPARE_CHUNK = 256  # articles annotated together (spaCy batches them)


def read_files(rows: Iterator[Row]) -> Iterator[Row]:
    """The map step that reads input files: one raw-article or rejection row per record."""
    for row in rows:
        path = Path(row["path"])
        base = int(row["file"]) << _SEQ_BITS
        for number, item in enumerate(_read_one(path), 1):
            if isinstance(item, Rejection):
                yield {"kind": "rejected", **rejection_row(item, "read")}
            else:
                yield _article_row(item, base + number)


def keep_first(article_id: str, rows: list[Row]) -> Iterator[Row]:
    """The reduce step by article id: the first read wins; a later article with the same text is
    rejected as a duplicate, one with other text gets a numbered id (as `read_inputs` does)."""
    rows = sorted(rows, key=lambda row: row["seq"])
    first = article_from_json(rows[0]["article"])
    yield rows[0]
    for number, row in enumerate(rows[1:], 2):
        article = article_from_json(row["article"])
        if article.raw_text == first.raw_text:
            rejection = Rejection(
                article.origin, "duplicate", f"repeats article {article_id!r} read earlier"
            )
            yield {"kind": "rejected", **rejection_row(rejection, "read")}
        else:
            yield _article_row(replace(article, id=f"{article_id}-{number}"), row["seq"])


def learn_profile(source: str, rows: list[Row]) -> Iterator[Row]:
    """The reduce step by source: its profile, when it has something to learn."""
    articles = [article_from_json(row["article"]) for row in sorted(rows, key=lambda r: r["seq"])]
    profile = learn_source_profile(source, articles)
    if profile.boilerplate:
        yield {"source": source, "profile": to_json(profile)}


def profiles_from_rows(rows: Iterable[Row]) -> dict[str, SourceProfile]:
    return {row["source"]: from_json(row["profile"], SourceProfile) for row in rows}


def prepare(profiles: Mapping[str, SourceProfile]) -> Any:
    """The map step that cleans and annotates raw articles (models load once per process)."""

    def step(rows: Iterator[Row]) -> Iterator[Row]:
        articles = (
            (row["seq"], article_from_json(row["article"]))
            for row in rows
            if row["kind"] == "article"
        )
        while chunk := list(islice(articles, _PREPARE_CHUNK)):
            with threadpool_limits(limits=1, user_api="blas"):  # as `analyze` does: see there
                prepared = prepare_articles([article for _, article in chunk], profiles)
            for (seq, _), item in zip(chunk, prepared, strict=True):
                if isinstance(item, Rejection):
                    yield {"kind": "rejected", **rejection_row(item, item.stage)}
                else:
                    row = _article_row(item, seq)
                    row["features"] = to_json(grouping_features(item))
                    yield row

    return step


def story_rows(summary_words: int) -> Any:
    """The reduce step by story: the story built, its report and its articles' output rows."""

    def step(story_key: str, rows: list[Row]) -> Iterator[Row]:
        articles = [article_from_json(r["article"]) for r in sorted(rows, key=lambda r: r["seq"])]
        try:
            with threadpool_limits(limits=1, user_api="blas"):
                story = build_story(articles, summary_words=summary_words)
        except StoryStageError as error:
            rejection = Rejection(
                f"story {error.story_id}",
                "story_failed",
                str(error),
                stage=error.stage,
                articles=error.article_ids,
            )
            yield {"kind": "rejected", **rejection_row(rejection, error.stage)}
            return
        report = report_to_dict(Report(stories=(story,)))
        yield {
            "kind": "story",
            "story_id": story.id,
            "title": story.title,
            "article_ids": [article.id for article in story.articles],
            "report": json.dumps(report, ensure_ascii=False),
        }
        for article in story.articles:
            yield {
                "kind": "article",
                "id": article.id,
                "story_id": story.id,
                "source": article.source,
                "title": article.title,
                "url": article.url,
                "published": article.published.isoformat() if article.published else None,
                "text": article.text,
            }

    return step


def _read_one(path: Path) -> Iterator[Article | Rejection]:
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        yield from _read_parquet(path)
    elif suffix in STORE_SUFFIXES:
        yield from _read_store(path)
    else:
        # Batch inputs are corpora: no size limit beyond the file's own size.
        yield from read_file(path, max_bytes=max(DEFAULT_MAX_BYTES, _size(path)))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # read_file names the problem


def _read_parquet(path: Path) -> Iterator[Article | Rejection]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types for a file that is not Parquet
        yield Rejection(str(path), "unreadable", f"not a readable Parquet file ({error})")
        return
    number = 0
    for batch in parquet.iter_batches(batch_size=1024):
        for record in batch.to_pylist():
            number += 1
            yield _from_record(
                _jsonable(record), f"{path}[{number}]", f"{path.stem}-{number}", path
            )


def _read_store(path: Path) -> Iterator[Article | Rejection]:
    from newsweave.store.sqlite import Store

    with Store(path) as store:
        for number, record in enumerate(store.iter_articles(), 1):
            record = {**record, "text": record.get("raw_text") or record.get("text")}
            yield _from_record(record, f"{path}#{record['id']}", f"{path.stem}-{number}", path)


def _from_record(
    record: Mapping[str, Any], origin: str, default_id: str, path: Path
) -> Article | Rejection:
    try:
        return article_from_record(
            record, origin=origin, default_id=default_id, default_source=path.name
        )
    except Rejected as error:
        return Rejection(origin, error.reason, error.detail)


def _jsonable(record: Mapping[str, Any]) -> dict[str, Any]:
    # Parquet timestamps arrive as datetimes; the record reader expects ISO strings, as in JSON.
    return {
        key: value.isoformat() if hasattr(value, "isoformat") else value
        for key, value in record.items()
    }


def _article_row(article: Article, seq: int) -> Row:
    return {
        "kind": "article",
        "id": article.id,
        "source": article.source,
        "seq": seq,
        "article": article_to_json(article),
    }
