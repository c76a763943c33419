"""Two grouping runs compared cluster by cluster: BCubed F1 of each, and a paired bootstrap of
their difference over the gold clusters of each part.

`bench_grouping.py --labels A.json` writes each corpus's newsweave labels with its gold and
parts; run it twice (e.g. with main's `src` and a branch's on `PYTHONPATH`) and compare:

    python bench/cluster/paired_bootstrap.py main.json branch.json [--resamples 500]

Each resample draws the part's gold clusters with replacement (all their articles come along)
and recomputes BCubed precision and recall as means over the drawn articles' per-article
values (each computed once on the whole run): the interval is that of the F1 difference,
second run minus first, at 95%.

Usage: python bench/cluster/paired_bootstrap.py FIRST.json SECOND.json [--resamples N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from pathlib import Path

import numpy as np


def per_article(
    gold: Sequence[Hashable], predicted: Sequence[Hashable]
) -> tuple[np.ndarray, np.ndarray]:
    """Each article's BCubed precision and recall (their means are BCubed P and R)."""
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    joint = Counter(zip(gold, predicted, strict=True))
    pairs = list(zip(gold, predicted, strict=True))
    precision = np.array([joint[pair] / predicted_sizes[pair[1]] for pair in pairs])
    recall = np.array([joint[pair] / gold_sizes[pair[0]] for pair in pairs])
    return precision, recall


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def compare(
    gold: Sequence[str],
    first: Sequence[str],
    second: Sequence[str],
    resamples: int = 500,
    seed: int = 0,
) -> dict[str, float | list[float]]:
    """F1 of both runs and the bootstrap interval of their difference (second minus first)."""
    p1, r1 = per_article(gold, first)
    p2, r2 = per_article(gold, second)
    members: dict[str, list[int]] = defaultdict(list)
    for index, story in enumerate(gold):
        members[story].append(index)
    clusters = [np.array(indices) for indices in members.values()]
    rng = np.random.default_rng(seed)
    differences = []
    for _ in range(resamples):
        drawn = np.concatenate([clusters[i] for i in rng.integers(0, len(clusters), len(clusters))])
        differences.append(
            _f1(p2[drawn].mean(), r2[drawn].mean()) - _f1(p1[drawn].mean(), r1[drawn].mean())
        )
    first_f1, second_f1 = _f1(p1.mean(), r1.mean()), _f1(p2.mean(), r2.mean())
    low, high = np.percentile(differences, [2.5, 97.5])
    return {
        "first_f1": round(first_f1, 4),
        "second_f1": round(second_f1, 4),
        "difference": round(second_f1 - first_f1, 4),
        "interval_95": [round(float(low), 4), round(float(high), 4)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("first")
    parser.add_argument("second")
    parser.add_argument("--resamples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    first = json.loads(Path(args.first).read_text())
    second = json.loads(Path(args.second).read_text())
    for corpus in first.keys() & second.keys():
        a, b = first[corpus], second[corpus]
        for part, indices in {**a["parts"], "all": range(len(a["gold"]))}.items():
            row = compare(
                [a["gold"][i] for i in indices],
                [a["newsweave"][i] for i in indices],
                [b["newsweave"][i] for i in indices],
                args.resamples,
                args.seed,
            )
            print(json.dumps({"corpus": corpus, "part": part, **row}), flush=True)


if __name__ == "__main__":
    main()
