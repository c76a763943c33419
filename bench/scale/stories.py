"""CPU of the story stage (`build_story` and its report) per article, stage by stage, on stories
of the generated corpus (bench/scale/corpus.py): the cost that dominates `newsweave batch`.

The corpus is cleaned with its learned source profiles and grouped as `analyze` groups it; a
seeded sample of its stories (and, with --largest, its largest ones) is prepared, then each story
is built once with the models warm, under the BLAS limit the batch steps use. Prints CPU-ms per
article for each story stage and a digest of the reports, so two versions of the code can be
compared on the same stories (run it with each version's `src` on PYTHONPATH).

Usage: python bench/scale/stories.py [--n 10000] [--sample 30] [--largest 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from threadpoolctl import threadpool_limits

import newsweave.pipeline as pipeline
from newsweave.errors import Rejected
from newsweave.model import Article, Report, SourceProfile
from newsweave.render.json import report_to_dict
from newsweave.sources.read import read_file
from newsweave.stages.article.clean import boilerplate_by_source, clean_article
from newsweave.stages.grouping.stories import group_labels, grouping_features

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

CACHE = Path(
    os.environ.get("NEWSWEAVE_SCALE_CACHE", Path(tempfile.gettempdir()) / "newsweave-scale")
)


def group_corpus(corpus: Path) -> tuple[dict[str, SourceProfile], dict[int, list[Article]]]:
    """The corpus's source profiles and its stories (raw articles by story label), grouped as
    `analyze` groups them."""
    articles = [
        a for a in read_file(corpus, max_bytes=corpus.stat().st_size) if isinstance(a, Article)
    ]
    profiles = pipeline.learn_source_profiles(articles)
    boilerplate = boilerplate_by_source(profiles)
    kept, features = [], []
    for article in articles:
        try:
            cleaned = clean_article(article, boilerplate)
        except Rejected:
            continue
        kept.append(article)
        features.append(grouping_features(cleaned))
    groups: dict[int, list[Article]] = defaultdict(list)
    for article, label in zip(kept, group_labels(features), strict=True):
        groups[label].append(article)
    return profiles, groups


def pick_stories(corpus: Path, sample: int, largest: int, seed: int) -> list[list[Article]]:
    profiles, groups = group_corpus(corpus)
    sizes = sorted((len(g) for g in groups.values()), reverse=True)
    print(
        f"{sum(sizes)} articles, {len(profiles)} source profiles, {len(groups)} stories, "
        f"largest {sizes[:5]}"
    )
    chosen = random.Random(seed).sample(sorted(groups), sample)
    chosen += sorted(groups, key=lambda label: -len(groups[label]))[:largest]
    return [
        [a for a in pipeline.prepare_articles(groups[label], profiles) if isinstance(a, Article)]
        for label in chosen
    ]


def time_stories(stories: list[list[Article]]) -> tuple[Counter[str], float, str]:
    spent: Counter[str] = Counter()

    def timed(stage, name):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.process_time()
            try:
                return stage(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start

        run.__name__ = name
        return run

    pipeline.STORY_STAGES = tuple(timed(s, s.__name__) for s in pipeline.STORY_STAGES)
    pipeline.summarize_story = timed(pipeline.summarize_story, "summarize_story")
    pipeline.attribute_summary = timed(pipeline.attribute_summary, "attribute_summary")
    pipeline.build_story(stories[0])  # models loaded before the clock starts
    spent.clear()
    digest = hashlib.sha1()
    start = time.process_time()
    for articles in stories:
        story = pipeline.build_story(articles)
        report = report_to_dict(Report(stories=(story,)))
        digest.update(json.dumps(report, ensure_ascii=False, sort_keys=True).encode())
    return spent, time.process_time() - start, digest.hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="articles in the corpus")
    parser.add_argument("--sample", type=int, default=30, help="stories drawn at random")
    parser.add_argument("--largest", type=int, default=0, help="the largest stories, too")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    corpus = write_corpus(args.n, CACHE / f"corpus-{args.n}-13.jsonl", seed=13)
    stories = pick_stories(corpus, args.sample, args.largest, args.seed)
    with threadpool_limits(limits=1, user_api="blas"):  # as the batch's story step runs
        spent, total, digest = time_stories(stories)
    articles = sum(len(s) for s in stories)
    print(
        f"{len(stories)} stories, {articles} articles: {1000 * total / articles:.1f} "
        f"CPU-ms per article, reports digest {digest}"
    )
    for name, seconds in spent.most_common():
        print(f"  {name:18} {1000 * seconds / articles:6.1f} CPU-ms per article")


if __name__ == "__main__":
    main()
