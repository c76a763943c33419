"""Fit the summarizer's word prior and its two small models: concept weights ("a human summary
uses this bigram", logistic) and sentence ratings ("the share of this sentence's bigrams a human
summary uses", linear in the sentence features, their products with the story size, and the
sentence's words and word pairs).

Fitted on DUC 2004 clusters 0-24 (4 references each; labels are shares over the references) and
on Multi-News test clusters 1000-5621 (one reference each). Held out: DUC 25-49 and Multi-News
0-499, the sample run.py scores; Multi-News 500-999 is kept for choosing the summarizer's few
scalars (`run.py --clusters 500:1000`). The sentence model is fitted on the sentence features the
summarizer computes with the freshly fitted concept weights in force. Writes the word prior and
the sentence rating into src/newsweave/models/summary-words/, and prints the coefficient tuple to
paste into `CONCEPT_COEFFICIENTS` in src/newsweave/stages/summary/_select.py.

    .venv/bin/python bench/summarize/fit_concepts.py [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
from collections import Counter
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
    SENTENCE_WORDS_FILE,
    rating_grams,
    rating_rows,
    sentence_rating_names,
)
from newsweave.stages.summary._select import (
    CONCEPT_FEATURES,
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
# Chosen on Multi-News 500-999 (R-2 F1 there: 10 -> 15.52, 30 -> 15.55, 100 -> 15.46).
RIDGE_ALPHA = 30.0
GRAM_MIN_SENTENCES = 10  # a rarer word or word pair gets no weight of its own
Examples = tuple[np.ndarray, np.ndarray, np.ndarray]
SentenceExamples = tuple[np.ndarray, np.ndarray, np.ndarray, list[dict[str, float]]]


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


def sentence_examples(clusters: Sequence[Cluster]) -> SentenceExamples:
    """Sentence feature rows as the summarizer computes them, and each sentence's `rating_grams`;
    label: the share of the sentence's bigrams that the references use, as ROUGE-2 counts them
    (the mean over the references)."""
    from rouge_score.tokenizers import DefaultTokenizer

    from newsweave.stages.summary import _table

    tokenizer = DefaultTokenizer(use_stemmer=True)
    xs, shares, grams = [], [], []
    for cluster in clusters:
        table = _table(cluster.story)
        if table is None:
            continue
        used = [set(pairwise(tokenizer.tokenize(reference))) for reference in cluster.references]
        share = []
        for index in table.candidates:
            bigrams = list(pairwise(tokenizer.tokenize(table.sentences[index].text)))
            hits = [sum(b in u for b in bigrams) / max(1, len(bigrams)) for u in used]
            share.append(sum(hits) / len(hits))
        grams.extend(rating_grams(table.pool, table.articles))
        xs.append(rating_rows(table.features))
        shares.append(np.array(share))
    return (*_soft(xs, shares), grams)


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


def fit_linear(parts: Sequence[SentenceExamples]) -> tuple[np.ndarray, dict[str, float]]:
    """A least-squares (ridge) model of the soft labels on the feature rows and the word grams
    (those in at least `GRAM_MIN_SENTENCES` sentences); its row coefficients and gram weights."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import Ridge

    x, y, w = _pooled([p[:3] for p in parts])
    grams = [g for p in parts for g in p[3]]
    seen = Counter(gram for g in grams for gram in g)
    kept = {gram: 1 for gram, n in seen.items() if n >= GRAM_MIN_SENTENCES}
    vocabulary = DictVectorizer().fit([kept])
    words = vocabulary.transform(grams)
    model = Ridge(alpha=RIDGE_ALPHA, fit_intercept=False, solver="sparse_cg", tol=1e-6)
    model.fit(hstack([csr_matrix(x), words]).tocsr(), y, sample_weight=w)
    rows, weights = model.coef_[: x.shape[1]], model.coef_[x.shape[1] :]
    names = vocabulary.get_feature_names_out()
    return rows, {str(g): float(c) for g, c in zip(names, weights, strict=True) if abs(c) >= 5e-4}


def write_sentence_rating(rows: np.ndarray, grams: dict[str, float]) -> None:
    """Write `SENTENCE_RATING_FILE` (a weight and a per-size weight per feature column) and
    `SENTENCE_WORDS_FILE` (a weight per word gram)."""
    names = sentence_rating_names()
    plain, per_size = rows[: len(names)], rows[len(names) :]
    lines = [
        "# newsweave's sentence rating, written by bench/summarize/fit_concepts.py",
        "# feature\tweight\tweight per unit of story size (see rating_rows)",
        *(f"{n}\t{a:.5f}\t{b:.5f}" for n, a, b in zip(names, plain, per_size, strict=True)),
    ]
    SENTENCE_RATING_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = [
        "# newsweave's sentence rating on word grams, written by bench/summarize/fit_concepts.py",
        *(f"{gram}\t{weight:.4f}" for gram, weight in sorted(grams.items())),
    ]
    SENTENCE_WORDS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _summary_rating._sentence_rating.cache_clear()
    _summary_rating._sentence_words.cache_clear()
    for name, a, b in zip(SENTENCE_FEATURES, plain, per_size, strict=False):
        print(f"  {name:20s} {a:+.3f} {b:+.3f}")
    print(f"{SENTENCE_RATING_FILE}, {SENTENCE_WORDS_FILE}: {len(grams)} word grams")


def _show(coefficients: np.ndarray, names: Sequence[str]) -> tuple[float, ...]:
    rounded = tuple(round(float(c), 3) for c in coefficients)
    for name, c in zip(names, rounded, strict=True):
        print(f"  {name:20s} {c:+.3f}")
    return rounded


def fit_both(duc: Sequence[Cluster], multinews: Sequence[Cluster]) -> tuple[float, ...]:
    """Fit the word prior, the concept coefficients (returned), then the sentence rating computed
    with those concepts in force."""
    fit_word_prior([*duc, *multinews])
    concepts = fit_logistic([concept_examples(duc), concept_examples(multinews)], CONCEPT_FEATURES)
    print(f"CONCEPT_COEFFICIENTS = {concepts}")
    _summary_select.CONCEPT_COEFFICIENTS = concepts  # type: ignore[misc]
    write_sentence_rating(*fit_linear([sentence_examples(duc), sentence_examples(multinews)]))
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
