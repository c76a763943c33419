"""Fit the summarizer's word prior and its two small models: concept weights ("a human summary
uses this bigram", logistic) and sentence ratings ("the share of this sentence's bigrams a human
summary uses", linear).

Fitted on DUC 2004 clusters 0-24 (4 references each; labels are shares over the references) and
on Multi-News test clusters 1000-5621 (one reference each). Held out: DUC 25-49 and Multi-News
0-499, the sample run.py scores; Multi-News 500-999 is kept for choosing the summarizer's few
scalars (`run.py --clusters 500:1000`). The sentence model is fitted on the sentence features the
summarizer computes with the freshly fitted concept weights in force. Writes the word prior and
the sentence rating's embedding weights into src/newsweave/models/summary-words/, and prints the
two coefficient tuples to paste into `CONCEPT_COEFFICIENTS` and `SENTENCE_COEFFICIENTS` in
src/newsweave/stages/_summary_select.py.

    .venv/bin/python bench/summarize/fit_concepts.py [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from datasets import DUC2004, MULTINEWS, Cluster, load_clusters, read_records

from newsweave.stages import _summary_select
from newsweave.stages._summary_select import (
    CONCEPT_FEATURES,
    SENTENCE_FEATURES,
    SENTENCE_VECTOR_FILE,
    WORD_PRIOR_FILE,
    Candidate,
    concept_features,
    concepts_of,
    stem_words,
)

DUC_FIT = slice(0, 25)
MULTINEWS_FIT = slice(1000, 5622)
PRIOR_MIN_CLUSTERS = 10  # a word seen in fewer clusters gets the default
PRIOR_SMOOTHING = 5.0  # pseudo-clusters at the mean over all words
RIDGE_ALPHA = 100.0  # chosen on Multi-News 500-999 and DUC 0-24 (10, 30, 100 tried)
Examples = tuple[np.ndarray, np.ndarray, np.ndarray]


def fit_word_prior(clusters: Sequence[Cluster]) -> None:
    """Write `WORD_PRIOR_FILE`: per stem, the share of clusters whose summary uses it, among the
    clusters whose sources use it (the mean over the references where there are several)."""
    seen: Counter[str] = Counter()
    used: Counter[str] = Counter()
    for cluster in clusters:
        story = cluster.story
        sources = {
            stem
            for article in story.articles
            for span in article.sentences
            for stem in stem_words(article.quote(span))
        }
        summaries = [set(stem_words(reference)) for reference in cluster.references]
        for stem in sources:
            seen[stem] += 1
            used[stem] += sum(stem in summary for summary in summaries) / len(summaries)
    default = sum(used.values()) / max(1, sum(seen.values()))
    lines = [
        "# word prior of newsweave's summarizer: written by bench/summarize/fit_concepts.py",
        f"# from DUC 2004 clusters 0-24 and Multi-News test clusters 1000-5621 ({len(clusters)})",
        f"#default\t{default:.3f}",
    ]
    for stem in sorted(seen):
        if seen[stem] >= PRIOR_MIN_CLUSTERS and stem:
            prior = (used[stem] + PRIOR_SMOOTHING * default) / (seen[stem] + PRIOR_SMOOTHING)
            lines.append(f"{stem}\t{prior:.3f}")
    WORD_PRIOR_FILE.parent.mkdir(parents=True, exist_ok=True)
    WORD_PRIOR_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _summary_select._word_priors.cache_clear()
    print(f"{WORD_PRIOR_FILE}: {len(lines) - 3} words, default {default:.3f}")


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
    bigram concepts that the references use."""
    from newsweave.stages.summarize import _table

    xs, shares = [], []
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
        xs.append(table.features)
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
    """A least-squares (ridge) model of the soft labels; its coefficients."""
    from sklearn.linear_model import Ridge

    x, y, w = _pooled(parts)
    return Ridge(alpha=RIDGE_ALPHA, fit_intercept=False).fit(x, y, sample_weight=w).coef_


def _show(coefficients: np.ndarray, names: Sequence[str]) -> tuple[float, ...]:
    rounded = tuple(round(float(c), 3) for c in coefficients)
    for name, c in zip(names, rounded, strict=True):
        print(f"  {name:20s} {c:+.3f}")
    return rounded


def fit_both(duc: Sequence[Cluster], multinews: Sequence[Cluster]) -> tuple[tuple, tuple]:
    """The word prior, the concept coefficients, then the sentence coefficients computed with
    those concepts in force."""
    fit_word_prior([*duc, *multinews])
    concepts = fit_logistic([concept_examples(duc), concept_examples(multinews)], CONCEPT_FEATURES)
    print(f"CONCEPT_COEFFICIENTS = {concepts}")
    _summary_select.CONCEPT_COEFFICIENTS = concepts  # type: ignore[misc]
    weights = fit_linear([sentence_examples(duc), sentence_examples(multinews)])
    sentences = _show(weights[: len(SENTENCE_FEATURES)], SENTENCE_FEATURES)
    header = "weights of newsweave's sentence rating on the sentence embedding: fit_concepts.py"
    np.savetxt(SENTENCE_VECTOR_FILE, weights[len(SENTENCE_FEATURES) :], fmt="%.5f", header=header)
    _summary_select._sentence_vector.cache_clear()
    print(f"SENTENCE_COEFFICIENTS = {sentences}")
    return concepts, sentences


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
