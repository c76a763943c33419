"""What every conflict check reads: thresholds, per-sentence lookups, name and role tests."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from newsweave.model import Article, DateOrigin, Precision, SentencePair, Span, Story
from newsweave.stages.claims._slots import REPORTING_VERBS, STOPWORDS, content_words
from newsweave.vocabulary import CALENDAR_WORDS

NUMBER_MIN_COSINE = 0.6

DATE_MIN_OVERLAP = 0.5  # dates: the sentences must share most of their wording ...

DATE_MIN_COSINE = 0.8  # ... or say nearly the same thing

NAME_MIN_OVERLAP = 0.3

NAME_MIN_COSINE = 0.62

# Below this the embedder reads two statements, whatever words they share.
NAME_FLOOR_COSINE = 0.4

NEAR_EQUAL_OVERLAP = 0.6

ABBREVIATION_MAX_SHARE = 0.6  # a shortened name keeps at most this share of the letters

RESIDUAL_MIN_SHARE = 0.5  # of the shorter sentence's content words (names and numbers aside)

RESIDUAL_MIN_SHARED = 2

CLOSE_COSINE = 0.8

CLOSE_OVERLAP = 0.6

NAME_LIST_SIZE = 6

DIFF_MIN_OVERLAP = 0.5  # a word diff is only meaningful between nearly equal sentences

MAX_SWAP_TOKENS = 5  # a sentence naming this many entities is a list, not one role per name
SWAP_MIN_LENGTH_RATIO = 0.7  # a word diff only shows a swap between sentences of like length

NEGATION_MIN_OVERLAP = 0.6

NEGATION_MIN_COSINE = 0.7

_CONTEXT_WORDS = 2

# Words that change which role a title names: "former foreign minister" is not the minister.
ROLE_CHANGING = frozenset(["former", "deputy", "vice", "acting", "interim", "ex"])
_TITLE_WORDS = ROLE_CHANGING | frozenset(
    [
        "diplomat",
        "senior",
        "president",
        "prime",
        "minister",
        "deputy",
        "foreign",
        "secretary",
        "chancellor",
        "king",
        "queen",
        "general",
        "governor",
        "senator",
        "mayor",
        "chief",
        "director",
        "chairman",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "leader",
        "judge",
        "commander",
        "head",
        "vice",
        "interior",
        "finance",
        "defence",
        "defense",
        "trade",
        "justice",
    ]
)

# Forms of address: "Ms." alone, or the tagger's "leading Ms.", names no one.
_HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "rev", "prof"]
)
_NOT_NAMES = _TITLE_WORDS | STOPWORDS | CALENDAR_WORDS | _HONORIFICS


# What stands between two names when one places the other: "Woodburn, Oregon", "a bank in
# Woodburn", "off Somalia".
_LOCATED = re.compile(r"\s*,\s*|\s+(?:in|near|off|outside|of|at)\s+(?:the\s+)?", re.IGNORECASE)

_LISTED = re.compile(r"\s*(?:,|and|or|, and)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Finding:
    kind: str
    a: Span
    b: Span
    value_a: str
    value_b: str
    cosine: float


class _StoryContext:
    """Per-sentence lookups the checks share: entity names, resolved dates, article days."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.entity_at: dict[tuple[str, int, int], str] = {}
        self.entity_type: dict[str, str] = {}
        for entity in story.entities:
            self.entity_type[entity.name] = entity.type
            for span in entity.mentions:
                self.entity_at[(span.article_id, span.start, span.end)] = entity.name
        self.dates_in: dict[Span, list[tuple[Span, str]]] = defaultdict(list)
        for mention in story.dated_mentions:
            if mention.date.precision is Precision.DAY:
                self.dates_in[mention.sentence].append((mention.expression, mention.date.iso()))
        self.time_of = {a.id: _publication_time(a) for a in story.articles}
        # Sentences that tell only history, over before the story's coverage began ("In 2007,
        # the gang drove two cars through a store's window"): the timeline marks it.
        told_now = {s for e in story.timeline if not e.background for s in e.support}
        self.history = {
            s for e in story.timeline if e.background for s in e.support if s not in told_now
        }

    @cached_property
    def located_together(self) -> set[frozenset[str]]:
        """Pairs of names the story writes side by side, one placing the other, with at least
        one a place: "Woodburn, Oregon", "in Nashville, Tennessee", "the Gulf of Aden off
        Somalia". Another outlet naming either one names the same place, more or less
        precisely: the story's own words say so, no gazetteer."""
        together: set[frozenset[str]] = set()
        for article in self.story.articles:
            named = [
                (m.span, name)
                for m in article.mentions
                if (name := self.entity_at.get((m.span.article_id, m.span.start, m.span.end)))
            ]
            named.sort(key=lambda item: item[0].start)
            gaps = [
                article.text[first.end : second.start]
                for (first, _), (second, _) in itertools.pairwise(named)
            ]
            for index, gap in enumerate(gaps):
                (_, name_a), (_, name_b) = named[index], named[index + 1]
                kinds = {_name_kind(self.entity_type.get(n, "")) for n in (name_a, name_b)}
                if name_a == name_b or "place" not in kinds or not _LOCATED.fullmatch(gap):
                    continue
                around = gaps[max(0, index - 1) : index] + gaps[index + 1 : index + 2]
                if gap.strip() == "," and any(_LISTED.fullmatch(g) for g in around):
                    continue  # "Mexico, Nicaragua and Honduras": a list, not one place in another
                together.add(frozenset((name_a, name_b)))
        return together

    @cached_property
    def names_by_article(self) -> dict[str, set[str]]:
        """The entity names each article mentions."""
        named: dict[str, set[str]] = defaultdict(set)
        for (article_id, _, _), name in self.entity_at.items():
            named[article_id].add(name)
        return named

    @cached_property
    def _aligned(self) -> dict[Span, set[Span]]:
        aligned: dict[Span, set[Span]] = defaultdict(set)
        for pair in self.story.alignments:
            aligned[pair.a].add(pair.b)
            aligned[pair.b].add(pair.a)
        return aligned

    def aligned_with(self, sentence: Span) -> set[Span]:
        """The sentences of other articles the aligner pairs with this one."""
        return self._aligned.get(sentence, set())

    def names(self, sentence: Span) -> dict[str, list[Span]]:
        """Entities mentioned in a sentence: name -> mention spans."""
        article = self.story.article(sentence.article_id)
        found: dict[str, list[Span]] = defaultdict(list)
        for mention in article.mentions:
            span = mention.span
            if sentence.start <= span.start and span.end <= sentence.end:
                name = self.entity_at.get((span.article_id, span.start, span.end))
                if name:
                    found[name].append(span)
        return found


