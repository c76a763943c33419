"""Build a store of ~100,000 articles for the web load test, from real texts with seeded variation.

Usage: python bench/web/make_store.py OUT.db [--articles 100000] [--templates 36] [--seed 7]

1. Templates: real clusters of ../shared/data (Multi-News test clusters of 3+ articles and DUC
   2004 clusters of 10), each analysed once by the real pipeline (`analyze(..., one_story=True)`),
   giving a real report (claims, conflicts, copies, entities, timeline) per cluster. Cached
   beside OUT.db (OUT.templates.json) so a rebuild skips the analysis.
2. Stories: templates are replayed in a seeded random order until the store holds `--articles`
   articles. Each replay gets new article ids, outlets drawn from a pool of 400 invented names
   (consistently renamed through the whole report), dates spread over two years, and is written
   through the Store API (articles, story membership, the report as the story's current
   analysis, which also fills the browse index) in batches of 500 stories per transaction.
   Texts are the templates' real texts, so replays of one template share their words.
3. Story pages: `update_analyses` lays out each story's web page from its stored report, as
   `newsweave update` does for analyses saved without one (no analysis is run again).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import shared_data

_ADJECTIVES = (
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Daily",
    "Evening",
    "Morning",
    "Weekly",
    "Coastal",
    "Valley",
    "City",
    "National",
    "Free",
    "Royal",
    "Union",
    "Central",
    "Harbour",
    "Highland",
    "Lakeside",
    "River",
)
_PLACEHOLDER = re.compile(r"⟦([AO])(\d+)⟧")
_NOUNS = (
    "Courier",
    "Herald",
    "Ledger",
    "Post",
    "Gazette",
    "Times",
    "Tribune",
    "Chronicle",
    "Observer",
    "Mirror",
    "Star",
    "Wire",
    "Dispatch",
    "Review",
    "Express",
    "Journal",
    "Record",
    "Sentinel",
    "Bulletin",
    "Monitor",
)


def outlet_pool(rng: random.Random, size: int = 400) -> list[str]:
    names = [f"The {a} {n}" for a in _ADJECTIVES for n in _NOUNS]
    rng.shuffle(names)
    return names[:size]


def template_clusters(count: int) -> list[list[dict[str, Any]]]:
    """Real clusters: mostly Multi-News clusters of 3+ articles, a few 10-article DUC clusters."""
    clusters: list[list[dict[str, Any]]] = []
    big = max(1, count // 6)
    with shared_data("mds/duc2004/test.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            clusters.append(json.loads(line)["documents"])
            if len(clusters) == big:
                break
    with shared_data("mds/multinews/test.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            documents = json.loads(line)["documents"]
            if len(documents) >= 3 and all(len(d["text"]) > 400 for d in documents):
                clusters.append(documents)
            if len(clusters) == count:
                break
    return clusters


def analyse_templates(count: int, cache: Path) -> list[str]:
    """Each template's report as JSON text, with ⟦A3⟧ / ⟦O3⟧ placeholders for ids and outlets."""
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    from newsweave import analyze, report_to_dict

    templates = []
    for number, documents in enumerate(template_clusters(count)):
        started = time.perf_counter()
        articles = [
            {
                "id": f"⟦A{i}⟧",
                "source": f"⟦O{i}⟧",
                "title": document.get("title") or None,
                "text": document["text"],
            }
            for i, document in enumerate(documents)
        ]
        report = report_to_dict(analyze(articles, one_story=True))
        templates.append(json.dumps(report, ensure_ascii=False))
        print(
            f"template {number}: {len(articles)} articles, {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    cache.write_text(json.dumps(templates), encoding="utf-8")
    return templates


def replay(
    template: str, number: int, rng: random.Random, outlets: list[str], start: dt.datetime
) -> dict[str, Any]:
    """One new story from a template: fresh ids, outlets and dates, the same texts."""
    # The analysis may have set an article aside: rename the placeholders the report holds.
    held = sorted(set(_PLACEHOLDER.findall(template)))
    chosen = iter(rng.sample(outlets, len(held)))
    for kind, i in held:
        template = template.replace(
            f"⟦{kind}{i}⟧", f"g{number}-{i}" if kind == "A" else next(chosen)
        )
    data = json.loads(template)
    story = data["stories"][0]
    for i, article in enumerate(story["articles"]):
        article["published"] = (start + dt.timedelta(minutes=40 * i)).isoformat()
        article["date_origin"] = "metadata"
    return data


def build(out: Path, articles_wanted: int, templates: list[str], seed: int) -> tuple[int, int]:
    from newsweave.model import Article
    from newsweave.service import update_analyses
    from newsweave.store.sqlite import Store

    rng = random.Random(seed)
    outlets = outlet_pool(rng)
    origin = dt.datetime(2025, 1, 1)
    stored_articles = stories = 0
    batch = 500
    with Store(out) as store:
        while stored_articles < articles_wanted:
            with store.transaction():
                for _ in range(batch):
                    if stored_articles >= articles_wanted:
                        break
                    start = origin + dt.timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60))
                    report = replay(rng.choice(templates), stories, rng, outlets, start)
                    story_id = store.new_story()
                    for article in report["stories"][0]["articles"]:
                        item = Article(
                            id=article["id"],
                            source=article["source"],
                            raw_text=article["text"],
                            text=article["text"],
                            title=article["title"],
                            published=dt.datetime.fromisoformat(article["published"]),
                        )
                        digest = hashlib.sha256(item.id.encode()).hexdigest()
                        key, _ = store.add_article(
                            item, content_hash=digest, terms={}, near_duplicate_of=None
                        )
                        store.assign(key, story_id, 1.0)
                        stored_articles += 1
                    store.refresh_stories([story_id])
                    report["stories"][0]["id"] = story_id
                    store.save_analysis(story_id, store.story(story_id).version, report)
                    stories += 1
            print(f"{stored_articles} articles, {stories} stories", file=sys.stderr)
        print("laying out the story pages", file=sys.stderr)
        update_analyses(store)
    return stored_articles, stories


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--templates", type=int, default=36)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.out.exists():
        sys.exit(f"{args.out} exists: remove it first (the store is built from scratch)")
    templates = analyse_templates(args.templates, args.out.with_suffix(".templates.json"))
    started = time.perf_counter()
    articles, stories = build(args.out, args.articles, templates, args.seed)
    size = args.out.stat().st_size / 2**20
    print(
        json.dumps(
            {
                "articles": articles,
                "stories": stories,
                "templates": len(templates),
                "build_s": round(time.perf_counter() - started, 1),
                "size_mb": round(size),
            }
        )
    )


if __name__ == "__main__":
    main()
