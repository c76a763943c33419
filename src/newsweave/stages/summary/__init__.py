"""The story's summary: its central, corroborated facts, each with every article that states it.

The summary is extractive: every item is one sentence of one article, word for word. Sentences are
chosen by budgeted concept coverage (`_select`): facts stated by several articles, and
early in them, weigh most; a fact already covered adds nothing, and two sentences that state the
same fact are never both chosen. Each item then carries the span it was taken from and the spans
of every other article's sentence that states its fact (`_facts.states_fact`).

Example:
    story = summarize_story(story, words=60)
    for item in story.summary:
        print(item.text, [story.article(span.article_id).source for span in item.support])
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import chain

import numpy as np
import numpy.typing as npt

from newsweave.embed import embed
from newsweave.errors import NewsweaveError
from newsweave.model import Article, Span, Story, SummaryItem
from newsweave.stages.article._noise import AGENCY_MARK
from newsweave.stages.article.clean import DATELINE
from newsweave.stages.claims._facts import citation_score, states_fact
from newsweave.stages.summary._rating import article_grams, rate_sentences, sentence_features
from newsweave.stages.summary._select import (
    Candidate,
    content_stems,
    select,
    stem_words,
    weigh_concepts,
)

__all__ = ["DEFAULT_WORDS", "same_fact", "summarize_story"]

DEFAULT_WORDS = 120
MIN_SENTENCE_WORDS = 6  # shorter sentences are fragments, bylines or quotes out of context
# Each chosen word earns this times its sentence's rating (`rate_sentences`) on top of the concept
# weight the sentence covers: concepts say what to cover, the rating how well a sentence reads as
# summary material (lead, central, corroborated, dense in weighty concepts). Picked on Multi-News
# test clusters 500-999 and DUC 2004 clusters 0-24 (R-2 there: 1 -> 15.17 / 10.89,
# 2 -> 15.35 / 10.75, 4 -> 15.31 / 10.36).
SENTENCE_BONUS = 2.0
# A chosen sentence is a repeat when this share of its content words' weight is said by the other
# chosen ones; a word weighs by how rare it is in the story (log inverse sentence frequency), so
# the names that run through the whole story say little and a new detail says much. On Multi-News
# 500-999 / DUC 2004 25-49, enforced to the end: 16.03 / 11.28 against 15.93 / 11.05 with plain
# word counts (which also flag new facts about the same people).
RESTATED_SHARE = 0.65
# Each repeat found means one more choice (an ILP solve of milliseconds); what still repeats after
# the last round is dropped, leaving its words of the budget unused (Multi-News 500-999: 8 rounds
# 16.36, 16 rounds 16.38).
_MAX_ROUNDS = 16
# Two sentences state the same fact when their embeddings are this close (cosine), or close and
# sharing most content words (overlap coefficient of content stems). Set on 60 hand-labelled
# cross-article pairs of DUC 2004 clusters 0-24 (10 per cosine band from 0.60 up): the rule agrees
# with 55; the misses are paraphrases with few shared words, and one pair with other numbers.
SAME_FACT_COSINE = 0.82
SAME_FACT_COSINE_WITH_WORDS = 0.70
SAME_FACT_OVERLAP = 0.55
# Sentences less close than this to a summary sentence are never cited for it (the citation rule
# needs far closer ones; on the labelled pairs of bench/claims none below 0.6 is cited).
_CITATION_MIN_COSINE = 0.6
# A sentence is corroborated by an article that has a sentence this close to it (cosine).
_CORROBORATED = 0.6
_SIGNAL_ROWS = 512  # candidates compared with the whole story at once
# A sentence opening like this leans on the one before it ("He said", "But", "It").
_DANGLING = re.compile(
    r"^[\s\"'`“‘(]*(?:he|she|it|its|they|their|them|this|that|these|those|but|and|or|so|also|"
    r"however|yet|still|meanwhile|instead|then|there|here|such)\b",
    re.IGNORECASE,
)
# A quote given to a bare pronoun ('"…," he told the protesters') leans on the sentence that
# names the speaker just as much.
_PRONOUN_SPEAKER = re.compile(r"[,.!?][\"”’']\s*(?:he|she|they)\b", re.IGNORECASE)
_CAPTION = re.compile(r"\b(?:photos?|file|pictured|images?|video|getty)\b", re.IGNORECASE)
_QUOTES = ('"', "``", "''", "“", "”")
_NUMBER = re.compile(
    r"\d+(?:[.,]\d+)*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")
# Agency-style copy ("KENAI, Alaska (AP) —"): human summaries keep its sentences more than the
# model of the other features expects (Multi-News 500-999: a share of 0.26 of their bigrams
# against 0.19 rated). The cleaner cuts the datelines it knows (`clean.DATELINE`); the others stay
# in the text, in the article's first sentences.
_DATELINE_SENTENCES = 3  # where a dateline may stand: captions and credits can come first


@dataclass(frozen=True, slots=True)
class _Sentence:
    span: Span
    text: str
    article: int
    position: int
    stems: tuple[str, ...]
    content: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Table:
    """What the choice works on: the story's sentences, their vectors, and the candidates."""

    sentences: list[_Sentence]
    vectors: npt.NDArray[np.float32]
    candidates: list[int]  # indices into `sentences`
    pool: list[Candidate]  # one per candidate
    weights: dict[tuple[str, str], float]
    features: npt.NDArray[np.float64]  # `sentence_features` rows, one per candidate
    articles: dict[int, dict[str, float]]  # `article_grams`


