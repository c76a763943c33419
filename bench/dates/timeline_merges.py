"""The timeline entries that the claims' one-fact test merges, on real coverage (a reading aid).

    NEWSWEAVE_SHARED_DATA=../shared/data python bench/dates/timeline_merges.py --clusters 25:35

Each DUC 2004 cluster (articles with their dates) goes through `newsweave.analyze` with no
options; for each story the timeline is built again with only the alignment's same-statement
pairs (as before the one-fact test joined them), and every entry that exists only with the test
is printed with its sentences, for reading by hand. Counts of entries both ways at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path
from unittest import mock

import newsweave
from newsweave.model import Article
from newsweave.stages.dates import _timeline


def _clusters(data: Path, first: int, last: int) -> list[list[Article]]:
    with open(data / "mds" / "duc2004" / "test.jsonl", encoding="utf-8") as lines:
        clusters = [json.loads(line) for line in lines][first:last]
    return [
        [
            Article(
                id=d["id"],
                source=d.get("source") or d["id"],
                raw_text=d["text"],
                published=dt.datetime.fromisoformat(d["date"]) if d.get("date") else None,
            )
            for d in cluster["documents"]
        ]
        for cluster in clusters
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", default="25:35", help="DUC 2004 clusters FIRST:LAST")
    args = parser.parse_args()
    first, last = (int(n) for n in args.clusters.split(":"))
    data = Path(os.environ.get("NEWSWEAVE_SHARED_DATA", "../shared/data"))
    before_total = after_total = 0
    for articles in _clusters(data, first, last):
        for story in newsweave.analyze(articles).stories:
            mentions = story.dated_mentions
            with mock.patch.object(_timeline, "one_fact", lambda *_: False):
                before = _timeline.build_timeline(story, mentions)
            after = _timeline.build_timeline(story, mentions)
            before_total += len(before)
            after_total += len(after)
            kept = {(e.date, e.support) for e in before}
            for event in after:
                if (event.date, event.support) in kept or len(event.support) < 2:
                    continue
                print(f"{event.date.iso()}  {story.id}")
                for span in event.support:
                    print(f"    {span.article_id}: {story.quote(span)[:220]}")
                print()
    print(f"timeline entries: {before_total} with the alignment alone, {after_total} with one-fact")


if __name__ == "__main__":
    main()
