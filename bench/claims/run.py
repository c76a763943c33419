"""Claim matching and citation precision, each beside its baselines from the same run.

Usage: python bench/claims/run.py [--split dev|test]

1. MSRP (../shared/data/paraphrase): the claim matcher (`_facts.same_fact`) on the pairs it was
   not fitted on (3,000 onwards), beside embedding cosine alone (its cut set for accuracy on the
   first 3,000) and calling every pair "the same".
2. Citations (bench/claims/pairs.jsonl, labelled by reading): precision and recall of the
   citation rule (`_facts.states_fact`) on one split, beside the citations newsweave made before
   this rule (`cited_before`) and cosine alone (its cut set on dev for the same precision).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _data import MSRP_FIT, citation_rows, citations, msrp
from _shared import stamp
from fit_matcher import CITATION_PRECISION

from newsweave.stages.claims import _facts


def scores(truth: np.ndarray, said: np.ndarray) -> dict[str, float]:
    hits = int((truth & said).sum())
    precision = hits / said.sum() if said.sum() else 0.0
    recall = hits / truth.sum() if truth.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return {
        "accuracy": round(100 * float((truth == said).mean()), 1),
        "f1": round(100 * f1, 1),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "said_yes": int(said.sum()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test"], default="test")
    args = parser.parse_args()
    started = time.perf_counter()
    print(json.dumps({"benchmark": "claims", **stamp()}))

    pairs = msrp()
    fit, held = pairs.part(slice(0, MSRP_FIT)), pairs.part(slice(MSRP_FIT, None))
    cut = max(np.arange(0.3, 0.95, 0.01), key=lambda t: ((fit.cosine >= t) == fit.label).mean())
    matcher = np.array(
        [
            _facts.same_fact(a, b, c)
            for a, b, c in zip(held.first, held.second, held.cosine, strict=True)
        ]
    )
    print(
        f"\nMSRP pairs {MSRP_FIT}-{len(pairs.first) - 1} ({len(held.first)} pairs, not fitted on)"
    )
    for name, said in (
        ("claim matcher", matcher),
        (f"cosine >= {cut:.2f}", held.cosine >= cut),
        ('all "same"', np.ones(len(held.first), dtype=bool)),
    ):
        print(f"  {name:<16} {scores(held.label, said)}")

    dev, split = citations("dev"), citations(args.split)
    rows = citation_rows(args.split)
    cosine_cut = 1.0
    for candidate in sorted(set(np.round(dev.cosine, 3)), reverse=True):
        cited = dev.cosine >= candidate
        if cited.any() and dev.label[cited].mean() >= CITATION_PRECISION:
            cosine_cut = float(candidate)
    rule = np.array(
        [
            _facts.states_fact(a, b, c)
            for a, b, c in zip(split.first, split.second, split.cosine, strict=True)
        ]
    )
    print(
        f"\nCitations, {args.split} split ({len(rows)} labelled pairs, "
        f"{int(split.label.sum())} state the fact)"
    )
    for name, said in (
        ("citation rule", rule),
        ("cited before", np.array([r["cited_before"] for r in rows])),
        (f"cosine >= {cosine_cut:.2f}", split.cosine >= cosine_cut),
    ):
        result = scores(split.label, said)
        print(
            f"  {name:<16} precision {result['precision']:.3f}  "
            f"recall {result['recall']:.3f}  cited {result['said_yes']}"
        )
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