def _publication_time(article: Article) -> dt.datetime | None:
    if article.published is None or article.date_origin is DateOrigin.STORY:
        return None
    return article.published


def _tokens(text: str) -> list[tuple[str, int]]:
    return [
        (m.group(0), m.start()) for m in re.finditer(r"[^\W_]+(?:['’.-][^\W_]+)*|[^\w\s]", text)
    ]


def _is_name_like(chunk: str) -> bool:
    words = re.findall(r"[^\W\d_]+", chunk)
    capitalised = [w for w in words if w[0].isupper() and w.casefold() not in _NOT_NAMES]
    return bool(capitalised) and not re.search(r"\d", chunk)


def _same_name(first: str, second: str) -> bool:
    """Spelling variants, a name and its part, a country and its adjective (Turkey/Turkish)."""
    a, b = _fold(first), _fold(second)
    if fuzz.ratio(a, b) >= 80 or (fuzz.partial_ratio(a, b) >= 90 and min(len(a), len(b)) >= 4):
        return True
    words_a, words_b = (
        set(re.findall(r"\w+", a)) - STOPWORDS,
        set(re.findall(r"\w+", b)) - STOPWORDS,
    )
    # One name's words inside the other's: "NBA" / "NBA Charlotte Bobcats", "High Street in
    # Banstead" / "Banstead High Street".
    if words_a and words_b and (words_a <= words_b or words_b <= words_a):
        return True
    if _shortens(a, b) or _shortens(b, a):
        return True
    return len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4]


