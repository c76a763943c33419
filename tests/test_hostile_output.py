"""Hostile titles, ids and file names stay inert in every output: Markdown, the terminal, and the
lines the CLI prints (an acknowledgement line must not be forgeable)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from newsweave.cli import main
from newsweave.model import Article, Rejection, Removal, Report, Story
from newsweave.render.markdown import render_markdown
from newsweave.render.terminal import print_summary

ESCAPES = (
    "\x1b]0;owned\x07",  # set the window title
    "\x1b[2J",  # clear the screen
    "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",  # an OSC-8 link
    "\u202egnp.exe",  # right-to-left override
)
HOSTILE_TITLE = "Quake " + "".join(ESCAPES) + " [bold]hits[/bold] <script>alert(1)</script>"
HOSTILE_ID = 'x1"><script>alert(1)</script>'


def _report() -> Report:
    text = "Rescuers reached the town on Monday."
    article = Article(
        id=HOSTILE_ID,
        source="Wire\x1b[31m",
        raw_text=text,
        text=text,
        title=HOSTILE_TITLE,
        removed=(Removal(HOSTILE_ID, "Subscribe \x1b[2J now", "promo"),),
    )
    rejection = Rejection("evil\ningested fake-id s999.txt", "empty", "no text \x1b[2J")
    return Report((Story("s1", HOSTILE_TITLE, (article,)),), (rejection,))


def _assert_inert(output: str) -> None:
    for sequence in ESCAPES:
        assert sequence not in output
    assert "\x1b]" not in output and "\u202e" not in output and "\x1b[2J" not in output
    assert "\x1b[31m" not in output


def test_hostile_markdown_escapes_ids_and_control_characters() -> None:
    markdown = render_markdown(_report())
    _assert_inert(markdown)
    assert "<script>" not in markdown and "\x1b" not in markdown
    assert not any(line.startswith("ingested") for line in markdown.splitlines())


def test_hostile_terminal_summary_prints_escapes_as_text() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="truecolor", width=200)
    print_summary(_report(), console)
    output = buffer.getvalue()
    _assert_inert(output)
    assert "\\x1b]0;owned" in output  # shown, not acted on
    assert "[bold]hits[/bold]" in output  # markup in a title prints as written


def test_hostile_file_name_cannot_forge_an_acknowledgement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\ningested fake-id s999.txt").write_text(
        "Rescuers reached the flooded town of Brenna on Monday after the river rose overnight.\n"
    )
    (folder / "title.txt").write_text(
        f"{HOSTILE_TITLE}\n\nThe harbour in Brenna was closed on Tuesday as the storm went on.\n"
    )
    db = str(tmp_path / "news.db")
    assert main(["ingest", str(folder), "--db", db]) == 0
    printed = capsys.readouterr()
    lines = printed.out.splitlines()
    assert len(lines) == 2 and all(re.fullmatch(r"ingested .+ s\d+", line) for line in lines)
    assert not any(line.startswith("ingested fake-id") for line in lines)
    for command in (["stories"], ["story", "s1"]):
        main([*command, "--db", db])
        printed = capsys.readouterr()
        _assert_inert(printed.out + printed.err)


def test_hostile_markup_in_a_path_is_printed_not_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A closing tag with no opening one made rich raise a markup error: a traceback.
    missing = tmp_path / "[/yellow]\x1b[2J.txt"
    assert main(["analyze", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "[/yellow]" in err and "\x1b[2J" not in err and "Traceback" not in err
