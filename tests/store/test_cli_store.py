from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DEMO = Path(__file__).parents[2] / "src" / "newsweave" / "demo" / "articles"


def newsweave(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsweave.cli", *args], capture_output=True, text=True, check=False
    )


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
