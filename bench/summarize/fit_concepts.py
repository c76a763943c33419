"""Fit the summarizer's two small logistic models: concept weights ("a human summary uses this
bigram") and sentence ratings ("the share of this sentence's bigrams a human summary uses").

Fitted on DUC 2004 clusters 0-24 (4 references each; the label is the share of references using
the bigram) and on the LAST 500 Multi-News test clusters (5122-5621), so that DUC 25-49 and the
Multi-News sample that run.py scores (the first 500) are held out. Prints the coefficients to
paste into `CONCEPT_COEFFICIENTS` and `SENTENCE_COEFFICIENTS` in
src/newsweave/stages/_summary_select.py. The sentence model is fitted on the sentence features
the summarizer computes with the concept weights in force, so paste the concept coefficients and
run again to fit the sentence ones.

    .venv/bin/python bench/summarize/fit_concepts.py [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from datasets import DUC2004, MULTINEWS, Cluster, load_clusters, read_records

from newsweave.stages._summary_select import (
    CONCEPT_FEATURES,
    SENTENCE_FEATURES,
    Candidate,
    concept_features,
    concepts_of,
    stem_words,
)

DUC_FIT = slice(0, 25)
MULTINEWS_FIT = slice(5122, 5622)


def examples(clusters: list[Cluster]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, 0/1 labels and sample weights (soft labels as two weighted rows)."""
    xs, ys, ws = [], [], []
    for cluster in clusters:
        story = cluster.story
        candidates = [
            Candidate(a, p, 0, stem_words(article.quote(span)))
            for a, article in enumerate(story.articles)
            for p, span in enumerate(article.sentences)
        ]
        concepts, rows = concept_features(candidates, len(story.articles))
        used = [concepts_of(stem_words(reference)) for reference in cluster.references]
        share = np.array([sum(c in u for u in used) / len(used) for c in concepts])
        # Every cluster weighs the same whatever its number of concepts.
        per_row = 1.0 / max(1, len(concepts))
        xs += [rows, rows]
        ys += [np.ones(len(concepts)), np.zeros(len(concepts))]
        ws += [share * per_row, (1 - share) * per_row]
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(ws)


def sentence_examples(clusters: list[Cluster]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sentence feature rows as the summarizer computes them, with soft labels."""
    from newsweave.stages.summarize import _table

    xs, ys, ws = [], [], []
    for cluster in clusters:
        table = _table(cluster.story)
        if table is None:
            continue
        used = [concepts_of(stem_words(reference)) for reference in cluster.references]
        share = []
        for candidate in table.pool:
            concepts = concepts_of(candidate.stems)
            hits = [len(concepts & u) / max(1, len(concepts)) for u in used]
            share.append(sum(hits) / len(hits))
        share_array = np.array(share)
        per_row = 1.0 / max(1, len(share))
        xs += [table.features, table.features]
        ys += [np.ones(len(share)), np.zeros(len(share))]
        ws += [share_array * per_row, (1 - share_array) * per_row]
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(ws)


def fit(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]], names: tuple[str, ...]) -> str:
    """A logistic model over the parts, each part (corpus) counting equally; its coefficients."""
    from sklearn.linear_model import LogisticRegression

    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    w = np.concatenate([p[2] / p[2].sum() for p in parts]) * len(y)
    model = LogisticRegression(C=1.0, fit_intercept=False, max_iter=2000)
    model.fit(x, y, sample_weight=w)
    for name, c in zip(names, model.coef_[0], strict=True):
        print(f"  {name:20s} {c:+.3f}")
    return "(" + ", ".join(f"{c:.3f}" for c in model.coef_[0]) + ")"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args()
    duc = load_clusters(read_records(DUC2004), cache_dir=args.cache_dir, cache_key="duc")[DUC_FIT]
    multinews_records = read_records(MULTINEWS)[MULTINEWS_FIT]
    multinews = load_clusters(multinews_records, cache_dir=args.cache_dir, cache_key="mnfit")
    concepts = fit([examples(duc), examples(multinews)], CONCEPT_FEATURES)
    print(f"CONCEPT_COEFFICIENTS = {concepts}")
    sentences = fit([sentence_examples(duc), sentence_examples(multinews)], SENTENCE_FEATURES)
    print(f"SENTENCE_COEFFICIENTS = {sentences}")


if __name__ == "__main__":
    main()