def _shortens(short: str, long: str) -> bool:
    """`short` is one word cut from `long`'s: its letters in order, the same first two and
    last, at most ABBREVIATION_MAX_SHARE of the length ("Jags" / "Jaguars", "Fla" / "Florida",
    "Mass" / "Massachusetts"; not "Iran" / "Ireland")."""
    if not re.fullmatch(r"[^\W\d_]{3,}", short) or not re.fullmatch(r"[^\W\d_]+", long):
        return False
    if len(short) > ABBREVIATION_MAX_SHARE * len(long):
        return False
    if short[:2] != long[:2] or short[-1] != long[-1]:
        return False
    rest = iter(long[2:-1])
    return all(letter in rest for letter in short[2:-1])


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


def _entity_over(context: _StoryContext, sentence: Span, offset: int, chunk: str) -> str | None:
    """The entity the chunk names: of those it overlaps, the one it overlaps most, a
    nationality ("Syrian" in "Syrian President Hafez") last."""
    start = sentence.start + offset
    end = start + len(chunk)
    best: tuple[bool, int, str] | None = None
    for name, spans in context.names(sentence).items():
        overlap = max(min(end, span.end) - max(start, span.start) for span in spans)
        if overlap > 0:
            candidate = (context.entity_type.get(name) != "NORP", overlap, name)
            best = max(best, candidate) if best else candidate
    return best[2] if best else None


def _different_subjects(
    names_a: dict[str, list[Span]], names_b: dict[str, list[Span]], context: _StoryContext
) -> bool:
    """Each sentence names someone or somewhere the other does not (variants aside), of one
    kind: "six died in Mexico" / "eight died in Nicaragua". A place on one side and a stray
    capitalised word on the other ("Pinup" / "California") name no second subject."""

    def unmatched(names: dict[str, list[Span]], others: dict[str, list[Span]]) -> set[str]:
        return {
            _name_kind(context.entity_type.get(n, ""))
            for n in names
            if context.entity_type.get(n) != "NORP" and not any(_same_name(n, o) for o in others)
        }

    return bool(unmatched(names_a, names_b) & unmatched(names_b, names_a))


def _same_statement_otherwise(
    text_a: str, text_b: str, names_a: dict[str, list[Span]], names_b: dict[str, list[Span]]
) -> bool:
    """Most of the content words of the shorter sentence, names and numbers aside, are in the
    other: a contradiction changes one detail of one statement, it is not a second statement."""
    name_words = content_words(" ".join([*names_a, *names_b]))
    words_a = content_words(text_a) - name_words
    words_b = content_words(text_b) - name_words
    shared = len(words_a & words_b)
    return shared >= RESIDUAL_MIN_SHARED and shared >= RESIDUAL_MIN_SHARE * min(
        len(words_a), len(words_b)
    )


def of_other_years(text_a: str, text_b: str) -> bool:
    """Each sentence dates what it says to a year, and no year is in both: two events ("moved
    to Florida in 1957" / "moved to New York in 1947"), whose names and figures may differ."""
    years_a, years_b = _years(text_a), _years(text_b)
    return bool(years_a) and bool(years_b) and not years_a & years_b


def _years(text: str) -> set[str]:
    return {
        m.group(0)
        for m in _YEAR.finditer(text)
        if not re.match(r"\s*(?:people|troops|men|women|votes|seats)\b", text[m.end() :])
    }


_YEAR = re.compile(r"(?<![\d,.$])\b(?:1[89]\d\d|20\d\d)\b(?![,.]\d)")


def _close(pair: SentencePair) -> bool:
    """So close that the embedding or the wording alone says it is one statement."""
    return pair.cosine >= CLOSE_COSINE or pair.overlap >= CLOSE_OVERLAP


