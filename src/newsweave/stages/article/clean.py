"""Clean an article: drop page noise, keep an audit trail of every removal, mark headings.

The raw text is cut into units (lines, after re-joining hard-wrapped lines). Each unit is kept,
kept as a heading, trimmed (a date stamp glued to its start, an inline caption), or removed with
a reason. Removal is conservative: the line patterns only fire on short lines, so a real sentence
that happens to say "newsletter" stays.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from newsweave.errors import Rejected
from newsweave.lexicon import english_words
from newsweave.model import Article, DateOrigin, Removal, SourceProfile, Span
from newsweave.stages.article._noise import (
    AGENCY_DATELINE,
    BOILERPLATE_LINE,
    CAPTION_DATE,
    CAPTION_LINE,
    CORRECTION_LINE,
    CREDIT_LINE,
    GLUED_DATE_STAMP,
    INLINE_NOISE,
    PAGE_STAMP_INSIDE,
    SITE_NOTICE,
    URL_LINE,
    WIRE_DATELINE,
    dateline_datetime,
    is_dateline,
    site_notice_sentence,
)

BOILERPLATE = "boilerplate"
CAPTION = "caption"
CORRECTION = "correction"
CREDIT = "credit"
DATELINE = "dateline"
HEADING = "heading"
REPEATED = "repeated"
TITLE = "title"

_WORD = re.compile(r"[^\W_]+")
_SHORT_LINE_WORDS = 20  # line patterns never fire on longer lines: those are prose
_HEADING_MAX_WORDS = 10
_REPEAT_MIN_WORDS = 4
_REMNANT_WORDS = 12  # fewer words left beside a cut site notice: a page that failed to load
_OPENS_PROSE = frozenset("0123456789\"“‘'")  # besides a capital letter
_DATELINE_UNITS = 3  # a wire dateline is read in any form among a page's first lines only
_EDGE_UNITS = 4  # learned source boilerplate sits in the first or last few lines of a page
_PARAGRAPH_BREAK = "\n\n"
# English's commonest function words, none of them a word of another language's text: English
# news gives them about a quarter of its words (DUC 2004, ECB+, Multi-News, Timeline17: 1% of
# articles under 0.13), Spanish, French and Italian news none (99% under 0.01).
_ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to is that for it was with he she as by his her from at this are have has were
    be they said which not but an who will would been their its""".split()
)
_ENGLISH_SHARE = 0.03
# Words an English dictionary knows (WordNet's index, in the spaCy model): over 0.7 of an English
# list's, at most 0.41 of a Spanish, French or Italian article's (ML-Crisis, 900 articles).
_ENGLISH_WORDS_SHARE = 0.5
_LANGUAGE_MIN_WORDS = 50
_CORRECTION_WORDS = 80  # a correction notice longer than this is an article about an error
_CREDIT_WORDS = 60  # a print note may carry its headline ("... with the headline: ...")


@dataclass(frozen=True, slots=True)
class _Verdict:
    keep: str  # the text kept from the unit ("" when it is all removed)
    removed: tuple[tuple[str, str], ...] = ()  # (text, reason)
    is_heading: bool = False
    date: dt.datetime | None = None
    above: str = ""  # what the page put above the story on the unit's line: kept as a heading