def summarize_story(story: Story, *, words: int = DEFAULT_WORDS) -> Story:
    """The story with `summary` filled: at most `words` words, in reading order.

    Raises:
        NewsweaveError: `words` is below 1.
    """
    if words < 1:
        raise NewsweaveError(f"the summary needs a budget of at least 1 word, got {words}")
    table = _table(story)
    if table is None:
        return replace(story, summary=())
    sentences, vectors = table.sentences, table.vectors
    chosen = _choose(table, words)
    supports = _supports(chosen, sentences, vectors)
    items = tuple(
        SummaryItem(sentences[i].text, supports[i]) for i in _order(chosen, sentences, supports)
    )
    return replace(story, summary=items)


def same_fact(first: str, second: str, cosine: float) -> bool:
    """Whether two sentences state the same fact, given the cosine of their embeddings.

    They do when the cosine is high, or fairly high with most content words shared (the overlap
    coefficient of their content-word stems), unless each gives a figure the other does not
    ("14 agreements" and "12 agreements"): that is a conflict, not one fact. This is the one place
    that decides it, so the story's claim alignment can later take its place.
    """
    if cosine < SAME_FACT_COSINE_WITH_WORDS:
        return False
    first_numbers, second_numbers = _numbers(first), _numbers(second)
    if first_numbers - second_numbers and second_numbers - first_numbers:
        return False
    if cosine >= SAME_FACT_COSINE:
        return True
    first_words = content_stems(stem_words(first))
    second_words = content_stems(stem_words(second))
    if not first_words or not second_words:
        return False
    shared = len(first_words & second_words) / min(len(first_words), len(second_words))
    return shared >= SAME_FACT_OVERLAP


def _numbers(text: str) -> set[str]:
    return {match.group(0).lower().replace(",", "") for match in _NUMBER.finditer(text)}


def _table(story: Story) -> _Table | None:
    sentences = [
        _Sentence(span, text, a, p, stems, content_stems(stems))
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
    datelined = {a for a, article in enumerate(story.articles) if _opens_with_dateline(article)}
    features = sentence_features(
        pool,
        weights,
        _signals(sentences, candidates, vectors, datelined),
        [len(article.sentences) for article in story.articles],
        _word_share(sentences, len(story.articles)),
        vectors[candidates],
    )
    return _Table(
        sentences, vectors, candidates, pool, weights, features, article_grams(everything)
    )


def _opens_with_dateline(article: Article) -> bool:
    """Whether the article is agency-style copy: it opened with a dateline, cut by the cleaner or
    still in one of its first sentences."""
    cut = (r.text for r in article.removed if r.reason == DATELINE)
    opening = (article.quote(span) for span in article.sentences[:_DATELINE_SENTENCES])
    return any(AGENCY_MARK.search(text) for text in chain(cut, opening))


def _signals(
    sentences: Sequence[_Sentence],
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
            [bool(_DANGLING.match(text)) for text in texts],
            lead_similarity,
            [bool(_CAPTION.search(text)) for text in texts],
            [text.rstrip().endswith(("...", "…")) for text in texts],
            [sentences[i].article in datelined for i in candidates],
        )
    ).astype(np.float64)


