"""Four-digit numbers read as times of day, not years, on real articles (a reading aid, no labels).

    NEWSWEAVE_SHARED_DATA=../shared/data python bench/dates/clock_times.py [--sample 40]

Every number `_numbers_not_years` takes for no year (a time of day: "at 1653 local time",
"(2153 GMT)", a live report's line stamps; a house number) in Timeline17's articles, DUC 2004 and the first 600 Multi-News test
clusters is counted by corpus; a seeded sample of them is printed in context, to be read by hand
(a time of day, or a year wrongly dropped?).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import random
from pathlib import Path

from newsweave.stages.dates import _numbers_not_years


def _corpora(data: Path, multinews_clusters: int) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {"duc2004": [], "multinews": [], "timeline17": []}
    with open(data / "mds" / "duc2004" / "test.jsonl", encoding="utf-8") as lines:
        for line in lines:
            texts["duc2004"] += [d["text"] for d in json.loads(line)["documents"]]
    with open(data / "mds" / "multinews" / "test.jsonl", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number >= multinews_clusters:
                break
            texts["multinews"] += [d["text"] for d in json.loads(line)["documents"]]
    csv.field_size_limit(1 << 30)
    for path in sorted((data / "tls" / "t17_derived" / "articles").glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            texts["timeline17"] += [row["text"] for row in csv.DictReader(handle)]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--multinews-clusters", type=int, default=600)
    args = parser.parse_args()
    data = Path(os.environ.get("NEWSWEAVE_SHARED_DATA", "../shared/data"))
    found = []
    for corpus, texts in _corpora(data, args.multinews_clusters).items():
        count = 0
        for text in texts:
            for start, end in sorted(_numbers_not_years(text)):
                count += 1
                context = text[max(0, start - 50) : end + 50].replace("\n", " / ")
                found.append((corpus, text[start:end], context))
        print(json.dumps({"corpus": corpus, "articles": len(texts), "times_of_day": count}))
    for corpus, number, context in random.Random(7).sample(found, min(args.sample, len(found))):
        print(f"{corpus:<11} {number}  …{context}…")


if __name__ == "__main__":
    main()
