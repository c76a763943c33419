"""Choose summary sentences: budgeted maximum coverage of weighted bigram concepts, by ILP.

After Gillick & Favre (2009, ICSISumm): a concept is a stemmed word bigram, and the summary is the
set of sentences that covers the most concept weight within the word budget. A concept counts
once, so a second sentence saying the same thing adds nothing (redundancy control), and pairs the
caller marks as the same fact may not both be chosen.

A concept's weight, fitted by bench/summarize/fit_concepts.py, is the modelled chance that a
human summary uses it (logistic), from how many of the story's articles state it, how early and
how often (`CONCEPT_FEATURES`); no weight belongs to any word itself, so no outlet, person, place
or year counts for what it is. The rating of each sentence is `_rating`'s.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix
from spacy.lang.en.stop_words import STOP_WORDS

from newsweave._caches import story_cache
from newsweave._text import stem_words

# Fitted on DUC 2004 clusters 0-24 and Multi-News test clusters 1000-5621; see the module doc.
CONCEPT_COEFFICIENTS = (
    -1.279,
    -0.251,
    0.418,
    4.257,
    -0.658,
    -0.969,
    1.711,
    -0.702,
    0.05,
    -1.918,
    0.914,
    -0.248,
    -0.578,
    -1.678,
    -0.915,
)
MIN_CONCEPT_WEIGHT = 0.05
# The solver stops after this many branch-and-bound nodes, not after a wall-clock time: a time
# limit made the summary depend on the machine's load (one Multi-News story got another summary
# under load 20). At idle this many nodes take well under the 2 s the time limit allowed.
_ILP_NODE_LIMIT = 500
# Stop once the choice is proven within 1% of the best: on the 72 choices of DUC 2004 at 100 words,
# 69 are the same as the exact optimum's, and the solver takes a quarter less time.
_ILP_RELATIVE_GAP = 0.01
MAX_ILP_SENTENCES = 60
# Reporting words and titles say nothing about the event; as stop words, they make no concept.
# (This list and the Porter stems are the summary's own: see newsweave.vocabulary.)
_REPORTING_WORDS = "said says say told tell according"
_NEWS_STOP_WORDS = f"{_REPORTING_WORDS} would could also year years mr mrs ms"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may enter the summary."""

    article: int  # index of its article in the story
    position: int  # index of the sentence in its article
    words: int  # whitespace words, the unit of the budget
    stems: tuple[str, ...]  # lower-cased, Porter-stemmed word tokens


@story_cache(maxsize=1 << 12)
def content_stems(stems: tuple[str, ...]) -> frozenset[str]:
    """The stems that carry content: not stop words, not bare one-letter tokens."""
    return frozenset(s for s in stems if s not in _STOP_STEMS and len(s) > 1)


