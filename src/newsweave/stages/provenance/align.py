"""Align the sentences of every pair of articles in a story: verbatim, near-verbatim, paraphrase.

Two signals, computed for all sentence pairs at once with matrix products:
- lexical: word uni- and bigram shingles (a sparse binary matrix), giving the share of the
  shorter sentence's shingles found in the other (containment), which survives small edits;
- semantic: cosine of sentence embeddings (`newsweave.embed`), which survives rewording.
Each sentence is paired with its best match in every other article, when that match is close
enough on either signal (in `MAX_PARTNER_ARTICLES` other articles at most: the closest); the
thresholds are calibrated in bench/provenance and bench/conflicts.
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
# Other articles a sentence is paired with, at most: its closest. A sentence repeated by hundreds
# of articles (a wire story, a page's boilerplate grouped into one broad story) would otherwise
# be paired with each of them, and a story's pairs grow with its sentences times its articles
# (132,522 pairs for 375 articles, 1,262,401 for 828 with 3,363 sentences). Stories of up to
# 51 articles (every story of the benchmarks' clusters) keep every pair.
MAX_PARTNER_ARTICLES = 50
# Sentence pairs compared at once (about 8 MB for each of the block's matrices): the sentences of
# a story against one article's, in slices of rows when both are long.
_BLOCK_CELLS = 1 << 21


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

    def block(
        self, start: int, end: int, rows: slice = slice(None)
    ) -> tuple[npt.NDArray[np.float32], ...]:
        """Cosine and lexical containment (the share of the shorter sentence's shingles found in
        the other) of sentences `rows` (every sentence by default) with sentences `start:end`."""
        cosine = (self.vectors[rows] @ self.vectors[start:end].T).astype(np.float32, copy=False)
        shared = sparse.csr_matrix(self.shingles[rows] @ self.shingles[start:end].T).toarray()
        smaller = np.minimum.outer(self.sizes[rows], self.sizes[start:end])
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


def _best_matches(
    table: SentenceTable, partners: int = MAX_PARTNER_ARTICLES
) -> Iterator[tuple[int, int, float, float]]:
    """Each sentence with its closest sentence in every other article, with their cosine and
    containment (sentences are grouped by article: each article is one block of columns); of
    those close enough to be classified, the `partners` closest (cosine plus containment; the
    earlier article on a tie) are kept, so a story holds at most `partners` pairs per sentence.

    A story of `partners` + 1 articles or fewer keeps every pair. The choice is made
    `partners` articles at a time, so what is in hand is a few columns per sentence, never a
    sentence-by-article matrix."""
    owners = table.article_of
    if not len(owners):  # no article has a sentence long enough to align
        return
    chosen = _Choice(len(owners), 2 * partners)
    bounds = np.flatnonzero(np.diff(owners)) + 1
    for start, end in zip(np.r_[0, bounds], np.r_[bounds, len(owners)], strict=True):
        best, best_cosine, best_containment = _closest_in(table, int(start), int(end))
        # What `_level` classifies (compared as the Python floats it is given), other articles only.
        close = (best_cosine.astype(np.float64) >= RELATED_COSINE) | (
            best_containment.astype(np.float64) >= RELATED_OVERLAP
        )
        close &= owners != owners[start]
        chosen.add(best + int(start), best_cosine, best_containment, close)
        if chosen.columns >= 2 * partners:
            chosen.keep(partners)
    chosen.keep(partners)
    for i, column in zip(*np.nonzero(chosen.valid[:, : chosen.columns]), strict=True):
        yield (
            int(i),
            int(chosen.match[i, column]),
            float(chosen.cosine[i, column]),
            float(chosen.containment[i, column]),
        )


def _closest_in(
    table: SentenceTable, start: int, end: int
) -> tuple[npt.NDArray[np.int_], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Each sentence's closest sentence among `start:end` (its index in the block), with their
    cosine and containment. Read `_BLOCK_CELLS` sentence pairs at a time, so two long articles
    never hold a matrix of all their sentence pairs; a block within that bound is read whole."""
    count = len(table.texts)
    step = max(2, _BLOCK_CELLS // (end - start))
    best = np.zeros(count, dtype=np.int64)
    best_cosine = np.zeros(count, dtype=np.float32)
    best_containment = np.zeros(count, dtype=np.float32)
    low = 0
    while low < count:
        high = count if count - (low + step) < 2 else low + step  # never a lone row
        cosine, containment = table.block(start, end, slice(low, high))
        closest = (cosine + containment).argmax(axis=1)
        rows = np.arange(high - low)
        best[low:high] = closest
        best_cosine[low:high] = cosine[rows, closest]
        best_containment[low:high] = containment[rows, closest]
        low = high
    return best, best_cosine, best_containment


class _Choice:
    """Each sentence's candidate matches so far, one column per article read (in story order),
    in arrays of a fixed width: `keep` makes room before they fill."""

    def __init__(self, sentences: int, width: int) -> None:
        self.match = np.zeros((sentences, width), dtype=np.int64)
        self.cosine = np.zeros((sentences, width), dtype=np.float32)
        self.containment = np.zeros((sentences, width), dtype=np.float32)
        self.valid = np.zeros((sentences, width), dtype=bool)
        self.columns = 0

    def add(
        self,
        match: npt.NDArray[np.int_],
        cosine: npt.NDArray[np.float32],
        containment: npt.NDArray[np.float32],
        valid: npt.NDArray[np.bool_],
    ) -> None:
        column = self.columns
        self.match[:, column] = match
        self.cosine[:, column] = cosine
        self.containment[:, column] = containment
        self.valid[:, column] = valid
        self.columns += 1

    def keep(self, count: int) -> None:
        """The `count` closest candidates of each sentence, closest first; a stable sort keeps
        the earlier article first on a tie (columns are in story order, kept ones first)."""
        if self.columns <= count:
            return
        filled = slice(0, self.columns)
        closeness = self.cosine[:, filled].astype(np.float64) + self.containment[:, filled]
        order = np.argsort(
            np.where(self.valid[:, filled], -closeness, np.inf), axis=1, kind="stable"
        )
        order = order[:, :count]
        for values in (self.match, self.cosine, self.containment, self.valid):
            values[:, :count] = np.take_along_axis(values[:, filled], order, axis=1)
        self.valid[:, count:] = False
        self.columns = count


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
