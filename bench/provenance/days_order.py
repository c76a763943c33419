"""Copy links on real coverage given as plain text: does a source come out later than its copy?

    NEWSWEAVE_SHARED_DATA=../shared/data python bench/provenance/days_order.py

Each ECB+ sub-topic's articles (../shared/data/clustering/ecbplus) are read as `newsweave
analyze` reads a folder of `.txt` files (`article_from_text`) and analyzed with no options. Of
the copy links found, it counts those whose two articles have publication days of their own
(metadata, date line or text, not borrowed from the story) and, among them, those whose source
was published on a later day than the article said to copy it: a copy cannot come before its
source, so every such link has its direction wrong.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from pathlib import Path

from newsweave.model import DateOrigin
from newsweave.pipeline import analyze
from newsweave.sources.read import article_from_text

_OWN = {DateOrigin.METADATA, DateOrigin.DATELINE, DateOrigin.TEXT}


def main() -> None:
    data = Path(os.environ.get("NEWSWEAVE_SHARED_DATA", "../shared/data"))
    groups: dict[str, list[dict]] = defaultdict(list)  # type: ignore[type-arg]
    with open(data / "clustering" / "ecbplus" / "ecbplus_docs.jsonl", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            groups[f"{doc['topic']}{doc['subtopic']}"].append(doc)
    counts = {"sub_topics": len(groups), "links": 0, "both_dated": 0, "source_later": 0}
    for name, docs in sorted(groups.items()):
        articles = [
            article_from_text(d["text"], article_id=d["doc_id"], source=f"{d['doc_id']}.txt")
            for d in docs
        ]
        for story in analyze(articles).stories:
            by_id = {a.id: a for a in story.articles}
            for link in story.provenance:
                counts["links"] += 1
                source, derived = by_id[link.source_article], by_id[link.derived_article]
                if source.published is None or derived.published is None:
                    continue
                if source.date_origin not in _OWN or derived.date_origin not in _OWN:
                    continue
                counts["both_dated"] += 1
                if source.published.date() > derived.published.date():
                    counts["source_later"] += 1
                    print(f"  {name}: {link.derived_article} ({derived.published.date()}) "
                          f"{link.relation} of {link.source_article} ({source.published.date()})",
                          file=sys.stderr)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
