"""Build planted-contradiction sets like ../shared/data/conflicts from clusters no one tuned on.

Usage: python bench/conflicts/plant.py {duc2004,multinews,t17,ecbplus} OUT.jsonl [--start N]
           [--count K] [--skip S] [--seed R] [--topics A-B] [--docs FILE]

The recipe of ../shared/data/conflicts/README.md: each cluster once as published, and once per
kind (number, name, weekday) with ONE sentence of ONE article changed so that it contradicts a
sentence of another article stating the original fact. The counterpart is the other article's
sentence closest to it (embedding cosine >= 0.6) that gives the same value; the value is then
replaced: a count by another count, a name by another name found in two or more of the
cluster's articles, a weekday by another weekday. Sentences are split and names found by plain
patterns here, independent of newsweave's own stages.

Clusters: DUC 2004 25-49 except 26, 28, 30 and 32 (read while labelling bench/claims), and
Multi-News test clusters with 3 to 10 articles: the first 20 from 4000 (read once at 6ea961a),
or `--count` of them from `--start` (4200-4324 were read first for issue 17's parser work,
4600-4971 once for its place-name round, 4972-5319 once for its ages round, 5320-5621 once
for its written-dates round, 3000-3663 (`--start 3000 --count 300`) once for its
parties-of-an-act round, 3667-3986 (`--start 3664 --count 150`) once for its names-and-scopes
round: the test split ends at 5621, so a next unseen set must come from clusters 3987-3999, or
below 3000 where no other issue's split holds them, or from another corpus).
Timeline17 (`t17`): the articles of one topic published on one day, 3 to 10 of them (the first
`--count` after the first `--skip`, topics in turn), detokenized: clusters 0-129 were read for
issue 17 (`--count 40`, then `--skip 40`, `--skip 60` and `--skip 80` with `--count 20`, then
`--skip 100 --count 30`).
ECB+ (`ecbplus`): one cluster per gold event of the topics `--topics` (36-45, the usual test
topics, by default), its articles in document order, as ../shared/data/conflicts/ecbplus-dev.jsonl
was built from topics 1-35 (ids `ecbplus-<event>`, no title, date or source). The copy in
../shared/data/clustering/ecbplus holds topics 1-35 only; `--docs` reads another file of its
shape. `--seed` picks the replacement names
(0 for the sets built so far). These sets are kept aside: run them once through
bench/conflicts/run.py, never tune on them.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import shared_data

from newsweave.embed import embed

MIN_COSINE = 0.6
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’]))\s+(?=[\"“‘'`]*[A-Z0-9])")
_COUNT = re.compile(
    r"(?<![\d.,$-])\b(\d{1,3}(?:,\d{3})*|\d+)\b(?![.,]\d)(?!-year|\s*(?:a\.m|p\.m))"
)
_NAME = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if len(s.split()) >= 6]


def values(kind: str, sentence: str, names: set[str]) -> list[str]:
    if kind == "number":
        return [
            m.group(1)
            for m in _COUNT.finditer(sentence)
            if not re.fullmatch(r"1[89]\d\d|20\d\d", m.group(1))
        ]
    if kind == "weekday":
        return _WEEKDAY.findall(sentence)
    return [m.group(1) for m in _NAME.finditer(sentence) if m.group(1) in names]


def replacement(kind: str, old: str, names: set[str], rng: random.Random) -> str | None:
    if kind == "number":
        value = int(old.replace(",", ""))
        new = value * 2 if value < 10 else round(value * 1.5)
        return f"{new:,}" if "," in old else str(new)
    if kind == "weekday":
        return WEEKDAYS[(WEEKDAYS.index(old) + 2) % 7]
    others = sorted(n for n in names if n != old and n not in old and old not in n)
    same_shape = [n for n in others if len(n.split()) == len(old.split())]
    pool = same_shape or others
    return rng.choice(pool) if pool else None


def plant(cluster_id: str, documents: list[dict], rng: random.Random) -> list[dict]:
    records = [{"id": f"{cluster_id}-clean", "documents": documents, "conflict": None}]
    split = [(i, s) for i, d in enumerate(documents) for s in sentences(d["text"])]
    if not split:
        return records
    vectors = embed([s for _, s in split])
    cosine = vectors @ vectors.T
    seen_in = Counter(
        name for d in documents for name in {m.group(1) for m in _NAME.finditer(d["text"])}
    )
    names = {name for name, count in seen_in.items() if count >= 2 and name not in WEEKDAYS}
    for kind in ("number", "name", "weekday"):
        best = None
        for a, (doc_a, text_a) in enumerate(split):
            for old in values(kind, text_a, names):
                for b in np.argsort(-cosine[a]).tolist():
                    doc_b, text_b = split[b]
                    if cosine[a, b] < MIN_COSINE:
                        break
                    if doc_b != doc_a and re.search(rf"\b{re.escape(old)}\b", text_b):
                        if best is None or cosine[a, b] > best[0]:
                            best = (float(cosine[a, b]), a, b, old)
                        break
        if best is None:
            continue
        _, a, b, old = best
        new = replacement(kind, old, names, rng)
        if new is None:
            continue
        (doc_a, text_a), (doc_b, text_b) = split[a], split[b]
        changed = re.sub(rf"\b{re.escape(old)}\b", new, text_a, count=1)
        docs = [dict(d) for d in documents]
        docs[doc_a]["text"] = docs[doc_a]["text"].replace(text_a, changed, 1)
        records.append(
            {
                "id": f"{cluster_id}-{kind}",
                "documents": docs,
                "conflict": {
                    "kind": kind,
                    "changed": {"article": docs[doc_a]["id"], "text": changed, "original": text_a},
                    "counterpart": {"article": docs[doc_b]["id"], "text": text_b},
                    "old": old,
                    "new": new,
                },
            }
        )
    return records


def clusters(
    corpus: str, start: int = 4000, count: int = 20, skip: int = 0
) -> list[tuple[str, list[dict]]]:
    if corpus == "duc2004":
        rows = [json.loads(line) for line in shared_data("mds/duc2004/test.jsonl").open()]
        keep = [i for i in range(25, 50) if i not in (26, 28, 30, 32)]
        return [(rows[i]["id"], rows[i]["documents"]) for i in keep]
    if corpus == "t17":
        return t17_clusters(count, skip)
    found = []
    with shared_data("mds/multinews/test.jsonl").open() as handle:
        for index, line in enumerate(handle):
            if index < start:
                continue
            record = json.loads(line)
            docs = record["documents"]
            if 3 <= len(docs) <= 10:
                docs = [
                    {
                        "id": d["id"],
                        "title": d.get("title") or "",
                        "text": d["text"],
                        "date": None,
                        "source": d["id"],
                    }
                    for d in docs
                ]
                found.append((record["id"], docs))
            if len(found) == count:
                break
    return found


def ecbplus_clusters(path: Path, topics: range) -> list[tuple[str, list[dict]]]:
    """One cluster per gold event of TOPICS, its articles in the file's order."""
    by_event: dict[str, list[dict]] = {}
    present = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            present.add(doc["topic"])
            if doc["topic"] in topics:
                by_event.setdefault(doc["event_cluster"], []).append(
                    {"id": doc["doc_id"], "title": "", "text": doc["text"], "date": None,
                     "source": None}
                )
    if not by_event:
        raise SystemExit(
            f"{path} holds no article of ECB+ topics {topics.start}-{topics.stop - 1} "
            f"(it holds topics {min(present)}-{max(present)}); pass --docs with a file that does"
        )
    return [(f"ecbplus-{event}", docs) for event, docs in by_event.items() if len(docs) >= 2]


