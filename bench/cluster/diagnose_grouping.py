"""Where the grouping loses, by class of failure, on each corpus's parts (fit parts to diagnose).

For every two articles of one gold story it tells whether they were (1) never in one component of
the candidate graph (blocking lost them), (2) compared directly, and (3) in one component but left
in two stories (the linkage steps split them). For wrong joins it counts the article pairs of two
gold stories put together after each step of `link_components`: linkage, centroid joins, attach.
BCubed F1 after each step shows which step gains or loses. Articles are cleaned as `analyze`
cleans them (bench_grouping.cleaned), then grouped with the shipped steps and parameters.

With `--merges`, the stories (as `group_labels` makes them, i.e. as `analyze` groups) that hold
articles of several gold stories instead, each with its gold stories' sizes and what BCubed F1 of
the whole input would gain if that story alone were split by its gold labels: which joins cost
most.

Usage: python bench/cluster/diagnose_grouping.py [--only duc2004,ecbplus,multinews,uci] [--merges]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

sys.path.insert(0, str(Path(__file__).parent))
from bench_grouping import cleaned
from common import bcubed, machine
from corpora import LOADERS

from newsweave.stages.grouping import components
from newsweave.stages.grouping.stories import (
    candidate_pairs,
    count_terms,
    group_labels,
    grouping_features,
    score_pairs,
    vector_matrix,
    vectorize,
)


def steps(vectors, pairs, scores) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    """The labels after each step of `components.link_components`."""
    count = len(vectors)
    linked, similarity = components.neighbourhood_graph(count, pairs, scores)
    undated = [vector.day is None for vector in vectors]
    linkage = components.average_linkage(
        count, linked, similarity, components.LINK_THRESHOLD, undated=undated
    )
    joins = components.join_by_centroids(vectors, linkage, pairs, components.CENTROID_THRESHOLD)
    attach = components.attach_singletons(vectors, joins, pairs, components.ATTACH_THRESHOLD)
    return {"linkage": linkage, "centroid_joins": joins, "attach": attach}


def classes(
    gold: Sequence[str],
    part: Sequence[int],
    pairs: np.ndarray,
    component: np.ndarray,
    labels: dict[str, list[int]],
) -> dict[str, int]:
    compared = {(int(a), int(b)) for a, b in pairs.tolist()}
    final = labels["attach"]
    members: dict[str, list[int]] = defaultdict(list)
    for index in part:
        members[gold[index]].append(index)
    found: Counter[str] = Counter()
    for story in members.values():
        for position, first in enumerate(story):
            for second in story[position + 1 :]:
                found["gold_pairs"] += 1
                found["compared_directly"] += (min(first, second), max(first, second)) in compared
                if component[first] != component[second]:
                    found["missed_blocking"] += 1
                elif final[first] != final[second]:
                    found["missed_split_by_linkage_steps"] += 1
    for step, step_labels in labels.items():
        groups: dict[int, Counter[str]] = defaultdict(Counter)
        for index in part:
            groups[step_labels[index]][gold[index]] += 1
        wrong = 0
        for counts in groups.values():
            size = sum(counts.values())
            wrong += (size * (size - 1) - sum(n * (n - 1) for n in counts.values())) // 2
        found[f"wrong_pairs_after_{step}"] = wrong
    return dict(found)


def costly_joins(name: str, gold: Sequence[str], labels: Sequence[int]) -> None:
    """Print each story of several gold stories, most costly first (see the module docstring)."""
    base = bcubed(gold, labels)[2]
    members: dict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        members[label].append(index)
    rows = []
    for label, indices in members.items():
        counts = Counter(gold[i] for i in indices)
        if sum(n > 1 for n in counts.values()) < 2 and len(counts) < 3:
            continue  # one gold story and perhaps one stray article
        split = [
            f"{labels[i]}/{gold[i]}" if labels[i] == label else str(labels[i])
            for i in range(len(labels))
        ]
        gain = bcubed(gold, split)[2] - base
        rows.append({"corpus": name, "gold": dict(counts.most_common()), "gain": round(gain, 4)})
    for row in sorted(rows, key=lambda r: -r["gain"]):
        print(json.dumps(row), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default=",".join(LOADERS))
    parser.add_argument("--merges", action="store_true")
    args = parser.parse_args()
    print(json.dumps({"benchmark": "grouping_diagnosis", **machine()}), flush=True)
    for name in args.only.split(","):
        corpus = LOADERS[name]()
        features = [grouping_features(a) for a in cleaned(corpus.articles)]
        if args.merges:
            costly_joins(name, corpus.gold, group_labels(features))
            continue
        stats = count_terms(features)
        vectors = [vectorize(item, stats) for item in features]
        pairs = candidate_pairs(vectors)  # the steps of `group_labels`, one by one
        scores = score_pairs(vector_matrix(vectors), pairs)
        graph = coo_matrix(
            (np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(vectors),) * 2
        )
        component = connected_components(graph, directed=False)[1]
        labels = steps(vectors, pairs, scores)
        row: dict = {"corpus": name, "pairs_per_article": round(len(pairs) / len(vectors), 1)}
        for part, indices in {**corpus.parts, "all": list(range(len(vectors)))}.items():
            gold = [corpus.gold[i] for i in indices]
            row[part] = {
                **{
                    f"bcubed_f1_after_{step}": round(
                        bcubed(gold, [step_labels[i] for i in indices])[2], 4
                    )
                    for step, step_labels in labels.items()
                },
                **classes(corpus.gold, indices, pairs, component, labels),
            }
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
