"""Why newsweave under-merges UCI headlines: pair scores vs the neighbourhood size.

Not a benchmark of its own: a check behind the UCI paragraph of docs/benchmarks.md. It prints how
high each headline's best pair score is, then the batch method's BCubed scores on UCI (no time
window: the 36 h fit in one) for neighbourhood sizes 10 (the shipped `NEIGHBOURS`) and 30 and
several link thresholds, all from one score matrix and one tree per size.

Usage: python bench/cluster/uci_diagnosis.py
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

sys.path.insert(0, str(Path(__file__).parent))
from common import UCI, machine, require, scores

from newsweave.stages.cluster import (
    TermStats,
    extract_terms,
    neighbourhood_similarity,
    score_matrix,
)


def main() -> None:
    with require(UCI).open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: (int(r["TIMESTAMP"]), int(r["ID"])))
    texts, gold = [r["TITLE"] for r in rows], [r["STORY"] for r in rows]
    terms = [extract_terms(None, t) for t in texts]
    stats = TermStats()
    for t in terms:
        stats.add(t)
    pair = score_matrix([stats.vector(t) for t in terms], None, window=None)
    others = pair.copy()
    np.fill_diagonal(others, 0.0)
    quantiles = np.quantile(others.max(axis=1), [0.1, 0.25, 0.5, 0.75, 0.9])
    print(json.dumps({"benchmark": "uci_diagnosis", **machine()}))
    print(
        json.dumps(
            {"best_pair_score_quantiles_10_25_50_75_90": [round(float(q), 3) for q in quantiles]}
        )
    )
    half = len(rows) // 2
    for neighbours in (10, 30):
        distances = 1 - neighbourhood_similarity(pair, neighbours)
        np.fill_diagonal(distances, 0.0)
        tree = linkage(squareform(distances, checks=False), method="average")
        for threshold in (0.25, 0.15, 0.10, 0.05, 0.02):
            labels = fcluster(tree, 1 - threshold, criterion="distance").tolist()
            first, everything = scores(gold[:half], labels[:half]), scores(gold, labels)
            print(
                json.dumps(
                    {
                        "neighbours": neighbours,
                        "link_threshold": threshold,
                        "first_half_bcubed_f1": first["bcubed_f1"],
                        "all": {
                            k: everything[k]
                            for k in ("bcubed_p", "bcubed_r", "bcubed_f1", "clusters")
                        },
                    }
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
