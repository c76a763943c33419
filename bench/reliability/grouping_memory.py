"""Working memory of each grouping step on the first N Multi-News test articles, in one process.

Grouping is the one corpus-wide step of `newsweave analyze`: its working memory, on top of the
prepared articles, sets the run's peak. The features are taken from each article's raw text (no
cleaning or annotation, so this takes a minute, not half an hour); then each step of
`group_labels` and of `link_components` runs in turn under `tracemalloc`, printing the CPU
seconds, the Python memory still held after it, its peak during the step, and the process's RSS
and high-water mark. A hash of the labels shows two runs (e.g. two chunk sizes) agree.

    NEWSWEAVE_SHARED_DATA=../shared/data nice -n 10 .venv/bin/python \\
        bench/reliability/grouping_memory.py [--articles 15505] [--chunk 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import stamp
from multinews import articles as multinews_articles

from newsweave.model import Article
from newsweave.stages.grouping import components, pairs
from newsweave.stages.grouping.features import count_terms, grouping_features, vectorize

MB = 1 << 20


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=15505)
    parser.add_argument("--chunk", type=int, help="pairs scored at once (default: the code's)")
    args = parser.parse_args()
    if args.chunk:
        pairs._CHUNK = args.chunk
    print(json.dumps({**stamp(), "articles": args.articles, "chunk": pairs._CHUNK}))
    features = [
        grouping_features(Article(id=a["id"], source=a["source"], raw_text=a["text"]))
        for a in multinews_articles()[: args.articles]
    ]
    tracemalloc.start(1)
    started = time.process_time()

    def mark(step: str) -> None:
        held, peak = tracemalloc.get_traced_memory()
        print(
            f"{step:>22} CPU {time.process_time() - started:6.1f} s  held {held / MB:6.1f} MB  "
            f"step peak {peak / MB:6.1f} MB  RSS {_status_mb('VmRSS'):6.0f} MB  "
            f"high-water {_status_mb('VmHWM'):6.0f} MB",
            flush=True,
        )
        tracemalloc.reset_peak()

    mark("features")
    stats = count_terms(features)
    mark("count_terms")
    vectors = [vectorize(item, stats) for item in features]
    mark("vectorize")
    candidates = pairs.candidate_pairs(vectors)
    mark(f"candidate_pairs {len(candidates)}")
    matrix = pairs.vector_matrix(vectors)
    mark("vector_matrix")
    scores = pairs.score_pairs(matrix, candidates)
    mark("score_pairs")
    kept = pairs.strongest_pairs(
        len(vectors), candidates, scores, per_article=pairs.LINKED_PER_ARTICLE
    )
    linked_pairs, linked_scores = candidates[kept], scores[kept]
    mark(f"strongest_pairs {len(linked_pairs)}")
    linked, similarity = components.neighbourhood_graph(len(vectors), linked_pairs, linked_scores)
    mark("neighbourhood_graph")
    roots = components.average_linkage(len(vectors), linked, similarity, components.LINK_THRESHOLD)
    mark("average_linkage")
    unit = components.fixed_rows(vectors)
    mark("fixed_rows")
    roots = components.join_by_centroids(
        vectors,
        roots,
        linked_pairs,
        components.CENTROID_THRESHOLD,
        unit=unit,
        developments=components.DEVELOPMENTS,
    )
    mark("join_by_centroids")
    roots = components.attach_singletons(
        vectors, roots, linked_pairs, components.ATTACH_THRESHOLD, unit=unit
    )
    mark("attach_singletons")
    print("labels", hashlib.sha1(json.dumps(roots).encode()).hexdigest()[:12])


if __name__ == "__main__":
    main()
