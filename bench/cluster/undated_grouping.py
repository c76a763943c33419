"""Why the grouping loses on undated web news (issue 16), on a corpus's fit part.

Two reads, both on the articles as `analyze` cleans them:

1. Split pairs: every two articles of one gold story left in two stories, by class: never
   compared (blocking), compared but not among the linked pairs, linked but left apart (with
   their neighbourhood similarity and vector cosine, binned), and the sizes of the two pieces.
2. Families: dense average linkage (cut tuned on the part, as the TF-IDF baseline is) over the
   cosine of the article vectors `vectorize` gives, whole and one family at a time: which part
   of the representation separates the stories, apart from the linkage steps.

Usage: python bench/cluster/undated_grouping.py [--only multinews-fit]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from bench_grouping import cleaned
from bench_quality import tfidf_average_cuts
from common import bcubed, machine
from corpora import LOADERS

from newsweave.stages.grouping import components
from newsweave.stages.grouping.features import FAMILIES
from newsweave.stages.grouping.means import VECTOR_SCALE, fixed_rows
from newsweave.stages.grouping.stories import (
    candidate_pairs,
    count_terms,
    grouping_features,
    link_components,
    linked_pairs,
    vectorize,
)

CUTS = [round(t, 2) for t in np.arange(0.40, 0.991, 0.01)]


def split_pairs(gold, part, vectors) -> dict:  # type: ignore[no-untyped-def]
    pairs, scores = linked_pairs(vectors)
    labels = link_components(vectors, pairs, scores)
    compared = {tuple(p) for p in candidate_pairs(vectors).tolist()}
    linked = {tuple(p) for p in pairs.tolist()}
    graph, similarity = components.neighbourhood_graph(len(vectors), pairs, scores)
    near = {tuple(p): s / components.UNIT for p, s in zip(graph.tolist(), similarity.tolist())}
    unit = fixed_rows(vectors).astype(np.float64) / VECTOR_SCALE
    sizes = Counter(labels)
    found: Counter[str] = Counter()
    chosen = set(part)
    for first in part:
        for second in part:
            if first >= second or gold[first] != gold[second] or labels[first] == labels[second]:
                continue
            pair = (first, second)
            if pair not in compared:
                found["never_compared"] += 1
            elif pair not in linked:
                found["compared_not_linked"] += 1
            else:
                cosine = float(unit[first].multiply(unit[second]).sum())
                found[f"linked_apart_similarity_{min(near.get(pair, 0.0), 0.3):.1f}"] += 1
                found[f"linked_apart_cosine_{min(cosine, 0.3):.1f}"] += 1
                pieces = tuple(sorted((sizes[labels[first]], sizes[labels[second]])))
                found[f"linked_apart_pieces_{min(pieces[0], 3)}x{min(pieces[1], 3)}"] += 1
    found["stories"] = len({labels[i] for i in chosen})
    found["bcubed_f1"] = round(bcubed([gold[i] for i in part], [labels[i] for i in part])[2], 4)
    return dict(sorted(found.items()))


def families(gold, part, vectors) -> dict:  # type: ignore[no-untyped-def]
    subset = [gold[i] for i in part]
    found = {}
    for name, family in [("whole", None), *((f, FAMILIES.index(f)) for f in FAMILIES)]:
        unit = fixed_rows(vectors, family).astype(np.float64) / VECTOR_SCALE
        distances = np.clip(1.0 - (unit @ unit.T).toarray(), 0.0, 2.0)
        np.fill_diagonal(distances, 0.0)
        cuts = tfidf_average_cuts(distances, CUTS)
        best = max(CUTS, key=lambda t: bcubed(subset, [cuts[t][i] for i in part])[2])
        found[name] = {
            "distance": best,
            "bcubed_p_r_f1": [round(x, 4) for x in bcubed(subset, [cuts[best][i] for i in part])],
        }
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="multinews-fit")
    args = parser.parse_args()
    print(json.dumps({"benchmark": "undated_grouping", **machine()}), flush=True)
    for name in args.only.split(","):
        corpus = LOADERS[name]()
        features = [grouping_features(a) for a in cleaned(corpus.articles)]
        stats = count_terms(features)
        vectors = [vectorize(item, stats) for item in features]
        part = corpus.parts.get(corpus.fit) or list(range(len(vectors)))
        no_names = sum(not np.any(v.families == FAMILIES.index("n")) for v in vectors)
        row = {"corpus": name, "articles_without_names": f"{no_names}/{len(vectors)}"}
        row["split_pairs"] = split_pairs(corpus.gold, part, vectors)
        row["dense_average_linkage_by_family"] = families(corpus.gold, part, vectors)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