def _word_share(sentences: Sequence[_Sentence], article_count: int) -> dict[str, float]:
    """The share of the story's articles that use each content word."""
    per_article: dict[int, set[str]] = {}
    for s in sentences:
        per_article.setdefault(s.article, set()).update(s.content)
    counts: dict[str, int] = {}
    for words in per_article.values():
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return {word: n / max(1, article_count) for word, n in counts.items()}


def _candidates(sentences: Sequence[_Sentence]) -> list[int]:
    """Sentences fit to stand alone in a summary; all of them if none is."""
    last = {s.article: i for i, s in enumerate(sentences)}
    fit = [
        i
        for i, s in enumerate(sentences)
        if len(s.text.split()) >= MIN_SENTENCE_WORDS
        # an article's last sentence without a full stop was cut off by the outlet or the feed
        and not (last[s.article] == i and not _TERMINAL.search(s.text))
    ]
    return fit or list(range(len(sentences)))


def _leans_on_previous(text: str) -> bool:
    """Whether a sentence needs the one before it to be understood ("He said", "But", a quote
    given to "he")."""
    return bool(_DANGLING.match(text) or _PRONOUN_SPEAKER.search(text))


def _choose(table: _Table, budget: int) -> list[int]:
    sentences, candidates, pool = table.sentences, table.candidates, table.pool
    rating = rate_sentences(table.features, pool, table.articles)
    bonus = [SENTENCE_BONUS * c.words * float(p) for c, p in zip(pool, rating, strict=True)]
    found: dict[tuple[int, ...], list[tuple[int, int]]] = {}

    def same_fact_among(among: Sequence[int]) -> list[tuple[int, int]]:
        key = tuple(among)
        if key not in found:
            found[key] = _same_fact_pairs(sentences, candidates, table.vectors, key)
        return found[key]

    # A sentence that leans on the one before it ("He said", "But") comes only with that one.
    at = {i: k for k, i in enumerate(candidates)}
    requires = [
        (k, at.get(i - 1) if sentences[i].position > 0 else None)
        for k, i in enumerate(candidates)
        if _leans_on_previous(sentences[i].text)
    ]
    # A sentence can add new bigrams yet say nothing the others do not already say, in other
    # words: such a sentence is left out and the choice made again, a few times at most; what
    # repeats after the last round is dropped.
    rarity = _rarity(sentences)
    for _ in range(_MAX_ROUNDS):
        picked = [
            candidates[k]
            for k in select(
                pool,
                table.weights,
                budget,
                bonus=bonus,
                exclusive_among=same_fact_among,
                requires=requires,
            )
        ]
        restated = _restated(picked, sentences, rating, at, rarity)
        if restated is None:
            return picked
        # What leans on a sentence the summary already says in other words may lean on those.
        left_out = at[restated]
        requires = [(k, needed) for k, needed in requires if needed != left_out]
        requires.append((left_out, None))
    while (restated := _restated(picked, sentences, rating, at, rarity)) is not None:
        picked.remove(restated)
    return picked


def _said(sentence: _Sentence) -> frozenset[str]:
    """What the repeat test reads of a sentence: its content words and its numbers, however short
    ("3.5 percent" is 3, 5 and percent), the most specific facts it states."""
    return sentence.content | {stem for stem in sentence.stems if stem.isdigit()}


def _rarity(sentences: Sequence[_Sentence]) -> dict[str, float]:
    """Each word's weight in the repeat test (`_said`): log inverse frequency among the story's
    sentences."""
    counts = Counter(word for s in sentences for word in _said(s))
    return {word: math.log((len(sentences) + 1) / n) for word, n in counts.items()}


