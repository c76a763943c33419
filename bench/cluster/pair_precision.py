"""How well the grouping's article vectors rank two articles of one story above two of different
stories, beside TF-IDF's: average precision of the cosine over every two fit articles.

A component figure, not the grouping: it reads the vectors `group_labels` starts from (cleaned
as `analyze` cleans, rejected articles left out), before any pair scoring or linkage. Session 24
(issue 16) found with it that uncased text's numbers and years weighed too much (the names'
share went to them); `--drop` shows what a family adds (its weight set to 0).

`--lowercase` reads each text without case (title and body lower-cased), as Multi-News's web
articles come: the cased corpora's gold then tests what grouping does with uncased text. With it,
the grouping itself also runs (`group_labels`) and its BCubed F1 on the fit part is printed;
`--labels FILE` writes those labels for `paired_bootstrap.py`.

Usage: python bench/cluster/pair_precision.py [--only multinews-fit,duc2004,ecbplus,uci]
       [--drop "#y"] [--lowercase [--labels OUT.json]]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import average_precision_score

sys.path.insert(0, str(Path(__file__).parent))
from bench_grouping import cleaned_and_rejected, texts_of
from bench_quality import tfidf_distances
from common import machine, scores
from corpora import LOADERS

from newsweave.stages.grouping import features
from newsweave.stages.grouping.means import VECTOR_SCALE, fixed_rows
from newsweave.stages.grouping.stories import (
    count_terms,
    group_labels,
    grouping_features,
    vectorize,
)


def pair_precision(similarity: np.ndarray, gold: list[Any]) -> float:
    """Average precision of `similarity` over every two articles, one story counted right."""
    first, second = np.triu_indices(len(gold), 1)
    labels = np.asarray(gold, dtype=object)
    same = labels[first] == labels[second]
    return float(average_precision_score(same, similarity[first, second]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="multinews-fit,duc2004,ecbplus,uci")
    parser.add_argument("--drop", default="", help="families whose weight is set to 0")
    parser.add_argument("--lowercase", action="store_true")
    parser.add_argument("--labels", type=Path)
    args = parser.parse_args()
    if args.drop:
        features.WEIGHTS = {f: 0.0 if f in args.drop else w for f, w in features.WEIGHTS.items()}
    head = {"benchmark": "pair_precision", **machine(), "drop": args.drop}
    print(json.dumps({**head, "lowercase": args.lowercase}), flush=True)
    written: dict[str, Any] = {}
    for name in args.only.split(","):
        corpus = LOADERS[name]()
        articles, rejected = cleaned_and_rejected(corpus.articles)
        kept = [i for i, out in enumerate(rejected) if not out]
        chosen = [
            replace(a, title=a.title.lower() if a.title else a.title, text=a.text.lower())
            if args.lowercase and a.text
            else a
            for a in (articles[i] for i in kept)
        ]
        found = [grouping_features(a) for a in chosen]
        stats = count_terms(found)
        vectors = [vectorize(item, stats) for item in found]
        fit = set(corpus.parts[corpus.fit])
        rows = [k for k, i in enumerate(kept) if i in fit]
        unit = fixed_rows([vectors[k] for k in rows]).astype(np.float64) / VECTOR_SCALE
        ours = (unit @ unit.T).toarray()
        theirs = 1.0 - tfidf_distances(texts_of([chosen[k] for k in rows]))
        gold = [corpus.gold[kept[k]] for k in rows]
        row: dict[str, Any] = {
            "corpus": corpus.name,
            "part": corpus.fit,
            "articles": len(rows),
            "newsweave_vectors_ap": round(pair_precision(ours, gold), 4),
            "tfidf_ap": round(pair_precision(theirs, gold), 4),
        }
        if args.lowercase:
            grouped = iter(group_labels(found))
            labels = [
                f"rejected-{i}" if out else str(next(grouped)) for i, out in enumerate(rejected)
            ]
            order = sorted(fit)
            row["grouping"] = scores([corpus.gold[i] for i in order], [labels[i] for i in order])
            written[corpus.name] = {
                "gold": [corpus.gold[i] for i in order],
                "parts": {corpus.fit: list(range(len(order)))},
                "newsweave": [labels[i] for i in order],
            }
        print(json.dumps(row), flush=True)
    if args.labels:
        args.labels.write_text(json.dumps(written))


if __name__ == "__main__":
    main()
