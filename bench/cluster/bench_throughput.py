"""Throughput and memory of ingest -> story assignment on a generated stream of real texts.

The stream is built from the real articles in ../shared/data (ECB+ and Multi-News sources) with
seeded variation: each generated article is a real one with ~15% of its sentences dropped, ~5% of
its words replaced and its numbers changed, dated in order over `--days` days. Every article goes
through the full ingest path (clean, hash, terms, stream clustering, refine, SQLite commit).

Usage: python bench/cluster/bench_throughput.py [--n 100000] [--days 100] [--batch 500]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import DATA, ECBPLUS, load_ecbplus, machine, require

from newsweave.model import Article
from newsweave.store.ingest import Ingestor
from newsweave.store.sqlite import Store

MULTINEWS = DATA / "mds" / "multinews" / "test.jsonl"
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_NUMBER = re.compile(r"\d+")


def real_texts() -> list[str]:
    texts = [doc["text"] for doc in load_ecbplus()]
    with require(MULTINEWS).open(encoding="utf-8") as handle:
        for line in handle:
            texts += [d["text"] for d in json.loads(line)["documents"] if len(d["text"]) > 400]
    return texts


def stream(texts: list[str], count: int, days: float, seed: int) -> Iterator[Article]:
    rng = random.Random(seed)
    vocabulary = [w for t in texts[:2000] for w in t.split()[:50]]
    start = dt.datetime(2026, 1, 1)
    for number in range(count):
        sentences = [s for s in _SENTENCE.split(rng.choice(texts)[:6000]) if rng.random() > 0.15]
        words = " ".join(sentences).split()
        for i in range(len(words)):
            if rng.random() < 0.05:
                words[i] = rng.choice(vocabulary)
        text = _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(0, 3)), " ".join(words))
        yield Article(
            id=f"gen-{number}",
            source=f"outlet-{rng.randrange(40)}",
            raw_text=text or "empty",
            published=start + dt.timedelta(days=days * number / count),
        )


def _current_rss_mb() -> float:
    # Resident set now (Linux); peak RSS above is the high-water mark.
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return float("nan")
    return pages * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--days", type=float, default=100.0)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    require(ECBPLUS)
    texts = real_texts()
    rss_marks: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.db") as store:
        ingestor = Ingestor(store, batch_size=args.batch)
        started = time.perf_counter()
        done = 0
        ingesting = 0.0  # seconds inside Ingestor.add, i.e. without generating the stream
        chunk = max(args.n // 10, args.batch)
        articles = stream(texts, args.n, args.days, args.seed)
        while done < args.n:
            part = [a for _, a in zip(range(chunk), articles, strict=False)]
            if not part:
                break
            begun = time.perf_counter()
            ingestor.add(part)
            ingesting += time.perf_counter() - begun
            done += len(part)
            rss_marks.append((done, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
            elapsed = time.perf_counter() - started
            print(
                json.dumps(
                    {
                        "progress": done,
                        "seconds": round(elapsed, 1),
                        "ingest_seconds": round(ingesting, 1),
                        "articles_per_s": round(done / ingesting, 1),
                        "peak_rss_mb": round(rss_marks[-1][1]),
                        "rss_mb": round(_current_rss_mb()),
                        "window": len(ingestor.clusterer),
                        "known_terms": len(ingestor.clusterer.stats.frequencies),
                    }
                ),
                flush=True,
            )
        ingestor.save_stats()
        elapsed = time.perf_counter() - started
        stories = len(store.stories())
    print(
        json.dumps(
            {
                "benchmark": "ingest_throughput",
                "articles": args.n,
                "days": args.days,
                "batch": args.batch,
                "seconds": round(elapsed, 1),
                "ingest_seconds": round(ingesting, 1),
                "articles_per_s": round(args.n / ingesting, 1),
                "articles_per_s_with_generation": round(args.n / elapsed, 1),
                "stories": stories,
                "real_texts": len(texts),
                "peak_rss_mb_by_articles": [(n, round(mb)) for n, mb in rss_marks],
                "peak_rss_mb": round(rss_marks[-1][1]),
                **machine(),
            }
        )
    )


if __name__ == "__main__":
    main()
