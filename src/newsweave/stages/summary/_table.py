"""What the summary's choice works on: a story's sentences, which of them may be chosen, and the
feature row of each (`sentence_features`), computed once per story.

The signals that need the text or the embeddings are read here: centrality, corroboration by
other articles, closeness to their leads, and signs of a quote, a question, a dangling opening,
a caption, a teaser cut short and agency-style copy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt

from newsweave._text import is_suggestion
from newsweave.embed import embed
from newsweave.model import Article, Span, Story
from newsweave.stages.article._noise import AGENCY_MARK
from newsweave.stages.article.clean import DATELINE
from newsweave.stages.summary._rating import sentence_features
from newsweave.stages.summary._select import (
    Candidate,
    content_stems,
    stem_words,
    weigh_concepts,
)

MIN_SENTENCE_WORDS = 6  # shorter sentences are fragments, bylines or quotes out of context
# A sentence is corroborated by an article that has a sentence this close to it (cosine).
_CORROBORATED = 0.6
_SIGNAL_ROWS = 512  # candidates compared with the whole story at once
# A sentence opening like this leans on the one before it ("He said", "But", "It").
DANGLING = re.compile(
    r"^[\s\"'`“‘(]*(?:he|she|it|its|they|their|them|this|that|these|those|but|and|or|so|also|"
    r"however|yet|still|meanwhile|instead|then|there|here|such)\b",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"\b(?:photos?|file|pictured|images?|video|getty)\b", re.IGNORECASE)
_QUOTES = ('"', "``", "''", "“", "”")
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")
_QUESTION = re.compile(r"\?\s*$")  # ends with its question mark, outside any quotation
# Agency-style copy ("KENAI, Alaska (AP) —"): human summaries keep its sentences more than the
# model of the other features expects (Multi-News 500-999: a share of 0.26 of their bigrams
# against 0.19 rated). The cleaner cuts the datelines it knows (`article.clean.DATELINE`); the
# others stay in the text, in the article's first sentences. Only the sign counts, never which
# agency it is.
_DATELINE_SENTENCES = 3  # where a dateline may stand: captions and credits can come first


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the story: where it stands, its text and its stems."""

    span: Span
    text: str
    article: int
    position: int
    stems: tuple[str, ...]
    content: frozenset[str]


@dataclass(frozen=True, slots=True)
class Table:
    """The story's sentences, their vectors, the candidates and their features."""

    sentences: list[Sentence]
    vectors: npt.NDArray[np.float32]
    candidates: list[int]  # indices into `sentences`
    pool: list[Candidate]  # one per candidate
    weights: dict[tuple[str, str], float]
    features: npt.NDArray[np.float64]  # `sentence_features` rows, one per candidate


def story_table(story: Story) -> Table | None:
    """The `Table` of the story's sentences; None when it has none."""
    sentences = [
        Sentence(span, text, a, p, stems, content_stems(stems))
        for a, article in enumerate(story.articles)
        for p, span in enumerate(article.sentences)
        for text in [article.quote(span)]
        for stems in [stem_words(text)]
    ]
    if not sentences:
        return None
    vectors = embed([s.text for s in sentences])
    # Concepts are weighed over every sentence, candidate or not: a fact counts as stated by an
    # article even when its sentence there is too short to be quoted.
    everything = [Candidate(s.article, s.position, 0, s.stems) for s in sentences]
    weights = weigh_concepts(everything, len(story.articles))
    candidates = _candidates(sentences)
    pool = [
        Candidate(
            sentences[i].article,
            sentences[i].position,
            len(sentences[i].text.split()),
            sentences[i].stems,
        )
        for i in candidates
    ]
    datelined = {a for a, article in enumerate(story.articles) if opens_with_dateline(article)}
    features = sentence_features(
        pool,
        weights,
        _signals(sentences, candidates, vectors, datelined),
        [len(article.sentences) for article in story.articles],
        _word_share(sentences, len(story.articles)),
        vectors[candidates],
    )
    return Table(sentences, vectors, candidates, pool, weights, features)


