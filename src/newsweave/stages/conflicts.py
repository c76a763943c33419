"""Where outlets contradict each other: slot conflicts between aligned sentences.

No NLI model ships offline, so contradictions are found on structure the story already has.
Two sentences of different articles that are each other's closest match (the alignment) are
compared slot by slot: the quantities they count, the dates they give (resolved by the dates
stage), the names in the same role (resolved to entities, so spelling variants agree), a title
given to one person, and negation. Each check needs the sentences to be closer the weaker its
evidence is, which is what keeps two different facts that merely look alike from being flagged.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from newsweave.model import Article, Conflict, DateOrigin, Precision, SentencePair, Span, Story
from newsweave.stages._slots import (
    ANTONYMS,
    NEGATION,
    STOPWORDS,
    TOLL_UNITS,
    content_words,
    quantities,
    same_quantity,
)

NUMBER_MIN_COSINE = 0.6
DATE_MIN_OVERLAP = 0.5  # dates: the sentences must share most of their wording ...
DATE_MIN_COSINE = 0.8  # ... or say nearly the same thing
NAME_MIN_OVERLAP = 0.3
NAME_MIN_COSINE = 0.62
NEAR_EQUAL_OVERLAP = 0.6
RESIDUAL_MIN_SHARE = 0.5  # of the shorter sentence's content words (names and numbers aside)
RESIDUAL_MIN_SHARED = 2
CLOSE_COSINE = 0.8
CLOSE_OVERLAP = 0.6
NAME_LIST_SIZE = 6
DIFF_MIN_OVERLAP = 0.5  # a word diff is only meaningful between nearly equal sentences
MAX_SWAP_TOKENS = 5  # a sentence naming this many entities is a list, not one role per name
NEGATION_MIN_OVERLAP = 0.6
NEGATION_MIN_COSINE = 0.7
_CONTEXT_WORDS = 2
_TITLE_WORDS = frozenset(
    [
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


_CALENDAR_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_NOT_NAMES = _TITLE_WORDS | STOPWORDS | _CALENDAR_WORDS


@dataclass(frozen=True, slots=True)
class _Finding:
    kind: str
    a: Span
    b: Span
    value_a: str
    value_b: str
    cosine: float


def find_conflicts(story: Story) -> Story:
    """The story with `conflicts`: one per disagreement, with both sentences and who says what."""
    context = _StoryContext(story)
    findings = [finding for pair in story.alignments for finding in _compare(pair, context)]
    return replace(story, conflicts=tuple(_merge(findings, story)))


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


def _compare(pair: SentencePair, context: _StoryContext) -> Iterator[_Finding]:
    story = context.story
    text_a, text_b = story.quote(pair.a), story.quote(pair.b)
    names_a, names_b = context.names(pair.a), context.names(pair.b)
    if not (_close(pair) or _same_statement_otherwise(text_a, text_b, names_a, names_b)):
        return
    if not _different_subjects(names_a, names_b, context):
        # Different names on both sides mean different subjects: their numbers and dates differ
        # for that reason ("six died in Mexico" / "eight died in Nicaragua").
        same_subject = bool(names_a.keys() & names_b.keys())
        yield from _number_conflicts(pair, text_a, text_b, context, same_subject=same_subject)
        yield from _date_conflicts(pair, context)
    if pair.overlap >= DIFF_MIN_OVERLAP:
        yield from _swapped_names(pair, text_a, text_b, context)
    yield from _name_conflicts(pair, text_a, text_b, names_a, names_b, context)
    yield from _negation_conflicts(pair, text_a, text_b)


def _swapped_names(
    pair: SentencePair, text_a: str, text_b: str, context: _StoryContext
) -> Iterator[_Finding]:
    """In nearly equal sentences, a word-level diff shows the swap itself: "said Mike Brown, a
    resident" / "said Hurricane Mitch, a resident", whether or not the model tagged both names."""
    tokens_a, tokens_b = _tokens(text_a), _tokens(text_b)
    matcher = SequenceMatcher(
        None,
        [t.casefold() for t, _ in tokens_a],
        [t.casefold() for t, _ in tokens_b],
        autojunk=False,
    )
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation != "replace" or max(a2 - a1, b2 - b1) > MAX_SWAP_TOKENS or min(a1, b1) == 0:
            continue  # sentence-initial words are capitalised anyway: no evidence of a name
        chunk_a = text_a[tokens_a[a1][1] : tokens_a[a2 - 1][1] + len(tokens_a[a2 - 1][0])]
        chunk_b = text_b[tokens_b[b1][1] : tokens_b[b2 - 1][1] + len(tokens_b[b2 - 1][0])]
        if not (_is_name_like(chunk_a) and _is_name_like(chunk_b)) or _same_name(chunk_a, chunk_b):
            continue
        entity_a = _entity_over(context, pair.a, tokens_a[a1][1], chunk_a)
        entity_b = _entity_over(context, pair.b, tokens_b[b1][1], chunk_b)
        if (entity_a is None and entity_b is None) or entity_a == entity_b:
            continue  # two capitalised phrases the model saw no name in: a title, a heading word
        if entity_a and entity_b and not _comparable_names(entity_a, entity_b, context):
            continue
        types = [context.entity_type.get(e or "", "") for e in (entity_a, entity_b)]
        kind = next((_name_kind(t) for t in types if t), "person")
        yield _Finding(kind, pair.a, pair.b, entity_a or chunk_a, entity_b or chunk_b, pair.cosine)
        return


