"""Report -> a short summary on the terminal, with rich.

Text from articles is passed to rich as `Text`, never as markup, so a title such as
`[bold]Breaking[/bold]` prints as written, and through `printable`, so a title with escape
sequences (`\x1b]0;...`, `\x1b[2J`, OSC-8 links) or new lines prints them as inert escapes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsweave.model import Rejection, Report, Story
from newsweave.render._common import outlet_count, printable

TOP_ENTITIES = 8


def print_summary(report: Report, console: Console) -> None:
    """Print stories, sources, conflicts, removed noise, top entities and rejected inputs.

    Example:
        >>> print_summary(Report(stories=()), Console(width=80, color_system=None))
        0 stories · 0 articles · 0 outlets · 0 conflicts
    """
    summary = Summary()
    for story in report.stories:
        summary.add(story)
    summary.print(report.rejections, console)


@dataclass(frozen=True, slots=True)
class _StoryRow:
    title: str
    articles: int
    outlets: int
    independent: int | None
    conflicts: int
    claims: int


@dataclass(slots=True)
class Summary:
    """What the terminal summary shows, gathered story by story (a row and a few counts each),
    so a streamed run prints it without keeping its stories."""

    rows: list[_StoryRow] = field(default_factory=list)
    outlets: set[str] = field(default_factory=set)
    removed: Counter[str] = field(default_factory=Counter)
    entities: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, story: Story) -> None:
        self.rows.append(
            _StoryRow(
                story.title or story.id,
                len(story.articles),
                outlet_count(story),
                story.independent_sources,
                len(story.conflicts),
                len(story.claims),
            )
        )
        self.outlets.update(article.source for article in story.articles)
        self.removed.update(removal.reason for removal in story.removed)
        for entity in story.entities:
            self.entities[entity.name, entity.type] += len(entity.mentions)

    def print(self, rejections: Sequence[Rejection], console: Console) -> None:
        console.print(self._headline())
        if self.rows:
            console.print(self._stories_table())
        if self.removed:
            line = Text("Removed as noise: ", style="bold")
            line.append(", ".join(f"{reason} {count}" for reason, count in _ranked(self.removed)))
            console.print(line)
        entities = self._top_entities()
        if entities:
            line = Text("Top entities: ", style="bold")
            for index, (name, kind, count) in enumerate(entities):
                if index:
                    line.append(", ")
                line.append(printable(name))
                line.append(f" ({printable(kind)}, {count})", style="dim")
            console.print(line)
        if rejections:
            console.print(Text(f"Rejected inputs: {len(rejections)}", style="bold yellow"))
            for rejection in rejections:
                line = Text("  ")
                line.append(printable(rejection.input), style="cyan")
                line.append(f"  {printable(rejection.reason)}: ", style="yellow")
                line.append(printable(rejection.detail))
                console.print(line)

    def _headline(self) -> Text:
        independent = [row.independent for row in self.rows]
        conflicts = sum(row.conflicts for row in self.rows)
        parts = [
            _count(len(self.rows), "story", "stories"),
            _count(sum(row.articles for row in self.rows), "article"),
            _count(len(self.outlets), "outlet"),
        ]
        if independent and None not in independent:
            parts.append(_count(sum(i or 0 for i in independent), "independent source"))
        parts.append(_count(conflicts, "conflict"))
        text = Text(" · ".join(parts), style="bold")
        if conflicts:
            text.highlight_words(["conflict", "conflicts"], style="bold red")
        return text

    def _stories_table(self) -> Table:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column("Story", overflow="fold", ratio=1)
        for name in ("Articles", "Outlets", "Independent", "Conflicts", "Claims"):
            table.add_column(name, justify="right", no_wrap=True)
        for row in self.rows:
            table.add_row(
                Text(printable(row.title)),
                str(row.articles),
                str(row.outlets),
                "?" if row.independent is None else str(row.independent),
                Text(str(row.conflicts), style="bold red" if row.conflicts else ""),
                str(row.claims),
            )
        return table

    def _top_entities(self) -> list[tuple[str, str, int]]:
        ranked = sorted(self.entities.items(), key=lambda item: (-item[1], item[0]))
        return [(name, kind, count) for (name, kind), count in ranked[:TOP_ENTITIES]]


def skipped_line(rejection: Rejection) -> Text:
    """The one line that tells an input was skipped, inert whatever its name holds."""
    return Text.assemble(("skipped", "yellow"), " ", printable(str(rejection)))


def error_line(error: Exception) -> Text:
    """The one line of an error, inert whatever the paths or URLs in it hold."""
    return Text.assemble(("error:", "red"), " ", printable(str(error)))


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _count(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
