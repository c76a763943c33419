"""Whether two sentences state the same fact: the one claim matcher of newsweave.

Sentence similarity alone calls two statements about one event "the same" whatever their values
("14 agreements" / "12 agreements" score a cosine of 0.95). The matcher reads what a fact is made
of as well: the content words both share (and how much each leaves unsaid), the numbers each
gives, the names each gives, and whether one of them negates. A logistic model weighs these; it
is fitted on news sentence pairs judged by people (the first 3,000 pairs of MSRP, by
bench/claims/fit_matcher.py) and ships as `models/fact-match/weights.tsv`.

Two uses, two cuts on the one score:
- `same_fact`: the two sentences state one fact (claims group such sentences);
- `states_fact`: a span states the fact of a summary sentence, and so may be cited for it. A
  citation must hold, so its cut is set for precision on labelled citation pairs (bench/claims).
A span that gives another value of the fact (numbers that differ both ways) never states it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from newsweave._caches import story_cache
from newsweave._text import stem_words
from newsweave.stages.claims._slots import (
    NEGATION,
    STOPWORDS,
    quantities,
    same_quantity,
    same_unit,
)

MODEL_FILE = Path(__file__).parents[2] / "models" / "fact-match" / "weights.tsv"
FEATURES = (
    "cosine",
    "content_share_min",  # shared content stems / those of the sentence with fewer
    "content_share_max",  # shared content stems / those of the sentence with more
    "bigram_share_min",  # shared adjacent stem pairs / those of the shorter sentence
    "unsaid_words",  # log(1 + content stems of the longer sentence the other lacks)
    "number_clash",  # a count of one thing with two values
    "numbers_one_side",  # share of the numbers only one sentence gives
    "names_one_side",  # share of the names (capitalised words) only one sentence gives
    "negation_differs",  # one sentence negates a verb, the other does not
    "length_ratio",  # shorter / longer, in content stems
    # The wording, as machine-translation metrics read it: the share of word n-grams (n = 1, 2,
    # 3) of each sentence found in the other (the lower and the higher of the two), character
    # n-gram overlap, edit distances and the words each leaves out.
    "word1_low",
    "word2_low",
    "word3_low",
    "word1_high",
    "word2_high",
    "word3_high",
    "char4_jaccard",
    "char_ratio",
    "token_set_ratio",
    "length_gap",
    "word_edit_distance",
    "char3_low",
    "char3_high",
    "char5_low",
    "char5_high",
    "words_left_low",
    "words_left_high",
)
# Cuts on the matcher's probability (fit_matcher.py prints how they were set).
SAME_FACT_CUT = 0.5  # MSRP's own line: "the same statement" for more likely than not
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


@cache
def _model() -> dict[str, dict[str, float]]:
    """The shipped weights: "same.<feature>" for the matcher, "cite.<feature>" for citations."""
    tables: dict[str, dict[str, float]] = {"same": {}, "cite": {}}
    for line in MODEL_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, value = line.split("\t")
            table, _, feature = name.partition(".")
            tables[table][feature] = float(value)
    return tables


def _logistic(
    rows: npt.NDArray[np.float64], table: str, names: Sequence[str]
) -> npt.NDArray[np.float64]:
    weights = _model()[table]
    vector = np.array([weights[name] for name in names], dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-(rows @ vector + weights["intercept"])))


def fact_features(first: str, second: str, cosine: float) -> npt.NDArray[np.float64]:
    """The matcher's reading of a pair of sentences, in the order of `FEATURES`."""
    words_a, words_b = _content(first), _content(second)
    shared = len(words_a & words_b)
    fewer, more = sorted((len(words_a), len(words_b)))
    grams_a, grams_b = _bigrams(first), _bigrams(second)
    fewer_grams = min(len(grams_a), len(grams_b))
    longer = words_a if len(words_a) >= len(words_b) else words_b
    numbers_a, numbers_b = _numbers(first), _numbers(second)
    all_numbers = numbers_a | numbers_b
    names_a, names_b = _names(first), _names(second)
    all_names = names_a | names_b
    return np.array(
        [
            cosine,
            shared / fewer if fewer else 0.0,
            shared / more if more else 0.0,
            len(grams_a & grams_b) / fewer_grams if fewer_grams else 0.0,
            math.log1p(len(longer - (words_a & words_b))),
            float(number_clash(first, second)),
            len(numbers_a ^ numbers_b) / len(all_numbers) if all_numbers else 0.0,
            len(names_a ^ names_b) / len(all_names) if all_names else 0.0,
            float(bool(NEGATION.search(first)) != bool(NEGATION.search(second))),
            fewer / more if more else 0.0,
            *_wording(first, second),
        ],
        dtype=np.float64,
    )


