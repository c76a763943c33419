"""Align the sentences of every pair of articles in a story: verbatim, near-verbatim, paraphrase.

Two signals, computed for all sentence pairs at once with matrix products:
- lexical: word uni- and bigram shingles (a sparse binary matrix), giving the share of the
  shorter sentence's shingles found in the other (containment), which survives small edits;
- semantic: cosine of sentence embeddings (`newsweave.embed`), which survives rewording.
Each sentence is paired with its best match in every other article, when that match is close
enough on either signal; the thresholds are calibrated in bench/provenance and bench/conflicts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from newsweave.embed import embed
from newsweave.model import AlignLevel, Article, SentencePair, Span, Story

VERBATIM_RATIO = 98.0  # rapidfuzz ratio of the normalised sentences: word for word
# Share of the shorter sentence's word shingles found in the other. Copies edit a word or two
# (median 0.96 in bench/provenance); a rewrite swapping two or three words lands near 0.8.
NEAR_VERBATIM_CONTAINMENT = 0.9
NEAR_VERBATIM_COSINE = 0.75
PARAPHRASE_COSINE = 0.78
PARAPHRASE_WITH_OVERLAP_COSINE = 0.66  # a lower cosine is enough when content words are shared
PARAPHRASE_OVERLAP = 0.35
RELATED_COSINE = 0.55  # close enough to be compared for conflicts, not to count as the same
RELATED_OVERLAP = 0.4
MIN_WORDS = 4  # shorter sentences ("He declined to comment.") say nothing that can be traced


@dataclass(frozen=True, slots=True)
class SentenceTable:
    """Every alignable sentence of a story, with what the pairing compares them on.

    The story-wide matrices are never formed: a story of a few thousand articles has tens of
    thousands of sentences, and one dense float32 matrix of all their pairs is gigabytes. The
    pairing reads one article's columns at a time (`block`), whose entries equal those of the
    whole matrix (the same products and quotients, element by element).
    """

    spans: tuple[Span, ...]
    texts: tuple[str, ...]
    article_of: npt.NDArray[np.int_]  # index into story.articles, per sentence
    vectors: npt.NDArray[np.float32]  # L2-normalised embeddings, one row per sentence
    shingles: sparse.csr_matrix  # binary word uni- and bigram shingles, one row per sentence
    sizes: npt.NDArray[np.float32]  # shingles per sentence

    def block(self, start: int, end: int) -> tuple[npt.NDArray[np.float32], ...]:
        """Cosine and lexical containment (the share of the shorter sentence's shingles found in
        the other) of every sentence with sentences `start:end`."""
        cosine = (self.vectors @ self.vectors[start:end].T).astype(np.float32, copy=False)
        shared = sparse.csr_matrix(self.shingles @ self.shingles[start:end].T).toarray()
        smaller = np.minimum.outer(self.sizes, self.sizes[start:end])
        return cosine, (shared / np.maximum(smaller, 1.0)).astype(np.float32)


def align_sentences(story: Story) -> Story:
    """The story with `alignments`: each sentence paired with its match in every other article."""
    if len(story.articles) < 2:
        return story
    table = build_sentence_table(story.articles)
    pairs: dict[tuple[Span, Span], SentencePair] = {}
    order = {article.id: index for index, article in enumerate(story.articles)}
    for i, j, cosine, overlap in _best_matches(table):
        pair = _classify(table, i, j, cosine, overlap)
        if pair is None:
            continue
        first, second = sorted((pair.a, pair.b), key=lambda s: (order[s.article_id], s.start))
        key = (first, second)
        if key not in pairs or pairs[key].cosine < pair.cosine:
            pairs[key] = replace(pair, a=first, b=second)
    ordered = sorted(
        pairs.values(),
        key=lambda p: (order[p.a.article_id], p.a.start, order[p.b.article_id], p.b.start),
    )
    return replace(story, alignments=tuple(ordered))


def build_sentence_table(articles: Sequence[Article]) -> SentenceTable:
    """Sentences of the articles with their embeddings and word shingles."""
    spans: list[Span] = []
    texts: list[str] = []
    owners: list[int] = []
    for index, article in enumerate(articles):
        for span in article.sentences:
            text = article.quote(span)
            if len(_words(text)) >= MIN_WORDS:
                spans.append(span)
                texts.append(text)
                owners.append(index)
    shingles = _shingles(texts)
    return SentenceTable(
        tuple(spans),
        tuple(texts),
        np.array(owners, dtype=int),
        embed(texts),
        shingles,
        np.asarray(shingles.sum(axis=1)).ravel(),
    )


def _shingles(texts: Sequence[str]) -> sparse.csr_matrix:
    if not texts:
        return sparse.csr_matrix((0, 0), dtype=np.float32)
    vectorizer = CountVectorizer(binary=True, ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b")
    return sparse.csr_matrix(vectorizer.fit_transform(texts).astype(np.float32))


def _best_matches(table: SentenceTable) -> Iterator[tuple[int, int, float, float]]:
    """Each sentence with its closest sentence in every other article, with their cosine and
    containment (sentences are grouped by article: each article is one block of columns)."""
    owners = table.article_of
    if not len(owners):  # no article has a sentence long enough to align
        return
    bounds = np.flatnonzero(np.diff(owners)) + 1
    for start, end in zip(np.r_[0, bounds], np.r_[bounds, len(owners)], strict=True):
        cosine, containment = table.block(int(start), int(end))
        best = (cosine + containment).argmax(axis=1)
        for i in np.flatnonzero(owners != owners[start]):
            column = int(best[i])
            yield (
                int(i),
                column + int(start),
                float(cosine[i, column]),
                float(containment[i, column]),
            )


def _classify(
    table: SentenceTable, i: int, j: int, cosine: float, overlap: float
) -> SentencePair | None:
    level = _level(table.texts[i], table.texts[j], cosine, overlap)
    return (
        None
        if level is None
        else SentencePair(table.spans[i], table.spans[j], level, cosine, overlap)
    )


def _level(first: str, second: str, cosine: float, overlap: float) -> AlignLevel | None:
    if overlap >= NEAR_VERBATIM_CONTAINMENT or cosine >= NEAR_VERBATIM_COSINE:
        if fuzz.ratio(_normal(first), _normal(second)) >= VERBATIM_RATIO:
            return AlignLevel.VERBATIM
        if overlap >= NEAR_VERBATIM_CONTAINMENT and cosine >= NEAR_VERBATIM_COSINE:
            return AlignLevel.NEAR_VERBATIM
    if cosine >= PARAPHRASE_COSINE or (
        cosine >= PARAPHRASE_WITH_OVERLAP_COSINE and overlap >= PARAPHRASE_OVERLAP
    ):
        return AlignLevel.PARAPHRASE
    if cosine >= RELATED_COSINE or overlap >= RELATED_OVERLAP:
        return AlignLevel.RELATED
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _normal(text: str) -> str:
    return " ".join(_words(text))
