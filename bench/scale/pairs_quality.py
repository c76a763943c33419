"""Grouping quality with and without the per-article cap on compared pairs, in one run.

The corpora and the cleaning are bench/cluster's (`bench_grouping.py`, `corpora.py`): each
corpus's articles cleaned as `analyze` cleans them, then grouped as `group_labels` groups them,
with the pairs compared being every block pair ("uncapped", the grouping before the caps) or the
pairs `candidate_pairs` keeps at each `--per-article` value (the shipped value is `PER_ARTICLE`),
of which each article then keeps its `LINKED_PER_ARTICLE` best-scoring for linkage.
Prints BCubed F1 per part, pairs compared per article, and for DUC 2004 the clusters kept whole
when grouped alone.

Usage: python bench/scale/pairs_quality.py [--only duc2004,ecbplus,multinews,uci]
                                          [--per-article 24,40]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cluster"))
from bench_grouping import cleaned
from common import machine, scores
from corpora import LOADERS, duc_clusters

from newsweave.stages.grouping.stories import (
    LINKED_PER_ARTICLE,
    PER_ARTICLE,
    candidate_pairs,
    count_terms,
    grouping_features,
    link_components,
    score_pairs,
    strongest_pairs,
    vector_matrix,
    vectorize,
)


def labels_at(articles: list, caps: list[int | None]) -> dict[int | None, tuple[list[int], int]]:
    """Story labels and pairs compared at each cap (None: every block pair)."""
    features = [grouping_features(a) for a in articles]
    stats = count_terms(features)
    vectors = [vectorize(f, stats) for f in features]
    matrix = vector_matrix(vectors)
    out: dict[int | None, tuple[list[int], int]] = {}
    for cap in caps:
        pairs = candidate_pairs(vectors, per_article=cap)
        scores = score_pairs(matrix, pairs)
        compared = len(pairs)
        if cap is not None:  # the shipped grouping caps the scored pairs too
            kept = strongest_pairs(len(vectors), pairs, scores, per_article=LINKED_PER_ARTICLE)
            pairs, scores = pairs[kept], scores[kept]
        out[cap] = (link_components(vectors, pairs, scores), compared)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default=",".join(LOADERS))
    parser.add_argument("--per-article", default=f"{PER_ARTICLE}")
    args = parser.parse_args()
    caps: list[int | None] = [None, *(int(v) for v in args.per_article.split(","))]
    print(json.dumps({"benchmark": "pairs_cap_quality", **machine()}), flush=True)
    for name in args.only.split(","):
        corpus = LOADERS[name]()
        started = time.perf_counter()
        results = labels_at(cleaned(corpus.articles), caps)
        for cap, (labels, compared) in results.items():
            row = {
                "corpus": corpus.name,
                "per_article": cap or "uncapped",
                "scored_pairs_per_article": round(compared / len(labels), 1),
                "stories": len(set(labels)),
            }
            for part, indices in {**corpus.parts, "all": range(len(labels))}.items():
                row[part] = round(
                    scores([corpus.gold[i] for i in indices], [labels[i] for i in indices])[
                        "bcubed_f1"
                    ],
                    3,
                )
            print(json.dumps(row), flush=True)
        print(json.dumps({"corpus": corpus.name, "seconds": round(time.perf_counter() - started)}))
        if name == "duc2004":
            whole = {cap: [0, 0] for cap in caps}  # fit, held out
            clusters = duc_clusters()
            for number, (_, members) in enumerate(clusters):
                half = int(number >= len(clusters) // 2)
                for cap, (labels, _) in labels_at(cleaned(members), caps).items():
                    whole[cap][half] += len(set(labels)) == 1
            for cap, (fit, held) in whole.items():
                print(
                    json.dumps(
                        {
                            "corpus": "duc2004-single",
                            "per_article": cap or "uncapped",
                            "fit_kept_whole": f"{fit}/{len(clusters) // 2}",
                            "held_out_kept_whole": f"{held}/{len(clusters) - len(clusters) // 2}",
                        }
                    ),
                    flush=True,
                )


if __name__ == "__main__":
    main()
