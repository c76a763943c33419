"""Dates benchmark: normalization of labelled expressions, and publication dates read from text.

    .venv/bin/python bench/dates/run.py [--split test|dev|both] [--published-sample N]

1. Normalization: each labelled expression's sentence goes through newsweave's annotate and date
   stages with its article's publication date; the expression counts as right when a dated
   mention overlapping it has the labelled value at the labelled precision. Beside it, dateparser's
   `search_dates` alone on the same sentence with the same reference date (RELATIVE_BASE), scored
   generously: its date is compared at the labelled precision (it does not give one).
2. Publication dates: articles read with their date withheld (clean, annotate, date stages, the
   article alone); right when the inferred day is the real one. Reported over the articles that
   state their date (ECB+: labelled by hand; T17 and DUC: the real date written out in full in
   the text, found by `states_date`), and over all articles (how often a wrong date is given).
   dev: the 150 T17 and 150 DUC articles (seed 16) and 80 ECB+ articles looked at while tuning;
   test: N other T17 and DUC articles of the test half (seed 17), 45 other ECB+ articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_labels import split_of
from corpora import HERE, duc2004, ecbplus, timeline17

sys.path.insert(0, str(HERE.parent))
from _shared import stamp

from newsweave.errors import Rejected
from newsweave.model import Article, DateOrigin, FuzzyDate, Precision, Story
from newsweave.stages.article.annotate import annotate_articles
from newsweave.stages.article.clean import clean_article
from newsweave.stages.dates import add_timeline, date_articles

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--published-sample", type=int, default=300, metavar="N",
                        help="T17 and DUC test articles each (seeded sample)")  # fmt: skip
    parser.add_argument("--through-analyze", action="store_true",
                        help="also date them as `newsweave analyze` does")  # fmt: skip
    parser.add_argument("--only-through-analyze", action="store_true",
                        help="publication dates only, as `newsweave analyze` gives")  # fmt: skip
    args = parser.parse_args()
    print(json.dumps(stamp()))
    records = [json.loads(line) for line in (HERE / "expressions.jsonl").open(encoding="utf-8")]
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    if args.only_through_analyze:
        for split in splits:
            _publication_dates(args.published_sample, split, through_analyze=True)
        return
    print("\n## Normalization (labelled expressions, value at the labelled precision)")
    print("| split | n | newsweave | dateparser search_dates | search_dates, prefer past |")
    print("|---|---:|---:|---:|---:|")
    for split in splits:
        chosen = [record for record in records if record["split"] == split]
        ours = _score(chosen, _newsweave_values(chosen))
        base = _score(chosen, [_dateparser_value(r, {}) for r in chosen])
        past = _score(chosen, [_dateparser_value(r, {"PREFER_DATES_FROM": "past"}) for r in chosen])
        print(f"| {split} | {len(chosen)} | {ours:.3f} | {base:.3f} | {past:.3f} |")
    for split in splits:
        _publication_dates(args.published_sample, split)
        if args.through_analyze:
            _publication_dates(args.published_sample, split, through_analyze=True)


# --- normalization -----------------------------------------------------------------------------


def _newsweave_values(records: list[dict]) -> list[str | None]:
    articles = [
        Article(
            id=f"e{number}",
            source="bench",
            raw_text=record["sentence"],
            text=record["sentence"],
            published=dt.datetime.fromisoformat(record["reference"]),
            date_origin=DateOrigin.METADATA,
        )
        for number, record in enumerate(records)
    ]
    annotated = annotate_articles(articles)
    values = []
    for record, article in zip(records, annotated, strict=True):
        story = add_timeline(Story(id="s", title="", articles=(article,)))
        overlapping = [
            m for m in story.dated_mentions
            if m.expression.start < record["end"] and record["start"] < m.expression.end
        ]  # fmt: skip
        best = max(overlapping, key=lambda m: _overlap(m.expression, record), default=None)
        values.append(best.date.iso() if best else None)
    return values


def _overlap(span, record) -> int:
    return min(span.end, record["end"]) - max(span.start, record["start"])


def _dateparser_value(record: dict, settings: dict) -> str | None:
    from dateparser.search import search_dates

    reference = dt.datetime.fromisoformat(record["reference"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(
            record["sentence"], languages=["en"],
            settings={"RELATIVE_BASE": reference, **settings},
        ) or []  # fmt: skip
    cursor = 0
    best, best_overlap = None, 0
    for text, moment in found:
        start = record["sentence"].find(text, cursor)
        if start < 0:
            continue
        cursor = start + len(text)
        overlap = min(cursor, record["end"]) - max(start, record["start"])
        if overlap > best_overlap:
            best, best_overlap = moment.date(), overlap
    return None if best is None else _at_precision_of(best, record["value"])


def _at_precision_of(day: dt.date, gold: str) -> str:
    """A day written at the labelled value's precision (dateparser gives days only)."""
    if "-W" in gold:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    precision = {4: Precision.YEAR, 7: Precision.MONTH}.get(len(gold), Precision.DAY)
    value = {Precision.YEAR: day.replace(month=1, day=1), Precision.MONTH: day.replace(day=1)}
    return FuzzyDate(value.get(precision, day), precision).iso()


def _score(records: list[dict], values: list[str | None]) -> float:
    right = sum(value == record["value"] for value, record in zip(values, records, strict=True))
    return right / len(records) if records else 0.0


