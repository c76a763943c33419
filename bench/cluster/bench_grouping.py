"""Story grouping quality: what `newsweave analyze` groups, beside two baselines tuned alike.

For each corpus (see corpora.py: DUC 2004, Multi-News, ECB+, UCI) the articles are cleaned as
`analyze` cleans them (boilerplate learned over the input, then `clean_article`) and grouped with
`stages.grouping.stories.group_labels` — exactly the grouping `analyze` runs on its cleaned
articles (grouping reads only the cleaned text, title and date, not the later story stages).
`bench/cluster/duc_cli.py` runs DUC through the real `newsweave analyze` command.

Side by side, in the same run:
  newsweave        `group_labels` with its shipped parameters
  tfidf-average    scikit-learn TF-IDF + agglomerative clustering (cosine, average linkage),
                   distance tuned on the corpus's fit part over 0.40..0.99 (step 0.01)
  embed-hdbscan    newsweave's packaged MiniLM embeddings + sklearn HDBSCAN, min cluster size
                   tuned on the fit part
DUC also reports (a): each cluster grouped alone, the share kept whole as one story.
`--grid` prints newsweave's BCubed F1 on each fit part over a coarse grid of its two thresholds.

Multi-News: `multinews-fit` (clusters 1000-1299) is a fit set; `multinews` (clusters 0-299) is
held out. Run as `--only multinews-fit,multinews`, the held-out corpus's TF-IDF baseline uses the
distance chosen on the fit set (`tfidf-average-fit-tuned`); the one tuned on the held-out
clusters themselves is printed as `tfidf-average-tuned-on-itself` (not a fair baseline).

Usage: python bench/cluster/bench_grouping.py [--only duc2004,ecbplus,multinews-fit,multinews,uci]
       [--grid] [--labels OUT.json] [--fit-only]

`--fit-only` prints and saves each corpus's fit part alone (DUC: its fit half mixed with all 50,
and each fit cluster alone), skipping held-out corpora: to choose without reading a held-out part.

`--labels` writes each corpus's newsweave labels beside its gold and parts, for
`paired_bootstrap.py` (two runs, e.g. main and a branch, compared cluster by cluster).
`multinews-300-599` (clusters 300-599) is a second held-out Multi-News range, read once.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from bench_quality import embeddings, hdbscan, tfidf_average, tfidf_average_cuts, tfidf_distances
from common import machine, scores
from corpora import LOADERS, Corpus, duc_clusters

from newsweave.errors import Rejected
from newsweave.model import Article
from newsweave.stages.article.clean import clean_article, learn_source_boilerplate
from newsweave.stages.grouping.stories import (
    candidate_pairs,
    count_terms,
    group_labels,
    grouping_features,
    link_components,
    score_pairs,
    vector_matrix,
    vectorize,
)

TFIDF_GRID = [round(t, 2) for t in np.arange(0.40, 0.991, 0.01)]
HDBSCAN_GRID = [2, 3, 4, 5, 6, 8, 10, 12, 16]
LINK_GRID = [0.3, 0.5, 0.7, 0.9]
CENTROID_GRID = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]


def cleaned(articles: Sequence[Article]) -> list[Article]:
    """The articles as `analyze` cleans them; a rejected one keeps its raw text (the grouping
    bench scripts that diagnose the linkage group it; `story_labels` leaves it out, as `analyze`
    does)."""
    return cleaned_and_rejected(articles)[0]


def cleaned_and_rejected(articles: Sequence[Article]) -> tuple[list[Article], list[bool]]:
    """`cleaned`, and which articles cleaning rejected (`analyze` records those and groups the
    others: a rejected article is in no story)."""
    boilerplate = learn_source_boilerplate(articles)
    out, rejected = [], []
    for article in articles:
        try:
            out.append(clean_article(article, boilerplate))
            rejected.append(False)
        except Rejected:
            out.append(article)
            rejected.append(True)
    return out, rejected


def story_labels(articles: Sequence[Article], rejected: Sequence[bool]) -> list[Any]:
    """A story label per article as `analyze` groups them: the articles cleaning kept, grouped
    by `group_labels`; each rejected one alone (it is in no story)."""
    kept = [a for a, out in zip(articles, rejected, strict=True) if not out]
    grouped = iter(group_labels([grouping_features(a) for a in kept]))
    return [f"rejected-{i}" if out else next(grouped) for i, out in enumerate(rejected)]


def texts_of(articles: Sequence[Article]) -> list[str]:
    return [
        f"{a.title}\n{a.text or a.raw_text}" if a.title else a.text or a.raw_text for a in articles
    ]


def shown_parts(corpus: Corpus, fit_only: bool) -> dict[str, Sequence[int]]:
    """The parts reported: every part and "all", or (`fit_only`) the fit part alone."""
    if fit_only:
        return {corpus.fit: corpus.parts[corpus.fit]}
    return {**corpus.parts, "all": range(len(corpus.gold))}


def report(
    name: str, corpus: Corpus, labels: Sequence[Any], fit_only: bool = False, **extra: Any
) -> dict[str, Any]:
    row: dict[str, Any] = {"corpus": corpus.name, "system": name, **extra}
    for part, indices in shown_parts(corpus, fit_only).items():
        row[part] = scores([corpus.gold[i] for i in indices], [labels[i] for i in indices])
    print(json.dumps(row), flush=True)
    return row


def best_on(corpus: Corpus, candidates: dict[Any, Sequence[Any]]) -> Any:
    subset = corpus.parts.get(corpus.fit) or range(len(corpus.gold))
    gold = [corpus.gold[i] for i in subset]
    return max(
        candidates,
        key=lambda value: scores(gold, [candidates[value][i] for i in subset])["bcubed_f1"],
    )


def run_corpus(
    corpus: Corpus,
    grid: bool,
    distance: float | None = None,
    saved: dict[str, Any] | None = None,
    fit_only: bool = False,
) -> float:
    """Report newsweave and the baselines on one corpus; the TF-IDF distance chosen on its fit
    part (or `distance`, chosen on another corpus, when it has none) is returned. With
    `fit_only`, only the fit part's figures are printed and saved (the grouping still runs over
    the whole corpus, as without it)."""
    articles, rejected = cleaned_and_rejected(corpus.articles)
    started = time.perf_counter()
    labels = story_labels(articles, rejected)
    report(
        "newsweave",
        corpus,
        labels,
        fit_only,
        seconds=round(time.perf_counter() - started, 2),
        rejected=sum(rejected),
    )
    if saved is not None and fit_only:
        # Only the fit part's articles: a comparison of two such files reads nothing else.
        fit = corpus.parts[corpus.fit]
        saved[corpus.name] = {
            "gold": [corpus.gold[i] for i in fit],
            "parts": {corpus.fit: list(range(len(fit)))},
            "newsweave": [str(labels[i]) for i in fit],
        }
    elif saved is not None:
        saved[corpus.name] = {
            "gold": corpus.gold,
            "parts": corpus.parts,
            "newsweave": [str(label) for label in labels],
        }
    if sum(rejected):
        # Before 2026-12-07 (session 19) a rejected article was grouped on its raw text.
        grouped_raw = group_labels([grouping_features(a) for a in articles])
        report("newsweave-rejected-grouped-raw", corpus, grouped_raw, fit_only)
    if grid:
        run_grid(corpus, articles)
    # The baselines read what newsweave groups: a rejected article's text is empty (alone).
    texts = [
        "" if out else text for text, out in zip(texts_of(articles), rejected, strict=True)
    ]

    started = time.perf_counter()
    distances = tfidf_distances(texts)
    if distance is not None and not corpus.fit:
        # A held-out corpus gets the distance its fit corpus chose (the fair baseline); the one
        # chosen on itself is printed beside it, labelled so.
        report(
            "tfidf-average-fit-tuned",
            corpus,
            tfidf_average(distances, distance),
            fit_only,
            distance=distance,
        )
    threshold = best_on(corpus, tfidf_average_cuts(distances, TFIDF_GRID))
    report(
        "tfidf-average" if corpus.fit else "tfidf-average-tuned-on-itself",
        corpus,
        tfidf_average(distances, threshold),
        fit_only,
        distance=threshold,
        seconds=round(time.perf_counter() - started, 1),
    )
    if sum(rejected):
        raw = tfidf_distances(texts_of(articles))
        report(
            "tfidf-average-rejected-grouped-raw",
            corpus,
            tfidf_average(raw, distance if distance is not None and not corpus.fit else threshold),
            fit_only,
        )
    started = time.perf_counter()
    vectors, kind = embeddings(texts)
    from sklearn.metrics.pairwise import euclidean_distances

    embedded = euclidean_distances(vectors.astype(np.float64))
    np.fill_diagonal(embedded, 0.0)
    size = best_on(corpus, {m: hdbscan(embedded, m) for m in HDBSCAN_GRID})
    report(
        f"{kind}-hdbscan",
        corpus,
        hdbscan(embedded, size),
        fit_only,
        min_cluster_size=size,
        seconds=round(time.perf_counter() - started, 1),
    )
    if corpus.name == "duc2004":
        run_duc_single(threshold, size, fit_only)
    return threshold


def run_grid(corpus: Corpus, articles: Sequence[Article]) -> None:
    features = [grouping_features(a) for a in articles]
    stats = count_terms(features)
    vectors = [vectorize(f, stats) for f in features]
    pairs = candidate_pairs(vectors)
    pair_scores = score_pairs(vector_matrix(vectors), pairs)
    subset = corpus.parts.get(corpus.fit) or range(len(articles))
    gold = [corpus.gold[i] for i in subset]
    for link in LINK_GRID:
        row = {}
        for centroid in CENTROID_GRID:
            labels = link_components(
                vectors, pairs, pair_scores, link_threshold=link, centroid_threshold=centroid
            )
            row[centroid] = scores(gold, [labels[i] for i in subset])["bcubed_f1"]
        print(
            json.dumps(
                {
                    "corpus": corpus.name,
                    "grid_fit_part": corpus.fit,
                    "link": link,
                    "bcubed_f1_by_centroid": row,
                }
            ),
            flush=True,
        )


def run_duc_single(tfidf_threshold: float, hdbscan_size: int, fit_only: bool = False) -> None:
    """(a) Each DUC cluster grouped alone: the share kept whole as one story, by part (the fit
    half alone with `fit_only`)."""
    clusters = duc_clusters()
    half = len(clusters) // 2
    if fit_only:
        clusters = clusters[:half]
    whole: dict[str, dict[str, list[bool]]] = {}
    for number, (_, members) in enumerate(clusters):
        articles, rejected = cleaned_and_rejected(members)
        part = "fit" if number < half else "held_out"
        texts = texts_of(articles)
        results = {
            "newsweave": len(set(story_labels(articles, rejected))) == 1,
            "tfidf-average": len(set(tfidf_average(tfidf_distances(texts), tfidf_threshold))) == 1,
        }
        vectors, kind = embeddings(texts)
        from sklearn.metrics.pairwise import euclidean_distances

        results[f"{kind}-hdbscan"] = (
            len(set(hdbscan(euclidean_distances(vectors.astype(np.float64)), hdbscan_size))) == 1
        )
        for system, kept in results.items():
            whole.setdefault(system, {}).setdefault(part, []).append(kept)
    for system, parts in whole.items():
        print(
            json.dumps(
                {
                    "corpus": "duc2004-single",
                    "system": system,
                    **{
                        f"{part}_kept_whole": f"{sum(kept)}/{len(kept)}"
                        for part, kept in parts.items()
                    },
                }
            ),
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default=",".join(LOADERS))
    parser.add_argument("--grid", action="store_true")
    parser.add_argument(
        "--labels", help="write newsweave's labels (and gold) per corpus to this JSON file"
    )
    parser.add_argument(
        "--fit-only",
        action="store_true",
        help="print and save the fit parts alone (to choose without reading a held-out part)",
    )
    args = parser.parse_args()
    print(json.dumps({"benchmark": "story_grouping", **machine()}), flush=True)
    chosen: dict[str, float] = {}
    saved: dict[str, list[Any]] = {}
    for name in args.only.split(","):
        # A held-out corpus takes the distance chosen on its fit corpus: multinews-fit for
        # every held-out Multi-News range (multinews, multinews-300-599).
        fit_corpus = "multinews-fit" if name.startswith("multinews") else f"{name}-fit"
        corpus = LOADERS[name]()
        if args.fit_only and not corpus.fit:
            print(json.dumps({"corpus": corpus.name, "skipped": "held out (--fit-only)"}))
            continue
        chosen[name] = run_corpus(corpus, args.grid, chosen.get(fit_corpus), saved, args.fit_only)
    if args.labels:
        Path(args.labels).write_text(json.dumps(saved))


if __name__ == "__main__":
    main()
