"""Choose summary sentences: budgeted maximum coverage of weighted bigram concepts, by ILP.

After Gillick & Favre (2009, ICSISumm): a concept is a stemmed word bigram; its weight grows with
the number of articles that state it and with how early they state it; the summary is the set of
sentences that covers the most concept weight within the word budget. A concept counts once, so
a second sentence saying the same thing adds nothing (redundancy control), and pairs the caller
marks as the same fact may not both be chosen.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix
from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[a-z0-9]+")
_ILP_TIME_LIMIT_S = 2.0
CONCEPT_POWER = 1.0
UNIGRAM_WEIGHT = 0.0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may enter the summary."""

    article: int  # index of its article in the story
    position: int  # index of the sentence in its article
    words: int  # whitespace words, the unit of the budget
    stems: tuple[str, ...]  # lower-cased, Porter-stemmed word tokens


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("porter")


@lru_cache(maxsize=1 << 16)
def _stem(token: str) -> str:
    # The pure-Python stemmer is slow; news vocabulary repeats, so a cache makes it cheap.
    return str(_stemmer().stemWord(token))


def stem_words(text: str) -> tuple[str, ...]:
    """Lower-cased alphanumeric tokens of `text`, Porter-stemmed (as ROUGE counts words)."""
    return tuple(_stem(token) for token in _WORD.findall(text.lower()))


def content_stems(stems: Sequence[str]) -> frozenset[str]:
    """The stems that carry content: not stop words, not bare one-letter tokens."""
    return frozenset(s for s in stems if s not in _STOP_STEMS and len(s) > 1)


def concepts_of(stems: Sequence[str]) -> set[tuple[str, str]]:
    """The bigram concepts of a sentence: adjacent stems, unless both are stop words."""
    if UNIGRAM_WEIGHT:
        return {(a, b) for a, b in zip(stems, stems[1:], strict=False) if not (a in _STOP_STEMS and b in _STOP_STEMS)} | {(s,) for s in content_stems(stems)}
    return {
        (a, b)
        for a, b in zip(stems, stems[1:], strict=False)
        if not (a in _STOP_STEMS and b in _STOP_STEMS)
    }


def weigh_concepts(
    candidates: Sequence[Candidate],
    article_count: int,
    *,
    min_articles: int,
    position_decay: float,
) -> dict[tuple[str, str], float]:
    """Concept weights: summed over the articles stating a concept, each earliest mention counting
    `1 / (1 + position_decay * position)`; concepts in fewer than `min_articles` articles drop."""
    best: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for candidate in candidates:
        for concept in concepts_of(candidate.stems):
            seen = best[concept]
            if candidate.position < seen.get(candidate.article, 1 << 30):
                seen[candidate.article] = candidate.position
    weights = {}
    for concept, firsts in best.items():
        if len(firsts) < min_articles:
            continue
        weights[concept] = sum(1.0 / (1.0 + position_decay * p) for p in firsts.values()) ** CONCEPT_POWER
    if UNIGRAM_WEIGHT:
        uni: dict[str, dict[int, int]] = defaultdict(dict)
        for candidate in candidates:
            for stem in content_stems(candidate.stems):
                seen = uni[stem]
                if candidate.position < seen.get(candidate.article, 1 << 30):
                    seen[candidate.article] = candidate.position
        for stem, firsts in uni.items():
            if len(firsts) >= min_articles:
                weights[(stem,)] = UNIGRAM_WEIGHT * sum(1.0 / (1.0 + position_decay * p) for p in firsts.values()) ** CONCEPT_POWER
    return weights


def select(
    candidates: Sequence[Candidate],
    weights: dict[tuple[str, str], float],
    budget: int,
    *,
    bonus: Sequence[float] | None = None,
    exclusive_pairs: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """Indices of the candidates that cover the most concept weight within `budget` words.

    `bonus` adds a per-sentence value to the objective; `exclusive_pairs` may not both be chosen.
    Solved exactly by HiGHS; if it runs out of time, its best solution so far is used.
    """
    fitting = [i for i, c in enumerate(candidates) if c.words <= budget]
    if not fitting:
        return []
    concept_ids: dict[tuple[str, str], int] = {}
    rows, cols = [], []
    for column, index in enumerate(fitting):
        for concept in concepts_of(candidates[index].stems):
            if concept in weights:
                rows.append(concept_ids.setdefault(concept, len(concept_ids)))
                cols.append(column)
    n, m = len(fitting), len(concept_ids)
    objective = np.zeros(n + m)
    for concept, j in concept_ids.items():
        objective[n + j] = -weights[concept]
    if bonus is not None:
        objective[:n] -= np.asarray([bonus[i] for i in fitting])
    if not np.any(objective):
        return []

    lengths = np.array([candidates[i].words for i in fitting], dtype=float)
    constraints = [LinearConstraint(np.concatenate([lengths, np.zeros(m)])[None, :], 0, budget)]
    if m:
        # A concept is covered only if some chosen sentence holds it: c_j - sum(x_i) <= 0.
        cover = coo_matrix(
            (np.concatenate([np.ones(m), -np.ones(len(rows))]),
             (np.concatenate([np.arange(m), rows]), np.concatenate([n + np.arange(m), cols]))),
            shape=(m, n + m),
        )
        constraints.append(LinearConstraint(cover.tocsr(), -np.inf, 0))
    where = {index: column for column, index in enumerate(fitting)}
    pairs = [(where[a], where[b]) for a, b in exclusive_pairs if a in where and b in where]
    if pairs:
        k = len(pairs)
        exclusive = coo_matrix(
            (np.ones(2 * k), (np.repeat(np.arange(k), 2), np.array(pairs).ravel())), shape=(k, n + m)
        )
        constraints.append(LinearConstraint(exclusive.tocsr(), -np.inf, 1))
    result = milp(
        objective,
        constraints=constraints,
        integrality=np.concatenate([np.ones(n), np.zeros(m)]),  # c is integral at an optimum
        bounds=Bounds(0, 1),
        options={"time_limit": _ILP_TIME_LIMIT_S, "disp": False},
    )
    if result.x is None:
        return []
    return [fitting[column] for column in range(n) if result.x[column] > 0.5]


EXTRA_STOP = "said says say told tell according would could also year years mr mrs ms".split()
_STOP_STEMS = frozenset(stem_words(" ".join(sorted(STOP_WORDS)))) | frozenset(
    w for w in STOP_WORDS if w.isalnum()
)
_BASE_STOP = _STOP_STEMS
_STOP_STEMS = _BASE_STOP | frozenset(stem_words(" ".join(EXTRA_STOP)))