# --- publication dates -------------------------------------------------------------------------


TUNING_SAMPLE = 150  # T17 and DUC articles each, drawn with seed 16: looked at while tuning


def _publication_dates(sample: int, split: str, through_analyze: bool = False) -> None:
    rng = random.Random(16)
    t17, duc = list(timeline17()), list(duc2004())
    tuning = {"t17": rng.sample(t17, TUNING_SAMPLE), "duc": rng.sample(duc, TUNING_SAMPLE)}
    if split == "dev":
        corpora = dict(tuning)
    else:  # articles of the test half never looked at while tuning
        seen = {doc.doc_id for docs in tuning.values() for doc in docs}
        held_out = random.Random(17)
        corpora = {
            name: held_out.sample(rest, min(sample, len(rest)))
            for name, docs in (("t17", t17), ("duc", duc))
            if (rest := [d for d in docs if d.doc_id not in seen and split_of(d.doc_id) == "test"])
        }
    suffix = "" if split == "dev" else "_test"
    hand = _ecbplus_labels(f"ecbplus_published{suffix}.jsonl")
    corpora["ecb+"] = [doc for doc in ecbplus(dated_only=False) if doc.doc_id in hand]
    how = (
        "newsweave.analyze on each corpus's articles together"
        if through_analyze
        else ("the clean, annotate and date stages on each article alone")
    )
    print(f"\n## Publication dates read from the text, real date withheld ({split}; {how})")
    print("| corpus | articles | state their date | right among those | dated at all | "
          "right among dated | wrong |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|")
    origins: Counter[str] = Counter()
    for corpus, documents in corpora.items():
        truth = hand if corpus == "ecb+" else {d.doc_id: d.published for d in documents}
        started = time.perf_counter()
        infer = _infer_through_analyze if through_analyze else _infer
        inferred = infer(documents)
        states = {d.doc_id for d in documents if truth[d.doc_id] is not None and (
            corpus == "ecb+" or states_date(d.text, truth[d.doc_id]))}  # fmt: skip
        dated = {doc_id for doc_id, (day, _) in inferred.items() if day is not None}
        right = {doc_id for doc_id in dated if inferred[doc_id][0] == truth[doc_id]}
        origins.update(origin for day, origin in inferred.values() if day is not None)
        right_stated = len(right & states) / len(states) if states else 0.0
        right_dated = len(right) / len(dated) if dated else 0.0
        print(f"| {corpus} | {len(documents)} | {len(states)} | {right_stated:.3f} | "
              f"{len(dated)} | {right_dated:.3f} | {len(dated - right)} |"
              f"  <!-- {time.perf_counter() - started:.0f} s -->")  # fmt: skip
    print(f"\norigins of the inferred dates: {dict(origins)}")


def _ecbplus_labels(name: str) -> dict[str, dt.date | None]:
    labels = {}
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        published = record["published"]
        labels[record["doc_id"]] = dt.date.fromisoformat(published) if published else None
    return labels


def _infer_through_analyze(documents) -> dict[str, tuple[dt.date | None, str]]:
    from newsweave.pipeline import analyze

    report = analyze([{"id": d.doc_id, "source": d.corpus, "text": d.text} for d in documents])
    inferred = {doc.doc_id: (None, "") for doc in documents}
    for story in report.stories:
        for article in story.articles:
            day = article.published.date() if article.published else None
            inferred[article.id] = (day, article.date_origin.value)
    return inferred


def _infer(documents) -> dict[str, tuple[dt.date | None, str]]:
    cleaned = []
    for doc in documents:
        article = Article(id=doc.doc_id, source=doc.corpus, raw_text=doc.text)
        try:
            cleaned.append(clean_article(article))
        except Rejected:
            continue
    inferred = {doc.doc_id: (None, "") for doc in documents}
    for article in annotate_articles(cleaned):
        [dated] = date_articles(Story(id="s", title="", articles=(article,))).articles
        day = dated.published.date() if dated.published else None
        inferred[article.id] = (day, dated.date_origin.value)
    return inferred


def states_date(text: str, day: dt.date) -> bool:
    """Whether `text` writes out `day` in full: with its year, or with its weekday."""
    month = MONTHS[day.month - 1]
    september = r"|sept?\.?" if day.month == 9 else ""
    month_pattern = rf"(?:{month}|{month[:3]}\.?{september})"
    weekday = day.strftime("%A")
    number = rf"0?{day.day}(?:st|nd|rd|th)?"
    year = str(day.year)
    patterns = (
        rf"\b{month_pattern}\s+{number},?\s+{year}\b",
        rf"\b{number}\s+(?:of\s+)?{month_pattern},?\s+{year}\b",
        rf"\b{weekday[:3]}[a-z]*\.?,?\s+{month_pattern}\s+{number}\b",
        rf"\b{weekday[:3]}[a-z]*\.?,?\s+{number}\s+{month_pattern}\b",
        rf"\b{year}\s*-\s*{day.month:02d}\s*-\s*{day.day:02d}\b",
        rf"\b0?{day.month}\s*/\s*0?{day.day}\s*/\s*{year}\b",
        rf"\b0?{day.day}\s*/\s*0?{day.month}\s*/\s*{year}\b",
    )
    return any(re.search(pattern, text, re.IGNORECASE) for pattern in patterns)


if __name__ == "__main__":
    main()
