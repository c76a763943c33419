"""Report -> Markdown, for reading in a terminal, a pull request or a notes app.

Article text and ids are escaped so that they can neither break a table (pipes, newlines) nor
turn into Markdown or HTML markup (`*`, `[`, `<script>`) or terminal commands (`\x1b[2J`);
quotes read as plain words in any viewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from newsweave.model import Rejection, Report, Span, Story, TimelineEvent
from newsweave.render._common import (
    CLAIM_LABELS,
    RELATION_PHRASES,
    cited_ids,
    claims_by_status,
    dependence,
    format_published,
    is_independence_known,
    outlet_count,
    printable,
    removed_by_reason,
)
from newsweave.render._stream import StoryWriter, render_with, write_with

_ESCAPED = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_MARKER = re.compile(r"^([#>+=-])")
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])")
_SAFE_ID = re.compile(r"[\w.:-]+")
_WHITESPACE = re.compile(r"\s+")


def render_markdown(report: Report) -> str:
    """The whole report as one Markdown document.

    Example:
        >>> print(render_markdown(Report(stories=())).splitlines()[0])
        # newsweave report
    """
    return render_with(MarkdownWriter, report)


def write_markdown(report: Report, path: str | Path) -> None:
    """Write `render_markdown(report)` to `path` as UTF-8."""
    write_with(MarkdownWriter, report, path)


class MarkdownWriter(StoryWriter):
    """The Markdown report written story by story: the stories wait in a spool, since the
    overview that opens the report counts them."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self._story_count = 0
        self._article_count = 0

    def add(self, story: Story) -> None:
        self.spool.write("\n\n" + "\n\n".join(_story(story)))
        self._story_count += 1
        self._article_count += len(story.articles)

    def finish(self, rejections: Sequence[Rejection]) -> None:
        self._out.write("# newsweave report\n\n" + self._overview(len(rejections)))
        self.copy_spool()
        blocks = ["", "## Rejected inputs"]
        if rejections:
            rows = [[r.input, r.reason, r.detail] for r in rejections]
            blocks.append(_table(["Input", "Reason", "Detail"], rows))
        else:
            blocks.append("_Every input was used._")
        self._out.write("\n\n".join(blocks) + "\n")

    def _overview(self, rejections: int) -> str:
        return (
            f"{_plural(self._story_count, 'story', 'stories')} from "
            f"{_plural(self._article_count, 'article')}"
            f" · {_plural(rejections, 'rejected input')}"
        )


def escape(text: str) -> str:
    """`text` as one line of literal Markdown: whitespace collapsed, markup characters escaped,
    control characters shown as escapes (a report read with `cat` sends no terminal command)."""
    text = printable(_WHITESPACE.sub(" ", text).strip())
    text = _ESCAPED.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    # A line may not start a heading, quote, list or setext underline.
    text = _BLOCK_MARKER.sub(r"\\\1", text)
    return _ORDERED_MARKER.sub(r"\1\\\2", text)


def _story(story: Story) -> list[str]:
    return [
        f"## {escape(story.title) or '(untitled story)'}",
        _story_facts(story),
        "### Articles",
        _articles(story),
        "### Summary",
        _summary(story),
        "### Developments",
        _developments(story),
        "### Timeline",
        _timeline(story),
        "### Entities",
        _entities(story),
        "### Claims",
        _claims(story),
        "### Conflicts",
        _conflicts(story),
        "### Provenance",
        _provenance(story),
        "### Removed noise",
        _removed(story),
    ]


def _story_facts(story: Story) -> str:
    facts = [
        f"`{story.id}`" if _SAFE_ID.fullmatch(story.id) else escape(story.id),
        _plural(len(story.articles), "article"),
        _plural(outlet_count(story), "outlet"),
    ]
    if story.independent_sources is not None:
        facts.append(_plural(story.independent_sources, "independent source"))
    facts.append(_plural(len(story.conflicts), "conflict"))
    return " · ".join(facts)


def _articles(story: Story) -> str:
    derived = dependence(story)
    known = is_independence_known(story)
    rows = []
    for article in story.articles:
        if not known:
            independent = "unknown"
        else:
            independent = "yes"
            if article.id in derived:
                relation, source = derived[article.id]
                independent = f"no, {RELATION_PHRASES[relation]} {source}"
        published = format_published(article.published) or "unknown"
        rows.append([article.id, article.source, article.title or "", published, independent])
    return _table(["Article", "Source", "Title", "Published", "Independent?"], rows)


