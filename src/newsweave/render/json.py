"""Report <-> the JSON of the story-report contract (`schema/story-report.schema.json`).

Every quoted span becomes {"article", "start", "end", "text"} with `text` equal to the cited
article's cleaned text from `start` to `end`, so a reader can check each quote against its source.
`report_from_dict` reads such JSON back (a stored analysis, a saved report), so it renders to HTML,
Markdown or the terminal without analysing anything again.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from newsweave.errors import NewsweaveError
from newsweave.model import (
    Article,
    CopyLink,
    Entity,
    Rejection,
    Report,
    Span,
    Story,
)
from newsweave.render._common import package_version
from newsweave.render._json_read import read_report
from newsweave.render._stream import StoryWriter, render_with, write_with

SCHEMA_RESOURCE = "schema/story-report.schema.json"


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON data, in the shape of the story-report schema.

    Example:
        >>> report_to_dict(Report(stories=()))["stories"]
        []
    """
    return {
        "version": package_version(),
        "stories": [_story(story) for story in report.stories],
        "rejected": [_rejection(rejection) for rejection in report.rejections],
    }


def validate_report(data: Mapping[str, Any]) -> None:
    """Check `data` against the bundled story-report schema (JSON Schema draft 2020-12).

    Raises:
        NewsweaveError: naming the path of the first failure, e.g. `stories[0].claims[1].status`.
    """
    validator = jsonschema.Draft202012Validator(load_schema())
    errors = list(validator.iter_errors(data))
    if not errors:
        return
    error = best_match(errors)
    others = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    raise NewsweaveError(
        f"report does not match the story-report schema at {_json_path(error)}: "
        f"{error.message}{others}"
    )


def report_from_dict(data: Mapping[str, Any], *, validate: bool = True) -> Report:
    """A report read back from its JSON (checked against the schema first, unless `validate` is
    False for JSON already checked when it was written, as the store's analyses are).

    Quoted spans are always checked against their articles' text, so a report edited by hand
    cannot cite characters its articles do not have.

    Raises:
        NewsweaveError: the data does not follow the schema, or a span does not match its article.

    Example:
        >>> report_from_dict({"version": "0.1.0", "stories": []}).stories
        ()
    """
    if validate:
        validate_report(data)
    return read_report(data)


def render_json(report: Report) -> str:
    """The report as indented JSON text (not ASCII-escaped), ending in a newline: the text of
    `report_to_dict(report)`."""
    return render_with(JsonWriter, report)


def write_json(report: Report, path: str | Path) -> None:
    """Write the report as indented UTF-8 JSON to `path`."""
    write_with(JsonWriter, report, path)


