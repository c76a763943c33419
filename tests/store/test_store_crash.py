"""SIGKILL in the middle of an ingest, then restart: nothing acknowledged lost, nothing doubled."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from newsweave.store.sqlite import Store

TOPICS = ["harbour strike", "bridge collapse", "budget vote", "river flood", "mine rescue"]


def write_articles(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            topic = TOPICS[number % len(TOPICS)]
            text = (
                f"Officials in Town{number % len(TOPICS)} said the {topic} continued on day {number}. "
                f"Reporter {number} spoke to witnesses near the {topic}, who described it in detail. "
                f"Item {number} of the wire coverage."
            )
            handle.write(
                json.dumps({"id": f"art-{number}", "source": f"Outlet{number % 7}", "text": text})
                + "\n"
            )


def newsweave(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsweave.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )


def test_store_sigkill_mid_ingest_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    source, db = tmp_path / "articles.jsonl", tmp_path / "news.db"
    write_articles(source, 600)
    process = newsweave("ingest", "--db", str(db), "--batch-size", "10", str(source))
    acknowledged = []
    assert process.stdout is not None
    for line in process.stdout:
        acknowledged.append(line.split()[1])
        if len(acknowledged) >= 120:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    assert process.returncode == -signal.SIGKILL

    connection = sqlite3.connect(db)
    stored = {row[0] for row in connection.execute("SELECT id FROM articles")}
    connection.close()
    assert set(acknowledged) <= stored, "an acknowledged article was lost"
    assert len(stored) < 600, "the ingest finished before it was killed; the test proves nothing"

    restart = newsweave("ingest", "--db", str(db), "--batch-size", "50", "--quiet", str(source))
    restart.communicate(timeout=300)
    assert restart.returncode == 0
    with Store(db) as store:
        rows = list(store.iter_articles())
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)) == 600
        assert all(row["story"] for row in rows)
        assert store.check() == []