def _summary(story: Story) -> str:
    if not story.summary:
        return "_No summary._"
    return "\n".join(
        f"- {escape(item.text)} {_cite(item.support)}{' **(disputed)**' if item.disputed else ''}"
        for item in story.summary
    )


def _developments(story: Story) -> str:
    if not story.developments:
        return "_No developments found._"
    if len(story.developments) == 1:
        return "_One development: the story's articles all report the same step._"
    return "\n".join(
        f"- **{d.date.iso() if d.date else 'undated'}**: {escape(d.text)} {_cite(d.support)}"
        for d in story.developments
    )


def _timeline(story: Story) -> str:
    if not story.timeline:
        return "_No dated events._"
    reported = [event for event in story.timeline if not event.background]
    background = [event for event in story.timeline if event.background]
    parts = [_events(reported) if reported else "_No dated events since the story began._"]
    if background:
        parts.append(
            f"#### Background\n\n_Before the story's coverage began._\n\n{_events(background)}"
        )
    return "\n\n".join(parts)


def _events(events: list[TimelineEvent]) -> str:
    return "\n".join(
        f"- **{event.date.iso()}**: {escape(event.text)} {_cite(event.support)}" for event in events
    )


def _entities(story: Story) -> str:
    if not story.entities:
        return "_No named entities._"
    rows = [
        [
            entity.name,
            entity.type,
            str(len(entity.mentions)),
            ", ".join(entity.article_ids),
            "; ".join(v for v in entity.variants if v != entity.name),
        ]
        for entity in story.entities
    ]
    return _table(["Entity", "Type", "Mentions", "Articles", "Also written"], rows)


def _claims(story: Story) -> str:
    if not story.claims:
        return "_No claims extracted._"
    parts = []
    for status, claims in claims_by_status(story.claims):
        parts.append(f"#### {CLAIM_LABELS[status]} ({len(claims)})")
        parts.append(
            "\n".join(
                f"- {escape(claim.text)} {_cite(claim.support)}"
                f" ({_plural(claim.independent_support, 'independent source')})"
                for claim in claims
            )
        )
    return "\n\n".join(parts)


def _conflicts(story: Story) -> str:
    if not story.conflicts:
        return "_No conflicts found._"
    parts = []
    for number, conflict in enumerate(story.conflicts, 1):
        a, b = conflict.a, conflict.b
        parts.append(f"#### {number}. {escape(conflict.kind)}: {escape(conflict.explanation)}")
        parts.append(
            _table(
                [_attribution(story, a.article_id), _attribution(story, b.article_id)],
                [[_quoted(story, a), _quoted(story, b)]],
            )
        )
    return "\n\n".join(parts)


def _provenance(story: Story) -> str:
    if not story.provenance:
        return "_No article copies another._"
    rows = [
        [
            _attribution(story, link.derived_article),
            RELATION_PHRASES[link.relation],
            _attribution(story, link.source_article),
            f"{link.shared:.0%}",
            str(len(link.passages)),
        ]
        for link in story.provenance
    ]
    return _table(["Article", "Relation", "Source", "Shared", "Passages"], rows)


def _removed(story: Story) -> str:
    groups = removed_by_reason(story.removed)
    if not groups:
        return "_Nothing was removed._"
    parts = []
    for reason, removals in groups:
        parts.append(f"#### {escape(reason)} ({len(removals)})")
        parts.append("\n".join(f"- {escape(r.article_id)}: “{escape(r.text)}”" for r in removals))
    return "\n\n".join(parts)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GFM table; every cell is raw text and escaped here."""
    lines = [_row(header), "|" + "---|" * len(header)]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(escape(cell) for cell in cells) + " |"


def _attribution(story: Story, article_id: str) -> str:
    try:
        source = story.article(article_id).source
    except KeyError:
        return article_id
    return f"{article_id} ({source})"


def _quoted(story: Story, span: Span) -> str:
    return f"“{story.quote(span)}”"


def _cite(spans: Iterable[Span]) -> str:
    ids = cited_ids(spans)
    # No link reference is ever defined, so a bracketed list stays literal text.
    return f"[{', '.join(escape(i) for i in ids)}]" if ids else ""


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
