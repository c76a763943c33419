"""Weekdays of an article that borrows its story's date: resolved to the right days?

    NEWSWEAVE_SHARED_DATA=../shared/data python bench/dates/borrowed_weekdays.py --part fit|held_out

An article whose text gives no publication date borrows its story's (the median date of the
dated articles), and its weekdays ("early Sunday", "on Saturday") are resolved against that.
Here each story is one Timeline17 topic's articles of two consecutive days (at most `--cap` a
day, a seeded sample); a seeded half of them have their publication dates withheld, the rest
keep them, as a feed or a stamp would give them. The story runs through newsweave's own
preparation and `date_articles`; for every withheld article, each expression naming a weekday
alone ("Sunday", "late Saturday"; not "last Sunday" nor one with a month or a number) is
resolved against the date the article was given and against its true date. Printed: the share
resolved to the true day's reading, and the share of withheld articles given their true day,
over all windows and for the withheld articles of the later and the earlier day apart.
Topics egypt, finan, h1n1 and haiti are the fit part; iraq, libya, mj and syria are held out.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import T17_TOPICS, detokenize, shared_data

from newsweave.model import Article, Story
from newsweave.pipeline import prepare_articles
from newsweave.stages.dates import date_articles, find_date_expressions
from newsweave.stages.dates._rules import resolve_expression
from newsweave.vocabulary import WEEKDAYS

# The stage's `_WEEKDAY_ALONE`, copied: the bench also runs against code from before the rule.
_WEEKDAY_ALONE = re.compile(
    r"(?:(?:early|late|on|this|by|until|since)\s+)*(?P<day>"
    + "|".join(WEEKDAYS)
    + r")(?:\s+(?:morning|afternoon|evening|night))?",
    re.IGNORECASE,
)


PARTS = {"fit": T17_TOPICS[:4], "held_out": T17_TOPICS[4:]}


def _windows(topics: tuple[str, ...], cap: int, seed: int) -> list[list[tuple[str, dt.date, str]]]:
    """Each topic's pairs of consecutive days that both have articles: (id, day, text) lists."""
    csv.field_size_limit(10**9)
    rng = random.Random(seed)
    windows = []
    for topic in topics:
        by_day: dict[dt.date, list[str]] = defaultdict(list)
        path = shared_data(f"tls/t17_derived/articles/{topic}.csv.gz")
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                by_day[dt.date.fromisoformat(row["date"])].append(detokenize(row["text"]))
        for day in sorted(by_day):
            after = day + dt.timedelta(days=1)
            if after not in by_day:
                continue
            window = []
            for when in (day, after):
                texts = by_day[when]
                for number, text in enumerate(rng.sample(texts, min(cap, len(texts)))):
                    window.append((f"{topic}-{when.isoformat()}-{number}", when, text))
            windows.append(window)
    return windows


def _weekday_readings(article: Article, base: dt.date) -> list[dt.date | None]:
    readings = []
    for expression, sentence in find_date_expressions(article):
        written = article.quote(expression).strip()
        if not _WEEKDAY_ALONE.fullmatch(written):
            continue
        resolved = resolve_expression(written, base, article.quote(sentence))
        readings.append(resolved.date.value if resolved is not None else None)
    return readings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=sorted(PARTS), required=True)
    parser.add_argument("--windows", type=int, default=120, help="seeded sample of windows")
    parser.add_argument("--cap", type=int, default=4, help="articles a day at most")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    windows = _windows(PARTS[args.part], args.cap, args.seed)
    windows = rng.sample(windows, min(args.windows, len(windows)))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # right, readings, days, n
    for window in windows:
        withheld = {key for key, _, _ in window if rng.random() < 0.5}
        if len(withheld) in (0, len(window)):
            continue
        truth = {key: day for key, day, _ in window}
        later = max(truth.values())
        articles = [
            Article(
                id=key,
                source=key,
                raw_text=text,
                published=None if key in withheld else dt.datetime.combine(day, dt.time(12)),
            )
            for key, day, text in window
        ]
        prepared = [a for a in prepare_articles(articles, {}) if isinstance(a, Article)]
        story = date_articles(Story(id="s", title="t", articles=tuple(prepared)))
        for article in story.articles:
            if article.id not in withheld or article.published is None:
                continue
            given, true_day = article.published.date(), truth[article.id]
            read = _weekday_readings(article, given)
            right = _weekday_readings(article, true_day)
            matched = sum(a == b for a, b in zip(read, right, strict=True))
            for part in ("all", "later day" if true_day == later else "earlier day"):
                tally = counts[part]
                tally[0] += matched
                tally[1] += len(read)
                tally[2] += given == true_day
                tally[3] += 1
    for part, (right, readings, days, articles) in sorted(counts.items()):
        print(
            json.dumps(
                {
                    "part": part,
                    "withheld_articles": articles,
                    "given_their_day": round(days / max(1, articles), 3),
                    "weekdays": readings,
                    "weekdays_read_right": round(right / max(1, readings), 3),
                }
            )
        )


if __name__ == "__main__":
    main()