def learn_source_boilerplate(articles: Sequence[Article]) -> dict[str, frozenset[str]]:
    """Lines that recur at the top or bottom of several articles of one source.

    A line counts when it sits among the first or last few lines of at least two articles of the
    source and of at least half of them. Two versions of one story (an update, a re-post) share
    their prose too, so lines shared only by near-identical articles are not learned; whether
    articles are near-identical is judged on their other lines, without the recurring ones (a
    page with a header, a footer and one paragraph would otherwise look half identical to every
    other page of its source).
    """
    by_source: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_source[article.source].append(article)
    learned: dict[str, frozenset[str]] = {}
    for source, group in by_source.items():
        if len(group) < 2:
            continue
        edge_sets = [_edge_keys(article.raw_text) for article in group]
        all_sets = [set(map(_key, _units(article.raw_text))) for article in group]
        counts: Counter[str] = Counter(key for keys in edge_sets for key in keys)
        recurring = {
            key for key, count in counts.items() if count >= 2 and count >= len(group) / 2 and key
        }
        lines = set()
        for key in recurring:
            holders = [
                keys - recurring
                for keys, edges in zip(all_sets, edge_sets, strict=True)
                if key in edges
            ]
            if not _all_near_identical(holders):
                lines.add(key)
        if lines:
            learned[source] = frozenset(lines)
    return learned


def boilerplate_by_source(profiles: Mapping[str, SourceProfile]) -> dict[str, frozenset[str]]:
    """Each outlet's learned boilerplate lines, as `clean_article` takes them."""
    return {source: profile.boilerplate for source, profile in profiles.items()}


def clean_article(
    article: Article, source_boilerplate: dict[str, frozenset[str]] | None = None
) -> Article:
    """The article with `text`, `removed` and `headings` filled, and a date from its date line.

    Raises:
        Rejected: when nothing but page noise is left.
    """
    learned = (source_boilerplate or {}).get(article.source, frozenset())
    title_key = _key(article.title or "")
    pieces: list[str] = []
    headings: list[tuple[int, int]] = []
    removed: list[Removal] = []
    seen: set[str] = set()
    found_date: dt.datetime | None = None
    offset = 0
    for index, unit in enumerate(units := _units(article.raw_text)):
        verdict = _judge(unit, index, units, learned, title_key, seen)
        removed.extend(Removal(article.id, text, reason) for text, reason in verdict.removed)
        found_date = found_date or verdict.date
        if verdict.above:
            if pieces:
                offset += len(_PARAGRAPH_BREAK)
            headings.append((offset, offset + len(verdict.above)))
            pieces.append(verdict.above)
            offset += len(verdict.above)
        if not verdict.keep:
            continue
        if pieces:
            offset += len(_PARAGRAPH_BREAK)
        if verdict.is_heading:
            headings.append((offset, offset + len(verdict.keep)))
        pieces.append(verdict.keep)
        offset += len(verdict.keep)
    text = _PARAGRAPH_BREAK.join(pieces)
    if not text.strip() or len(headings) == len(pieces) or _notice_remnant(text, removed):
        raise Rejected("no_text", f"article {article.id!r} has nothing but page noise")
    if not is_english(text, article.language):
        raise Rejected(
            "not_english",
            f"article {article.id!r} reads as another language than English: newsweave reads "
            "English only (a front matter line 'language: en' says it is English)",
        )

    published, origin = article.published, article.date_origin
    if published is None and found_date is not None:
        published, origin = found_date, DateOrigin.DATELINE
    return replace(
        article,
        text=text,
        removed=tuple(removed),
        headings=tuple(Span(article.id, start, end) for start, end in headings),
        published=published,
        date_origin=origin,
    )


def is_english(text: str, language: str | None = None) -> bool:
    """Whether a text is English: as its `language` says, else by the share of its words that
    are English function words ("the", "of", "was"; about a quarter of English news, none of
    Spanish, French or Italian) or, with few of those, English words. Too short a text to tell
    (`_LANGUAGE_MIN_WORDS`) is taken for English."""
    if language:
        return language.strip().casefold().replace("_", "-").split("-")[0] in {"en", "english"}
    words = _WORD.findall(text.casefold())
    if len(words) < _LANGUAGE_MIN_WORDS:
        return True
    if sum(word in _ENGLISH_FUNCTION_WORDS for word in words) >= _ENGLISH_SHARE * len(words):
        return True
    # A list in English (a shop's closing days, brewery names) has few function words too, but
    # its words are English ones.
    longer = [word for word in words if len(word) >= 3 and word.isalpha()]
    known = english_words()
    return sum(word in known for word in longer) >= _ENGLISH_WORDS_SHARE * len(longer)


