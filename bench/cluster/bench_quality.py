"""Story clustering quality on ECB+ (batch and streamed) and the UCI News Aggregator head (stream).

Side by side, in the same run:
  newsweave        `cluster_batch` (what `newsweave cluster` and `analyze` use) and the store's
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
from common import ECB_DEV, ECB_TRAIN, UCI, load_ecbplus, machine, require, scores  # noqa: E402

from newsweave.model import Article  # noqa: E402
from newsweave.stages.cluster import TermStats, cluster_batch, extract_terms  # noqa: E402
from newsweave.store.ingest import Ingestor  # noqa: E402
from newsweave.store.sqlite import Store  # noqa: E402

Labels = list[int]


def newsweave_batch(texts: Sequence[str], published: Sequence[dt.datetime | None] | None = None) -> Labels:
    terms = [extract_terms(None, text) for text in texts]
    stats = TermStats()
    for t in terms:
        stats.add(t)
    return cluster_batch([stats.vector(t) for t in terms], published, window=None if published is None else dt.timedelta(days=3))


def newsweave_stream(articles: Sequence[Article], *, window: dt.timedelta | None, batch: int = 50) -> list[str]:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.db") as store:
        Ingestor(store, batch_size=batch, window=window).add(articles)
        story = {row["id"]: row["story"] for row in store.iter_articles()}
    return [story[a.id] for a in articles]


def tfidf_average(texts: Sequence[str], threshold: float) -> Labels:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()
    return AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    ).fit_predict(vectors).tolist()


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


def hdbscan(vectors: np.ndarray, min_size: int) -> Labels:
    from sklearn.cluster import HDBSCAN

    labels = HDBSCAN(min_cluster_size=min_size, metric="euclidean", copy=True).fit_predict(vectors)
    # Noise points are singleton stories.
    top = int(labels.max()) + 1
    return [int(label) if label >= 0 else top + i for i, label in enumerate(labels)]


def tune(run: Callable[[Any], Labels], grid: Sequence[Any], gold: Sequence[str], subset: Sequence[int]) -> Any:
    best = max(grid, key=lambda p: scores([gold[i] for i in subset], [run(p)[i] for i in subset])["bcubed_f1"])
    return best


def report(name: str, gold: Sequence[Any], labels: Sequence[Any], parts: dict[str, Sequence[int]], **extra: Any) -> None:
    row = {"system": name, **extra}
    for part, indices in parts.items():
        row[part] = scores([gold[i] for i in indices], [labels[i] for i in indices])
    print(json.dumps(row))


def run_ecbplus() -> None:
    docs = load_ecbplus()
    texts, gold = [d["text"] for d in docs], [d["event_cluster"] for d in docs]
    train = [i for i, d in enumerate(docs) if d["topic"] in ECB_TRAIN]
    dev = [i for i, d in enumerate(docs) if d["topic"] in ECB_DEV]
    parts = {"train": train, "dev": dev, "all": range(len(docs))}

    started = time.perf_counter()
    report("newsweave-batch", gold, newsweave_batch(texts), parts, seconds=round(time.perf_counter() - started, 2))
    for seed in (0, 1, 2):
        order = list(range(len(docs)))
        random.Random(seed).shuffle(order)
        articles = [Article(id=docs[i]["doc_id"], source="ecb+", raw_text=texts[i]) for i in order]
        streamed = dict(zip((a.id for a in articles), newsweave_stream(articles, window=None), strict=True))
        report("newsweave-stream", gold, [streamed[d["doc_id"]] for d in docs], parts, order_seed=seed)

    threshold = tune(lambda t: tfidf_average(texts, t), [0.7, 0.75, 0.8, 0.82, 0.85, 0.88, 0.9], gold, train)
    report("tfidf-average", gold, tfidf_average(texts, threshold), parts, distance=threshold)
    vectors, kind = embeddings(texts)
    size = tune(lambda m: hdbscan(vectors, m), [2, 3, 4, 5, 6, 8], gold, train)
    report(f"{kind}-hdbscan", gold, hdbscan(vectors, size), parts, min_cluster_size=size)


def run_uci() -> None:
    with require(UCI).open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: (int(r["TIMESTAMP"]), int(r["ID"])))
    texts, gold = [r["TITLE"] for r in rows], [r["STORY"] for r in rows]
    published = [dt.datetime.fromtimestamp(int(r["TIMESTAMP"]) / 1000, dt.UTC).replace(tzinfo=None) for r in rows]
    half = len(rows) // 2
    parts = {"first_half": range(half), "second_half": range(half, len(rows)), "all": range(len(rows))}
    articles = [
        Article(id=f"uci-{r['ID']}", source=r["PUBLISHER"] or "unknown", raw_text=r["TITLE"], url=r["URL"], published=p)
        for r, p in zip(rows, published, strict=True)
    ]
    started = time.perf_counter()
    streamed = newsweave_stream(articles, window=dt.timedelta(days=3), batch=100)
    seconds = time.perf_counter() - started
    kept = [i for i, label in enumerate(streamed) if label is not None]
    report("newsweave-stream", gold, streamed, parts, seconds=round(seconds, 1), articles=len(kept))
    report("newsweave-batch", gold, newsweave_batch(texts, published), parts)
    threshold = tune(lambda t: tfidf_average(texts, t), [0.6, 0.7, 0.8, 0.85, 0.9, 0.95], gold, range(half))
    report("tfidf-average", gold, tfidf_average(texts, threshold), parts, distance=threshold)
    vectors, kind = embeddings(texts)
    size = tune(lambda m: hdbscan(vectors, m), [2, 3, 5, 8, 12], gold, range(half))
    report(f"{kind}-hdbscan", gold, hdbscan(vectors, size), parts, min_cluster_size=size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("ecbplus", "uci"))
    args = parser.parse_args()
    print(json.dumps({"benchmark": "story_clustering", **machine()}))
    if args.only in (None, "ecbplus"):
        run_ecbplus()
    if args.only in (None, "uci"):
        run_uci()


if __name__ == "__main__":
    main()
