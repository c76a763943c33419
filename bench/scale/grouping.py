"""Time and peak memory of story grouping at 10k, 50k and 200k articles (one size per process).

The articles are generated from the real texts in ../shared/data (ECB+ and Multi-News sources,
as bench/cluster/bench_throughput.py does): each is a real text with ~15% of its sentences
dropped, ~5% of its words replaced and its numbers changed, dated in order over `--days` days.
The grouping is the one `analyze` and `newsweave cluster` run (`group_labels` over
`grouping_features`); features are computed as articles are generated and the texts dropped,
as `newsweave cluster` computes them from stored terms. Steps: features, term counts, vectors,
blocking (every block pair with its strength, and the cap: the pairs `capped_pairs` keeps to be
scored), pair scores (and the pairs kept for linkage), components.

Usage: python bench/scale/grouping.py --n 200000 [--days 365] [--seed 13]
Prints one JSON line: wall and CPU seconds per step, CPU ms per article of the grouping (features
excluded), articles/s, peak RSS (MB), block pairs, pairs scored and linked, stories, and the load
average at start and end (wall times under load are not speeds; CPU times are steadier).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cluster"))
from bench_throughput import real_texts, stream
from common import machine

from newsweave.stages.grouping.stories import (
    LINKED_PER_ARTICLE,
    capped_pairs,
    count_terms,
    grouping_features,
    link_components,
    score_pairs,
    strongest_pairs,
    vector_matrix,
    vectorize,
)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--days", type=float, default=365.0)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    load_at_start = os.getloadavg()[0]
    texts = real_texts()
    baseline_mb = _peak_rss_mb()
    times: dict[str, float] = {}
    cpu: dict[str, float] = {}
    started = time.perf_counter()
    clock = [time.perf_counter(), time.process_time()]

    def done(name: str) -> None:
        times[name] = time.perf_counter() - clock[0]
        cpu[name] = time.process_time() - clock[1]
        clock[:] = [time.perf_counter(), time.process_time()]
        # A line per step on stderr: a run stopped by its time limit still tells how far it got.
        step = {"step": name, "wall_s": round(times[name], 1), "cpu_s": round(cpu[name], 1)}
        print(json.dumps({**step, "peak_rss_mb": round(_peak_rss_mb())}), file=sys.stderr)

    features = [grouping_features(a) for a in stream(texts, args.n, args.days, args.seed)]
    del texts
    done("features")
    stats = count_terms(features)
    done("term_counts")
    # Each article's features are let go once its vector is made: both lists whole at once
    # would be the peak of memory (as `newsweave cluster`, which reads features a batch at a time).
    features.reverse()
    vectors = []
    while features:
        vectors.append(vectorize(features.pop(), stats))
    del stats
    done("vectors")
    pairs, in_blocks = capped_pairs(vectors)
    done("blocking")
    matrix = vector_matrix(vectors)
    scores = score_pairs(matrix, pairs)
    scored = len(pairs)
    kept = strongest_pairs(len(vectors), pairs, scores, per_article=LINKED_PER_ARTICLE)
    pairs, scores = pairs[kept], scores[kept]
    done("pair_scores")
    labels = link_components(vectors, pairs, scores, matrix=matrix)
    done("components")
    grouping = sum(v for k, v in times.items() if k != "features")
    grouping_cpu = sum(v for k, v in cpu.items() if k != "features")
    print(
        json.dumps(
            {
                "benchmark": "grouping_scale",
                "articles": args.n,
                "days": args.days,
                "seconds": {k: round(v, 1) for k, v in times.items()},
                "grouping_seconds": round(grouping, 1),
                "cpu_seconds": {k: round(v, 1) for k, v in cpu.items()},
                "grouping_cpu_seconds": round(grouping_cpu, 1),
                "grouping_cpu_ms_per_article": round(1000 * grouping_cpu / args.n, 3),
                "cpu_ms_per_article": {k: round(1000 * v / args.n, 3) for k, v in cpu.items()},
                "total_seconds": round(time.perf_counter() - started, 1),
                "grouping_articles_per_s": round(args.n / grouping, 1),
                "block_pairs": in_blocks,
                "block_pairs_per_article": round(in_blocks / args.n, 1),
                "pairs_scored": scored,
                "scored_per_article": round(scored / args.n, 1),
                "pairs_linked": len(pairs),
                "linked_per_article": round(len(pairs) / args.n, 1),
                "stories": len(set(labels)),
                "peak_rss_mb": round(_peak_rss_mb()),
                "peak_rss_mb_before_generation": round(baseline_mb),
                "load_1m": [round(load_at_start, 1), round(os.getloadavg()[0], 1)],
                **machine(),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
