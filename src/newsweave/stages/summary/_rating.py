"""Rate summary sentences: the modelled share of a sentence's bigrams a human summary uses.

A linear model, fitted by bench/summarize/fit_concepts.py, from the sentence's position, length,
centrality, corroboration, the weight of its concepts and the prior of its words, signs of a
quote, a caption, a teaser or agency copy (`SENTENCE_FEATURES`) and its embedding, each weight
moving with the story's size (`rating_rows`), from its own words, word pairs and opening
(`word_grams`), and from the words of its article (`article_grams`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from newsweave.embed import DIMENSIONS
from newsweave.errors import NewsweaveError
from newsweave.stages.summary._select import (
    _REPORTING_WORDS,
    _STOP_STEMS,
    WORD_PRIOR_FILE,
    Candidate,
    _has_digit,
    _word_priors,
    concepts_of,
    content_stems,
    stem_words,
)

# The sentence rating: per `sentence_features` column, a weight and a weight per unit of story
# size (see `rating_rows`); per word gram, a weight (see `word_grams`).
SENTENCE_RATING_FILE = WORD_PRIOR_FILE.with_name("sentence-rating.tsv")
SENTENCE_WORDS_FILE = WORD_PRIOR_FILE.with_name("sentence-words.tsv")
# The weight of a sentence's opening stem, and of its opening pair, among its `word_grams`.
OPENING_WEIGHT = 0.5
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
    "word_prior",  # mean `word_prior` of its content words
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
    priors, default = _word_priors()
    for r, c in enumerate(candidates):
        concepts = concepts_of(c.stems)
        held = [weights.get(concept, 0.0) for concept in concepts]
        mass = sum(held)
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
            sum(word_share.get(w, 0.0) for w in content) / max(1, len(content)),
            float(not distinct.isdisjoint(_FIRST_PERSON)),
            float(not distinct.isdisjoint(_REPORTING)),
            question,
            float(any(_has_digit(s) for s in distinct)),
            sum(s in _STOP_STEMS for s in c.stems) / stems,
            float(c.words < 12),
            float(c.words > 35),
            dangling,
            sum(priors.get(w, default) for w in content) / max(1, len(content)),
            lead,
            caption,
            cut,
            datelined,
        )
    return np.hstack([rows, vectors])


def word_grams(stems: tuple[str, ...]) -> dict[str, float]:
    """A sentence's stems and adjacent stem pairs ("a b"), counted and scaled to unit length, and
    its opening stem and stem pair ("^a", "^a b", weight `OPENING_WEIGHT`): what the words part
    of the sentence rating reads of the sentence itself ("^photo" opens a caption, "^he" leans
    on the sentence before)."""
    counts = Counter(stems)
    counts.update(f"{a} {b}" for a, b in pairwise(stems))
    norm = math.sqrt(sum(n * n for n in counts.values())) or 1.0
    grams = {gram: n / norm for gram, n in counts.items()}
    if stems:
        grams["^" + stems[0]] = OPENING_WEIGHT
    if len(stems) > 1:
        grams[f"^{stems[0]} {stems[1]}"] = OPENING_WEIGHT
    return grams


def article_grams(candidates: Sequence[Candidate]) -> dict[int, dict[str, float]]:
    """Per article (of `candidates`, every sentence of the story): its content stems, counted once
    per sentence that uses them and scaled to unit length, as "A:stem" grams. What the rating
    reads of the page a sentence comes from: a wire story keeps its sentences in the summary, a
    page of tweets, a gallery or a list of links does not, whatever the sentence says."""
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for candidate in candidates:
        counts[candidate.article].update(content_stems(candidate.stems))
    grams = {}
    for article, count in counts.items():
        norm = math.sqrt(sum(n * n for n in count.values())) or 1.0
        grams[article] = {f"A:{stem}": n / norm for stem, n in count.items()}
    return grams


def rating_grams(
    candidates: Sequence[Candidate], articles: dict[int, dict[str, float]]
) -> list[dict[str, float]]:
    """Per candidate, the grams the words part of the rating reads: its `word_grams` and its
    article's `article_grams`."""
    return [{**word_grams(c.stems), **articles.get(c.article, {})} for c in candidates]


def rating_rows(rows: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """`sentence_features` rows, then the same columns times the story's size (log articles, from
    `TYPICAL_STORY_ARTICLES`): what a summary keeps of a 10-article story of full newswire is not
    what it keeps of two short web articles, so every weight may move with the size."""
    size = rows[:, SENTENCE_FEATURES.index("log_story_articles")] - math.log1p(
        TYPICAL_STORY_ARTICLES
    )
    return np.hstack([rows, rows * size[:, None]])


def rate_sentences(
    rows: npt.NDArray[np.float64],
    candidates: Sequence[Candidate],
    articles: dict[int, dict[str, float]],
) -> npt.NDArray[np.float64]:
    """The modelled share of a sentence's bigrams that a human summary uses: a linear model of the
    `rating_rows` of its features (`SENTENCE_RATING_FILE`) and of its `rating_grams`
    (`SENTENCE_WORDS_FILE`), given the story's `article_grams`."""
    vocabulary = _sentence_words()

    def read(grams: dict[str, float]) -> float:
        return sum(vocabulary.get(gram, 0.0) * x for gram, x in grams.items())

    # The same as reading each candidate's `rating_grams`, with each article read once.
    article_part = {article: read(grams) for article, grams in articles.items()}
    words = [read(word_grams(c.stems)) + article_part.get(c.article, 0.0) for c in candidates]
    rating: npt.NDArray[np.float64] = np.clip(
        rating_rows(rows) @ _sentence_rating() + np.asarray(words), 0.0, 1.0
    )
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


@cache
def _sentence_words() -> dict[str, float]:
    weights: dict[str, float] = {}
    with SENTENCE_WORDS_FILE.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                gram, _, value = line.rstrip("\n").partition("\t")
                weights[gram] = float(value)
    return weights
