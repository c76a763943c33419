"""Load test of `newsweave serve` beside datasette on the same SQLite file (loopback only).

Usage: python bench/web/run.py STORE.db [--clients 20] [--seconds 20] [--max-requests 20000]
                                        [--datasette PATH]

First runs `newsweave update --db STORE.db` (untimed), which lays out the story pages the store
lacks: a store made by other code keeps pages this code would not serve. Then starts the real
server (`python -m newsweave serve --db STORE.db` on a free port of 127.0.0.1),
then for each scenario runs `--clients` concurrent clients (threads, one keep-alive connection
each, no pause between requests) for `--seconds` or `--max-requests` in all, whichever comes
first, and prints requests/s, p50, p99 and errors (a status other than 200, or a failed request):

- stories list       /stories?page=P&sort=S, P in 1..20, S one of the four sorts
- story page (hot)   /stories/ID for the 300 most recent stories (the list's first 12 pages),
                     each opened once before the timed run; the server keeps laid-out stories
- story page (cold)  /stories/ID for stories drawn uniformly from the whole store: almost every
                     request is a story not viewed since the server started (its page was laid
                     out when its analysis was saved: the server reads it from the store)
- API story          /api/stories/ID, uniformly from the whole store
- datasette table    datasette serving the same file (read-only, `-i`): its table page of the
                     stories table, /DB/stories?_size=25&_sort_desc=last_at (the baseline)
- datasette, bare    the same page without facet suggestions and the row count
                     (&_nofacet=1&_nocount=1): datasette's cheapest table page

Everything is on 127.0.0.1 and bounded in time and count; the servers are stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import PROJECT, stamp

SORTS = ("recent", "size", "independent", "conflicts")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int, path: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server exited with {process.returncode} before answering")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"no answer on 127.0.0.1:{port}{path} within {timeout:.0f} s")


def load(
    port: int, next_path: Callable[[random.Random], str], clients: int, seconds: float, cap: int
) -> dict[str, float]:
    """`clients` threads asking as fast as answers come; latencies of the successful requests."""
    latencies: list[float] = []
    errors = [0]
    issued = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at:
            with lock:
                if issued[0] >= cap:
                    return
                issued[0] += 1
            path = next_path(rng)
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    latencies.sort()
    done = len(latencies)
    return {
        "requests": done + errors[0],
        "errors": errors[0],
        "rps": round(done / wall, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else float("nan"),
        "p99_ms": round(1000 * latencies[min(done - 1, int(done * 0.99))], 1)
        if latencies
        else float("nan"),
    }


def _one_each(story_ids: list[str]) -> Callable[[random.Random], str]:
    pending = iter(story_ids)
    lock = threading.Lock()

    def next_path(rng: random.Random) -> str:
        with lock:
            return f"/stories/{next(pending, story_ids[0])}"

    return next_path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", type=Path)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument(
        "--datasette",
        default=shutil.which("datasette"),
        help="the datasette command (bench/web/requirements.txt)",
    )
    args = parser.parse_args()
    with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as db:
        ids = [
            row[0]
            for row in db.execute(
                "SELECT id FROM stories WHERE article_count > 0 ORDER BY last_at DESC"
            )
        ]
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    hot = ids[:300]
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "src")}
    # Untimed: lay out the pages this code would keep but the store lacks (a store made by other
    # code), as `newsweave update` does; the cold scenario measures first views as users get them.
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "newsweave", "update", "--db", str(args.db)], env=env, check=True
    )
    laid_out_s = round(time.monotonic() - started, 1)
    print(
        json.dumps(
            {
                "store": str(args.db),
                "articles": articles,
                "stories": len(ids),
                "update_s": laid_out_s,
                "clients": args.clients,
                "load_average": os.getloadavg()[0],
                **stamp(),
            }
        )
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsweave", "serve", "--db", str(args.db), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    results: dict[str, dict[str, float]] = {}
    try:
        wait_for(port, "/stories", server)
        scenarios: dict[str, Callable[[random.Random], str]] = {
            "stories list": lambda rng: (
                f"/stories?page={rng.randint(1, 20)}&sort={rng.choice(SORTS)}"
            ),
            "story page (hot)": lambda rng: f"/stories/{rng.choice(hot)}",
            "story page (cold)": lambda rng: f"/stories/{rng.choice(ids)}",
            "API story": lambda rng: f"/api/stories/{rng.choice(ids)}",
        }
        for name, next_path in scenarios.items():
            if name == "story page (hot)":
                load(port, _one_each(hot), 4, 600, len(hot))  # untimed: lay each out once
            results[name] = load(port, next_path, args.clients, args.seconds, args.max_requests)
            print(json.dumps({"scenario": name, **results[name]}), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.datasette:
        port = free_port()
        baseline = subprocess.Popen(
            [
                args.datasette,
                "serve",
                "-i",
                str(args.db),
                "--port",
                str(port),
                "--host",
                "127.0.0.1",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        table = f"/{args.db.stem}/stories?_size=25&_sort_desc=last_at"
        baselines = {
            "datasette table": table,
            "datasette, bare": table + "&_nofacet=1&_nocount=1",
        }
        try:
            wait_for(port, table, baseline)
            for name, path in baselines.items():
                results[name] = load(
                    port, lambda rng, path=path: path, args.clients, args.seconds, args.max_requests
                )
                print(json.dumps({"scenario": name, **results[name]}), flush=True)
        finally:
            baseline.terminate()
            baseline.wait(timeout=30)
    print(
        f"\n{'scenario':<20} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
    )
    for name, figures in results.items():
        print(
            f"{name:<20} {figures['requests']:>9} {figures['errors']:>7} {figures['rps']:>8} "
            f"{figures['p50_ms']:>8} {figures['p99_ms']:>8}"
        )


if __name__ == "__main__":
    main()
