"""Fit the summarizer's two small models: concept weights ("a human summary uses this bigram",
logistic) and sentence ratings ("the share of this sentence's bigrams a human summary uses",
linear in the sentence features and their products with the story size). Neither holds a weight
for any word: a weight per word fitted on this lower-cased text would carry outlet, agency,
person, place and year names, which no rule can tell apart from other words here.

Fitted on DUC 2004 clusters 0-24 (4 references each; labels are shares over the references) and
on Multi-News test clusters 1000-5621 (one reference each). Held out: DUC 25-49 and Multi-News
0-499, the sample run.py scores; Multi-News 500-999 is kept for choosing the summarizer's few
scalars (`run.py --clusters 500:1000`). The sentence model is fitted on the sentence features the
summarizer computes with the freshly fitted concept weights in force. Writes the sentence rating
into src/newsweave/models/summary-words/, and prints the coefficient tuple to paste into
`CONCEPT_COEFFICIENTS` in src/newsweave/stages/summary/_select.py.

    .venv/bin/python bench/summarize/fit_concepts.py [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np
from datasets import DUC2004, MULTINEWS, Cluster, load_clusters, read_records

from newsweave.stages.summary import _rating as _summary_rating
from newsweave.stages.summary import _select as _summary_select
from newsweave.stages.summary._rating import (
    SENTENCE_FEATURES,
    SENTENCE_RATING_FILE,
    rating_rows,
    sentence_rating_names,
)
from newsweave.stages.summary._select import (
    CONCEPT_FEATURES,
    Candidate,
    concept_features,
    concepts_of,
    stem_words,
)

DUC_FIT = slice(0, 25)
MULTINEWS_FIT = slice(1000, 5622)
# Chosen on Multi-News 500-999 (R-2 F1 there: 10 -> 15.52, 30 -> 15.55, 100 -> 15.46).
RIDGE_ALPHA = 30.0
Examples = tuple[np.ndarray, np.ndarray, np.ndarray]


def concept_examples(clusters: Sequence[Cluster]) -> Examples:
    """Concept feature rows, 0/1 labels and sample weights (soft labels as two weighted rows)."""
    xs, shares = [], []
    for cluster in clusters:
        story = cluster.story
        candidates = [
            Candidate(a, p, 0, stem_words(article.quote(span)))
            for a, article in enumerate(story.articles)
            for p, span in enumerate(article.sentences)
        ]
        concepts, rows = concept_features(candidates, len(story.articles))
        used = [concepts_of(stem_words(reference)) for reference in cluster.references]
        xs.append(rows)
        shares.append(np.array([sum(c in u for u in used) / len(used) for c in concepts]))
    return _soft(xs, shares)


def sentence_examples(clusters: Sequence[Cluster]) -> Examples:
    """Sentence feature rows as the summarizer computes them; label: the share of the sentence's
    bigrams that the references use, as ROUGE-2 counts them (the mean over the references)."""
    from rouge_score.tokenizers import DefaultTokenizer

    from newsweave.stages.summary._table import story_table

    tokenizer = DefaultTokenizer(use_stemmer=True)
    xs, shares = [], []
    for cluster in clusters:
        table = story_table(cluster.story)
        if table is None:
            continue
        used = [set(pairwise(tokenizer.tokenize(reference))) for reference in cluster.references]
        share = []
        for index in table.candidates:
            bigrams = list(pairwise(tokenizer.tokenize(table.sentences[index].text)))
            hits = [sum(b in u for b in bigrams) / max(1, len(bigrams)) for u in used]
            share.append(sum(hits) / len(hits))
        xs.append(rating_rows(table.features))
        shares.append(np.array(share))
    return _soft(xs, shares)


def _soft(xs: list[np.ndarray], shares: list[np.ndarray]) -> Examples:
    # Rows, their soft labels, and weights that make every cluster count the same whatever its
    # number of rows.
    weights = [np.full(len(share), 1.0 / max(1, len(share))) for share in shares]
    return np.concatenate(xs), np.concatenate(shares), np.concatenate(weights)


def _pooled(parts: Sequence[Examples]) -> Examples:
    # Each part (corpus) counts the same in the fit.
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    w = np.concatenate([p[2] / p[2].sum() for p in parts])
    return x, y, w * len(y) / w.sum()


def fit_logistic(parts: Sequence[Examples], names: Sequence[str]) -> tuple[float, ...]:
    """A logistic model of the soft labels (a label s is a positive row of weight s and a
    negative one of weight 1 - s); its coefficients."""
    from sklearn.linear_model import LogisticRegression

    x, y, w = _pooled(parts)
    model = LogisticRegression(C=1.0, fit_intercept=False, max_iter=5000)
    model.fit(
        np.concatenate([x, x]),
        np.repeat([1.0, 0.0], len(y)),
        sample_weight=np.concatenate([w * y, w * (1 - y)]),
    )
    return _show(model.coef_[0], names)


def fit_linear(parts: Sequence[Examples]) -> np.ndarray:
    """A least-squares (ridge) model of the soft labels on the feature rows; its coefficients."""
    from sklearn.linear_model import Ridge

    x, y, w = _pooled(parts)
    model = Ridge(alpha=RIDGE_ALPHA, fit_intercept=False)
    model.fit(x, y, sample_weight=w)
    return np.asarray(model.coef_)


def write_sentence_rating(rows: np.ndarray) -> None:
    """Write `SENTENCE_RATING_FILE`: a weight and a per-size weight per feature column."""
    names = sentence_rating_names()
    plain, per_size = rows[: len(names)], rows[len(names) :]
    lines = [
        "# newsweave's sentence rating, written by bench/summarize/fit_concepts.py",
        "# feature\tweight\tweight per unit of story size (see rating_rows)",
        *(f"{n}\t{a:.5f}\t{b:.5f}" for n, a, b in zip(names, plain, per_size, strict=True)),
    ]
    SENTENCE_RATING_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _summary_rating._sentence_rating.cache_clear()
    for name, a, b in zip(SENTENCE_FEATURES, plain, per_size, strict=False):
        print(f"  {name:20s} {a:+.3f} {b:+.3f}")
    print(f"{SENTENCE_RATING_FILE}")


def _show(coefficients: np.ndarray, names: Sequence[str]) -> tuple[float, ...]:
    rounded = tuple(round(float(c), 3) for c in coefficients)
    for name, c in zip(names, rounded, strict=True):
        print(f"  {name:20s} {c:+.3f}")
    return rounded


def fit_both(duc: Sequence[Cluster], multinews: Sequence[Cluster]) -> tuple[float, ...]:
    """Fit the concept coefficients (returned), then the sentence rating computed with those
    concepts in force."""
    concepts = fit_logistic([concept_examples(duc), concept_examples(multinews)], CONCEPT_FEATURES)
    print(f"CONCEPT_COEFFICIENTS = {concepts}")
    _summary_select.CONCEPT_COEFFICIENTS = concepts  # type: ignore[misc]
    write_sentence_rating(fit_linear([sentence_examples(duc), sentence_examples(multinews)]))
    return concepts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args()
    duc = load_clusters(read_records(DUC2004), cache_dir=args.cache_dir, cache_key="duc")[DUC_FIT]
    multinews_records = read_records(MULTINEWS)[MULTINEWS_FIT]
    multinews = load_clusters(multinews_records, cache_dir=args.cache_dir, cache_key="mnfit")
    fit_both(duc, multinews)


if __name__ == "__main__":
    main()
