"""The grouping benchmark corpora as articles with gold story labels, and their fit/held-out parts.

| corpus | articles | gold | fit on | held out |
|---|---|---|---|---|
| DUC 2004 (50 clusters x 10 articles, dated) | 500 | cluster | clusters 1-25 | clusters 26-50 |
| Multi-News test, first 300 clusters (undated) | ~830 | cluster | never | all |
| Multi-News test clusters 1000-1299 (`multinews-fit`, undated) | ~830 | cluster | all | none |
| Multi-News test clusters 300-599 (`multinews-300-599`, undated) | ~830 | cluster | never | all |
| ECB+ topics 1-35 (undated; 2 similar events a topic) | 772 | event | train topics | dev topics |
| UCI News Aggregator head (headlines, 36 h) | 6,366 | story | first half | second half |
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass, field

from common import DATA, ECB_DEV, ECB_TRAIN, UCI, load_ecbplus, require

from newsweave.model import Article

DUC = DATA / "mds" / "duc2004" / "test.jsonl"
MULTINEWS = DATA / "mds" / "multinews" / "test.jsonl"


@dataclass(slots=True)
class Corpus:
    name: str
    articles: list[Article]
    gold: list[str]
    parts: dict[str, list[int]] = field(default_factory=dict)
    fit: str = ""  # the part parameters may be chosen on ("" when none)


def duc_clusters() -> list[tuple[str, list[Article]]]:
    clusters = []
    with require(DUC).open(encoding="utf-8") as handle:
        for line in handle:
            cluster = json.loads(line)
            articles = [
                Article(
                    id=doc["id"],
                    source=doc.get("source") or "newswire",
                    raw_text=doc["text"],
                    title=doc.get("title") or None,
                    published=dt.datetime.fromisoformat(doc["date"]).replace(hour=12),
                )
                for doc in cluster["documents"]
            ]
            clusters.append((cluster["id"], articles))
    return clusters


def duc() -> Corpus:
    clusters = duc_clusters()
    articles, gold, fit, held = [], [], [], []
    for number, (name, members) in enumerate(clusters):
        for article in members:
            (fit if number < len(clusters) // 2 else held).append(len(articles))
            articles.append(article)
            gold.append(name)
    return Corpus("duc2004", articles, gold, {"fit": fit, "held_out": held}, fit="fit")


def multinews(count: int = 300, start: int = 0, *, held_out: bool | None = None) -> Corpus:
    """Multi-News test clusters `start` .. `start + count - 1`: held out from 0 (or when
    `held_out`), fit elsewhere."""
    articles, gold = [], []
    with require(MULTINEWS).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number < start:
                continue
            if number >= start + count:
                break
            cluster = json.loads(line)
            for index, doc in enumerate(cluster["documents"]):
                if doc["text"].strip():
                    articles.append(
                        Article(
                            id=f"{cluster['id']}-{index}",
                            source=f"outlet-{len(articles)}",
                            raw_text=doc["text"],
                        )
                    )
                    gold.append(cluster["id"])
    everything = list(range(len(articles)))
    if start == 0:
        return Corpus(f"multinews{count}", articles, gold, {"held_out": everything})
    name = f"multinews{start}-{start + count - 1}"
    if held_out:
        return Corpus(name, articles, gold, {"held_out": everything})
    return Corpus(name, articles, gold, {"fit": everything}, fit="fit")


def multinews_fit() -> Corpus:
    """Clusters 1000-1299: never used for grouping, so grouping may be fitted on them."""
    return multinews(300, start=1000)


def multinews_300_599() -> Corpus:
    """Clusters 300-599: never used for grouping before issue 16's session 19, which read them
    once, held out (the summaries' rounds used 0-24 and 500-999, not for grouping)."""
    return multinews(300, start=300, held_out=True)


def ecbplus() -> Corpus:
    docs = load_ecbplus()
    articles = [
        Article(id=doc["doc_id"], source=f"outlet-{i}", raw_text=doc["text"])
        for i, doc in enumerate(docs)
    ]
    parts = {
        "train": [i for i, d in enumerate(docs) if d["topic"] in ECB_TRAIN],
        "dev": [i for i, d in enumerate(docs) if d["topic"] in ECB_DEV],
    }
    return Corpus("ecbplus", articles, [d["event_cluster"] for d in docs], parts, fit="train")


def uci() -> Corpus:
    with require(UCI).open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: (int(r["TIMESTAMP"]), int(r["ID"])))
    articles = [
        Article(
            id=f"uci-{r['ID']}",
            source=r["PUBLISHER"] or "unknown",
            raw_text=r["TITLE"],
            url=r["URL"],
            published=dt.datetime.fromtimestamp(int(r["TIMESTAMP"]) / 1000, dt.UTC).replace(
                tzinfo=None
            ),
        )
        for r in rows
    ]
    half = len(rows) // 2
    parts = {"first_half": list(range(half)), "second_half": list(range(half, len(rows)))}
    return Corpus("uci", articles, [r["STORY"] for r in rows], parts, fit="first_half")


LOADERS = {
    "duc2004": duc,
    "multinews": multinews,
    "multinews-fit": multinews_fit,
    "multinews-300-599": multinews_300_599,
    "ecbplus": ecbplus,
    "uci": uci,
}
