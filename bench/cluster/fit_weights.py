"""Fit the term-family weights of `newsweave.stages.cluster` on the ECB+ train topics.

Logistic regression over article pairs (every pair within a train topic, plus a sample of pairs
across topics): features are the per-family cosines, the target is "same gold event". Prints the
weights and bias to copy into `WEIGHTS` and `BIAS`. Usage: python bench/cluster/fit_weights.py
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import ECB_TRAIN, load_ecbplus

from newsweave.stages.cluster import TermStats, extract_terms

FAMILIES = "wn#yb"


def family_vectors(stats: TermStats, terms: dict[str, int]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {f: {} for f in FAMILIES}
    for term, count in terms.items():
        idf = math.log((stats.document_count + 2) / (stats.frequencies[term] + 1))
        out[term[0]][term] = (1 + math.log(count)) * idf
    for family, vector in out.items():
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        out[family] = {t: v / norm for t, v in vector.items()}
    return out


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    docs = [d for d in load_ecbplus() if d["topic"] in ECB_TRAIN]
    terms = [extract_terms(None, d["text"]) for d in docs]
    stats = TermStats()
    for t in terms:
        stats.add(t)
    vectors = [family_vectors(stats, t) for t in terms]
    features, same = [], []
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            if docs[i]["topic"] == docs[j]["topic"] or (i * 7 + j) % 20 == 0:
                features.append(
                    [
                        sum(w * vectors[j][f].get(t, 0.0) for t, w in vectors[i][f].items())
                        for f in FAMILIES
                    ]
                )
                same.append(docs[i]["event_cluster"] == docs[j]["event_cluster"])
    model = LogisticRegression(C=10, max_iter=1000).fit(np.array(features), np.array(same))
    print(
        {f: round(float(w), 2) for f, w in zip(FAMILIES, model.coef_[0], strict=True)},
        "bias",
        round(float(model.intercept_[0]), 2),
    )


if __name__ == "__main__":
    main()
