"""Baselines on the same sentences newsweave sees: sumy LexRank and TextRank, round-robin lead.

As in ../shared/research/mds-benchmarks.md: sentences of fewer than 3 words are dropped and the
rest pooled; sumy's ratings are captured and sentences taken in rating order, skipping exact
duplicates, until the word limit is reached (the caller then cuts to the first N words). sumy's
own tokenizer needs NLTK punkt data, so words come from a regex (`_RegexWords`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import ClassVar

from newsweave.model import Story

MIN_WORDS = 3


def story_sentences(story: Story) -> list[list[str]]:
    """The sentences of each article of the story, in article order, as text."""
    return [[article.quote(span) for span in article.sentences] for article in story.articles]


def lead_round_robin(story: Story, words: int) -> str:
    """First sentence of each article in turn (articles by date), then the second, and so on."""
    per_article = [
        [s for s in sents if len(s.split()) >= MIN_WORDS] for sents in story_sentences(story)
    ]
    order = [
        s
        for depth in range(max(map(len, per_article), default=0))
        for sents in per_article
        if depth < len(sents)
        for s in [sents[depth]]
    ]
    return _fill(order, words)


class _RegexWords:
    _WORD = re.compile(r"\w+(?:['’]\w+)*")

    def to_words(self, text: str) -> list[str]:
        return self._WORD.findall(text)

    def to_sentences(self, text: str) -> list[str]:  # unused: sentences come from newsweave
        return [text]


def _ranked(summarizer_class: type) -> Callable[[Story, int], str]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    class Capturing(summarizer_class):  # type: ignore[misc, valid-type]
        ratings: ClassVar[dict] = {}

        @staticmethod
        def _get_best_sentences(sentences, count, rating, *args, **kwargs):  # type: ignore[no-untyped-def]
            Capturing.ratings = dict(rating)
            return ()

    def summarize(story: Story, words: int) -> str:
        tokenizer = _RegexWords()
        pooled = [
            s for sents in story_sentences(story) for s in sents if len(s.split()) >= MIN_WORDS
        ]
        if not pooled:
            return ""
        sentences = [Sentence(text, tokenizer) for text in pooled]
        document = ObjectDocumentModel([Paragraph(sentences)])
        summarizer = Capturing(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        summarizer(document, len(sentences))
        ratings = Capturing.ratings
        # Ties keep document order, as sumy's own sort does.
        order = sorted(range(len(sentences)), key=lambda i: -ratings.get(sentences[i], 0.0))
        return _fill([pooled[i] for i in order], words)

    return summarize


def _fill(ranked: Sequence[str], words: int) -> str:
    chosen, seen, count = [], set(), 0
    for sentence in ranked:
        if sentence in seen:
            continue
        seen.add(sentence)
        chosen.append(sentence)
        count += len(sentence.split())
        if count >= words:
            break
    return " ".join(chosen)


def lexrank() -> Callable[[Story, int], str]:
    from sumy.summarizers.lex_rank import LexRankSummarizer

    return _ranked(LexRankSummarizer)


def textrank() -> Callable[[Story, int], str]:
    from sumy.summarizers.text_rank import TextRankSummarizer

    return _ranked(TextRankSummarizer)