T17_TOPICS = ["egypt", "finan", "h1n1", "haiti", "iraq", "libya", "mj", "syria"]
_PTB = [
    (r"-LRB-", "("),
    (r"-RRB-", ")"),
    (r"-LSB-", "["),
    (r"-RSB-", "]"),
    (r"``\s*", '"'),
    (r"\s*''", '"'),
    (r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1"),
    (r"\s+([,.;:!?%)\]])", r"\1"),
    (r"([(\[$])\s+", r"\1"),
    (r"\\/", "/"),
]


def detokenize(text: str) -> str:
    """Timeline17 text is tokenized (spaces around punctuation, PTB brackets): back to prose."""
    lines = []
    for line in text.splitlines():
        for pattern, repl in _PTB:
            line = re.sub(pattern, repl, line)
        lines.append(line.strip())
    return "\n".join(line for line in lines if line)


def t17_clusters(count: int, skip: int = 0) -> list[tuple[str, list[dict]]]:
    per_topic = []
    for topic in T17_TOPICS:
        path = shared_data(f"tls/t17_derived/articles/{topic}.csv.gz")
        csv.field_size_limit(1 << 30)
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            by_day: dict[str, list[str]] = {}
            for row in csv.DictReader(handle):
                by_day.setdefault(row["date"][:10], []).append(row["text"])
        days = [(day, texts) for day, texts in sorted(by_day.items()) if 3 <= len(texts) <= 10]
        per_topic.append(
            [
                (
                    f"t17-{topic}-{day}",
                    [
                        {
                            "id": f"{topic}-{day}-{i}",
                            "title": "",
                            "text": detokenize(text),
                            "date": day,
                            "source": f"{topic}-{day}-{i}",
                        }
                        for i, text in enumerate(texts)
                    ],
                )
                for day, texts in days
            ]
        )
    interleaved = [c for group in itertools.zip_longest(*per_topic) for c in group if c]
    return interleaved[skip : skip + count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=["duc2004", "multinews", "t17", "ecbplus"])
    parser.add_argument("out", type=Path)
    parser.add_argument("--start", type=int, default=4000, help="first Multi-News test cluster")
    parser.add_argument("--count", type=int, default=20, help="Multi-News/T17 clusters to take")
    parser.add_argument("--skip", type=int, default=0, help="T17 clusters to pass over first")
    parser.add_argument("--seed", type=int, default=0, help="for the replacement names")
    parser.add_argument("--topics", default="36-45", help="ECB+ topics, first-last")
    parser.add_argument("--docs", type=Path, help="ECB+ articles (ecbplus_docs.jsonl's shape)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.corpus == "ecbplus":
        first, last = (int(t) for t in args.topics.split("-"))
        docs_path = args.docs or shared_data("clustering/ecbplus/ecbplus_docs.jsonl")
        found = ecbplus_clusters(docs_path, range(first, last + 1))
    else:
        found = clusters(args.corpus, args.start, args.count, args.skip)
    records = [r for cluster_id, docs in found for r in plant(cluster_id, docs, rng)]
    out = args.out
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    kinds = Counter(r["conflict"]["kind"] for r in records if r["conflict"])
    clean = sum(1 for r in records if not r["conflict"])
    print(f"{len(records)} records: {clean} clean, {dict(kinds)}")


if __name__ == "__main__":
    main()
