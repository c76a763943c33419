"""Whether a date expression in a sentence speaks of the past or the future: cue words.

The nearest evidence wins: a verb just before the expression, then its clause, then the
sentence. A plan told in the past ("was originally scheduled for February") is past.
"""

from __future__ import annotations

import re
from enum import Enum


class Tense(Enum):
    PAST = "past"
    FUTURE = "future"
    UNKNOWN = "unknown"


def tense_around(expression: str, sentence: str) -> Tense:
    """Whether `expression` in `sentence` speaks of the past or the future; a cue-word heuristic.

    The nearest evidence wins: a verb just before the expression ("said on Monday that talks
    will resume", "will be held in May"), then the clause holding it ("collapsed on Monday and
    will resume on Friday"), then the whole sentence. A quotation speaks in its own time: it is a
    clause of its own, and the tense of an expression outside it is read in the sentence
    without its quotations ("'It will open the doors to terror,' he said of the brawls on
    Saturday").
    """
    at = sentence.find(expression) if expression else -1
    if at < 0:
        return sentence_tense(sentence)
    sentence, at = _without_quotations(sentence, at)
    if _MOVED_TO.search(sentence[:at]):
        return Tense.UNKNOWN  # the nearer of the two: the act's tense says nothing of its target
    tense_before = _tense_just_before(sentence[:at])
    if tense_before is not Tense.UNKNOWN:
        return tense_before
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)), default=0)
    after = _CLAUSE_BREAK.search(sentence, at + len(expression))
    clause_tense = sentence_tense(sentence[clause_start : after.start() if after else None])
    return clause_tense if clause_tense is not Tense.UNKNOWN else sentence_tense(sentence)


def _without_quotations(sentence: str, at: int) -> tuple[str, int]:
    """The sentence with its quotations cut out (each left as a clause break) and offset `at`
    within it; the sentence as it is when `at` lies inside a quotation.

    A closing mark with no opening one closes a quotation begun in an earlier sentence; an
    opening one with no close runs to the sentence's end.
    """
    quotes, opened = [], None
    for mark in _QUOTE_MARK.finditer(sentence):
        opens = mark[0] in _OPENING_MARKS or (mark[0] == '"' and opened is None)
        if opens and opened is None:
            opened = mark.start()
        elif not opens:
            quotes.append((opened or 0, mark.end()))
            opened = None
    if opened is not None:
        quotes.append((opened, len(sentence)))
    if any(start <= at < end for start, end in quotes):
        return sentence, at
    kept, cut, shift = [], 0, 0
    for start, end in quotes:
        kept.append(sentence[cut:start])
        cut = end
        if end <= at:
            shift += end - start - 1
    kept.append(sentence[cut:])
    return ";".join(kept), at - shift


def sentence_tense(sentence: str) -> Tense:
    """Whether a sentence speaks of the future or the past, from its cue words.

    A plan told in the past ("was originally scheduled for", "were going to") is past.
    """
    frame_ends = {frame.end() for frame in _PAST_FRAME.finditer(sentence)}
    if any(cue.start() not in frame_ends for cue in _FUTURE_CUE.finditer(sentence)):
        return Tense.FUTURE
    if frame_ends:
        return Tense.PAST
    if any(_is_past_word(word) for word in re.findall(r"[a-z]+", sentence.lower())):
        return Tense.PAST
    return Tense.UNKNOWN