def _notice_remnant(text: str, removed: Sequence[Removal]) -> bool:
    # A page that failed to load is its notice and a few words around it ("Sorry about that.",
    # "Take a break!"): with the notice cut, what is left is no article.
    return len(text.split()) < _REMNANT_WORDS and any(
        SITE_NOTICE.search(removal.text) for removal in removed
    )


def _judge(
    unit: str,
    index: int,
    units: Sequence[str],
    learned: frozenset[str],
    title_key: str,
    seen: set[str],
) -> _Verdict:
    words = len(unit.split())
    key = _key(unit)
    short = words <= _SHORT_LINE_WORDS
    # Tokenized text spaces a stamp's punctuation ("10 / 25 / 11 06: 44 PM ET"): count its words.
    if len(_WORD.findall(unit)) <= _SHORT_LINE_WORDS and is_dateline(unit):
        return _Verdict("", ((unit, DATELINE),), date=dateline_datetime(unit))
    if URL_LINE.search(unit) and unit.count("/") >= 2:  # crawled "http: / / www. x. com / a - b"
        return _Verdict("", ((unit, BOILERPLATE),))
    if short and BOILERPLATE_LINE.search(unit):
        return _Verdict("", ((unit, BOILERPLATE),))
    if words <= 40 and CAPTION_LINE.search(unit):
        # A date line glued to the caption ("date 2023-06-18 Photo: ...") goes with it, but
        # its date is kept.
        stamp = CAPTION_DATE.search(unit)
        date = dateline_datetime(stamp.group("stamp")) if stamp else None
        return _Verdict("", ((unit, CAPTION),), date=date)
    if words <= _CORRECTION_WORDS and CORRECTION_LINE.search(unit):
        return _Verdict("", ((unit, CORRECTION),))
    if words <= _CREDIT_WORDS and CREDIT_LINE.search(unit):
        return _Verdict("", ((unit, CREDIT),))
    if key in learned:
        return _Verdict("", ((unit, BOILERPLATE),))
    if index <= 1 and title_key and key == title_key:
        return _Verdict("", ((unit, TITLE),))
    if key in seen and words >= _REPEAT_MIN_WORDS:
        return _Verdict("", ((unit, REPEATED),))
    seen.add(key)

    removed: list[tuple[str, str]] = []
    date = None
    above = ""
    if dateline := _wire_dateline(unit, index):
        if above := unit[: dateline.start()].strip():
            # What the page put above the story on its line (a highlights box, a byline, the
            # page's stamp, a caption) is no part of the story's first sentence: kept as a
            # heading, in the text but in no sentence. A stamp in it dates the article.
            removed.append((above, HEADING))
            if stamp := PAGE_STAMP_INSIDE.search(above):
                date = dateline_datetime(stamp.group(0))
        removed.append((dateline.group("stamp").strip(), DATELINE))
        unit = unit[dateline.end() :]
    if stamp := GLUED_DATE_STAMP.match(unit):
        removed.append((stamp.group("stamp"), DATELINE))
        date = dateline_datetime(stamp.group("stamp"))
        unit = unit[stamp.end() :]
    unit, inline = _strip_inline_noise(unit)
    removed.extend(inline)
    if not unit:
        return _Verdict("", tuple(removed), date=date, above=above)
    if _is_heading(unit, index, units):
        # Kept in the text as a heading, but taken out of the sentences, so it is listed too.
        removed.append((unit, HEADING))
        return _Verdict(unit, tuple(removed), is_heading=True, date=date, above=above)
    return _Verdict(unit, tuple(removed), date=date, above=above)


