"""Fit a learned pair gate for the conflict stage (gate.py) and write gate-weights.json.

Usage: python bench/conflicts/fit_gate.py [--cache DIR] [--show]

Fitted on the fit parts only: the even ("tune") half of ../shared/data/conflicts/ecbplus-dev.jsonl
and of duc2004-dev.jsonl. Each record runs as `newsweave analyze` does up to the conflict stage
(prepare, grouping, story stages; cached in DIR, see _stories.py), then every finding of the
checks with the rule gate lifted (`conflicts.candidates`) is a row of `_gate.gate_features`:
- positive: it reports the planted contradiction (scored as run.py scores);
- negative: it is reported in an untouched cluster (outlets' own disagreements aside, a false
  alarm). Findings in planted records that miss the planted value are left out: they repeat the
  untouched cluster's.
Logistic regression on standardised features (folded back into plain weights). The cut is set
on cross-validated probabilities (5 folds by cluster, so no cluster is scored by a model that
saw it): the lowest whose false alarms per untouched cluster stay within FALSE_ALARM_BUDGET on
each fit set, counted as the benchmark counts them (one per disagreement, plus the title and
negation conflicts the rules still report).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import shared_data
from _stories import records_of, stories_until_conflicts
from gate import FEATURES, GATED_KINDS, MODEL_FILE, gate_features
from run import _hits

from newsweave.model import Conflict
from newsweave.stages.claims.conflicts import candidates
from newsweave.stages.claims.conflicts._context import _StoryContext

FIT_SETS = ("conflicts/ecbplus-dev.jsonl", "conflicts/duc2004-dev.jsonl")
FALSE_ALARM_BUDGET = 1.0  # per untouched cluster, on each fit set: the target
REGULARISATION = 0.5


def rows_of(records: list[dict], cache: Path, data: str) -> list[dict]:
    """One row per finding: features, label, and what the benchmark needs to count it."""
    rows = []
    for record in records:
        planted = record["conflict"]
        for story in stories_until_conflicts(record, cache):
            context = _StoryContext(story)
            for pair, finding, ruled in candidates(context):
                hit = planted is not None and _hits(
                    Conflict(finding.kind, finding.a, finding.b, ""), planted, story
                )
                if planted is not None and not hit:
                    continue
                gated = finding.kind in GATED_KINDS
                rows.append(
                    {
                        "data": data,
                        "record": record["id"],
                        "cluster": record["id"].rsplit("-", 1)[0],
                        "clean": planted is None,
                        "label": int(hit),
                        "gated": gated,
                        "ruled": ruled,
                        "merge_key": (finding.kind, frozenset((finding.value_a, finding.value_b))),
                        "features": gate_features(pair, finding, context, ruled=ruled)
                        if gated
                        else None,
                        "text": f"[{finding.kind}] {finding.value_a!r} / {finding.value_b!r}: "
                        f"{story.quote(pair.a)[:110]!r} <> {story.quote(pair.b)[:110]!r}",
                    }
                )
    return rows


def figures(rows: list[dict], records: list[dict], keep: list[bool]) -> dict:
    """Recall and false alarms per untouched cluster as run.py counts them."""
    planted = {r["id"] for r in records if r["conflict"] is not None}
    clean = {r["id"] for r in records if r["conflict"] is None}
    found = {row["record"] for row, k in zip(rows, keep, strict=True) if k and row["label"]}
    alarms = {
        (row["record"], row["merge_key"])
        for row, k in zip(rows, keep, strict=True)
        if k and row["clean"]
    }
    return {
        "recall": round(len(found) / max(len(planted), 1), 3),
        "found": len(found),
        "planted": len(planted),
        "false_alarms_per_clean": round(len(alarms) / max(len(clean), 1), 2),
    }


def fit(features: np.ndarray, labels: np.ndarray):
    return make_pipeline(StandardScaler(), LogisticRegression(C=REGULARISATION, max_iter=5000)).fit(
        features, labels
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsweave-conflicts-cache"))
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--show", action="store_true", help="print the rows the model gets wrong")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    by_set = {}
    for name in FIT_SETS:
        records = records_of(shared_data(name), "tune")
        by_set[name] = (records, rows_of(records, args.cache, name))
    rows = [row for _, set_rows in by_set.values() for row in set_rows]
    gated = [row for row in rows if row["gated"]]
    features = np.array([row["features"] for row in gated])
    labels = np.array([row["label"] for row in gated])
    groups = np.array([f"{row['data']}:{row['cluster']}" for row in gated])

    held_out_probability = np.zeros(len(gated))
    for train, test in GroupKFold(n_splits=5).split(features, labels, groups):
        held_out_probability[test] = fit(features[train], labels[train]).predict_proba(
            features[test]
        )[:, 1]
    probability = {id(row): p for row, p in zip(gated, held_out_probability, strict=True)}

    def keep(set_rows: list[dict], cut: float) -> list[bool]:
        return [probability[id(r)] >= cut if r["gated"] else r["ruled"] for r in set_rows]

    print("rules with the learned gate's kinds added when it accepts them (cross-validated):")
    for candidate in (0.9, 0.8, 0.7, 0.6, 0.5):
        line = {
            name: figures(
                set_rows,
                records,
                [r["ruled"] or (r["gated"] and probability[id(r)] >= candidate) for r in set_rows],
            )
            for name, (records, set_rows) in by_set.items()
        }
        print(f"  rules or gate >= {candidate:.2f}: {json.dumps(line)}")
    print("rules (before):")
    for name, (records, set_rows) in by_set.items():
        print(f"  {name}: {figures(set_rows, records, [r['ruled'] for r in set_rows])}")
    cut = 1.0
    for candidate in np.arange(0.95, 0.04, -0.05):
        within = all(
            figures(set_rows, records, keep(set_rows, candidate))["false_alarms_per_clean"]
            <= FALSE_ALARM_BUDGET
            for records, set_rows in by_set.values()
        )
        line = {
            name: figures(set_rows, records, keep(set_rows, candidate))
            for name, (records, set_rows) in by_set.items()
        }
        print(f"cut {candidate:.2f} (cross-validated): {json.dumps(line)}")
        if within:
            cut = float(candidate)
    model = fit(features, labels)
    scaler, regression = model[0], model[1]
    weights = regression.coef_[0] / scaler.scale_
    intercept = float(
        regression.intercept_[0] - (regression.coef_[0] * scaler.mean_ / scaler.scale_).sum()
    )
    print(
        f"cut {cut:.2f}; {int(labels.sum())} positive, {len(labels) - int(labels.sum())} negative"
    )
    if args.show:
        for row, p in zip(gated, held_out_probability, strict=True):
            if (p >= cut) != bool(row["label"]):
                print(f"  {'MISS' if row['label'] else 'FA'} {p:.2f} {row['record']} {row['text']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "fitted_on": "the even halves of ecbplus-dev.jsonl and duc2004-dev.jsonl "
                "(bench/conflicts/fit_gate.py)",
                "cut": round(cut, 2),
                "intercept": round(intercept, 6),
                "weights": {
                    name: round(float(w), 6) for name, w in zip(FEATURES, weights, strict=True)
                },
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
