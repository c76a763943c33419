"""SIGKILL in the middle of an ingest, then restart: nothing acknowledged lost, nothing doubled."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from newsweave.errors import NewsweaveError
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


def newsweave(*args: str, stderr: int = subprocess.DEVNULL) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsweave.cli", *args],
        stdout=subprocess.PIPE,
        stderr=stderr,
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


def test_store_fresh_store_opened_by_many_at_once_is_migrated_once(tmp_path: Path) -> None:
    # The schema version was read outside the migration's transaction: of three processes
    # opening a new store together, most failed ("table articles already exists").
    failures: list[str] = []
    for trial in range(15):
        path = tmp_path / f"fresh-{trial}.db"
        ready = threading.Barrier(4)

        def open_store(path: Path = path, ready: threading.Barrier = ready) -> None:
            ready.wait()
            try:
                Store(path).close()
            except Exception as error:  # any failure at all is what this test looks for
                failures.append(repr(error))

        threads = [threading.Thread(target=open_store) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with Store(path) as store:
            assert store.check() == []
    assert failures == []


@pytest.mark.parametrize("content", [b"not a database, just text\n" * 100, None])
def test_store_that_is_not_sqlite_is_one_clear_error(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "notes.db"
    if content is None:
        path.mkdir()  # a folder where the file should be
    else:
        path.write_bytes(content)
    with pytest.raises(NewsweaveError, match="cannot open the store"):
        Store(path)
    run = newsweave("stories", "--db", str(path), stderr=subprocess.PIPE)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 2 and str(path) in err and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="file permissions do not bind root")
def test_store_read_only_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    path.write_bytes(b"")
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(NewsweaveError, match="cannot open the store"):
            Store(path)
    finally:
        tmp_path.chmod(0o755)
