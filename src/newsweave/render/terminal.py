"""Report -> a short summary on the terminal, with rich.

Text from articles is passed to rich as `Text`, never as markup, so a title such as
`[bold]Breaking[/bold]` prints as written, and through `printable`, so a title with escape
sequences (`\x1b]0;...`, `\x1b[2J`, OSC-8 links) or new lines prints them as inert escapes.
"""

from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsweave.model import Rejection, Report
from newsweave.render._common import outlet_count, printable, removal_counts

TOP_ENTITIES = 8


def print_summary(report: Report, console: Console) -> None:
    """Print stories, sources, conflicts, removed noise, top entities and rejected inputs.

    Example:
        >>> print_summary(Report(stories=()), Console(width=80, color_system=None))
        0 stories · 0 articles · 0 outlets · 0 conflicts
    """
    console.print(_headline(report))
    if report.stories:
        console.print(_stories_table(report))
    removed = removal_counts(report)
    if removed:
        line = Text("Removed as noise: ", style="bold")
        line.append(", ".join(f"{reason} {count}" for reason, count in _ranked(removed)))
        console.print(line)
    entities = _top_entities(report)
    if entities:
        line = Text("Top entities: ", style="bold")
        for index, (name, kind, count) in enumerate(entities):
            if index:
                line.append(", ")
            line.append(printable(name))
            line.append(f" ({printable(kind)}, {count})", style="dim")
        console.print(line)
    if report.rejections:
        console.print(Text(f"Rejected inputs: {len(report.rejections)}", style="bold yellow"))
        for rejection in report.rejections:
            line = Text("  ")
            line.append(printable(rejection.input), style="cyan")
            line.append(f"  {printable(rejection.reason)}: ", style="yellow")
            line.append(printable(rejection.detail))
            console.print(line)


def skipped_line(rejection: Rejection) -> Text:
    """The one line that tells an input was skipped, inert whatever its name holds."""
    return Text.assemble(("skipped", "yellow"), " ", printable(str(rejection)))


def error_line(error: Exception) -> Text:
    """The one line of an error, inert whatever the paths or URLs in it hold."""
    return Text.assemble(("error:", "red"), " ", printable(str(error)))


def _headline(report: Report) -> Text:
    independent = [story.independent_sources for story in report.stories]
    outlets = {article.source for story in report.stories for article in story.articles}
    conflicts = sum(len(story.conflicts) for story in report.stories)
    parts = [
        _count(len(report.stories), "story", "stories"),
        _count(report.article_count, "article"),
        _count(len(outlets), "outlet"),
    ]
    if independent and None not in independent:
        parts.append(_count(sum(i or 0 for i in independent), "independent source"))
    parts.append(_count(conflicts, "conflict"))
    text = Text(" · ".join(parts), style="bold")
    if conflicts:
        text.highlight_words(["conflict", "conflicts"], style="bold red")
    return text


def _stories_table(report: Report) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Story", overflow="fold", ratio=1)
    for name in ("Articles", "Outlets", "Independent", "Conflicts", "Claims"):
        table.add_column(name, justify="right", no_wrap=True)
    for story in report.stories:
        independent = story.independent_sources
        conflicts = len(story.conflicts)
        table.add_row(
            Text(printable(story.title or story.id)),
            str(len(story.articles)),
            str(outlet_count(story)),
            "?" if independent is None else str(independent),
            Text(str(conflicts), style="bold red" if conflicts else ""),
            str(len(story.claims)),
        )
    return table


def _top_entities(report: Report) -> list[tuple[str, str, int]]:
    counts: Counter[tuple[str, str]] = Counter()
    for story in report.stories:
        for entity in story.entities:
            counts[entity.name, entity.type] += len(entity.mentions)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_ENTITIES]
    return [(name, kind, count) for (name, kind), count in ranked]


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _count(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
