"""How a fit part's wrong joins came about: every join `link_components` makes, replayed in order.

The fit part (DUC 2004 clusters 1-25 mixed as their own input, by default) is cleaned and grouped
exactly as `group_labels` groups it, with the linkage, centroid and development steps' `on_join`
callback. Each join is replayed with its two groups' sizes, their gold make-up, the mean
neighbourhood similarity across them (the linkage's measure; pairs whose neighbourhoods never
meet count 0) and their day spans. Printed: BCubed F1 after each step, then every wrong join (the
two groups' majority gold stories differ) and, with `--all`, every join of two groups of 3+.

`--strays` groups all 50 clusters mixed instead and prints, for each fit article outside its
cluster's main story, its mean neighbourhood similarity to its own cluster's story and to the
story it ended in (both without itself): is it more alike the story that took it?

`--pieces` groups each fit cluster alone instead and, for those not kept whole, prints each
piece's size and every two pieces' mean vector cosine and mean name cosine (the centroid and
development joins' measures).

`--drop-repeated` first drops every document whose text the part holds more than once (DUC 2004
puts some documents in two clusters): do two clusters still join without those bridges?

Usage: python bench/cluster/join_history.py [--drop-repeated] [--all] [--strays] [--pieces]
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
from common import bcubed, machine
from corpora import duc, duc_clusters

from newsweave.stages.grouping import components
from newsweave.stages.grouping.features import FAMILIES
from newsweave.stages.grouping.means import CENTROID_TERMS, fixed_rows, group_means, mean_cosines
from newsweave.stages.grouping.stories import (
    count_terms,
    group_labels,
    grouping_features,
    linked_pairs,
    vectorize,
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--drop-repeated", action="store_true")
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--strays", action="store_true")
    parser.add_argument("--pieces", action="store_true")
    args = parser.parse_args()
    print(json.dumps({"benchmark": "join_history", **machine()}), flush=True)
    if args.pieces:
        _print_pieces()
        return
    corpus = duc()
    part = list(range(len(corpus.articles))) if args.strays else corpus.parts[corpus.fit]
    if args.drop_repeated:
        texts = Counter(corpus.articles[i].raw_text for i in part)
        part = [i for i in part if texts[corpus.articles[i].raw_text] == 1]
    gold = [corpus.gold[i] for i in part]
    features = [grouping_features(a) for a in cleaned([corpus.articles[i] for i in part])]
    stats = count_terms(features)
    vectors = [vectorize(item, stats) for item in features]
    # The steps of `group_labels` and `link_components`, one by one, with the join log.
    pairs, scores = linked_pairs(vectors)
    count = len(vectors)
    linked, similarity = components.neighbourhood_graph(count, pairs, scores)
    log: list[tuple[int, int, str]] = []

    def on_join(kept_root: int, absorbed: int, kind: str) -> None:
        log.append((kept_root, absorbed, kind))

    undated = [vector.day is None for vector in vectors]
    steps = {
        "linkage": components.average_linkage(
            count, linked, similarity, components.LINK_THRESHOLD, undated=undated, on_join=on_join
        )
    }
    steps["centroid_joins"] = components.join_by_centroids(
        vectors, steps["linkage"], pairs, components.CENTROID_THRESHOLD, on_join=on_join
    )
    steps["attach"] = components.attach_singletons(
        vectors, steps["centroid_joins"], pairs, components.ATTACH_THRESHOLD
    )
    for step, labels in steps.items():
        measured = [round(value, 4) for value in bcubed(gold, labels)]
        row = {"step": step, "articles": count, "bcubed": measured, "groups": len(set(labels))}
        print(json.dumps(row), flush=True)
    print(json.dumps({"joins": dict(Counter(kind for *_, kind in log))}), flush=True)
    pair_similarity = {}
    for (a, b), value in zip(linked.tolist(), similarity.tolist(), strict=True):
        pair_similarity[a, b] = pair_similarity[b, a] = value
    if args.strays:
        _print_strays(gold, set(corpus.parts[corpus.fit]), steps["attach"], pair_similarity)
        return
    members = {i: [i] for i in range(count)}
    for kept_root, absorbed, kind in log:
        first, second = members[kept_root], members.pop(absorbed)
        members[kept_root] = first + second
        gold_first = Counter(gold[i] for i in first)
        gold_second = Counter(gold[i] for i in second)
        wrong = gold_first.most_common(1)[0][0] != gold_second.most_common(1)[0][0]
        if not wrong and not (args.all and min(len(first), len(second)) >= 3):
            continue
        total = sum(pair_similarity.get((a, b), 0) for a in first for b in second)
        print(json.dumps({
            "join": "wrong" if wrong else "right",
            "step": kind,
            "sizes": [len(first), len(second)],
            "gold": [dict(gold_first), dict(gold_second)],
            "mean_neighbourhood": round(total / (len(first) * len(second) * components.UNIT), 3),
            "days": [_span(vectors, first), _span(vectors, second)],
        }), flush=True)


def _print_pieces() -> None:
    for name, members in duc_clusters()[:25]:
        features = [grouping_features(a) for a in cleaned(members)]
        labels = np.array(group_labels(features))
        if labels.max() == 0:
            continue
        stats = count_terms(features)
        vectors = [vectorize(item, stats) for item in features]
        pieces = int(labels.max()) + 1
        linked = np.array([[a, b] for a in range(pieces) for b in range(a + 1, pieces)])
        whole = mean_cosines(group_means(labels, fixed_rows(vectors), CENTROID_TERMS), linked)
        names = fixed_rows(vectors, FAMILIES.index("n"))
        shared = mean_cosines(group_means(labels, names, None), linked)
        print(json.dumps({
            "cluster": name,
            "pieces": np.bincount(labels).tolist(),
            "terms": [[len(vectors[i].terms) for i in np.flatnonzero(labels == p)]
                      for p in range(pieces)],
            "mean_cosine": {f"{a}-{b}": round(float(m), 3)
                            for (a, b), m in zip(linked.tolist(), whole, strict=True)},
            "name_cosine": {f"{a}-{b}": round(float(m), 3)
                            for (a, b), m in zip(linked.tolist(), shared, strict=True)},
        }), flush=True)


def _print_strays(
    gold: list[str], fit: set[int], labels: list[int], pair_similarity: dict[tuple[int, int], int]
) -> None:
    stories: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        stories.setdefault(label, []).append(index)
    main_story = {
        name: Counter(labels[i] for i in fit if gold[i] == name).most_common(1)[0][0]
        for name in {gold[i] for i in fit}
    }

    def mean(index: int, story: int) -> float | None:
        others = [j for j in stories[story] if j != index]
        if not others:
            return None
        total = sum(pair_similarity.get((index, j), 0) for j in others)
        return round(total / (len(others) * components.UNIT), 3)

    for index in sorted(fit):
        own = main_story[gold[index]]
        if labels[index] != own:
            print(json.dumps({
                "stray": gold[index],
                "own_story": [len(stories[own]) - 1, mean(index, own)],
                "ended_in": [len(stories[labels[index]]) - 1, mean(index, labels[index])],
            }), flush=True)


def _span(vectors, members: list[int]) -> list[float] | None:  # type: ignore[no-untyped-def]
    days = [vectors[i].day for i in members]
    return None if None in days else [min(days), max(days)]


if __name__ == "__main__":
    main()
