"""Timeline17 date selection through `newsweave analyze`: are the timeline's dates the days an
editor put in the reference timelines?

Each Timeline17 topic's articles (../shared/data/tls/t17_derived: text and publication date, no
outlet) are written to one JSON Lines file and given to `python -m newsweave analyze FILE --json
REPORT` with no other flag, as a user runs it: the topic's months of coverage are grouped into
stories and each story gets its timeline. newsweave's date ranking: every timeline event dated to
a day, in every story, counts the articles that tell it; a day's weight is the sum over its events
(ties: more supporting sentences, then the earlier day).

Evaluation as in news-tls (Ghalandari & Ifrim, ACL 2020) and tilse's date selection: per reference
timeline, the k highest-ranked days inside the timeline's first-to-last day, k = the timeline's
number of days; precision, recall and F1 of those days against its days, averaged over the
timelines. The stored copy concatenates a topic's timelines; a timeline ends where the days stop
increasing.

Baselines from the same run, over the same articles and window:
- PubCount: the days the most articles were published (news-tls's strong simple baseline);
- MentionCount: the days the most sentences mention, each sentence's dates found by dateparser's
  `search_dates` with the article's publication date as RELATIVE_BASE (news-tls uses HeidelTime
  for this; dateparser is the tagger at hand).

Topics: egypt, haiti, mj and h1n1 (dev: looked at while building this benchmark) and finan,
iraq, libya and syria (test: reported, never used to choose anything). No tuning was done: the
ranking above was written before the first run.

Usage: NEWSWEAVE_SHARED_DATA=../shared/data python bench/dates/timeline_selection.py
    [--split dev|test|both] [--topics a,b] [--work DIR] [--max-articles N]
"""

from __future__ import annotations

import argparse
import ast
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import shared_data, stamp
from corpora import timeline17

ROOT = Path(__file__).resolve().parents[2]
SPLITS = {"dev": ("egypt", "haiti", "mj", "h1n1"), "test": ("finan", "iraq", "libya", "syria")}


def reference_timelines(topic: str) -> list[list[dt.date]]:
    """The topic's reference timelines, each its list of days (the stored file runs them one
    after another: a new one starts where the days stop increasing)."""
    timelines: list[list[dt.date]] = []
    path = shared_data(f"tls/t17_derived/gold_timelines/{topic}.csv")
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            day = dt.date.fromisoformat(row["Date"][:10])
            if not ast.literal_eval(row["Sentences"]):
                continue
            if not timelines or day <= timelines[-1][-1]:
                timelines.append([])
            timelines[-1].append(day)
    return timelines


