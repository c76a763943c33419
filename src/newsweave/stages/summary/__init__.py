"""The story's summary: its central, corroborated facts, each with every article that states it.

The summary is extractive: every item is one sentence of one article, word for word. Sentences are
read once (`_table`), rated (`_rating`) and chosen by budgeted concept coverage (`_select`):
facts stated by several articles, and
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
from dataclasses import replace
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from newsweave.errors import NewsweaveError
from newsweave.model import Span, Story, SummaryItem
from newsweave.stages.claims._facts import citation_score, states_fact
from newsweave.stages.summary._rating import rate_sentences
from newsweave.stages.summary._select import content_stems, select, stem_words
from newsweave.stages.summary._table import DANGLING, Sentence, Table, story_table

__all__ = ["DEFAULT_WORDS", "same_fact", "summarize_story"]

DEFAULT_WORDS = 120
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
# A quote given to a bare pronoun ('"…," he told the protesters') leans on the sentence that
# names the speaker just as much.
_PRONOUN_SPEAKER = re.compile(r"[,.!?][\"”’']\s*(?:he|she|they)\b", re.IGNORECASE)
_NUMBER = re.compile(
    r"\d+(?:[.,]\d+)*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b",
    re.IGNORECASE,
)


def summarize_story(story: Story, *, words: int = DEFAULT_WORDS) -> Story:
    """The story with `summary` filled: at most `words` words, in reading order.

    Raises:
        NewsweaveError: `words` is below 1.
    """
    if words < 1:
        raise NewsweaveError(f"the summary needs a budget of at least 1 word, got {words}")
    table = story_table(story)
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


def _leans_on_previous(text: str) -> bool:
    """Whether a sentence needs the one before it to be understood ("He said", "But", a quote
    given to "he")."""
    return bool(DANGLING.match(text) or _PRONOUN_SPEAKER.search(text))


def _choose(table: Table, budget: int) -> list[int]:
    sentences, candidates, pool = table.sentences, table.candidates, table.pool
    rating = rate_sentences(table.features)
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


def _said(sentence: Sentence) -> frozenset[str]:
    """What the repeat test reads of a sentence: its content words and its numbers, however short
    ("3.5 percent" is 3, 5 and percent), the most specific facts it states."""
    return sentence.content | {stem for stem in sentence.stems if stem.isdigit()}


def _rarity(sentences: Sequence[Sentence]) -> dict[str, float]:
    """Each word's weight in the repeat test (`_said`): log inverse frequency among the story's
    sentences."""
    counts = Counter(word for s in sentences for word in _said(s))
    return {word: math.log((len(sentences) + 1) / n) for word, n in counts.items()}


def _restated(
    chosen: Sequence[int],
    sentences: Sequence[Sentence],
    rating: npt.NDArray[np.float64],
    at: dict[int, int],
    rarity: dict[str, float],
) -> int | None:
    """The lowest-rated chosen sentence whose words (`_said`), weighed by `rarity`, the others
    already say for the most part (`RESTATED_SHARE`), or whose figures (`_figures`) another one
    states, if any: a figure is a fact, stated once ("demanding a 6 percent rise" beside "wants
    a 6 percent raise ...; the company has offered 3.5 percent")."""
    says = {i: _said(sentences[i]) for i in chosen}
    figures = {i: _figures(sentences[i]) for i in chosen}
    for i in sorted(chosen, key=lambda i: rating[at[i]]):
        others = set().union(*(says[j] for j in chosen if j != i))
        weight = math.fsum(rarity[word] for word in says[i])
        said = math.fsum(rarity[word] for word in says[i] & others)
        if weight and said >= RESTATED_SHARE * weight:
            return i
        if figures[i] and any(figures[i] <= figures[j] for j in chosen if j != i):
            return i
    return None


def _figures(sentence: Sentence) -> frozenset[tuple[str, str]]:
    """The figures a sentence states: each number with the word after it ("6 percent", "300
    crew"; "3.5 percent" is 3 5 and 5 percent)."""
    stems = sentence.stems
    return frozenset((number, word) for number, word in pairwise(stems) if number.isdigit())


def _same_fact_pairs(
    sentences: Sequence[Sentence],
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
    chosen: Sequence[int], sentences: Sequence[Sentence], vectors: npt.NDArray[np.float32]
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
    sentences: Sequence[Sentence],
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
