"""ROUGE as the research notes calibrate it: rouge-score, Porter stemming, no stop-word removal,
summaries cut to the first N whitespace words (ROUGE-1.5.5 `-l N`), averaged over references."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

METRICS = ("rouge1", "rouge2", "rougeL")


@cache
def _scorer():  # type: ignore[no-untyped-def]
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def truncate(text: str, words: int) -> str:
    """The first `words` whitespace-separated words of `text`."""
    return " ".join(text.split()[:words])


def score(summary: str, references: Sequence[str]) -> dict[str, dict[str, float]]:
    """{metric: {"r", "p", "f"}} for one summary, each the mean over the references."""
    totals = {m: {"r": 0.0, "p": 0.0, "f": 0.0} for m in METRICS}
    for reference in references:
        result = _scorer().score(reference, summary)
        for m in METRICS:
            totals[m]["r"] += result[m].recall
            totals[m]["p"] += result[m].precision
            totals[m]["f"] += result[m].fmeasure
    n = max(1, len(references))
    return {m: {k: v / n for k, v in parts.items()} for m, parts in totals.items()}


def mean_scores(per_cluster: Sequence[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """The corpus score: the mean over clusters, x100."""
    n = max(1, len(per_cluster))
    return {
        m: {k: 100 * sum(s[m][k] for s in per_cluster) / n for k in ("r", "p", "f")}
        for m in METRICS
    }