def _same_role(
    pair: SentencePair,
    mention_a: Span,
    mention_b: Span,
    context: _StoryContext,
    *,
    either_side: bool = False,
) -> bool:
    """Both names stand among the same words on both sides: "magistrate X who is seeking" /
    "magistrate Y is seeking" (a side that is empty in both sentences counts as the same).
    With `either_side` (two dates of one statement), one side is enough, and every reporting
    verb reads as one: "said Saturday" / "told reporters Sunday" date one statement."""
    story = context.story
    text_a, text_b = story.article(pair.a.article_id).text, story.article(pair.b.article_id).text
    if either_side:
        left_a, right_a = _around(text_a, pair.a, mention_a, reporting=True)
        left_b, right_b = _around(text_b, pair.b, mention_b, reporting=True)
        return _sides_agree(left_a, left_b) or _sides_agree(right_a, right_b)
    if _is_attribution(text_a, pair.a, mention_a) != _is_attribution(text_b, pair.b, mention_b):
        return False  # "the Anchorage Daily News reported" names the source, not the church
    left_a, right_a = _around(text_a, pair.a, mention_a)
    left_b, right_b = _around(text_b, pair.b, mention_b)
    return _sides_agree(left_a, left_b) and _sides_agree(right_a, right_b)


def _is_attribution(text: str, sentence: Span, mention: Span) -> bool:
    """The name is who says it: a reporting verb right after it (auxiliaries and a negation
    aside: "Ketsoyan would not say"), or "according to" before."""
    after = _context_words(text[mention.end : sentence.end])[:6]
    while after and after[0] in _AUXILIARIES:
        after = after[1:]
    after = after[:2]
    before = _context_words(text[sentence.start : mention.start])[-3:]
    return bool(set(after) & REPORTING_VERBS) or "according" in before


def is_addressee(text: str, sentence: Span, mention: Span) -> bool:
    """The name is whom it was told: "her rep told People", "confirmed to People", "in a
    statement released to People"."""
    return tells(_context_words(text[sentence.start : mention.start])[-2:])


def tells(before: list[str]) -> bool:
    """The words before a name make it the one told: "told", "talking to", "released to"."""
    if before and before[-1] in _TELLING:
        return True
    return len(before) >= 2 and before[-1] == "to" and before[-2] in _TELLING_TO


_TELLING = frozenset(["told", "tells", "tell", "telling"])
_TELLING_TO = frozenset(
    ["talking", "speaking", "spoke", "talked", "said", "released", "confirmed", "told"]
)


_AUXILIARIES = frozenset(
    "would will could can should may might must did does do has have had also not never "
    "wouldn't won't couldn't can't shouldn't didn't doesn't don't hasn't haven't hadn't".split()
)


def _sides_agree(first: set[str], second: set[str]) -> bool:
    """The same words on one side of two mentions, or none but a reporting verb on either."""
    return bool(first & second) or not ((first - {"said"}) or (second - {"said"}))


def _around(
    text: str, sentence: Span, mention: Span, *, reporting: bool = False
) -> tuple[set[str], set[str]]:
    before = _context_words(text[sentence.start : mention.start])[-_CONTEXT_WORDS:]
    after = _context_words(text[mention.end : sentence.end])[:_CONTEXT_WORDS]
    return _role_words(before, reporting), _role_words(after, reporting)


def _role_words(words: list[str], reporting: bool) -> set[str]:
    """The words that place a name in its role, stop words and reporting verbs aside; with
    `reporting`, every reporting verb is kept, as one word ("said")."""
    return {
        "said" if w in REPORTING_VERBS else w
        for w in words
        if w not in STOPWORDS or (reporting and w in REPORTING_VERBS)
    }


def is_description(text: str, mention: Span) -> bool:
    """The mention is the modifier of a role noun: "the Kurd leader", "the Alaska governor" name
    someone by their role, as another outlet's "Ocalan" or "Palin" does by name."""
    following = re.match(r"[\s'’s]*([^\W\d_]+)", text[mention.end : mention.end + 30])
    return bool(following) and following.group(1) in _TITLE_WORDS


def _context_words(text: str) -> list[str]:
    """Words as a reader sees them: "1989's" is one word, 1989."""
    return [
        re.sub(r"['’]s$", "", w) for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text.casefold())
    ]


def _name_kind(entity_type: str) -> str:
    if entity_type == "PERSON":
        return "person"
    if entity_type in {"GPE", "LOC", "FAC"}:
        return "place"
    return "organisation"


def _is_weekday(text: str) -> bool:
    return bool(re.search(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", text, re.IGNORECASE))