def _wording(first: str, second: str) -> list[float]:
    tokens_a, tokens_b = _tokens(first), _tokens(second)
    low, high = [], []
    for n in (1, 2, 3):
        grams_a, grams_b = _grams(tokens_a, n), _grams(tokens_b, n)
        shared = len(grams_a & grams_b)
        shares = (shared / max(len(grams_a), 1), shared / max(len(grams_b), 1))
        low.append(min(shares))
        high.append(max(shares))
    chars = {n: (_char_grams(first, n), _char_grams(second, n)) for n in (3, 4, 5)}
    char_shares = []
    for n in (3, 5):
        a, b = chars[n]
        shared = len(a & b)
        char_shares += [shared / max(min(len(a), len(b)), 1), shared / max(len(a), len(b), 1)]
    four_a, four_b = chars[4]
    left_a, left_b = len(set(tokens_a) - set(tokens_b)), len(set(tokens_b) - set(tokens_a))
    return [
        *low,
        *high,
        len(four_a & four_b) / max(len(four_a | four_b), 1),
        fuzz.ratio(first.casefold(), second.casefold()) / 100,
        fuzz.token_set_ratio(first, second) / 100,
        abs(len(tokens_a) - len(tokens_b)) / max(len(tokens_a), len(tokens_b), 1),
        Levenshtein.normalized_distance(tokens_a, tokens_b),
        *char_shares,
        math.log1p(min(left_a, left_b)),
        math.log1p(max(left_a, left_b)),
    ]


# The per-sentence readings below are cached: a story compares each sentence with many others.
@story_cache(maxsize=1 << 14)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.casefold()))


@story_cache(maxsize=1 << 14)
def _grams(tokens: tuple[str, ...], n: int) -> frozenset[tuple[str, ...]]:
    return frozenset(tokens[i : i + n] for i in range(len(tokens) - n + 1))


@story_cache(maxsize=1 << 14)
def _char_grams(text: str, n: int) -> frozenset[str]:
    folded = text.casefold()
    return frozenset(folded[i : i + n] for i in range(len(folded) - n + 1))


def fact_scores(
    pairs: Sequence[tuple[str, str]], cosines: Sequence[float]
) -> npt.NDArray[np.float64]:
    """The probability that each pair states one fact (the matcher, fitted on MSRP)."""
    if not pairs:
        return np.zeros(0)
    rows = np.array([fact_features(a, b, c) for (a, b), c in zip(pairs, cosines, strict=True)])
    return _logistic(rows, "same", FEATURES)


@story_cache(maxsize=1 << 12)
def fact_score(first: str, second: str, cosine: float) -> float:
    # Cached: a pair is read by `same_fact` and again by `states_fact`'s citation features.
    return float(fact_scores([(first, second)], [cosine])[0])


def same_fact(first: str, second: str, cosine: float) -> bool:
    """Whether two sentences state one fact (claim matching)."""
    return not number_clash(first, second) and fact_score(first, second, cosine) >= SAME_FACT_CUT


def citation_features(sentence: str, span: str, cosine: float) -> npt.NDArray[np.float64]:
    """How far `span` states what `sentence` says: the matcher's score, and the share of the
    sentence's content words and names the span gives (it may say more, not less)."""
    said, given = _content(sentence), _content(span)
    names, span_names = _names(sentence), _names(span)
    return np.array(
        [
            cosine,
            fact_score(sentence, span, cosine),
            len(said & given) / max(len(said), 1),
            len(said & given) / max(len(given), 1),
            len(names & span_names) / len(names) if names else 1.0,
            float(number_clash(sentence, span)),
        ]
    )


CITATION_FEATURES = (
    "cosine",
    "matcher",
    "sentence_words_given",
    "span_words_said",
    "sentence_names_given",
    "number_clash",
)


def citation_score(sentence: str, span: str, cosine: float) -> float:
    """The probability that `span` states the fact of `sentence` (fitted on labelled citations)."""
    rows = citation_features(sentence, span, cosine)[None, :]
    return float(_logistic(rows, "cite", CITATION_FEATURES)[0])


def states_fact(sentence: str, span: str, cosine: float) -> bool:
    """Whether `span` states the fact of `sentence`, so that it may be cited for it."""
    if number_clash(sentence, span):
        return False
    return citation_score(sentence, span, cosine) >= _model()["cite"]["cut"]


def number_clash(first: str, second: str) -> bool:
    """One thing counted with two values ("14 agreements" / "12 agreements"), neither sentence
    giving the other's value for it: another version of the fact, never support for it."""
    found_a, found_b = quantities(first), quantities(second)
    for qa in found_a:
        if any(same_quantity(qa, qb) for qb in found_b):
            continue
        for qb in found_b:
            if same_unit(qa, qb) and not any(same_quantity(qb, o) for o in found_a):
                return True
    return False


@story_cache(maxsize=1 << 14)
def _content(text: str) -> frozenset[str]:
    return frozenset(s for s in stem_words(text) if s not in _STOP_STEMS and len(s) > 1)


@story_cache(maxsize=1 << 14)
def _bigrams(text: str) -> frozenset[tuple[str, str]]:
    stems = [s for s in stem_words(text) if s not in _STOP_STEMS]
    return frozenset(itertools.pairwise(stems))


def _numbers(text: str) -> frozenset[str]:
    return frozenset(m.group(0).replace(",", "") for m in _DIGITS.finditer(text))


def _names(text: str) -> frozenset[str]:
    return frozenset(
        m.group(0).casefold()
        for m in _NAME.finditer(text)
        if m.group(0).casefold() not in STOPWORDS
    )


_STOP_STEMS = frozenset(stem_words(" ".join(sorted(STOPWORDS))))