def _comparable_names(name_a: str, name_b: str, context: _StoryContext) -> bool:
    """Two names that could fill one role: not a nationality ("Serbian" / "Kosovo", which
    paraphrases swap freely), not one person's two forms ("Bob" / "Robert L. Livingston")."""
    type_a, type_b = context.entity_type.get(name_a), context.entity_type.get(name_b)
    if "NORP" in (type_a, type_b):
        return False
    if type_a == type_b == "PERSON" and name_a.split()[-1] == name_b.split()[-1]:
        return False
    return True


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
    return len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4]


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
    """Each sentence names someone or somewhere the other does not (variants aside)."""

    def unmatched(names: dict[str, list[Span]], others: dict[str, list[Span]]) -> list[str]:
        return [
            n
            for n in names
            if context.entity_type.get(n) != "NORP" and not any(_same_name(n, o) for o in others)
        ]

    return bool(unmatched(names_a, names_b) and unmatched(names_b, names_a))


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


def _close(pair: SentencePair) -> bool:
    """So close that the embedding or the wording alone says it is one statement."""
    return pair.cosine >= CLOSE_COSINE or pair.overlap >= CLOSE_OVERLAP


def _number_conflicts(
    pair: SentencePair, text_a: str, text_b: str, context: _StoryContext, *, same_subject: bool
) -> Iterator[_Finding]:
    if pair.cosine < NUMBER_MIN_COSINE and pair.overlap < DATE_MIN_OVERLAP:
        return
    found_a, found_b = quantities(text_a), quantities(text_b)
    for qa in found_a:
        if any(same_quantity(qa, other) and qa.unit == other.unit for other in found_b):
            continue  # the other sentence states this value too
        for qb in found_b:
            if not qa.counts_same_thing(qb, same_subject=same_subject) or same_quantity(qa, qb):
                continue
            if any(same_quantity(qb, other) and qb.unit == other.unit for other in found_a):
                continue
            if _counts_casualties(text_a, text_b) and _may_be_update(
                pair, qa.value, qb.value, context
            ):
                continue
            yield _Finding("number", pair.a, pair.b, qa.text, qb.text, pair.cosine)
            return


def _counts_casualties(text_a: str, text_b: str) -> bool:
    return bool(content_words(text_a) & content_words(text_b) & TOLL_UNITS)


def _may_be_update(
    pair: SentencePair, value_a: float, value_b: float, context: _StoryContext
) -> bool:
    """Casualty counts change as a story develops: a count that grows from an earlier report to
    a later one is news, and so is any change between two reports whose order is unknown."""
    time_a, time_b = context.time_of[pair.a.article_id], context.time_of[pair.b.article_id]
    if time_a is None or time_b is None:
        return True
    if time_a == time_b:
        # Two reports of one moment disagree; two dates without a time of day have no order.
        return time_a.time() == dt.time(0, 0)
    return (value_b > value_a) == (time_b > time_a)