def analyze_topic(topic: str, documents: list, work: Path) -> tuple[list[dict], float]:
    """The stories `newsweave analyze` makes of the topic's articles, and its CPU seconds."""
    source = work / f"{topic}.jsonl"
    report = work / f"{topic}.report.json"
    with source.open("w", encoding="utf-8") as handle:
        for document in documents:
            record = {
                "id": document.doc_id,
                "text": document.text,
                "published": document.published.isoformat(),
            }
            handle.write(json.dumps(record) + "\n")
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = os.times()
    command = ["analyze", str(source), "--json", str(report), "--quiet"]
    completed = subprocess.run(
        [sys.executable, "-m", "newsweave", *command],
        check=False,
        env=environment,
        capture_output=True,
        text=True,
    )
    after = os.times()
    if completed.returncode not in (0, 1) or not report.exists():
        sys.exit(f"newsweave analyze failed on {topic}: {completed.stderr[-2000:]}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return json.loads(report.read_text(encoding="utf-8"))["stories"], cpu


def newsweave_ranking(stories: list[dict]) -> dict[dt.date, tuple[int, int]]:
    """Each day's weight: the articles telling its events, then its supporting sentences."""
    articles: Counter[dt.date] = Counter()
    sentences: Counter[dt.date] = Counter()
    for story in stories:
        for event in story.get("timeline", []):
            if len(event["date"]) != 10:
                continue  # a month or a year: no day to select
            day = dt.date.fromisoformat(event["date"])
            articles[day] += len({span["article"] for span in event["support"]})
            sentences[day] += len(event["support"])
    return {day: (articles[day], sentences[day]) for day in articles}


def publication_ranking(documents: list) -> dict[dt.date, tuple[int]]:
    return {day: (n,) for day, n in Counter(d.published for d in documents).items()}


def mention_ranking(documents: list) -> dict[dt.date, tuple[int]]:
    """Sentences mentioning each day, dates found by dateparser's `search_dates`."""
    from dateparser.search import search_dates

    counts: Counter[dt.date] = Counter()
    for document in documents:
        reference = dt.datetime.combine(document.published, dt.time(12))
        for line in document.text.split("\n"):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    found = search_dates(
                        line, languages=["en"], settings={"RELATIVE_BASE": reference}
                    ) or []  # fmt: skip
                except Exception:  # dateparser raises on some odd strings; a baseline shrugs
                    found = []
            counts.update({moment.date() for _, moment in found})
    return {day: (n,) for day, n in counts.items()}


def select(ranking: dict[dt.date, tuple], first: dt.date, last: dt.date, k: int) -> set[dt.date]:
    inside = [day for day in ranking if first <= day <= last]
    inside.sort(key=lambda day: (tuple(-w for w in ranking[day]), day))
    return set(inside[:k])


def date_f1(selected: set[dt.date], reference: list[dt.date]) -> tuple[float, float, float]:
    gold = set(reference)
    hits = len(selected & gold)
    precision = hits / len(selected) if selected else 0.0
    recall = hits / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--topics", help="comma-separated topics instead of a split")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsweave-t17-timelines"))
    parser.add_argument("--max-articles", type=int, help="only a topic's first N articles")
    args = parser.parse_args()
    if args.topics:
        topics = tuple(args.topics.split(","))
    elif args.split == "both":
        topics = SPLITS["dev"] + SPLITS["test"]
    else:
        topics = SPLITS[args.split]
    args.work.mkdir(parents=True, exist_ok=True)
    by_topic: dict[str, list] = defaultdict(list)
    for document in timeline17():
        by_topic[document.doc_id.rsplit("-", 1)[0]].append(document)
    print(json.dumps(stamp()))
    rows = []
    for topic in topics:
        documents = by_topic[topic][: args.max_articles]
        started = time.time()
        stories, cpu = analyze_topic(topic, documents, args.work)
        rankings = {
            "newsweave": newsweave_ranking(stories),
            "PubCount": publication_ranking(documents),
            "MentionCount": mention_ranking(documents),
        }
        for number, reference in enumerate(reference_timelines(topic)):
            scores = {
                name: date_f1(select(r, reference[0], reference[-1], len(reference)), reference)
                for name, r in rankings.items()
            }
            split = "dev" if topic in SPLITS["dev"] else "test"
            rows.append((split, topic, number, len(reference), scores))
            print(
                f"{topic} timeline {number}: {len(reference)} days; "
                + ", ".join(f"{n} F1 {s[2]:.3f}" for n, s in scores.items()),
                flush=True,
            )
        print(
            f"{topic}: {len(documents)} articles, {len(stories)} stories, "
            f"analyze {cpu:.0f} CPU s, {time.time() - started:.0f} s in all",
            flush=True,
        )
    print("\n| split | timelines | newsweave F1 (P / R) | PubCount F1 | MentionCount F1 |")
    print("|---|---:|---:|---:|---:|")
    for split in ("dev", "test"):
        chosen = [row for row in rows if row[0] == split]
        if not chosen:
            continue

        def mean(name: str, i: int, chosen: list = chosen) -> float:
            return sum(row[4][name][i] for row in chosen) / len(chosen)

        print(
            f"| {split} | {len(chosen)} | {mean('newsweave', 2):.3f} "
            f"({mean('newsweave', 0):.3f} / {mean('newsweave', 1):.3f}) "
            f"| {mean('PubCount', 2):.3f} | {mean('MentionCount', 2):.3f} |"
        )


if __name__ == "__main__":
    main()
