"""The `newsweave` command, run as a real subprocess as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newsweave.render.json import validate_report

ARTICLE = (
    "Kestrel harbour closed\n\nThe harbour of Kestrel closed on Monday after a storm damaged the "
    "main pier, port officials said. Ferries to the islands were cancelled until Wednesday."
)


def _newsweave(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsweave", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def test_cli_analyze_writes_reports_and_names_each_bad_input(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        '{"id": "j1", "text": "Rain fell on Monday in Kestrel, closing roads."}\n{oops\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = _newsweave(
        "analyze",
        tmp_path,
        "--json",
        out / "r.json",
        "--md",
        out / "r.md",
        "--html",
        out / "r.html",
    )
    assert result.returncode == 1, result.stderr
    assert f"{tmp_path / 'empty.txt'}: file is empty" in result.stderr
    assert f"{tmp_path / 'feed.jsonl'}:2: invalid JSON" in result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads((out / "r.json").read_text("utf-8"))
    validate_report(data)
    assert {a["id"] for s in data["stories"] for a in s["articles"]} == {"good", "j1"}
    assert "Kestrel harbour closed" in (out / "r.md").read_text("utf-8")
    assert (out / "r.html").read_text("utf-8").lstrip().lower().startswith("<!doctype html>")


def test_cli_no_usable_article_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = _newsweave("analyze", tmp_path / "empty.txt")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == "error: no usable article in the input"


def test_cli_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = _newsweave("analyze", "--debug", tmp_path / "missing.txt")
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_cli_all_good_inputs_exit_0_and_print_a_summary(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    result = _newsweave("analyze", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Kestrel harbour closed" in result.stdout


def test_cli_demo_writes_the_html_report_and_says_where(tmp_path: Path) -> None:
    result = _newsweave("demo", "--out", tmp_path / "demo")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "demo" / "report.html").read_text("utf-8")
    assert "Marković" in html
    assert str((tmp_path / "demo" / "report.html").resolve()) in result.stdout.replace("\n", "")
    validate_report(json.loads((tmp_path / "demo" / "report.json").read_text("utf-8")))


def test_cli_help_lists_every_command() -> None:
    result = _newsweave("--help")
    assert result.returncode == 0
    for command in ("analyze", "demo"):
        assert command in result.stdout


def test_cli_published_and_source_apply_to_plain_text_without_them(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "marked.txt").write_text(
        "published: 2026-03-02\nsource: Herald\n\n" + ARTICLE, encoding="utf-8"
    )
    result = _newsweave(
        "analyze", tmp_path, "--published", "2026-03-04", "--source", "Gazette",
        "--json", tmp_path / "r.json", "--quiet", "--one-story",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    articles = {
        a["id"]: a
        for story in json.loads((tmp_path / "r.json").read_text())["stories"]
        for a in story["articles"]
    }
    assert (articles["plain"]["source"], articles["plain"]["published"][:10]) == (
        "Gazette",
        "2026-03-04",
    )
    assert (articles["marked"]["source"], articles["marked"]["published"][:10]) == (
        "Herald",
        "2026-03-02",
    )


def test_cli_published_that_is_not_a_date_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text(ARTICLE, encoding="utf-8")
    result = _newsweave("analyze", tmp_path, "--published", "yesterday")
    assert result.returncode == 2
    assert "not an ISO date" in result.stderr
