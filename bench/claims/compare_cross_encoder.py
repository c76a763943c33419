"""Is the fine-tuned cross-encoder better than the shipped claim matcher by more than noise?
(MSRP 0-2999 only)

Usage:
    python bench/claims/compare_cross_encoder.py split /tmp/split.json [--epoch N]
    python bench/claims/compare_cross_encoder.py folds /tmp/oof.json [--epoch N]

Reads the probabilities written by cross_encoder.py (a build-only Python trains there) and
compares, on the same judged pairs:
- split: the shipped logistic matcher fitted on the cross-encoder's training range, against the
  cross-encoder, on its judged range;
- folds: 5-fold cross-validation on the cross-encoder's folds (`StratifiedKFold(5, shuffle=True,
  random_state=seed)`, repeat 0 of compare_matchers.py): the shipped logistic, the cross-encoder
  alone, and the logistic with the cross-encoder's logit as one more feature (stacking). Every
  pair's cross-encoder probability comes from a model trained without that pair's fold.
McNemar's exact test on the pairs where a model and the shipped matcher disagree.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy.stats import binomtest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import MSRP_FIT, msrp
from compare_matchers import f1
from fit_matcher import matcher_rows


def logistic():  # type: ignore[no-untyped-def]
    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=4000))


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def line(name: str, truth: np.ndarray, said: np.ndarray, shipped: np.ndarray | None) -> str:
    text = f"  {name:<28} acc {100 * (said == truth).mean():.1f}  F1 {f1(truth, said):.1f}"
    if shipped is not None:
        new, old = said == truth, shipped == truth
        only_new, only_old = int((new & ~old).sum()), int((old & ~new).sum())
        p = binomtest(only_new, only_new + only_old).pvalue if only_new + only_old else 1.0
        text += f"  alone right {only_new} / shipped alone {only_old}, McNemar p={p:.4f}"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["split", "folds"])
    parser.add_argument("scores", type=Path)
    parser.add_argument("--epoch", type=int, help="1-based; default: every epoch")
    args = parser.parse_args()
    record = json.loads(args.scores.read_text())
    pairs = msrp().part(slice(0, MSRP_FIT))
    rows, labels = matcher_rows(pairs), pairs.label
    by_epoch = record["by_epoch"] if args.mode == "split" else record["oof_by_epoch"]
    epochs = [args.epoch] if args.epoch else range(1, len(by_epoch) + 1)
    print(f"{args.mode}: lr {record['lr']}, seed {record['seed']}, batch {record['batch']}")
    if args.mode == "split":
        judge = np.array(record["judge"])
        fit_rows = np.setdiff1d(np.arange(MSRP_FIT), judge)
        shipped = logistic().fit(rows[fit_rows], labels[fit_rows])
        truth = labels[judge]
        said_shipped = shipped.predict_proba(rows[judge])[:, 1] >= 0.5
        print(f"judged pairs {judge[0]}-{judge[-1]} ({len(judge)}), fitted on the rest of 0-2999")
        print(line("shipped logistic", truth, said_shipped, None))
        shipped_probs = shipped.predict_proba(rows[judge])[:, 1]
        for epoch in epochs:
            probs = np.array(by_epoch[epoch - 1])
            print(line(f"cross-encoder, epoch {epoch}", truth, probs >= 0.5, said_shipped))
        probs = np.array(by_epoch[epochs[-1] - 1])
        # Stacking on the judged pairs: the shipped matcher's logit and the cross-encoder's,
        # two weights fitted by 5-fold cross-validation within the judged pairs (neither model
        # saw them).
        blend = np.column_stack([logit(shipped_probs), logit(probs)])
        inner = StratifiedKFold(5, shuffle=True, random_state=0)
        stacked = cross_val_predict(
            LogisticRegression(), blend, truth, cv=inner, method="predict_proba"
        )[:, 1]
        print(line("stacked (blend, inner 5-fold)", truth, stacked >= 0.5, said_shipped))
        print("cross-encoder only where the shipped matcher is unsure (epoch %d):" % epochs[-1])
        for width in (0.1, 0.2, 0.3, 0.4, 0.45, 0.5):
            low, high = 0.5 - width, 0.5 + width
            unsure = (shipped_probs >= low) & (shipped_probs <= high)
            said = np.where(unsure, probs >= 0.5, said_shipped)
            name = f"band {low:.2f}-{high:.2f} ({100 * unsure.mean():.0f}% read)"
            print(line(name, truth, said, said_shipped))
        return
    folds = StratifiedKFold(5, shuffle=True, random_state=record["seed"])
    said_shipped = (
        cross_val_predict(logistic(), rows, labels, cv=folds, method="predict_proba")[:, 1] >= 0.5
    )
    print("5-fold cross-validation on MSRP 0-2999 (every pair judged by models without it)")
    print(line("shipped logistic", labels, said_shipped, None))
    for epoch in epochs:
        probs = np.array(by_epoch[epoch - 1])
        print(line(f"cross-encoder, epoch {epoch}", labels, probs >= 0.5, said_shipped))
        stacked_rows = np.column_stack([rows, logit(probs)])
        stacked = cross_val_predict(
            logistic(), stacked_rows, labels, cv=folds, method="predict_proba"
        )[:, 1]
        print(line(f"stacked, epoch {epoch}", labels, stacked >= 0.5, said_shipped))


if __name__ == "__main__":
    main()