@story_cache(maxsize=1 << 12)
def concepts_of(stems: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """The bigram concepts of a sentence: adjacent stems, unless both are stop words."""
    # Cached: the summarizer asks for a sentence's concepts at each of its steps.
    return frozenset(
        (a, b) for a, b in pairwise(stems) if not (a in _STOP_STEMS and b in _STOP_STEMS)
    )


CONCEPT_FEATURES = (
    "bias",
    "article_share",  # share of the story's articles that state the concept
    "log_articles",  # log(1 + number of articles stating it)
    "first_position",  # 1 / (1 + earliest sentence position over the articles)
    "mean_position",  # mean over the stating articles of 1 / (1 + first position there)
    "lead_share",  # share of the story's articles that state it in their first two sentences
    "log_count",  # log(1 + occurrences in the story)
    "has_stop_word",
    "has_number",
    "log_story_articles",  # log(1 + articles in the story): lets the rest scale with story size
    "word_share_min",  # of its content words, the lowest share of the articles using the word
    "word_share_max",  # ... and the highest (0 for a concept of stop words only)
    "both_content",  # neither word is a stop word
    "in_first_sentence",  # some article states it in its first sentence
    "relative_first",  # 1 - earliest position relative to its article's length
)


def concept_features(
    candidates: Sequence[Candidate], article_count: int
) -> tuple[list[tuple[str, str]], npt.NDArray[np.float64]]:
    """Every bigram concept of the story and its feature row (columns: `CONCEPT_FEATURES`)."""
    # One entry per occurrence of a concept: the concept, its article and its position there.
    occurrences: list[tuple[str, str]] = []
    articles: list[int] = []
    positions: list[int] = []
    words: dict[int, set[str]] = defaultdict(set)
    lengths: dict[int, int] = defaultdict(int)
    for candidate in candidates:
        article, position = candidate.article, candidate.position
        words[article].update(candidate.stems)
        lengths[article] = max(lengths[article], position + 1)
        held = sorted(concepts_of(candidate.stems))  # sorted: the same ids whatever the hash seed
        occurrences.extend(held)
        articles += [article] * len(held)
        positions += [position] * len(held)
    ids: dict[tuple[str, str], int] = {}
    codes = np.fromiter((ids.setdefault(c, len(ids)) for c in occurrences), np.int64)
    counts = np.bincount(codes, minlength=len(ids))
    # Per (concept, article stating it): the concept's earliest position there.
    stride = max(lengths, default=0) + 1  # more than any article index
    pairs, which = np.unique(
        codes * stride + np.array(articles, dtype=np.int64), return_inverse=True
    )
    earliest_there = np.full(len(pairs), np.iinfo(np.int64).max)
    np.minimum.at(earliest_there, which, np.array(positions, dtype=np.int64))
    concepts = list(ids)
    m, n = len(concepts), max(1, article_count)
    using: dict[str, int] = defaultdict(int)
    for stems in words.values():
        for stem in stems:
            using[stem] += 1
    concept, position = pairs // stride, earliest_there.astype(float)
    relative = position / np.array([lengths[a] for a in (pairs % stride).tolist()], dtype=float)
    stating = np.bincount(concept, minlength=m).astype(float)
    earliest = np.full(m, np.inf)
    np.minimum.at(earliest, concept, position)
    earliest_relative = np.full(m, np.inf)
    np.minimum.at(earliest_relative, concept, relative)
    # Per distinct word: stop word?, share of the articles using it, digits.
    vocabulary = {w for pair in concepts for w in pair}
    share = {w: 0.0 if w in _STOP_STEMS else using[w] / n for w in vocabulary}
    first_words = [a for a, _ in concepts]
    second_words = [b for _, b in concepts]
    stop = np.array([[a in _STOP_STEMS, b in _STOP_STEMS] for a, b in concepts], dtype=bool)
    stop = stop.reshape(-1, 2)
    shares = np.array([[share[a], share[b]] for a, b in concepts]).reshape(-1, 2)
    content_shares = np.where(stop, np.nan, shares)
    with np.errstate(all="ignore"):
        share_min = np.nan_to_num(np.nanmin(content_shares, axis=1, initial=np.inf), posinf=0.0)
        share_max = np.nan_to_num(np.nanmax(content_shares, axis=1, initial=-np.inf), neginf=0.0)
    rows = np.column_stack(
        (
            np.ones(m),
            stating / n,
            np.log1p(stating),
            1.0 / (1.0 + earliest),
            np.bincount(concept, weights=1.0 / (1.0 + position), minlength=m) / stating,
            np.bincount(concept, weights=(position < 2).astype(float), minlength=m) / n,
            np.log1p(counts.astype(float)),
            stop.any(axis=1).astype(float),
            np.array(
                [
                    _has_digit(a) or _has_digit(b)
                    for a, b in zip(first_words, second_words, strict=True)
                ],
                dtype=float,
            ),
            np.full(m, math.log1p(n)),
            share_min,
            share_max,
            (~stop).all(axis=1).astype(float),
            (earliest == 0).astype(float),
            1.0 - earliest_relative,
        )
    ).reshape(m, len(CONCEPT_FEATURES))
    return concepts, rows


@lru_cache(maxsize=1 << 16)
def _has_digit(stem: str) -> bool:
    return any(ch.isdigit() for ch in stem)


def weigh_concepts(
    candidates: Sequence[Candidate], article_count: int
) -> dict[tuple[str, str], float]:
    """Concept weights: the modelled chance that a human summary of the story uses the concept.

    A logistic model over `CONCEPT_FEATURES` (`CONCEPT_COEFFICIENTS`, fitted by
    bench/summarize/fit_concepts.py). Concepts below `MIN_CONCEPT_WEIGHT` are dropped: they would
    barely move the choice and only slow the solver.
    """
    concepts, rows = concept_features(candidates, article_count)
    if not concepts:
        return {}
    chance = 1.0 / (1.0 + np.exp(-(rows @ np.asarray(CONCEPT_COEFFICIENTS))))
    return {c: float(w) for c, w in zip(concepts, chance, strict=True) if w >= MIN_CONCEPT_WEIGHT}


def select(
    candidates: Sequence[Candidate],
    weights: dict[tuple[str, str], float],
    budget: int,
    *,
    bonus: Sequence[float] | None = None,
    exclusive_pairs: Sequence[tuple[int, int]] = (),
    exclusive_among: Callable[[Sequence[int]], Iterable[tuple[int, int]]] | None = None,
    requires: Sequence[tuple[int, int | None]] = (),
) -> list[int]:
    """Indices of the candidates that cover the most concept weight within `budget` words.

    `bonus` adds a per-sentence value to the objective; `exclusive_pairs` may not both be chosen,
    nor the pairs `exclusive_among` finds among the candidates the solver weighs (computed only
    for those, so the cost does not grow with the story);
    in each pair of `requires` (a, b), a may be chosen only with b (never, when b is None).
    Solved by HiGHS to within `_ILP_RELATIVE_GAP` of the optimum; if it runs out of time, its
    best solution so far is used.
    """
    fitting = [i for i, c in enumerate(candidates) if c.words <= budget]
    if not fitting:
        return []
    if len(fitting) > MAX_ILP_SENTENCES:
        # Only the sentences worth most per word (bonus plus the weight of their concepts) can
        # make the best summary; the rest only slow the solver down.
        def value(i: int) -> float:
            held = math.fsum(weights.get(c, 0.0) for c in concepts_of(candidates[i].stems))
            return (held + (bonus[i] if bonus is not None else 0.0)) / max(1, candidates[i].words)

        fitting = sorted(sorted(fitting, key=value, reverse=True)[:MAX_ILP_SENTENCES])
    # The sentences (columns) that hold each concept. A concept only one sentence holds is
    # covered exactly when that sentence is chosen, so its weight goes to the sentence; concepts
    # held by the same sentences are one variable with their summed weight. Both are exact, and
    # they leave the solver a fraction of the variables.
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for column, index in enumerate(fitting):
        # Sorted, so the solver sees its variables in one order whatever the hash seed: with a
        # relative gap, another order can stop at another near-optimal summary.
        for concept in sorted(concepts_of(candidates[index].stems)):
            if concept in weights:
                holders[concept].append(column)
    n = len(fitting)
    sentence_value = np.zeros(n)
    shared: dict[tuple[int, ...], float] = defaultdict(float)
    for concept, columns in holders.items():
        if len(columns) == 1:
            sentence_value[columns[0]] += weights[concept]
        else:
            shared[tuple(columns)] += weights[concept]
    m = len(shared)
    rows = [j for j, columns in enumerate(shared) for _ in columns]
    cols = [column for columns in shared for column in columns]
    objective = np.concatenate([-sentence_value, -np.fromiter(shared.values(), float, m)])
    if bonus is not None:
        objective[:n] -= np.asarray([bonus[i] for i in fitting])
    if not np.any(objective):
        return []

    lengths = np.array([candidates[i].words for i in fitting], dtype=float)
    constraints = [LinearConstraint(np.concatenate([lengths, np.zeros(m)])[None, :], 0, budget)]
    if m:
        # A concept is covered only if some chosen sentence holds it: c_j - sum(x_i) <= 0.
        cover = coo_matrix(
            (
                np.concatenate([np.ones(m), -np.ones(len(rows))]),
                (np.concatenate([np.arange(m), rows]), np.concatenate([n + np.arange(m), cols])),
            ),
            shape=(m, n + m),
        )
        constraints.append(LinearConstraint(cover.tocsr(), -np.inf, 0))
    where = {index: column for column, index in enumerate(fitting)}
    pairs = [(where[a], where[b]) for a, b in exclusive_pairs if a in where and b in where]
    if exclusive_among is not None:
        pairs += [(where[a], where[b]) for a, b in exclusive_among(fitting)]
    if pairs:
        k = len(pairs)
        exclusive = coo_matrix(
            (np.ones(2 * k), (np.repeat(np.arange(k), 2), np.array(pairs).ravel())),
            shape=(k, n + m),
        )
        constraints.append(LinearConstraint(exclusive.tocsr(), -np.inf, 1))
    needs = [(where[a], None if b is None else where.get(b)) for a, b in requires if a in where]
    if needs:
        k = len(needs)
        # x_a - x_b <= 0; with b not available at all, x_a <= 0.
        data: list[float] = []
        r: list[int] = []
        col: list[int] = []
        for row, (a, b) in enumerate(needs):
            data.append(1.0)
            r.append(row)
            col.append(a)
            if b is not None:
                data.append(-1.0)
                r.append(row)
                col.append(b)
        constraints.append(
            LinearConstraint(coo_matrix((data, (r, col)), shape=(k, n + m)).tocsr(), -np.inf, 0)
        )
    result = milp(
        objective,
        constraints=constraints,
        integrality=np.concatenate([np.ones(n), np.zeros(m)]),  # c is integral at an optimum
        bounds=Bounds(0, 1),
        options={
            "node_limit": _ILP_NODE_LIMIT,
            "mip_rel_gap": _ILP_RELATIVE_GAP,
            "disp": False,
        },
    )
    if result.x is None:
        return []
    return [fitting[column] for column in range(n) if result.x[column] > 0.5]


_STOP_STEMS = frozenset(stem_words(" ".join(sorted(STOP_WORDS)) + " " + _NEWS_STOP_WORDS))
