"""Polarity conflicts: one outlet negates what another affirms, or uses the opposite verb."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsweave.model import SentencePair
from newsweave.stages.claims._slots import (
    ANTONYMS,
    NEGATION,
    STOPWORDS,
    content_words,
)
from newsweave.stages.claims.conflicts._context import (
    NEGATION_MIN_COSINE,
    NEGATION_MIN_OVERLAP,
    _Finding,
)


def _negation_conflicts(pair: SentencePair, text_a: str, text_b: str) -> Iterator[_Finding]:
    """ "did not meet" / "met": the negated word must stand un-negated in the other sentence,
    so "were left out of" / "were not part of" is not a contradiction."""
    if pair.overlap < NEGATION_MIN_OVERLAP or pair.cosine < NEGATION_MIN_COSINE:
        return
    for negated_text, plain_text, flip in ((text_a, text_b, False), (text_b, text_a, True)):
        if NEGATION.search(plain_text) or _NEGATIVE_WORD.search(plain_text):
            continue  # "No gun has been recovered" negates as "the gun has not been" does
        if _NOT_BEFORE.search(plain_text):
            continue  # "the first time it had ever been tried" says "never tried before"
        for cue in NEGATION.finditer(negated_text):
            word = _negated_word(negated_text[cue.end() :])
            if word and word in {_stem(w) for w in _plain_words(plain_text)}:
                said = f"{cue.group(0)} {word}"
                values = ("(affirms)", said) if flip else (said, "(affirms)")
                yield _Finding("negation", pair.a, pair.b, *values, pair.cosine)
                return
    words_a, words_b = content_words(text_a), content_words(text_b)
    for first, second in ANTONYMS:
        for x, y in ((first, second), (second, first)):
            if x in words_a and y in words_b and y not in words_a and x not in words_b:
                yield _Finding("negation", pair.a, pair.b, x, y, pair.cosine)
                return


# A negative determiner or pronoun negates the sentence without a negated verb.
_NEGATIVE_WORD = re.compile(
    r"\b(?:no(?!\.|\s+\d)|none|nobody|nothing|neither|nor)\b", re.IGNORECASE
)

# A first time, or "ever" after a superlative or "only", says it never happened before.
_NOT_BEFORE = re.compile(r"\b(?:first\s+time|ever)\b", re.IGNORECASE)

_AUXILIARIES = frozenset(
    [
        "be",
        "been",
        "being",
        "is",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "to",
        "yet",
        "even",
        "also",
    ]
)

_IRREGULAR = {
    "met": "meet",
    "won": "win",
    "went": "go",
    "took": "take",
    "gave": "give",
    "held": "hold",
    "left": "leave",
    "made": "make",
    "found": "find",
    "paid": "pay",
    "kept": "keep",
    "sold": "sell",
    "told": "tell",
    "said": "say",
    "began": "begin",
}


def _negated_word(after_cue: str) -> str | None:
    """The verb a negation applies to: "did not [meet]", "has never been [attempted]"; None
    when a noun phrase follows ("were not part of"), which is not a negated event."""
    for word in _plain_words(after_cue)[:3]:
        if word in _AUXILIARIES:
            continue
        return None if word in STOPWORDS else _stem(word)
    return None


def _plain_words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def _stem(word: str) -> str:
    word = _IRREGULAR.get(word, word)
    return word[:4] if len(word) > 4 else word