# --- tense cues --------------------------------------------------------------------------------

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|would(?! have)|(?:is|are) due|set for|(?:is|are) bound to|"
    r"(?:expected|scheduled|set|going|"
    r"plans?|planning|intends?) to|scheduled for|next|upcoming|later this|"
    r"takes? (?:effect|place)|goes into effect|begins|starts|kicks off|expires)\b|\w'll\b",
    re.IGNORECASE,
)
# A plan or expectation told in the past tense: the cue that follows it speaks of the past.
_PAST_FRAME = re.compile(
    r"\b(?:was|were|had been|had)\s+(?:(?:originally|initially|first|once|previously|"
    r"supposed|also|still)\s+)?(?=(?:expected|scheduled|set|going|planned|planning|due|meant|"
    r"supposed|slated)\b)|\b(?:originally|initially|previously)\s+(?=(?:expected|scheduled|"
    r"set|planned|due|slated)\b)",
    re.IGNORECASE,
)
# Irregular past forms common in news. Reporting verbs ("said", "told") count only right before
# the date ("said on Monday"): "said the vote takes place in May" is not about the past.
# fmt: off
_PAST_WORDS = frozenset(
    {
        "was", "were", "had", "did", "ago", "yesterday", "last", "earlier", "arose", "ate",
        "beat", "became", "began", "bit", "blew", "bore", "broke", "brought", "built", "bought",
        "caught", "chose", "came", "cut", "dealt", "drew", "drank", "drove", "fell", "felt",
        "fought", "found", "fled", "flew", "forbade", "forgot", "froze", "gave", "got", "went",
        "grew", "hid", "hit", "held", "hurt", "kept", "knew", "laid", "led", "left", "lent",
        "let", "lost", "made", "meant", "met", "paid", "put", "quit", "ran", "rang", "rose",
        "saw", "sought", "sold", "sent", "set", "shot", "shut", "sang", "sank", "sat", "slept",
        "spoke", "spent", "split", "spread", "stood", "stole", "struck", "swore", "swept", "swam",
        "took", "taught", "tore", "threw", "understood", "woke", "wore", "won", "wrote",
    }
)
# fmt: on
# "-ed" words that are not past tense, or are adjectives that often qualify upcoming things.
# fmt: off
_NOT_PAST_ED = frozenset(
    {
        "need", "indeed", "hundred", "speed", "proceed", "exceed", "succeed", "red", "bed",
        "feed", "seed", "breed", "bleed", "greed", "shed", "planned", "proposed", "expected",
        "scheduled", "required", "limited", "united", "based", "alleged", "detailed", "advanced",
        "sustained", "renewed", "delayed", "anticipated",
    }
)
# fmt: on


_QUOTE_MARK = re.compile(r"``|''|[\"\u201c\u201d]")
_OPENING_MARKS = frozenset({"``", "\u201c"})
_CLAUSE_BREAK = re.compile(r";|\s(?:and|but|while|whereas)\s|``|''|[\"\u201c\u201d]")
# A date something was moved to ("extended the deadline by a month to the end of May", "the
# trial was postponed until March"): past or future whatever the tense of the moving.
_MOVED_TO = re.compile(
    r"\b(?:extend|postpone|delay|push(?:ed)? back|mov|reschedul|defer|put off|adjourn|brought "
    r"forward)\w*\b[^.;:!?]{0,60}?\b(?:to|until|till)\s+(?:the\s+(?:end|start|beginning|middle)"
    r"\s+of\s+|(?:early|late|mid)[\s-]+)?$",
    re.IGNORECASE,
)
_WORD_BEFORE_SKIPS = frozenset({"on", "in", "at", "by", "late", "early", "earlier", "later"})
_REPORTING_PAST = frozenset({"said", "told", "wrote"})
_FUTURE_AUXILIARIES = frozenset({"will", "would", "shall", "ll"})
_WORDS_JUST_BEFORE = 5


def _is_past_word(word: str) -> bool:
    return word in _PAST_WORDS or (
        len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST_ED
    )


def _tense_just_before(text: str) -> Tense:
    """The tense of the nearest verb cue in the last few words of `text`, nearest first."""
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in _WORD_BEFORE_SKIPS]
    window = words[-_WORDS_JUST_BEFORE:]
    for index in range(len(window) - 1, -1, -1):
        word, previous = window[index], window[index - 1] if index else ""
        if word in _FUTURE_AUXILIARIES:
            return Tense.FUTURE
        if previous in ("be", "been", "being", "is", "are"):
            continue  # "will be held on Friday", "is set for May 3": a passive, not a past tense
        if word in _REPORTING_PAST or _is_past_word(word):
            return Tense.PAST
    return Tense.UNKNOWN
