"""Read articles from files and folders: .txt, .html, .json and .jsonl.

Every problem with one input becomes a `Rejection` naming the input and the problem; the other
inputs are still read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import trafilatura

from newsweave.errors import Rejected
from newsweave.model import Article, DateOrigin, Rejection
from newsweave.stages.article._noise import is_dateline, is_page_stamp
from newsweave.sources._decode import decode_bytes

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
_TITLE_MAX_WORDS = 20
_HTML_MIN_WORDS = 8
# A web address alone on a line; tokenized text spaces its punctuation ("http: / / site. com / a").
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", re.IGNORECASE)
_ADDRESS_START = re.compile(r"https?\s*:\s*/\s*/", re.IGNORECASE)
_SPACED_PUNCTUATION = re.compile(r"\s*([/.:?=&#_~%+-])\s*")


def read_inputs(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[Article], list[Rejection]]:
    """Read every article under `paths` (files, or folders searched recursively).

    Files named on their own must be of a supported type; inside folders, other files (a README,
    an image) are passed over. Articles with the same id get a numbered suffix; an article that
    repeats an earlier one exactly (same id and text) is rejected as a duplicate.

    Example:
        >>> articles, rejections = read_inputs(["coverage/"])
    """
    articles: list[Article] = []
    rejections: list[Rejection] = []
    seen: dict[str, str] = {}  # id -> text
    for path in input_files(paths):
        if isinstance(path, Rejection):
            rejections.append(path)
            continue
        for item in read_file(path, max_bytes=max_bytes):
            if isinstance(item, Rejection):
                rejections.append(item)
                continue
            article = _unique(item, seen, rejections)
            if article is not None:
                articles.append(article)
    return articles, rejections


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Rejection]:
    """The articles of one file, or the rejections that explain why there are none."""
    name = str(path)
    try:
        text = _read_text(path, max_bytes)
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, text)
        elif suffix in JSON_SUFFIXES:
            yield from _read_json(path, text)
        elif suffix in HTML_SUFFIXES:
            yield article_from_html(
                text, article_id=path.stem, origin=name, fallback_source=path.name
            )
        else:
            yield article_from_text(text, article_id=path.stem, source=path.name, origin=name)
    except Rejected as error:
        yield Rejection(name, error.reason, error.detail)
    except OSError as error:
        yield Rejection(name, "unreadable", f"cannot read file ({error.strerror or error})")


def article_from_text(text: str, *, article_id: str, source: str, origin: str = "") -> Article:
    """A plain-text article; a short first line followed by more text is its title.

    A front matter block at the top gives its metadata (see `split_front_matter`). A web
    address alone on the first line is the page's address, and its site the outlet; a date
    line or a page's time stamp above the title is no title (it stays in the text, which the
    cleaner dates it by).
    """
    fields, body = split_front_matter(text.strip())
    body = body.strip()
    if not body:
        raise Rejected("empty", "no text in file")
    title = fields.get("title")
    first, _, rest = body.partition("\n")
    address = _web_address(first)
    if address is not None and rest.strip():
        # A page saved with its address on top: the address names the page and its outlet.
        fields = {"url": address, "source": _outlet(address), **fields}
        body = rest.strip("\n")
        first, _, rest = body.partition("\n")
    first = first.strip()
    if title is None and (is_dateline(first) or is_page_stamp(first)):
        # A date line above the title stays in the text, where it dates the article.
        second, _, after = rest.strip("\n").partition("\n")
        after = after.strip("\n")
        if after.strip() and _looks_like_title(second.strip()):
            title, body = second.strip(), f"{first}\n{after}"
    elif title is None and rest.strip() and _looks_like_title(first):
        title, body = first, rest.strip("\n")
    given_date = fields.get("published") or fields.get("date")
    published = _parse_published(given_date)
    if given_date and published is None:
        raise Rejected("bad_date", f"front matter date {given_date!r} is not a date")
    return Article(
        id=article_id,
        source=fields.get("source") or source,
        raw_text=body,
        title=title,
        url=fields.get("url"),
        published=published,
        date_origin=DateOrigin.METADATA if published else DateOrigin.UNKNOWN,
        language=fields.get("language"),
        origin=origin,
    )


def article_from_html(
    html: str,
    *,
    article_id: str,
    origin: str = "",
    fallback_source: str = "",
    url: str | None = None,
) -> Article:
    """The main text, title and date of an HTML page, extracted with trafilatura."""
    if not html.strip():
        raise Rejected("empty", "no content in HTML file")
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    body = (getattr(document, "text", None) or "").strip() if document else ""
    if len(body.split()) < _HTML_MIN_WORDS:
        # trafilatura falls back to any text on the page ("Home"): that is not an article.
        raise Rejected("no_article", "no article text found in the HTML page")
    published = _parse_published(getattr(document, "date", None))
    return Article(
        id=article_id,
        source=getattr(document, "sitename", None)
        or getattr(document, "hostname", None)
        or fallback_source,
        raw_text=body,
        title=getattr(document, "title", None),
        url=getattr(document, "url", None) or url,
        published=published,
        date_origin=DateOrigin.METADATA if published else DateOrigin.UNKNOWN,
        language=getattr(document, "language", None),
        origin=origin,
    )


def article_from_record(
    record: Mapping[str, Any], *, origin: str, default_id: str, default_source: str = ""
) -> Article:
    """An article from a JSON object: `text` is required; `id`, `title`, `published`, `source`,
    `url` and `language` are used when present; other fields are ignored."""
    if not isinstance(record, Mapping):
        raise Rejected("malformed", f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise Rejected("missing_text", "article has no 'text' string")
    if not text.strip():
        raise Rejected("empty", "article 'text' is empty")
    published = _parse_published(record.get("published") or record.get("date"))
    return Article(
        id=_string(record.get("id")) or default_id,
        source=_string(record.get("source")) or default_source or default_id,
        raw_text=text.strip(),
        title=_string(record.get("title")),
        url=_string(record.get("url")),
        published=published,
        date_origin=DateOrigin.METADATA if published else DateOrigin.UNKNOWN,
        language=_string(record.get("language")),
        origin=origin,
    )


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file of at most `max_bytes`.

    Raises:
        Rejected: `too_large`, or `unreadable` (the file cannot be read).
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Rejected(
                "too_large",
                f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)",
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since
    except OSError as error:
        raise Rejected("unreadable", f"cannot read file ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise Rejected("too_large", f"file is over the {max_bytes:,}-byte limit (--max-bytes)")
    return data


def _read_text(path: Path, max_bytes: int) -> str:
    return decode_bytes(read_bytes(path, max_bytes))


def _read_json(path: Path, text: str) -> Iterator[Article | Rejection]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise Rejected(
            "malformed_json",
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
        ) from None
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, 1):
        many = len(records) > 1
        origin = f"{path}[{index}]" if many else str(path)
        default_id = f"{path.stem}-{index}" if many else path.stem
        try:
            yield article_from_record(
                record, origin=origin, default_id=default_id, default_source=path.name
            )
        except Rejected as error:
            yield Rejection(origin, error.reason, error.detail)


def _read_jsonl(path: Path, text: str) -> Iterator[Article | Rejection]:
    found = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        found = True
        origin = f"{path}:{number}"
        try:
            record = json.loads(line)
            yield article_from_record(
                record, origin=origin, default_id=f"{path.stem}-{number}", default_source=path.name
            )
        except json.JSONDecodeError as error:
            yield Rejection(
                origin, "malformed_json", f"invalid JSON at column {error.colno}: {error.msg}"
            )
        except Rejected as error:
            yield Rejection(origin, error.reason, error.detail)
    if not found:
        raise Rejected("empty", "no JSON lines in file")


def input_files(
    paths: Iterable[str | Path], suffixes: Collection[str] = SUPPORTED_SUFFIXES
) -> Iterator[Path | Rejection]:
    """The files to read under `paths`, in path order, and a rejection for each input that
    cannot be used: missing, of another type (when named on its own), or a folder that cannot
    be listed. Inside folders, hidden files and folders (`.git/`) and other types are passed
    over without a word."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found: list[tuple[Path, str | None]] = []  # a file, or a folder and why it is unlisted

            def unlisted(
                error: OSError, found: list[tuple[Path, str | None]] = found, root: Path = path
            ) -> None:
                found.append((Path(error.filename or root), error.strerror or str(error)))

            for folder, folders, names in os.walk(path, onerror=unlisted):
                folders[:] = [name for name in folders if not name.startswith(".")]
                found += [
                    (Path(folder, name), None)
                    for name in names
                    if not name.startswith(".") and Path(name).suffix.lower() in suffixes
                ]
            for item, problem in sorted(found, key=lambda pair: pair[0]):
                if problem is not None:
                    yield Rejection(str(item), "unreadable", f"cannot list folder ({problem})")
                elif item.is_file():
                    yield item
        elif path.is_file():
            if path.suffix.lower() in suffixes:
                yield path
            else:
                kind = path.suffix or "(none)"
                expected = ", ".join(sorted(suffixes))
                detail = f"unsupported file type {kind!r}; expected one of {expected}"
                yield Rejection(str(path), "unsupported", detail)
        else:
            yield Rejection(str(path), "missing", "no such file or folder")


