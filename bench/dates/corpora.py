"""Real articles with known reference dates, read from ../shared/data for the date benchmarks.

Timeline17 gives each article's publication date; DUC 2004 gives it in the document number. Both
are returned as (corpus, document id, publication date, text). ECB+ articles have no metadata;
their dates are the ones labelled by hand in `ecbplus_published.jsonl`.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import shared_data

HERE = Path(__file__).resolve().parent
T17_TOPICS = ("egypt", "finan", "h1n1", "haiti", "iraq", "libya", "mj", "syria")


class Document(NamedTuple):
    corpus: str
    doc_id: str
    published: dt.date | None
    text: str


def detokenize(text: str) -> str:
    """Timeline17's Penn-Treebank tokens back to plain text ("Haiti 's" -> "Haiti's")."""
    text = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("-LSB-", "[")
    text = text.replace("-RSB-", "]").replace("``", '"').replace("''", '"')
    text = re.sub(r" (['\u2019](?:s|re|ve|ll|d|m)|n't)\b", r"\1", text)
    text = re.sub(r" ([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r'" (.*?) "', r'"\1"', text)
    return text


def timeline17() -> Iterator[Document]:
    csv.field_size_limit(10**9)
    for topic in T17_TOPICS:
        path = shared_data(f"tls/t17_derived/articles/{topic}.csv.gz")
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle)):
                lines = [detokenize(line.strip()) for line in row["text"].split("\n")]
                text = "\n".join(line for line in lines if line)
                yield Document("t17", f"{topic}-{number}", dt.date.fromisoformat(row["date"]), text)


def duc2004() -> Iterator[Document]:
    with shared_data("mds/duc2004/test.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            for doc in json.loads(line)["documents"]:
                yield Document("duc", doc["id"], dt.date.fromisoformat(doc["date"]), doc["text"])


def ecbplus(*, dated_only: bool = True) -> Iterator[Document]:
    """ECB+ articles; with `dated_only`, those whose publication date was labelled by hand."""
    labels = {}
    labelled = HERE / "ecbplus_published.jsonl"
    if labelled.exists():
        for line in labelled.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            labels[record["doc_id"]] = record["published"]
    with shared_data("clustering/ecbplus/ecbplus_docs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            published = labels.get(doc["doc_id"])
            if dated_only and not published:
                continue
            date = dt.date.fromisoformat(published) if published else None
            yield Document("ecb+", doc["doc_id"], date, doc["text"])