def _wire_dateline(unit: str, index: int) -> re.Match[str] | None:
    """Where the story starts on a line: after an agency's dateline opening any line, or after
    one in any form in a page's first lines when what stood above it on the line ends there:
    at a sentence's end, or the story's prose starts after it ("...the Libyan regime Paris (CNN)
    -- U.S., European and Arab leaders ..."), not a parenthesis inside one sentence ("the
    Islamic State (IS) - which holds the city")."""
    if dateline := AGENCY_DATELINE.match(unit):
        return dateline
    if index >= _DATELINE_UNITS:
        return None
    for found in WIRE_DATELINE.finditer(unit):
        above = unit[: found.start()].rstrip()
        prose = unit[found.end()]
        if not above or above.endswith((".", "!", "?")) or prose.isupper() or prose in _OPENS_PROSE:
            return found
    return None


def _strip_inline_noise(unit: str) -> tuple[str, list[tuple[str, str]]]:
    removed: list[tuple[str, str]] = []
    for pattern, reason in INLINE_NOISE:
        while match := pattern.search(unit):
            removed.append((match.group(0).strip(), reason))
            unit = (unit[: match.start()] + " " + unit[match.end() :]).strip()
            unit = re.sub(r"\s{2,}", " ", unit)
    while notice := site_notice_sentence(unit):
        start, end = notice
        removed.append((unit[start:end].strip(), BOILERPLATE))
        unit = re.sub(r"\s{2,}", " ", f"{unit[:start]} {unit[end:]}").strip()
    return unit, removed


def _is_heading(unit: str, index: int, units: Sequence[str]) -> bool:
    words = unit.split()
    if not 0 < len(words) <= _HEADING_MAX_WORDS or len(unit) > 80:
        return False
    if unit.rstrip()[-1] in ".!?…:;,\"'”’)]" or not (unit[0].isupper() or unit[0].isdigit()):
        return False
    following = units[index + 1 :]
    # A heading introduces prose: some longer paragraph follows it.
    return any(len(next_unit.split()) > 12 for next_unit in following[:3])


def _units(raw: str) -> list[str]:
    """Lines of the raw text, with hard-wrapped lines of one paragraph joined again."""
    units: list[str] = []
    for paragraph in re.split(r"\n\s*\n", raw.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        for line in lines:
            if units and _continues(units[-1], line) and _same_paragraph(units, paragraph):
                units[-1] = f"{units[-1]} {line}"
            else:
                units.append(line)
    return [re.sub(r"[ \t\u00a0]+", " ", _characters(unit)) for unit in units]


# A character reference a page's text kept ("&#124;", "&amp;"); only the complete form with its
# semicolon, so that "AT&T" or "R&D;" stay as written.
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _characters(unit: str) -> str:
    """The unit with the character references left in text taken from a page decoded."""
    return _CHARACTER_REFERENCE.sub(lambda ref: html.unescape(ref[0]), unit)


def _continues(previous: str, line: str) -> bool:
    # A wrapped line: the previous one stops mid-sentence and this one goes on in lower case.
    return not previous.endswith((".", "!", "?", ":", '"', "”", "'")) and line[:1].islower()


def _same_paragraph(units: list[str], paragraph: str) -> bool:
    return units[-1].split()[-1] in paragraph


def _edge_keys(raw: str) -> set[str]:
    units = _units(raw)
    return {_key(unit) for unit in units[:_EDGE_UNITS] + units[-_EDGE_UNITS:] if len(unit) < 300}


def _all_near_identical(line_sets: Iterable[set[str]]) -> bool:
    sets = list(line_sets)
    if any(not lines for lines in sets):
        return True  # an article that is nothing but the line: no evidence it is page furniture
    for i, first in enumerate(sets):
        for second in sets[i + 1 :]:
            overlap = len(first & second) / max(1, min(len(first), len(second)))
            if overlap < 0.5:
                return False
    return True


def _key(text: str) -> str:
    """A unit's identity for repeat detection: case, spacing and punctuation ignored."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