def _unique(article: Article, seen: dict[str, str], rejections: list[Rejection]) -> Article | None:
    if article.id not in seen:
        seen[article.id] = article.raw_text
        return article
    if seen[article.id] == article.raw_text:
        rejections.append(
            Rejection(article.origin, "duplicate", f"repeats article {article.id!r} read earlier")
        )
        return None
    number = 2
    while f"{article.id}-{number}" in seen:
        number += 1
    renamed = f"{article.id}-{number}"
    seen[renamed] = article.raw_text
    return replace(article, id=renamed)


def _web_address(line: str) -> str | None:
    """The web address a line holds and nothing else, or None."""
    line = line.strip()
    if not _ADDRESS_START.match(line):
        return None
    if not _WEB_ADDRESS.fullmatch(line):
        line = _SPACED_PUNCTUATION.sub(r"\1", line)
    return line if _WEB_ADDRESS.fullmatch(line) else None


def _outlet(address: str) -> str:
    host = urlsplit(address).hostname or address
    return host.removeprefix("www.")


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _TITLE_MAX_WORDS and not line.endswith((".", ",", ";", ":"))


def _parse_published(value: Any) -> dt.datetime | None:
    """A publication time as local wall-clock time (the time zone is dropped so dates compare)."""
    if not value or not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        import dateparser  # only for the rare non-ISO metadata date; slow to import

        parsed = dateparser.parse(value, settings={"RETURN_AS_TIMEZONE_AWARE": False})
        if parsed is None:
            return None
    return parsed.replace(tzinfo=None)


