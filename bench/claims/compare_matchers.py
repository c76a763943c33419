"""Is a degree-2 claim matcher better than the linear one by more than noise? (MSRP 0-2999 only)

Usage: python bench/claims/compare_matchers.py [--repeats 5]

Both models are scored by 5-fold cross-validation on the pairs the matcher may be fitted on,
on the same folds, repeated with reshuffled folds. The difference is reported per repeat and
as McNemar's exact test on the pooled predictions of the first repeat (the pairs on which the
two disagree). The held-out pairs (3000 onwards) are not read here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy.stats import binomtest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import MSRP_FIT, msrp
from fit_matcher import matcher_rows


def models() -> dict[str, object]:
    return {
        "linear": make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=4000)),
        "degree-2": make_pipeline(
            PolynomialFeatures(2, include_bias=False),
            StandardScaler(),
            LogisticRegression(C=0.1, max_iter=4000),
        ),
    }


def f1(truth: np.ndarray, said: np.ndarray) -> float:
    hits = (truth & said).sum()
    return 200 * hits / (truth.sum() + said.sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    train = msrp().part(slice(0, MSRP_FIT))
    rows, labels = matcher_rows(train), train.label
    first: dict[str, np.ndarray] = {}
    for repeat in range(args.repeats):
        folds = StratifiedKFold(5, shuffle=True, random_state=repeat)
        line = []
        for name, model in models().items():
            said = cross_val_predict(model, rows, labels, cv=folds, method="predict_proba")[:, 1]
            said = said >= 0.5
            first.setdefault(name, said)
            line.append(
                f"{name}: acc {100 * (said == labels).mean():.1f} F1 {f1(labels, said):.1f}"
            )
        print(f"repeat {repeat}: " + "  ".join(line))
    lin, deg = first["linear"] == labels, first["degree-2"] == labels
    only_deg, only_lin = int((deg & ~lin).sum()), int((lin & ~deg).sum())
    p = binomtest(only_deg, only_deg + only_lin).pvalue if only_deg + only_lin else 1.0
    print(
        f"repeat 0: degree-2 alone right on {only_deg}, linear alone on {only_lin};"
        f" McNemar p={p:.3f}"
    )


if __name__ == "__main__":
    main()