def _restated(
    chosen: Sequence[int],
    sentences: Sequence[_Sentence],
    rating: npt.NDArray[np.float64],
    at: dict[int, int],
    rarity: dict[str, float],
) -> int | None:
    """The lowest-rated chosen sentence whose words (`_said`), weighed by `rarity`, the others
    already say for the most part (`RESTATED_SHARE`), if any."""
    says = {i: _said(sentences[i]) for i in chosen}
    for i in sorted(chosen, key=lambda i: rating[at[i]]):
        others = set().union(*(says[j] for j in chosen if j != i))
        weight = sum(rarity[word] for word in says[i])
        said = sum(rarity[word] for word in says[i] & others)
        if weight and said >= RESTATED_SHARE * weight:
            return i
    return None


def _same_fact_pairs(
    sentences: Sequence[_Sentence],
    candidates: Sequence[int],
    vectors: npt.NDArray[np.float32],
    among: Sequence[int],
) -> list[tuple[int, int]]:
    """Pairs of `among` (positions in `candidates`) that state the same fact, so at most one is
    chosen. Only the sentences the choice weighs are compared: a story repeating a few sentences
    thousands of times costs no more than one with sixty."""
    sub = vectors[[candidates[k] for k in among]]
    cosines = sub @ sub.T
    pairs = []
    rows, cols = np.nonzero(np.triu(cosines >= SAME_FACT_COSINE_WITH_WORDS, k=1))
    for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
        first, second = sentences[candidates[among[a]]], sentences[candidates[among[b]]]
        if same_fact(first.text, second.text, float(cosines[a, b])):
            pairs.append((among[a], among[b]))
    return pairs


def _supports(
    chosen: Sequence[int], sentences: Sequence[_Sentence], vectors: npt.NDArray[np.float32]
) -> dict[int, tuple[Span, ...]]:
    """For each chosen sentence, its span, then the sentence of each other article that states
    its fact (`_facts.states_fact`), the likeliest one where several do.

    A sentence that states the facts of two chosen ones supports only the likelier of the two,
    so no sentence of any article is cited twice.
    """
    backing: dict[int, tuple[float, int]] = {}  # supporting sentence -> (score, chosen sentence)
    for i in chosen:
        cosines = vectors @ vectors[i]
        best: dict[int, tuple[float, int]] = {}  # article -> (score, sentence)
        for j in np.nonzero(cosines >= _CITATION_MIN_COSINE)[0].tolist():
            other, cosine = sentences[j], float(cosines[j])
            if other.article == sentences[i].article or j in chosen:
                continue
            if not states_fact(sentences[i].text, other.text, cosine):
                continue
            score = citation_score(sentences[i].text, other.text, cosine)
            if score > best.get(other.article, (-1.0, 0))[0]:
                best[other.article] = (score, j)
        for score, j in best.values():
            if score > backing.get(j, (-1.0, 0))[0]:
                backing[j] = (score, i)
    return {
        i: (
            sentences[i].span,
            *(sentences[j].span for j in sorted(backing) if backing[j][1] == i),
        )
        for i in chosen
    }


def _order(
    chosen: Sequence[int],
    sentences: Sequence[_Sentence],
    story_supports: dict[int, tuple[Span, ...]],
) -> list[int]:
    """Reading order: facts the coverage states early come first (the lead, then what follows),
    ties by article (the story keeps its articles by date) and position; a sentence that leans on
    the one before it comes right after that one."""
    position_of = {(s.span.article_id, s.span.start): s.position for s in sentences}

    def earliest(i: int) -> tuple[int, int, int]:
        first = min(position_of[(span.article_id, span.start)] for span in story_supports[i])
        return (first, sentences[i].article, sentences[i].position)

    order = sorted(chosen, key=earliest)
    for i in sorted(chosen, key=lambda i: sentences[i].position):
        before = i - 1
        if (
            _leans_on_previous(sentences[i].text)
            and before in order
            and sentences[before].article == sentences[i].article
            and sentences[i].position > 0
        ):
            order.remove(i)
            order.insert(order.index(before) + 1, i)
    return order
