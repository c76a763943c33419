from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

DEMO = Path(__file__).parents[2] / "src" / "newsweave" / "demo" / "articles"


def newsweave(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsweave.cli", *args], capture_output=True, text=True, check=False
    )


def _dump(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_cli_store_ingest_stories_story_export(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    first = newsweave("ingest", "--db", db, str(DEMO))
    assert first.returncode == 0, first.stderr
    assert len(first.stdout.splitlines()) == 8
    again = newsweave("ingest", "--db", db, str(DEMO))
    assert "0 new article(s), 8 already stored" in again.stderr

    listed = newsweave("stories", "--db", db, "--json")
    stories = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted(s["articles"] for s in stories) == [2, 6]
    ferry = next(s for s in stories if s["articles"] == 2)
    assert newsweave("stories", "--db", db, "--query", "Grenhavn").stdout.count("\n") >= 1

    shown = newsweave("story", "--db", db, ferry["id"])
    assert shown.returncode == 0 and "Ferry crews walk out" in shown.stdout
    assert newsweave("story", "--db", db, "s999").returncode == 2

    exported = newsweave("export", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(rows) == 8 and all(row["story"] for row in rows)
    assert newsweave("cluster", "--db", db).returncode == 0


def test_cli_store_export_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    db = str(tmp_path / "news.db")
    newsweave("ingest", "--db", db, "--quiet", str(DEMO))
    out = tmp_path / "articles.parquet"
    assert newsweave("export", "--db", db, "--format", "parquet", "--out", str(out)).returncode == 0
    assert pq.read_table(out).num_rows == 8


def test_cli_store_story_renders_the_stored_analysis_without_analysing(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert newsweave("ingest", "--db", str(db), "--quiet", "--analyze", str(DEMO)).returncode == 0
    listed = newsweave("stories", "--db", str(db), "--json")
    story_id = json.loads(listed.stdout.splitlines()[0])["id"]
    before = _dump(db)

    html, markdown = tmp_path / "story.html", tmp_path / "story.md"
    # The renderers alone: spaCy and onnxruntime must not even be imported to show a story.
    script = (
        "import sys\n"
        "from newsweave.cli import main\n"
        f"code = main(['story', '--db', {str(db)!r}, {story_id!r}, '--html', {str(html)!r},"
        f" '--md', {str(markdown)!r}])\n"
        "heavy = sorted(m for m in ('spacy', 'onnxruntime') if m in sys.modules)\n"
        "print('heavy:', heavy)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "heavy: []" in result.stdout
    assert "<!doctype html>" in html.read_text(encoding="utf-8").lower()
    assert markdown.read_text(encoding="utf-8").startswith("#")
    assert _dump(db) == before

    as_json = newsweave("story", "--db", str(db), story_id, "--json")
    assert json.loads(as_json.stdout)["stories"][0]["id"] == story_id
    titles = {
        json.loads(line)["id"]: json.loads(line)["title"] for line in listed.stdout.splitlines()
    }
    assert json.loads(as_json.stdout)["stories"][0]["title"] == titles[story_id]


def test_cli_store_story_without_analysis_says_how_to_make_one(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    newsweave("ingest", "--db", db, "--quiet", str(DEMO))
    story_id = json.loads(newsweave("stories", "--db", db, "--json").stdout.splitlines()[0])["id"]
    refused = newsweave("story", "--db", db, story_id, "--html", str(tmp_path / "x.html"))
    assert refused.returncode == 2 and f"newsweave update {story_id}" in refused.stderr
    assert newsweave("update", "--db", db, story_id).returncode == 0
    assert newsweave("story", "--db", db, story_id, "--md").stdout.startswith("#")


@pytest.mark.parametrize("command", [["stories"], ["story", "s1"], ["export"], ["update"]])
def test_cli_store_reading_a_missing_store_is_an_error(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo.db"
    result = newsweave(command[0], "--db", str(missing), *command[1:])
    assert result.returncode == 2 and "no store at" in result.stderr
    assert not missing.exists()


def test_cli_store_ingesting_the_same_files_again_touches_no_story(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    newsweave("ingest", "--db", db, "--quiet", str(DEMO))
    again = newsweave("ingest", "--db", db, "--quiet", str(DEMO))
    assert "0 new article(s), 8 already stored" in again.stderr
    assert "0 story(ies) touched, 0 merge/split(s)" in " ".join(again.stderr.split())


def test_cli_store_analysis_quotes_the_text_stored_at_ingest(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    newsweave("ingest", "--db", str(db), "--quiet", "--analyze", str(DEMO))
    connection = sqlite3.connect(db)
    try:
        stored = dict(connection.execute("SELECT id, text FROM articles"))
        reports = [json.loads(row[0]) for row in connection.execute("SELECT report FROM analyses")]
    finally:
        connection.close()
    quoted = [article for report in reports for article in report["stories"][0]["articles"]]
    assert len(quoted) == len(stored) == 8
    assert all(article["text"] == stored[article["id"]] for article in quoted)
