"""Shared by the cluster benchmarks: data paths, clustering metrics, machine facts."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("NEWSWEAVE_DATA", ROOT.parent / "shared" / "data"))
ECBPLUS = DATA / "clustering" / "ecbplus" / "ecbplus_docs.jsonl"
UCI = DATA / "clustering" / "uci_news_aggregator_head" / "uci-news-aggregator.head.csv"
# CDCR splits (Cybulska & Vossen 2015; Barhom et al. 2019); this copy holds topics 1-35 only.
ECB_TRAIN = {
    1,
    3,
    4,
    6,
    7,
    8,
    9,
    10,
    11,
    13,
    14,
    16,
    19,
    20,
    22,
    24,
    25,
    26,
    27,
    28,
    29,
    30,
    31,
    32,
    33,
}
ECB_DEV = {2, 5, 12, 18, 21, 23, 34, 35}


def require(path: Path) -> Path:
    """`path`, or exit with a clear message when the shared data are not there."""
    if not path.exists():
        sys.exit(
            f"benchmark data not found: {path}\n"
            "The benchmarks read ../shared/data next to the repository (or $NEWSWEAVE_DATA)."
        )
    return path


def load_ecbplus() -> list[dict[str, Any]]:
    with require(ECBPLUS).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    joint = Counter(zip(gold, predicted, strict=True))
    count = len(gold)
    precision = (
        sum(joint[(g, p)] / predicted_sizes[p] for g, p in zip(gold, predicted, strict=True))
        / count
    )
    recall = (
        sum(joint[(g, p)] / gold_sizes[g] for g, p in zip(gold, predicted, strict=True)) / count
    )
    return precision, recall, _f1(precision, recall)


def pairwise(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """Pair-counting precision, recall and F1 over all pairs of items."""

    def pairs(sizes: Counter[Any]) -> float:
        return sum(n * (n - 1) / 2 for n in sizes.values())

    both = pairs(Counter(zip(gold, predicted, strict=True)))
    predicted_pairs, gold_pairs = pairs(Counter(predicted)), pairs(Counter(gold))
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / gold_pairs if gold_pairs else 1.0
    return precision, recall, _f1(precision, recall)


def scores(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """Every reported metric for one clustering, rounded for printing."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    bp, br, bf = bcubed(gold, predicted)
    pp, pr, pf = pairwise(gold, predicted)
    labels = {label: i for i, label in enumerate(dict.fromkeys(predicted))}
    golds = {label: i for i, label in enumerate(dict.fromkeys(gold))}
    g = [golds[x] for x in gold]
    p = [labels[x] for x in predicted]
    return {
        "bcubed_p": round(bp, 4),
        "bcubed_r": round(br, 4),
        "bcubed_f1": round(bf, 4),
        "pairwise_p": round(pp, 4),
        "pairwise_r": round(pr, 4),
        "pairwise_f1": round(pf, 4),
        "ari": round(adjusted_rand_score(g, p), 4),
        "nmi": round(normalized_mutual_info_score(g, p), 4),
        "clusters": len(labels),
        "gold_clusters": len(golds),
        "items": len(gold),
    }


def machine() -> dict[str, Any]:
    """What ran the benchmark: CPU count, Python, commit."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "commit": commit,
    }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def join_gold(
    first: Sequence[int], second: Sequence[int], gold: dict[int, Hashable]
) -> tuple[Counter[Hashable], Counter[Hashable], bool]:
    """The gold stories of a join's two groups (articles without a label left out), and whether
    the join is wrong: both groups labelled, their largest gold stories different."""
    gold_first = Counter(gold[i] for i in first if i in gold)
    gold_second = Counter(gold[i] for i in second if i in gold)
    wrong = bool(gold_first and gold_second) and (
        gold_first.most_common(1)[0][0] != gold_second.most_common(1)[0][0]
    )
    return gold_first, gold_second, wrong


def join_record(
    kind: str, first: Sequence[int], second: Sequence[int], gold: dict[int, Hashable]
) -> tuple[dict, Counter[Hashable], Counter[Hashable]]:
    """The fields every join log writes for a join (its kind, whether it is wrong, whether it
    touches the fit part, the two groups' sizes), with the two groups' gold stories."""
    gold_first, gold_second, wrong = join_gold(first, second, gold)
    record = {
        "kind": kind,
        "wrong": wrong,
        "fit": bool(gold_first or gold_second),
        "sizes": [len(first), len(second)],
    }
    return record, gold_first, gold_second
