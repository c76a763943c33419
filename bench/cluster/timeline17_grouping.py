"""One topic's coverage of two days, given as plain text without dates: kept as one story?

Timeline17 (../shared/data/tls/t17_derived) holds each topic's articles with their publication
dates. For each of its 8 topics two windows of two consecutive days are taken: the busiest
window (`fit`) and the busiest one starting at least a week from it (`held_out`), at most
`--cap` articles each (a seeded sample). The articles are read as `newsweave analyze` reads a
folder of `.txt` files (`article_from_text`: no metadata, so no dates), cleaned, and grouped
as `analyze` groups them. Reported by part, for newsweave and TF-IDF + average linkage (its
distance chosen on the fit windows mixed):

- each window alone: the share kept whole as one story, and the mean share of the window's
  articles in its biggest story;
- all windows of a part mixed in one input (gold: the topic): BCubed P / R / F1.

A window of a long-running topic (a war, a financial crisis) may hold two stories by the issue's
definition; the figures are a floor, read beside the baseline.

With `--dated` each article has its publication day, as a feed gives it (the `.txt` front
matter's `published:`), instead of none. `--labels OUT.json` writes newsweave's labels of each
part mixed, for `paired_bootstrap.py` (gold clusters: the topics).

Usage: NEWSWEAVE_DATA=../shared/data python bench/cluster/timeline17_grouping.py [--dated]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import json
import random
from dataclasses import replace
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_grouping import TFIDF_GRID, cleaned, texts_of
from bench_quality import tfidf_average, tfidf_average_cuts, tfidf_distances
from common import DATA, machine, require, scores

from newsweave.model import Article, DateOrigin
from newsweave.sources.read import article_from_text
from newsweave.stages.grouping.stories import group_labels, grouping_features

ARTICLES = DATA / "tls" / "t17_derived" / "articles"
WINDOW_DAYS = 2
APART_DAYS = 7


def windows(
    cap: int, seed: int, *, dated: bool = False
) -> dict[str, list[tuple[str, list[Article]]]]:
    """{part: [(topic, articles of its window)]} for every topic file."""
    csv.field_size_limit(1 << 30)
    parts: dict[str, list[tuple[str, list[Article]]]] = defaultdict(list)
    for path in sorted(require(ARTICLES).glob("*.csv.gz")):
        topic = path.name.split(".")[0]
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if r["text"].strip()]
        by_day: dict[dt.date, list[str]] = defaultdict(list)
        for row in rows:
            by_day[dt.date.fromisoformat(row["date"][:10])].append(row["text"])
        day_of = {text: day for day, texts in by_day.items() for text in texts}
        counts = {
            day: sum(len(by_day.get(day + dt.timedelta(days=k), [])) for k in range(WINDOW_DAYS))
            for day in by_day
        }
        ranked = sorted(counts, key=lambda day: (-counts[day], day))
        fit = ranked[0]
        held = next((d for d in ranked if abs((d - fit).days) >= APART_DAYS), None)
        for part, start in (("fit", fit), ("held_out", held)):
            if start is None:
                continue
            texts = [
                text
                for k in range(WINDOW_DAYS)
                for text in by_day.get(start + dt.timedelta(days=k), [])
            ]
            random.Random(f"{seed}-{topic}-{part}").shuffle(texts)
            articles = [
                article_from_text(
                    text, article_id=f"{topic}-{part}-{i}", source=f"{topic}-{part}-{i}.txt"
                )
                for i, text in enumerate(texts[:cap])
            ]
            if dated:  # as a feed gives them: the publication day, at noon
                articles = [
                    replace(
                        a,
                        published=dt.datetime.combine(day_of[text], dt.time(12)),
                        date_origin=DateOrigin.METADATA,
                    )
                    for a, text in zip(articles, texts[:cap], strict=False)
                ]
            parts[part].append((f"{topic}@{start}", articles))
    return dict(parts)


def labels_of(system: str, articles: list[Article], distance: float) -> list:  # type: ignore[type-arg]
    if system == "newsweave":
        return group_labels([grouping_features(a) for a in articles])
    return list(tfidf_average(tfidf_distances(texts_of(articles)), distance))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cap", type=int, default=15)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--parts", default="fit,held_out")
    parser.add_argument(
        "--dated", action="store_true", help="give each article its publication day, as a feed does"
    )
    parser.add_argument(
        "--labels", help="write newsweave's labels of each part mixed (and gold) to this JSON file"
    )
    args = parser.parse_args()
    print(json.dumps({"benchmark": "timeline17_grouping", **machine(), **vars(args)}), flush=True)
    parts = windows(args.cap, args.seed, dated=args.dated)
    cleaned_parts = {
        part: [(topic, cleaned(articles)) for topic, articles in found]
        for part, found in parts.items()
    }
    # The baseline's distance: the best BCubed F1 on the fit windows mixed.
    fit_articles = [a for _, articles in cleaned_parts["fit"] for a in articles]
    fit_gold = [topic for topic, articles in cleaned_parts["fit"] for _ in articles]
    cuts = tfidf_average_cuts(tfidf_distances(texts_of(fit_articles)), TFIDF_GRID)
    distance = max(cuts, key=lambda d: scores(fit_gold, list(cuts[d]))["bcubed_f1"])
    saved: dict[str, dict[str, object]] = {}
    for part in args.parts.split(","):
        found = cleaned_parts[part]
        for system in ("newsweave", "tfidf-average"):
            whole, shares, sizes = [], [], []
            for _, articles in found:
                labels = labels_of(system, articles, distance)
                biggest = Counter(labels).most_common(1)[0][1]
                whole.append(len(set(labels)) == 1)
                shares.append(biggest / len(labels))
                sizes.append(len(set(labels)))
            mixed = [a for _, articles in found for a in articles]
            gold = [topic for topic, articles in found for _ in articles]
            mixed_labels = labels_of(system, mixed, distance)
            if system == "newsweave":
                saved[f"timeline17-{part}"] = {
                    "gold": gold,
                    "parts": {part: list(range(len(gold)))},
                    "newsweave": [str(label) for label in mixed_labels],
                }
            row = {
                "part": part,
                "system": system,
                "windows": len(found),
                "articles": len(mixed),
                "kept_whole": f"{sum(whole)}/{len(whole)}",
                "mean_biggest_share": round(sum(shares) / len(shares), 3),
                "stories_per_window": sizes,
                "mixed": scores(gold, mixed_labels),
            }
            if system != "newsweave":
                row["distance"] = distance
            print(json.dumps(row), flush=True)
    if args.labels:
        Path(args.labels).write_text(json.dumps(saved))


if __name__ == "__main__":
    main()
