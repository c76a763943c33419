"""SIGKILL `ingest` and `watch` at seeded random points, then restart: nothing acknowledged
lost, nothing doubled, no half-written story, `integrity_check` ok after every kill.

The suite kills a few times; `bench/crash/run.py` runs the same harness 100 times each.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


# --- the kill harness (also run at length by bench/crash/run.py) ------------------------------


@dataclass
class CrashRun:
    """What one harness run did: kills made, runs that finished first, problems found."""

    kills: int = 0
    finished: int = 0
    stored_before_kill: int = 0  # runs (killed or finished) that ended with every article stored
    problems: list[str] = field(default_factory=list)


def store_problems(db: Path, acknowledged: Collection[str], known: Collection[str]) -> list[str]:
    """Everything wrong with a store after a kill (an empty list when it is sound)."""
    if not db.exists():
        return []
    connection = sqlite3.connect(db)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        stored = [row[0] for row in connection.execute("SELECT id FROM articles")]
        reports = [row[0] for row in connection.execute("SELECT report FROM analyses")]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    problems = [] if integrity == "ok" else [f"integrity_check: {integrity}"]
    problems += [f"acknowledged article {i} lost" for i in sorted(set(acknowledged) - set(stored))]
    problems += [f"article {i} stored twice" for i, n in Counter(stored).items() if n > 1]
    problems += [f"unknown article {i} stored" for i in sorted(set(stored) - set(known))]
    for report in reports:
        try:
            json.loads(report)
        except ValueError:
            problems.append("a half-written analysis")
    if "articles" in tables:
        with Store(db) as store:
            problems += store.check()  # articles without a story, miscounted stories
    return problems


def _kill_at_random(
    process: subprocess.Popen[str],
    rng: random.Random,
    acknowledged: set[str],
    max_wait_s: float,
    stored: Callable[[], int] | None = None,
) -> bool:
    """Read acknowledgements until a seeded moment (a count of them, or of `stored` articles
    then a seeded delay, or a time), then SIGKILL. Returns whether the process still ran."""
    lines: list[str] = []
    reader = threading.Thread(
        target=lambda: lines.extend(iter(process.stdout.readline, "")),  # type: ignore[union-attr]
        daemon=True,
    )
    reader.start()
    by_count = rng.random() < 0.5
    wanted, deadline = rng.randint(1, 200), time.monotonic() + rng.uniform(0.5, max_wait_s)
    if by_count and stored is not None:
        deadline = time.monotonic() + 300.0  # wait for the first commit, however loaded
    while process.poll() is None and time.monotonic() < deadline:
        if by_count and stored is None and len(lines) >= wanted:
            break
        if by_count and stored is not None and stored() > 0:
            deadline = min(deadline, time.monotonic() + rng.uniform(0.0, 5.0))  # mid-analysis
            by_count = False
        time.sleep(0.02)
    running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    reader.join(timeout=10)
    process.stdout.close()  # type: ignore[union-attr]
    # An acknowledgement is printed after its commit, so every line read counts.
    acknowledged.update(line.split()[1] for line in list(lines) if line.startswith("ingested "))
    return running


def crash_ingest(folder: Path, *, kills: int, seed: int, articles: int = 600) -> CrashRun:
    """Ingest `articles` articles again and again, killing each run at a seeded random point;
    a store that got everything starts over. The store is checked after every kill."""
    rng = random.Random(seed)
    source = folder / "articles.jsonl"
    write_articles(source, articles)
    known = {f"art-{n}" for n in range(articles)}
    run, generation, acknowledged = CrashRun(), 0, set[str]()
    db = folder / "news-0.db"
    while run.kills < kills:
        batch = rng.choice(["1", "7", "10", "50"])
        process = newsweave("ingest", "--db", str(db), "--batch-size", batch, str(source))
        if _kill_at_random(process, rng, acknowledged, max_wait_s=12.0):
            run.kills += 1
        else:
            run.finished += 1
        run.problems += [f"kill {run.kills}: {p}" for p in store_problems(db, acknowledged, known)]
        if run.problems or len(acknowledged) == articles or not _has_missing(db, articles):
            if run.problems:
                break
            generation += 1  # all in: start a new store so the next kills land mid-ingest
            db, acknowledged = folder / f"news-{generation}.db", set()
    return run


def _has_missing(db: Path, articles: int) -> bool:
    if not db.exists():
        return True
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0] < articles
    except sqlite3.Error:
        return True
    finally:
        connection.close()


def crash_watch(folder: Path, *, kills: int, seed: int, items: int = 60) -> CrashRun:
    """`watch` one feed of `items` entries served on 127.0.0.1, killed at seeded random points
    (fetching, storing, analyzing); nothing once stored may be lost or doubled."""
    from newsweave.sources.fetch import _url_id

    rng = random.Random(seed)
    run, generation = CrashRun(), 0
    known = {_url_id(f"http://local.test/item/{n}") for n in range(items)}
    with _feed_server(items) as url:
        config = folder / "feeds.toml"
        config.write_text(f'allow_private = true\n[[feeds]]\nurl = "{url}"\n', encoding="utf-8")
        db, kept = folder / "watch-0.db", set[str]()
        while run.kills < kills:
            process = newsweave("watch", str(config), "--db", str(db), "--rounds", "1")
            count = lambda db=db: len(_stored_ids(db))  # noqa: E731
            if _kill_at_random(process, rng, set(), max_wait_s=25.0, stored=count):
                run.kills += 1
            else:
                run.finished += 1
            ids = set(_stored_ids(db))
            # What was stored before this kill is what `watch` had acknowledged by committing it.
            problems = store_problems(db, kept, known)
            run.problems += [f"kill {run.kills}: {p}" for p in problems]
            kept = ids
            if run.problems:
                break
            if len(ids) == items:
                run.stored_before_kill += 1
                generation += 1
                db, kept = folder / f"watch-{generation}.db", set()
    return run


def _stored_ids(db: Path) -> list[str]:
    if not db.exists():
        return []
    connection = sqlite3.connect(db, timeout=30)
    try:
        return [row[0] for row in connection.execute("SELECT id FROM articles")]
    except sqlite3.Error:
        return []
    finally:
        connection.close()


@contextmanager
def _feed_server(items: int) -> Iterator[str]:
    entries = "".join(
        f"<item><title>Harbour strike, report {n}</title><link>http://local.test/item/{n}</link>"
        f"<pubDate>Tue, 17 Nov 2026 {n % 24:02d}:00:00 GMT</pubDate><description>"
        f"Ferry workers in Town{n % 5} walked out on day {n}, stranding passengers at the port. "
        f"The union said the strike over pay would go on until the operator returned to talks, "
        f"and the harbour master said item {n} was confirmed by three witnesses.</description>"
        f"</item>"
        for n in range(items)
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Port News</title>{entries}'
    body += "</channel></rss>"

    class Feed(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


def test_store_crash_harness_ingest_survives_seeded_kills(tmp_path: Path) -> None:
    run = crash_ingest(tmp_path, kills=2, seed=21, articles=300)
    assert run.problems == [] and run.kills == 2


def test_store_crash_harness_watch_survives_seeded_kills(tmp_path: Path) -> None:
    run = crash_watch(tmp_path, kills=2, seed=4, items=30)
    assert run.problems == [] and run.kills == 2
    assert run.stored_before_kill >= 1, "no kill came after articles were stored: proves little"


def test_store_crash_harness_sees_a_lost_article(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(db):
        pass
    assert store_problems(db, {"art-1"}, {"art-1"}) == ["acknowledged article art-1 lost"]
