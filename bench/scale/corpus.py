"""A news corpus of any size, generated from the real texts in ../shared/data with seeded variation.

Each generated story is one real event: a Multi-News cluster (several outlets' coverage of one
event) or an ECB+ sub-topic. Its articles are that coverage, varied: ~15% of sentences dropped,
~5% of words replaced, numbers changed, texts cut at `max_chars`; dated within three days of the
story's start, which is spread over `days`; published by one of 200 outlets, each with its own
header and footer line (page furniture for the source profiles to learn). The same real event is
drawn again for later stories, so a large corpus has many similar stories far apart in time.

Usage: python bench/scale/corpus.py --n 10000 --out corpus.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cluster"))
from common import DATA, ECBPLUS, require

MULTINEWS = DATA / "mds" / "multinews" / "test.jsonl"
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_NUMBER = re.compile(r"\d+")
_OUTLETS = 200
_START = dt.datetime(2026, 1, 1)


def real_events() -> list[list[str]]:
    """The real events: each a list of texts by different outlets about it."""
    events: list[list[str]] = []
    with require(MULTINEWS).open(encoding="utf-8") as handle:
        for line in handle:
            texts = [d["text"] for d in json.loads(line)["documents"] if len(d["text"]) > 400]
            if texts:
                events.append(texts)
    by_subtopic: dict[str, list[str]] = defaultdict(list)
    with require(ECBPLUS).open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            by_subtopic[f"{doc['topic']}{doc['subtopic']}"].append(doc["text"])
    events.extend(texts for texts in by_subtopic.values() if texts)
    return events


def generate(
    count: int, *, seed: int = 13, days: float = 365.0, max_chars: int = 3000
) -> Iterator[dict]:
    """`count` article records (JSONL objects), in publication order within each story."""
    rng = random.Random(seed)
    events = real_events()
    vocabulary = [w for texts in events[:500] for t in texts[:1] for w in t.split()[:60]]
    made = 0
    story = 0
    while made < count:
        texts = rng.choice(events)
        start = _START + dt.timedelta(days=rng.uniform(0, days))
        size = min(count - made, max(1, int(rng.expovariate(1 / 6))))
        for copy in range(size):
            outlet = rng.randrange(_OUTLETS)
            text = _vary(rng.choice(texts)[:max_chars], rng, vocabulary)
            yield {
                "id": f"s{story}-a{copy}",
                "source": f"outlet-{outlet}.example",
                "published": (start + dt.timedelta(hours=rng.uniform(0, 72))).isoformat(),
                "text": f"Outlet {outlet} | News | Home\n\n{text}\n\nRead more at outlet {outlet}.",
            }
        made += size
        story += 1


def _vary(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    sentences = [s for s in _SENTENCE.split(text) if rng.random() > 0.15] or [text]
    words = " ".join(sentences).split()
    for i in range(len(words)):
        if rng.random() < 0.05:
            words[i] = rng.choice(vocabulary)
    return _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(0, 3)), " ".join(words))


def write_corpus(count: int, path: Path, *, seed: int = 13) -> Path:
    """Write the corpus once; an existing file of the same size and seed is reused."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as handle:
        for record in generate(count, seed=seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    partial.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write_corpus(args.n, args.out, seed=args.seed)


if __name__ == "__main__":
    main()
