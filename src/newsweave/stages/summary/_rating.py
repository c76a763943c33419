"""Rate summary sentences: the modelled share of a sentence's bigrams a human summary uses.

A linear model, fitted by bench/summarize/fit_concepts.py, from the sentence's position, length,
centrality, corroboration, the weight of its concepts, signs of a quote, a caption, a teaser or
agency copy (`SENTENCE_FEATURES`) and its embedding, each weight moving with the story's size
(`rating_rows`). No weight belongs to a word: a sentence is never preferred for the outlet,
agency, person, place or year it names or comes from (the fitted text is lower-cased, so no rule
could tell those words from the others).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsweave.embed import DIMENSIONS
from newsweave.errors import NewsweaveError
from newsweave.stages.summary._select import (
    _REPORTING_WORDS,
    _STOP_STEMS,
    Candidate,
    _has_digit,
    concepts_of,
    content_stems,
    stem_words,
)

# The sentence rating: per `sentence_features` column, a weight and a weight per unit of story
# size (see `rating_rows`).
SENTENCE_RATING_FILE = (
    Path(__file__).parents[2] / "models" / "summary-words" / "sentence-rating.tsv"
)
# Story size counts from here: a story of this many articles is rated by the plain weights.
TYPICAL_STORY_ARTICLES = 3

SENTENCE_FEATURES = (
    "bias",
    "lead",  # 1 / (1 + position in its article)
    "is_first",
    "relative_position",  # position / sentences in its article
    "log_words",
    "concept_density",  # summed concept weight per concept the sentence holds
    "concept_mass",  # summed concept weight per word
    "centrality",  # cosine to the centroid of all the story's sentences
    "has_quote",
    "log_story_articles",
    "top_concept",  # weight of its weightiest concept
    "corroboration",  # share of the other articles with a sentence close to it (cosine >= 0.6)
    "closest_other",  # highest cosine to a sentence of another article
    "word_support",  # mean share of the story's articles that use each of its content words
    "first_person",  # I, we, my, our, me, us: a quote or an opinion
    "reporting",  # said, says, told, according: attributed speech
    "question",
    "has_number",
    "stop_share",  # share of its words that are stop words
    "short",  # fewer than 12 words
    "long",  # more than 35 words
    "dangling",  # opens with a pronoun or a connective
    "lead_similarity",  # highest cosine to the first sentence of another article
    "caption",  # photo, file, image, video, getty: a caption or a credit
    "ellipsis",  # ends in "...": a teaser cut short
    "dateline",  # its article opens with a dateline ("KENAI, Alaska (AP) —"): agency-style copy
)
_FIRST_PERSON = frozenset(("i", "we", "my", "our", "me", "us"))
_REPORTING = frozenset(stem_words(_REPORTING_WORDS))


def sentence_features(
    candidates: Sequence[Candidate],
    weights: dict[tuple[str, str], float],
    signals: npt.NDArray[np.float64],
    article_lengths: Sequence[int],
    word_share: dict[str, float],
    vectors: npt.NDArray[np.float32],
) -> npt.NDArray[np.float64]:
    """One feature row per candidate sentence: `SENTENCE_FEATURES`, then its embedding (`vectors`,
    one row per candidate), whose weights say what kind of sentence summaries keep.

    `signals` has one row per candidate: centrality, corroboration, closest other, has quote,
    question, dangling, lead similarity, caption, ellipsis, dateline (what needs the text or the
    embeddings, computed by the caller).
    """
    rows = np.zeros((len(candidates), len(SENTENCE_FEATURES)))
    story_articles = math.log1p(len(article_lengths))
    for r, c in enumerate(candidates):
        concepts = concepts_of(c.stems)
        held = [weights.get(concept, 0.0) for concept in concepts]
        mass = math.fsum(held)
        content = content_stems(c.stems)
        distinct = set(c.stems)
        stems = len(c.stems) or 1
        (
            centrality,
            corroboration,
            closest,
            quoted,
            question,
            dangling,
            lead,
            caption,
            cut,
            datelined,
        ) = signals[r]
        rows[r] = (
            1.0,
            1.0 / (1.0 + c.position),
            float(c.position == 0),
            c.position / max(1, article_lengths[c.article]),
            math.log1p(c.words),
            mass / max(1, len(concepts)),
            mass / max(1, c.words),
            centrality,
            quoted,
            story_articles,
            max(held, default=0.0),
            corroboration,
            closest,
            math.fsum(word_share.get(w, 0.0) for w in content) / max(1, len(content)),
            float(not distinct.isdisjoint(_FIRST_PERSON)),
            float(not distinct.isdisjoint(_REPORTING)),
            question,
            float(any(_has_digit(s) for s in distinct)),
            sum(s in _STOP_STEMS for s in c.stems) / stems,
            float(c.words < 12),
            float(c.words > 35),
            dangling,
            lead,
            caption,
            cut,
            datelined,
        )
    return np.hstack([rows, vectors])


def rating_rows(rows: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """`sentence_features` rows, then the same columns times the story's size (log articles, from
    `TYPICAL_STORY_ARTICLES`): what a summary keeps of a 10-article story of full newswire is not
    what it keeps of two short web articles, so every weight may move with the size."""
    size = rows[:, SENTENCE_FEATURES.index("log_story_articles")] - math.log1p(
        TYPICAL_STORY_ARTICLES
    )
    return np.hstack([rows, rows * size[:, None]])


def rate_sentences(rows: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The modelled share of a sentence's bigrams that a human summary uses: a linear model of the
    `rating_rows` of its `sentence_features` (`SENTENCE_RATING_FILE`)."""
    rating: npt.NDArray[np.float64] = np.clip(rating_rows(rows) @ _sentence_rating(), 0.0, 1.0)
    return rating


def sentence_rating_names() -> list[str]:
    """The names of the `sentence_features` columns, as `SENTENCE_RATING_FILE` lists them."""
    return [*SENTENCE_FEATURES, *(f"embedding_{d}" for d in range(DIMENSIONS))]


@cache
def _sentence_rating() -> npt.NDArray[np.float64]:
    with SENTENCE_RATING_FILE.open(encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#")]
    if [row[0] for row in rows] != sentence_rating_names():
        # A stale file would weigh the wrong columns without a sound: refuse it.
        raise NewsweaveError(
            f"{SENTENCE_RATING_FILE} does not list the summarizer's sentence features; refit it "
            "with bench/summarize/fit_concepts.py"
        )
    weights = np.array([[float(row[1]), float(row[2])] for row in rows])
    return np.concatenate([weights[:, 0], weights[:, 1]])