def _date_conflicts(pair: SentencePair, context: _StoryContext) -> Iterator[_Finding]:
    if pair.overlap < DATE_MIN_OVERLAP and pair.cosine < DATE_MIN_COSINE:
        return
    dates_a, dates_b = context.dates_in.get(pair.a, []), context.dates_in.get(pair.b, [])
    if not dates_a or not dates_b:
        return
    days_a, days_b = {day for _, day in dates_a}, {day for _, day in dates_b}
    if days_a & days_b:
        return
    story = context.story
    (span_a, day_a), (span_b, day_b) = dates_a[0], dates_b[0]
    if story.quote(span_a).casefold() == story.quote(span_b).casefold():
        return  # the same words read against two publication dates: a copy, not a contradiction
    kind = (
        "weekday"
        if _is_weekday(story.quote(span_a)) and _is_weekday(story.quote(span_b))
        else "date"
    )
    if (
        kind == "weekday"
        and pair.overlap < CLOSE_OVERLAP
        and not _same_role(pair, span_a, span_b, context, either_side=True)
    ):
        return  # "made the allegations Saturday" / "said Sunday he had been muzzled": two events
    yield _Finding(
        kind,
        pair.a,
        pair.b,
        f"{story.quote(span_a)} ({day_a})",
        f"{story.quote(span_b)} ({day_b})",
        pair.cosine,
    )


def _name_conflicts(
    pair: SentencePair,
    text_a: str,
    text_b: str,
    names_a: dict[str, list[Span]],
    names_b: dict[str, list[Span]],
    context: _StoryContext,
) -> Iterator[_Finding]:
    if pair.overlap < NAME_MIN_OVERLAP and pair.cosine < NAME_MIN_COSINE:
        return
    if max(len(names_a), len(names_b)) >= NAME_LIST_SIZE:
        return
    only_a = [n for n in names_a if n not in names_b and n.casefold() not in text_b.casefold()]
    only_b = [n for n in names_b if n not in names_a and n.casefold() not in text_a.casefold()]
    for name_a in only_a:
        for name_b in only_b:
            if _same_name(name_a, name_b) or not _comparable_names(name_a, name_b, context):
                continue
            kind_a = _name_kind(context.entity_type.get(name_a, ""))
            kind = _name_kind(context.entity_type.get(name_b, ""))
            # A person for a place is only a swap when the sentences are otherwise nearly equal.
            if (kind_a == "person") != (kind == "person") and pair.overlap < NEAR_EQUAL_OVERLAP:
                continue
            if not _same_role(pair, names_a[name_a][0], names_b[name_b][0], context):
                continue
            yield _Finding(kind, pair.a, pair.b, name_a, name_b, pair.cosine)
            return
    yield from _role_conflicts(pair, names_a, names_b, context)


def _same_role(
    pair: SentencePair,
    mention_a: Span,
    mention_b: Span,
    context: _StoryContext,
    *,
    either_side: bool = False,
) -> bool:
    """Both names stand among the same words on both sides: "magistrate X who is seeking" /
    "magistrate Y is seeking" (a side that is empty in both sentences counts as the same)."""
    story = context.story
    left_a, right_a = _around(story.article(pair.a.article_id).text, pair.a, mention_a)
    left_b, right_b = _around(story.article(pair.b.article_id).text, pair.b, mention_b)
    if either_side:
        return _sides_agree(left_a, left_b) or _sides_agree(right_a, right_b)
    return _sides_agree(left_a, left_b) and _sides_agree(right_a, right_b)


def _sides_agree(first: set[str], second: set[str]) -> bool:
    return bool(first & second) or not (first or second)


def _around(text: str, sentence: Span, mention: Span) -> tuple[set[str], set[str]]:
    before = _context_words(text[sentence.start : mention.start])[-_CONTEXT_WORDS:]
    after = _context_words(text[mention.end : sentence.end])[:_CONTEXT_WORDS]
    keep = lambda words: {w for w in words if w not in STOPWORDS}
    return keep(before), keep(after)