def _string(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# --- front matter of a plain-text article ------------------------------------------------------

FRONT_MATTER_KEYS = frozenset({"title", "source", "published", "date", "url", "language"})
_FRONT_MATTER_LINE = re.compile(r"(?P<key>[A-Za-z]+)\s*:\s*(?P<value>.*\S)\s*")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The metadata at the top of a plain-text article, and the text after it.

    Two forms are read: a block between `---` lines, and leading `key: value` lines ended by a
    blank line. Keys (any case) are title, source, published (or date), url and language. A top
    block with any other line is text, not metadata, so an article opening "Note: ..." is kept.

    Example:
        >>> split_front_matter("published: 2023-06-18\nsource: Herald\n\nThe minister ...")
        ({'published': '2023-06-18', 'source': 'Herald'}, 'The minister ...')
    """
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
        block, rest = (lines[1:end], lines[end + 1 :]) if end else (None, lines)
    else:
        end = next((i for i, line in enumerate(lines) if not line.strip()), None)
        block, rest = (lines[:end], lines[end + 1 :]) if end else (None, lines)
    fields = _front_matter_fields(block) if block else None
    if fields is None:
        return {}, text
    return fields, "\n".join(rest)


def _front_matter_fields(lines: list[str]) -> dict[str, str] | None:
    fields = {}
    for line in lines:
        match = _FRONT_MATTER_LINE.fullmatch(line.strip())
        if match is None or match["key"].lower() not in FRONT_MATTER_KEYS:
            return None
        fields[match["key"].lower()] = match["value"].strip().strip("\"'")
    return fields


def with_text_defaults(
    articles: Iterable[Article], *, published: dt.datetime | None, source: str | None
) -> list[Article]:
    """Plain-text articles get `published` and `source` where their front matter gave none."""
    completed = []
    for article in articles:
        if Path(article.origin).suffix.lower() in TEXT_SUFFIXES:
            if published is not None and article.published is None:
                article = replace(article, published=published, date_origin=DateOrigin.METADATA)
            if source and article.source == Path(article.origin).name:
                article = replace(article, source=source)
        completed.append(article)
    return completed