class JsonWriter(StoryWriter):
    """The JSON report written story by story, each story's text as `json.dumps` indents it
    inside the whole report (JSON strings hold no raw new line, so lines can be re-indented)."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self._stories = 0
        out.write(f'{{\n  "version": {_dumps(package_version())},\n  "stories": [')

    def add(self, story: Story) -> None:
        separator = ",\n    " if self._stories else "\n    "
        self._out.write(separator + _dumps(_story(story), indent=2).replace("\n", "\n    "))
        self._stories += 1

    def finish(self, rejections: Sequence[Rejection]) -> None:
        rejected = _dumps([_rejection(rejection) for rejection in rejections], indent=2)
        close = "\n  ]" if self._stories else "]"
        self._out.write(f'{close},\n  "rejected": ' + rejected.replace("\n", "\n  ") + "\n}\n")


def _dumps(data: Any, indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


@functools.cache
def load_schema() -> dict[str, Any]:
    """The story-report JSON schema shipped inside the package."""
    resource = importlib.resources.files("newsweave").joinpath(SCHEMA_RESOURCE)
    schema: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return schema


def _json_path(error: ValidationError) -> str:
    path = ""
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path.lstrip(".") or "the top level"


class _Quoter:
    """Turns spans of one story into span dicts, checking each against its article."""

    def __init__(self, story: Story) -> None:
        self._story = story
        self._articles = {article.id: article for article in story.articles}

    def span(self, span: Span) -> dict[str, Any]:
        article = self._articles.get(span.article_id)
        if article is None:
            raise NewsweaveError(
                f"story {self._story.id!r} cites article {span.article_id!r}, "
                f"which is not one of its articles"
            )
        if span.end > len(article.text):
            raise NewsweaveError(
                f"story {self._story.id!r} cites characters {span.start}..{span.end} of article "
                f"{article.id!r}, whose cleaned text has only {len(article.text)} characters"
            )
        return {
            "article": span.article_id,
            "start": span.start,
            "end": span.end,
            "text": article.text[span.start : span.end],
        }

    def spans(self, spans: Iterable[Span]) -> list[dict[str, Any]]:
        return [self.span(span) for span in spans]


def _story(story: Story) -> dict[str, Any]:
    quote = _Quoter(story)
    data: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "articles": [_article(article, quote) for article in story.articles],
    }
    if story.independent_sources is not None:
        data["independent_sources"] = story.independent_sources
    data["summary"] = [
        {
            "text": item.text,
            "support": quote.spans(item.support),
            **({"disputed": True} if item.disputed else {}),
        }
        for item in story.summary
    ]
    data["claims"] = [
        {
            "text": claim.text,
            "status": claim.status.value,
            "independent_support": claim.independent_support,
            "support": quote.spans(claim.support),
        }
        for claim in story.claims
    ]
    data["conflicts"] = [
        {
            "kind": conflict.kind,
            "a": quote.span(conflict.a),
            "b": quote.span(conflict.b),
            "explanation": conflict.explanation,
        }
        for conflict in story.conflicts
    ]
    data["provenance"] = [_copy_link(link, quote) for link in story.provenance]
    data["removed"] = [
        {"article": removal.article_id, "text": removal.text, "reason": removal.reason}
        for removal in story.removed
    ]
    data["timeline"] = [
        {
            "date": event.date.iso(),
            "precision": event.date.precision.value,
            "text": event.text,
            "support": quote.spans(event.support),
            "background": event.background,
            # Present only when the sources disagree on the date: the other dates they give.
            **(
                {"other_dates": [{"date": d.iso(), "from": said} for d, said in event.other_dates]}
                if event.other_dates
                else {}
            ),
        }
        for event in story.timeline
    ]
    # Beyond the contract's fields (it admits more): the story's steps, dated where told.
    data["developments"] = [
        {
            "date": development.date.iso() if development.date else None,
            "precision": development.date.precision.value if development.date else None,
            "text": development.text,
            "support": quote.spans(development.support),
        }
        for development in story.developments
    ]
    data["entities"] = [_entity(entity) for entity in story.entities]
    return data


def _article(article: Article, quote: _Quoter) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "date_origin": article.date_origin.value,
        "date_evidence": article.date_evidence,
        "date_confidence": article.date_confidence,
        "language": article.language,
        "text": article.text,
        "headings": quote.spans(article.headings),
        "sentence_count": len(article.sentences),
        # Offsets only (the text is above): enough to read the report back without re-analysis.
        "sentence_bounds": [[span.start, span.end] for span in article.sentences],
    }


def _copy_link(link: CopyLink, quote: _Quoter) -> dict[str, Any]:
    passages = []
    for first, second in link.passages:
        # Passages are (source, derived); accept either order and sort them by article.
        source, derived = (
            (second, first) if first.article_id == link.derived_article else (first, second)
        )
        passages.append({"source": quote.span(source), "derived": quote.span(derived)})
    return {
        "source_article": link.source_article,
        "derived_article": link.derived_article,
        "relation": link.relation.value,
        "shared": round(link.shared, 3),
        "passages": passages,
    }


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type,
        "variants": list(entity.variants),
        "mentions": len(entity.mentions),
        "articles": list(entity.article_ids),
        "mention_spans": [
            {"article": span.article_id, "start": span.start, "end": span.end}
            for span in entity.mentions
        ],
    }


def _rejection(rejection: Rejection) -> dict[str, Any]:
    data: dict[str, Any] = {
        "input": rejection.input,
        "reason": rejection.reason,
        "detail": rejection.detail,
        "stage": rejection.stage,
    }
    if rejection.articles:
        data["articles"] = list(rejection.articles)
    return data
