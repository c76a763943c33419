"""The coverage the names benchmark reads: seeded clusters of DUC 2004, ECB+ and Multi-News.

The selection and its dev/test split are fixed here (seed below) and were written before any
label or rule: `split.json` records them; `labels/<split>.tsv` holds the annotated mentions.
The texts themselves stay in ../shared/data; this module rebuilds the same inputs from them.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import shared_data

HERE = Path(__file__).resolve().parent
SEED = 16
HOLDOUT_SEED = 17
HOLDOUT_PER_CORPUS = 2
# A second holdout ("fresh"), labelled after every rule up to the prefix/alias classes had been
# fitted on dev, test and holdout, and before those classes ran on it.
FRESH_SEED = 29
# A third holdout ("final"), labelled after the fresh split's errors had been read and fixed.
FINAL_SEED = 31
# A fourth holdout ("blind"), labelled after the final split's errors had been read and fixed.
BLIND_SEED = 37
# A fifth holdout ("sealed"), labelled after the blind split's errors had been read and fixed.
SEALED_SEED = 41
# A sixth holdout ("novel"), labelled after the sealed split's errors had been read and fixed.
NOVEL_SEED = 43
# A seventh holdout ("pristine"), labelled after the novel split's errors had been read, before
# that round's fixes ran on it.
PRISTINE_SEED = 44
# An eighth holdout ("untouched"), labelled after the pristine split's errors had been read, before
# that round's fixes ran on it.
UNTOUCHED_SEED = 45
# A ninth holdout ("unopened"), labelled after the untouched split's errors had been read, before
# that round's fixes ran on it.
UNOPENED_SEED = 46
# A tenth holdout ("virgin"), labelled after the unopened split's errors had been read, before
# that round's fixes were written.
VIRGIN_SEED = 47
# An eleventh holdout ("maiden"), labelled after the virgin split's errors had been read, before
# that round's fixes were written.
MAIDEN_SEED = 48
# A twelfth holdout ("newborn"), labelled after the maiden split's errors had been read, before
# that round's fixes were written.
NEWBORN_SEED = 49
# A thirteenth holdout ("firstborn"), labelled after the newborn split's errors had been read,
# before that round's fixes were written. Unlike the splits above, it is drawn from the clusters
# no split holds (for ECB+, from the topics no split holds), so that no draw is lost to a held
# cluster: at seed 49 all four DUC 2004 draws were held.
FIRSTBORN_SEED = 50
# A fourteenth holdout ("unborn"), labelled after the firstborn split's errors had been read,
# before that round's fixes were written; drawn as firstborn is, from the clusters no split holds.
UNBORN_SEED = 51
# A fifteenth holdout ("newest"), labelled after the unborn split's errors had been read, before
# that round's fixes were written; drawn as unborn is.
NEWEST_SEED = 52
# A sixteenth holdout ("latest"), labelled after the newest split's errors had been read, before
# that round's fixes were written; drawn as newest is (ECB+ has no topic left with three
# documents no split holds, so it is drawn from DUC 2004 and Multi-News only).
LATEST_SEED = 53
# Clusters earlier rounds read as real coverage to find classes (ECB+ topic 30, run through
# `newsweave analyze` in the round of types): fit data, so no later split draws them.
READ_AS_COVERAGE = frozenset({"ecbplus-30_ecbplus"})
LATER_SPLITS = (
    ("holdout", HOLDOUT_SEED),
    ("fresh", FRESH_SEED),
    ("final", FINAL_SEED),
    ("blind", BLIND_SEED),
    ("sealed", SEALED_SEED),
    ("novel", NOVEL_SEED),
    ("pristine", PRISTINE_SEED),
    ("untouched", UNTOUCHED_SEED),
    ("unopened", UNOPENED_SEED),
    ("virgin", VIRGIN_SEED),
    ("maiden", MAIDEN_SEED),
    ("newborn", NEWBORN_SEED),
)
# (name, seed, clusters held beyond the splits'): firstborn's draw predates READ_AS_COVERAGE.
UNHELD_SPLITS = (
    ("firstborn", FIRSTBORN_SEED, frozenset()),
    ("unborn", UNBORN_SEED, READ_AS_COVERAGE),
    ("newest", NEWEST_SEED, READ_AS_COVERAGE),
    ("latest", LATEST_SEED, READ_AS_COVERAGE),
)
UNHELD_PER_CORPUS = 3  # two per corpus gave 275 mentions at seed 50; the brief asks for 300
CLUSTERS_PER_CORPUS = 4  # the first half of each corpus's sample is dev, the second half test
DOCS_PER_CLUSTER = 3
DUC_CHARS = 1800  # a DUC article is cut after the first sentence end past this many characters

Cluster = dict[str, Any]  # {"id", "corpus", "articles": [{"id", "source", "text"}]}


def _cut(text: str, chars: int) -> str:
    end = re.compile(r"[.!?]['\"`]*\s").search(text, chars)
    return text if end is None else text[: end.end()].rstrip()


def _duc(rng: random.Random, held: frozenset[str] = frozenset()) -> list[Cluster]:
    rows = [json.loads(line) for line in shared_data("mds/duc2004/test.jsonl").open()]
    rows = [row for row in rows if row["id"] not in held]
    clusters = []
    for row in rng.sample(rows, CLUSTERS_PER_CORPUS):
        docs = row["documents"][:DOCS_PER_CLUSTER]
        articles = [
            {
                "id": d["id"],
                "source": d.get("source") or d["id"][:3],
                "text": _cut(d["text"], DUC_CHARS),
            }
            for d in docs
        ]
        clusters.append({"id": row["id"], "corpus": "duc2004", "articles": articles})
    return clusters


def _ecbplus(rng: random.Random, held: frozenset[str] = frozenset()) -> list[Cluster]:
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in shared_data("clustering/ecbplus/ecbplus_docs.jsonl").open():
        doc = json.loads(line)
        by_event[doc["event_cluster"]].append(doc)
    # A held event holds its topic: the other event of a topic is a story of the same kind.
    held_topics = {c.removeprefix("ecbplus-").split("_")[0] for c in held}
    events = sorted(
        e
        for e, docs in by_event.items()
        if len(docs) >= DOCS_PER_CLUSTER and e.split("_")[0] not in held_topics
    )
    rng.shuffle(events)
    by_topic = {}  # one event per topic, so dev and test never share a topic
    for event in events:
        by_topic.setdefault(event.split("_")[0], event)
    clusters = []
    for event in list(by_topic.values())[:CLUSTERS_PER_CORPUS]:
        docs = sorted(by_event[event], key=lambda d: d["doc_id"])[:DOCS_PER_CLUSTER]
        # ECB+ carries no outlet: each article counts as its own source.
        articles = [{"id": d["doc_id"], "source": d["doc_id"], "text": d["text"]} for d in docs]
        clusters.append({"id": f"ecbplus-{event}", "corpus": "ecbplus", "articles": articles})
    return clusters


def _multinews(rng: random.Random, held: frozenset[str] = frozenset()) -> list[Cluster]:
    rows = []
    with shared_data("mds/multinews/test.jsonl").open() as lines:
        for index, line in enumerate(lines):
            if index >= 1000:
                break
            rows.append(json.loads(line))
    rows = [r for r in rows if len(r["documents"]) >= 2 and r["id"] not in held]
    clusters = []
    for row in rng.sample(rows, CLUSTERS_PER_CORPUS):
        docs = row["documents"][:DOCS_PER_CLUSTER]
        articles = [{"id": d["id"], "source": d["id"], "text": d["text"]} for d in docs]
        clusters.append({"id": row["id"], "corpus": "multinews", "articles": articles})
    return clusters


def clusters() -> list[Cluster]:
    """Every sampled cluster, each with its split: "dev", "test", "holdout", "fresh", "final",
    "blind".

    The holdout (seed `HOLDOUT_SEED`, clusters not already sampled) was added and labelled
    after the test split had been reported once and its errors seen, so that a split no rule
    was fitted on remains; "fresh" (seed `FRESH_SEED`) likewise after the holdout was seen, and
    "final" (seed `FINAL_SEED`) after the fresh split was, "blind" (seed `BLIND_SEED`) after
    the final split was, "sealed" (seed `SEALED_SEED`) after the blind split was, "novel"
    (seed `NOVEL_SEED`) after the sealed split was, "pristine" (seed `PRISTINE_SEED`) after the
    novel split was, "untouched" (seed `UNTOUCHED_SEED`) after the pristine split was,
    "unopened" (seed `UNOPENED_SEED`) after the untouched split was, "virgin" (seed
    `VIRGIN_SEED`) after the unopened split was, "maiden" (seed `MAIDEN_SEED`) after the virgin
    split was, "newborn" (seed `NEWBORN_SEED`) after the maiden split was, "firstborn" (seed
    `FIRSTBORN_SEED`, drawn from the clusters no split holds) after the newborn split was,
    "unborn" (seed `UNBORN_SEED`, drawn the same way) after the firstborn split was, "newest"
    (seed `NEWEST_SEED`, drawn the same way) after the unborn split was, "latest" (seed
    `LATEST_SEED`, drawn the same way) after the newest split was.
    """
    chosen = []
    for corpus in (_duc, _ecbplus, _multinews):
        picked = corpus(random.Random(SEED))
        half = len(picked) // 2
        for index, cluster in enumerate(picked):
            chosen.append({**cluster, "split": "dev" if index < half else "test"})
        seen = {cluster["id"] for cluster in picked}
        for name, seed in LATER_SPLITS:
            more = [c for c in corpus(random.Random(seed)) if c["id"] not in seen]
            chosen.extend({**cluster, "split": name} for cluster in more[:HOLDOUT_PER_CORPUS])
            seen |= {cluster["id"] for cluster in more[:HOLDOUT_PER_CORPUS]}
        for name, seed, read in UNHELD_SPLITS:
            more = corpus(random.Random(seed), frozenset(seen) | read)[:UNHELD_PER_CORPUS]
            chosen.extend({**cluster, "split": name} for cluster in more)
            seen |= {cluster["id"] for cluster in more}
    return chosen


if __name__ == "__main__":
    split = {c["id"]: c["split"] for c in clusters()}
    (HERE / "split.json").write_text(json.dumps(split, indent=1) + "\n")
    print(json.dumps(split, indent=1))