def _context_words(text: str) -> list[str]:
    """Words as a reader sees them: "1989's" is one word, 1989."""
    return [
        re.sub(r"['’]s$", "", w) for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text.casefold())
    ]


def _role_conflicts(
    pair: SentencePair,
    names_a: dict[str, list[Span]],
    names_b: dict[str, list[Span]],
    context: _StoryContext,
) -> Iterator[_Finding]:
    """One person, two titles: "Prime Minister X" in one outlet, "Deputy Prime Minister X" in another."""
    story = context.story
    for name in names_a.keys() & names_b.keys():
        if context.entity_type.get(name) != "PERSON":
            continue
        title_a = _title_before(story, names_a[name][0])
        title_b = _title_before(story, names_b[name][0])
        if (
            title_a
            and title_b
            and title_a != title_b
            and not (
                set(title_a.split()) <= set(title_b.split())
                or set(title_b.split()) <= set(title_a.split())
            )
        ):
            yield _Finding(
                "role", pair.a, pair.b, f"{title_a} {name}", f"{title_b} {name}", pair.cosine
            )


def _title_before(story: Story, mention: Span) -> str:
    text = story.article(mention.article_id).text
    words = re.findall(r"[^\W_]+", text[max(0, mention.start - 40) : mention.start])
    title: list[str] = []
    for word in reversed(words):
        if word.casefold() not in _TITLE_WORDS:
            break
        title.insert(0, word.casefold())
    return " ".join(title)


def _negation_conflicts(pair: SentencePair, text_a: str, text_b: str) -> Iterator[_Finding]:
    """ "did not meet" / "met": the negated word must stand un-negated in the other sentence,
    so "were left out of" / "were not part of" is not a contradiction."""
    if pair.overlap < NEGATION_MIN_OVERLAP or pair.cosine < NEGATION_MIN_COSINE:
        return
    for negated_text, plain_text, flip in ((text_a, text_b, False), (text_b, text_a, True)):
        if NEGATION.search(plain_text):
            continue
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


def _is_weekday(text: str) -> bool:
    return bool(re.search(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", text, re.IGNORECASE))


def _name_kind(entity_type: str) -> str:
    if entity_type == "PERSON":
        return "person"
    if entity_type in {"GPE", "LOC", "FAC"}:
        return "place"
    return "organisation"


def _merge(findings: list[_Finding], story: Story) -> list[Conflict]:
    """One conflict per disagreement: the closest pair of sentences shows it, and the
    explanation names every article on each side."""
    groups: dict[tuple[str, frozenset[str]], list[_Finding]] = defaultdict(list)
    for finding in findings:
        groups[(finding.kind, frozenset((finding.value_a, finding.value_b)))].append(finding)
    conflicts = []
    for (kind, _), group in groups.items():
        best = max(group, key=lambda f: f.cosine)
        sides: dict[str, set[str]] = defaultdict(set)
        for finding in group:
            sides[finding.value_a].add(finding.a.article_id)
            sides[finding.value_b].add(finding.b.article_id)
        explanation = _explain(kind, best, sides, story)
        conflicts.append(Conflict(kind, best.a, best.b, explanation))
    return sorted(conflicts, key=lambda c: (c.kind, c.a.article_id, c.a.start))


def _explain(kind: str, best: _Finding, sides: dict[str, set[str]], story: Story) -> str:
    def outlets(article_ids: set[str]) -> str:
        return ", ".join(f"{story.article(a).source} ({a})" for a in sorted(article_ids))

    what = {
        "number": "a number",
        "date": "a date",
        "weekday": "the day",
        "person": "who",
        "place": "where",
        "organisation": "which organisation",
        "role": "a title",
        "negation": "whether it happened",
    }[kind]

    def say(article_ids: set[str]) -> str:
        return "says" if len(article_ids) == 1 else "say"

    side_a, side_b = sides[best.value_a], sides[best.value_b]
    return (
        f"Sources disagree on {what}: {outlets(side_a)} {say(side_a)} {best.value_a!r}; "
        f"{outlets(side_b)} {say(side_b)} {best.value_b!r}."
    )
