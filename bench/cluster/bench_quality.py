"""Story clustering quality on ECB+ (batch and streamed) and the UCI News Aggregator head (stream).

Side by side, in the same run:
  newsweave        `group_labels` (what `newsweave cluster` and `analyze` use) and the store's
                   stream path (`Ingestor`: clean, stream clustering, refine, SQLite)
  tfidf-average    scikit-learn TF-IDF + agglomerative clustering (cosine, average linkage)
  embed-hdbscan    sentence embeddings (newsweave.embed, MiniLM ONNX) + sklearn HDBSCAN; if the
                   embedding model is not installed, LSA (TF-IDF + TruncatedSVD, 256 dims) stands in
                   and the row says so
Baseline parameters are tuned on the ECB+ train topics (UCI: on the first half of the stream) and
newsweave's on the ECB+ train topics only; dev topics (and the UCI second half) are reported apart.

Usage: python bench/cluster/bench_quality.py [--only ecbplus|uci]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import ECB_DEV, ECB_TRAIN, UCI, load_ecbplus, machine, require, scores

from newsweave.model import Article
from newsweave.stages.grouping.stories import (
    article_day,
    extract_terms,
    features_from_terms,
    group_labels,
)
from newsweave.store.ingest import Ingestor, _content_hash
from newsweave.store.sqlite import Store

Labels = list[int]


def newsweave_batch(
    texts: Sequence[str], published: Sequence[dt.datetime | None] | None = None
) -> Labels:
    days = [article_day(p) for p in published] if published else [None] * len(texts)
    return group_labels(
        [
            features_from_terms(str(i), d, extract_terms(None, t))
            for i, (t, d) in enumerate(zip(texts, days, strict=True))
        ]
    )


def newsweave_stream(articles: Sequence[Article], *, batch: int = 50) -> list[str]:
    """Story of each article after streaming them all through the store.

    The store keeps one copy of identical content, so an exact duplicate (UCI holds 40 repeated
    headlines) gets the story of the stored article it repeats; an article the store rejected
    (none so far) would be a story of its own.
    """
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.db") as store:
        Ingestor(store, batch_size=batch).add(articles)
        rows = list(store.iter_articles())
    story = {row["id"]: row["story"] for row in rows}
    by_hash = {row["content_hash"]: row["story"] for row in rows}
    return [
        story.get(a.id) or by_hash.get(_content_hash(a)) or f"rejected:{a.id}" for a in articles
    ]


def tfidf_distances(texts: Sequence[str]) -> np.ndarray:
    """Cosine distances between the TF-IDF rows of `texts` (computed once per corpus)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    distances = np.clip(cosine_distances(vectors), 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    return distances


def tfidf_average_cuts(distances: np.ndarray, thresholds: Sequence[float]) -> dict[float, Labels]:
    """Average-linkage labels at every threshold from ONE tree (scipy), for tuning.

    Cutting one average-linkage tree at several heights gives what separate agglomerative runs
    with those `distance_threshold`s give, for the cost of one run.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    tree = linkage(squareform(distances, checks=False), method="average")
    return {t: fcluster(tree, t, criterion="distance").tolist() for t in thresholds}


def tfidf_average(distances: np.ndarray, threshold: float) -> Labels:
    """The reported baseline: scikit-learn agglomerative clustering, cosine, average linkage."""
    from sklearn.cluster import AgglomerativeClustering

    return (
        AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
        )
        .fit_predict(distances)
        .tolist()
    )


def run_tfidf_baseline(
    texts: Sequence[str],
    gold: Sequence[Any],
    subset: Sequence[int],
    parts: dict[str, Sequence[int]],
) -> None:
    started = time.perf_counter()
    distances = tfidf_distances(texts)
    grid = [round(t, 2) for t in np.arange(0.40, 0.991, 0.01)]
    cuts = tfidf_average_cuts(distances, grid)
    threshold = max(
        grid,
        key=lambda t: scores([gold[i] for i in subset], [cuts[t][i] for i in subset])["bcubed_f1"],
    )
    labels = tfidf_average(distances, threshold)
    from sklearn.metrics import adjusted_rand_score

    agreement = adjusted_rand_score(
        cuts[threshold], labels
    )  # scipy cut vs sklearn run: 1.0 expected
    report(
        "tfidf-average",
        gold,
        labels,
        parts,
        distance=threshold,
        grid=f"{grid[0]}..{grid[-1]} step 0.01",
        tree_vs_sklearn_ari=round(agreement, 4),
        seconds=round(time.perf_counter() - started, 1),
    )


def run_hdbscan_baseline(
    texts: Sequence[str],
    gold: Sequence[Any],
    subset: Sequence[int],
    parts: dict[str, Sequence[int]],
    grid: Sequence[int],
) -> None:
    started = time.perf_counter()
    vectors, kind = embeddings(texts)
    embedded = time.perf_counter() - started
    from sklearn.metrics.pairwise import euclidean_distances

    distances = euclidean_distances(vectors.astype(np.float64))
    np.fill_diagonal(distances, 0.0)
    size = tune(lambda m: hdbscan(distances, m), grid, gold, subset)
    report(
        f"{kind}-hdbscan",
        gold,
        hdbscan(distances, size),
        parts,
        min_cluster_size=size,
        grid=list(grid),
        embed_seconds=round(embedded, 1),
        seconds=round(time.perf_counter() - started, 1),
    )


def embeddings(texts: Sequence[str]) -> tuple[np.ndarray, str]:
    try:
        from newsweave.embed import embed

        return embed(list(texts)), "minilm-onnx"
    except Exception as error:  # the embedder or its model files may not be installed yet
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import normalize

        print(f"note: embeddings unavailable ({error}); using LSA instead", file=sys.stderr)
        tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
        return normalize(TruncatedSVD(256, random_state=0).fit_transform(tfidf)), "lsa-256"


def hdbscan(distances: np.ndarray, min_size: int) -> Labels:
    """sklearn HDBSCAN over precomputed euclidean distances (one matrix for the whole grid)."""
    from sklearn.cluster import HDBSCAN

    labels = HDBSCAN(min_cluster_size=min_size, metric="precomputed", copy=True).fit_predict(
        distances
    )
    # Noise points are singleton stories.
    top = int(labels.max()) + 1
    return [int(label) if label >= 0 else top + i for i, label in enumerate(labels)]


def tune(
    run: Callable[[Any], Labels], grid: Sequence[Any], gold: Sequence[str], subset: Sequence[int]
) -> Any:
    """The grid value with the best BCubed F1 on `subset` (each value clustered once)."""
    subset_gold = [gold[i] for i in subset]
    results = {}
    for value in grid:
        labels = run(value)
        results[value] = scores(subset_gold, [labels[i] for i in subset])["bcubed_f1"]
    return max(grid, key=results.__getitem__)


def report(
    name: str,
    gold: Sequence[Any],
    labels: Sequence[Any],
    parts: dict[str, Sequence[int]],
    **extra: Any,
) -> None:
    row = {"system": name, **extra}
    for part, indices in parts.items():
        row[part] = scores([gold[i] for i in indices], [labels[i] for i in indices])
    print(json.dumps(row), flush=True)


def run_ecbplus() -> None:
    docs = load_ecbplus()
    texts, gold = [d["text"] for d in docs], [d["event_cluster"] for d in docs]
    train = [i for i, d in enumerate(docs) if d["topic"] in ECB_TRAIN]
    dev = [i for i, d in enumerate(docs) if d["topic"] in ECB_DEV]
    parts = {"train": train, "dev": dev, "all": range(len(docs))}

    started = time.perf_counter()
    labels = newsweave_batch(texts)
    report("newsweave-batch", gold, labels, parts, seconds=round(time.perf_counter() - started, 2))
    for seed in (0, 1, 2):
        order = list(range(len(docs)))
        random.Random(seed).shuffle(order)
        articles = [Article(id=docs[i]["doc_id"], source="ecb+", raw_text=texts[i]) for i in order]
        started = time.perf_counter()
        streamed = dict(zip((a.id for a in articles), newsweave_stream(articles), strict=True))
        report(
            "newsweave-stream",
            gold,
            [streamed[d["doc_id"]] for d in docs],
            parts,
            order_seed=seed,
            seconds=round(time.perf_counter() - started, 1),
        )

    run_tfidf_baseline(texts, gold, train, parts)
    run_hdbscan_baseline(texts, gold, train, parts, [2, 3, 4, 5, 6, 8, 10, 12])


def run_uci() -> None:
    with require(UCI).open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: (int(r["TIMESTAMP"]), int(r["ID"])))
    texts, gold = [r["TITLE"] for r in rows], [r["STORY"] for r in rows]
    published = [
        dt.datetime.fromtimestamp(int(r["TIMESTAMP"]) / 1000, dt.UTC).replace(tzinfo=None)
        for r in rows
    ]
    half = len(rows) // 2
    parts = {
        "first_half": range(half),
        "second_half": range(half, len(rows)),
        "all": range(len(rows)),
    }
    articles = [
        Article(
            id=f"uci-{r['ID']}",
            source=r["PUBLISHER"] or "unknown",
            raw_text=r["TITLE"],
            url=r["URL"],
            published=p,
        )
        for r, p in zip(rows, published, strict=True)
    ]
    started = time.perf_counter()
    streamed = newsweave_stream(articles, batch=100)
    seconds = time.perf_counter() - started
    stored = len({_content_hash(a) for a in articles})
    rejected = sum(label.startswith("rejected:") for label in streamed)
    report(
        "newsweave-stream",
        gold,
        streamed,
        parts,
        seconds=round(seconds, 1),
        stored=stored,
        exact_duplicates=len(articles) - stored,
        rejected=rejected,
    )
    started = time.perf_counter()
    batch_labels = newsweave_batch(texts, published)
    report(
        "newsweave-batch",
        gold,
        batch_labels,
        parts,
        seconds=round(time.perf_counter() - started, 1),
    )
    run_tfidf_baseline(texts, gold, range(half), parts)
    run_hdbscan_baseline(texts, gold, range(half), parts, [2, 3, 4, 5, 8, 12, 16])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=("ecbplus", "uci"))
    args = parser.parse_args()
    print(json.dumps({"benchmark": "story_clustering", **machine()}))
    if args.only in (None, "ecbplus"):
        run_ecbplus()
    if args.only in (None, "uci"):
        run_uci()


if __name__ == "__main__":
    main()