def opens_with_dateline(article: Article) -> bool:
    """Whether the article is agency-style copy: it opened with a dateline, cut by the cleaner or
    still in one of its first sentences."""
    cut = (r.text for r in article.removed if r.reason == DATELINE)
    opening = (article.quote(span) for span in article.sentences[:_DATELINE_SENTENCES])
    return any(AGENCY_MARK.search(text) for text in chain(cut, opening))


def _signals(
    sentences: Sequence[Sentence],
    candidates: Sequence[int],
    vectors: npt.NDArray[np.float32],
    datelined: set[int],
) -> npt.NDArray[np.float64]:
    """Per candidate: centrality, corroboration, closest other, quote, question, dangling,
    lead similarity, caption, ellipsis, and whether its article is in `datelined` (the `signals`
    of `sentence_features`)."""
    centroid = vectors.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    chosen = vectors[list(candidates)]
    articles = np.array([s.article for s in sentences])
    count = int(articles.max()) + 1
    # Sentences come article by article: each article is one run of columns.
    starts = np.flatnonzero(np.r_[True, articles[1:] != articles[:-1]])
    own = np.array([sentences[i].article for i in candidates])
    others = max(1, count - 1)
    leads = [i for i, s in enumerate(sentences) if s.position == 0]
    corroborated = np.zeros(len(candidates))
    closest = np.zeros(len(candidates))
    lead_similarity = np.zeros(len(candidates))
    # In blocks of rows, so memory stays linear in the story's sentences.
    for start in range(0, len(candidates), _SIGNAL_ROWS):
        rows = slice(start, start + _SIGNAL_ROWS)
        # best[k, a]: the highest cosine of candidate k to a sentence of article a.
        best = np.maximum.reduceat(chosen[rows] @ vectors.T, starts, axis=1).astype(np.float64)
        best[articles[starts][None, :] == own[rows, None]] = -1.0
        corroborated[rows] = (best >= _CORROBORATED).sum(axis=1) / others
        closest[rows] = np.maximum(best.max(axis=1, initial=-1.0), 0.0)
        lead_cosines = chosen[rows] @ vectors[leads].T
        lead_cosines[own[rows, None] == articles[leads][None, :]] = 0.0
        lead_similarity[rows] = np.maximum(lead_cosines.max(axis=1, initial=0.0), 0.0)
    texts = [sentences[i].text for i in candidates]
    return np.column_stack(
        (
            chosen @ centroid,
            corroborated,
            closest,
            [any(q in text for q in _QUOTES) for text in texts],
            ["?" in text for text in texts],
            [bool(DANGLING.match(text)) for text in texts],
            lead_similarity,
            [bool(_CAPTION.search(text)) for text in texts],
            [text.rstrip().endswith(("...", "…")) for text in texts],
            [sentences[i].article in datelined for i in candidates],
        )
    ).astype(np.float64)


def _word_share(sentences: Sequence[Sentence], article_count: int) -> dict[str, float]:
    """The share of the story's articles that use each content word."""
    per_article: dict[int, set[str]] = {}
    for s in sentences:
        per_article.setdefault(s.article, set()).update(s.content)
    counts: dict[str, int] = {}
    for words in per_article.values():
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return {word: n / max(1, article_count) for word, n in counts.items()}


def _candidates(sentences: Sequence[Sentence]) -> list[int]:
    """Sentences fit to stand alone in a summary; all of them if none is."""
    last = {s.article: i for i, s in enumerate(sentences)}
    fit = [
        i
        for i, s in enumerate(sentences)
        if len(s.text.split()) >= MIN_SENTENCE_WORDS
        # an article's last sentence without a full stop was cut off by the outlet or the feed
        and not (last[s.article] == i and not _TERMINAL.search(s.text))
        # a question states no fact ("Who would fill Egypt's power void?"): an explainer's
        # heading or a rhetorical turn, unless it is quoted as someone's words
        and not _QUESTION.search(s.text)
        # nor does a suggestion or a host's hand-over ("Let's go to Cairo right now.")
        and not is_suggestion(s.text)
    ]
    return fit or list(range(len(sentences)))
