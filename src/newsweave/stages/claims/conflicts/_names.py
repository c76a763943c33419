"""Name conflicts: another person, place or organisation in one role; two titles for one person."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher

from newsweave.model import SentencePair, Span, Story
from newsweave.stages.claims._slots import REPORTING_VERBS, STOPWORDS, quantities, same_quantity
from newsweave.stages.claims.conflicts._aliases import by_initials
from newsweave.stages.claims.conflicts._context import (
    _TITLE_WORDS,
    MAX_SWAP_TOKENS,
    NAME_FLOOR_COSINE,
    NAME_LIST_SIZE,
    NAME_MIN_COSINE,
    NAME_MIN_OVERLAP,
    NEAR_EQUAL_OVERLAP,
    ROLE_CHANGING,
    SWAP_MIN_LENGTH_RATIO,
    _context_words,
    _entity_over,
    _Finding,
    _is_attribution,
    _is_name_like,
    _name_kind,
    _same_name,
    _same_role,
    _StoryContext,
    _tokens,
    is_addressee,
    is_description,
    tells,
)
from newsweave.stages.claims.conflicts._kinds import is_quoted, mention_kind, quoted_swap
from newsweave.stages.claims.conflicts._syntax import (
    different_modified_nouns,
    same_modified_noun,
    same_parsed_role,
    same_parsed_title,
)


def _swapped_names(
    pair: SentencePair, text_a: str, text_b: str, context: _StoryContext
) -> Iterator[_Finding]:
    """In nearly equal sentences, a word-level diff shows the swap itself: "said Mike Brown, a
    resident" / "said Hurricane Mitch, a resident", whether or not the model tagged both names."""
    if _other_figures(text_a, text_b):
        return
    tokens_a, tokens_b = _tokens(text_a), _tokens(text_b)
    shorter, longer = sorted((len(tokens_a), len(tokens_b)))
    if shorter < SWAP_MIN_LENGTH_RATIO * longer:
        return  # a short sentence inside a long one: its diff is the rest, not a swap
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
        if _names_too(text_b, chunk_a) or _names_too(text_a, chunk_b):
            continue  # "an Oregon bank in Woodburn" / "Woodburn bank": moved, not replaced
        if _attributes(tokens_a, a1, a2) != _attributes(tokens_b, b1, b2):
            continue  # "the Anchorage Daily News reported": who says it, not who or what it is
        if _describes(text_a, tokens_a, a2) or _describes(text_b, tokens_b, b2):
            continue  # "the Kurd leader" / "Ocalan": one person, by role and by name
        entity_a = _entity_over(context, pair.a, tokens_a[a1][1], chunk_a)
        entity_b = _entity_over(context, pair.b, tokens_b[b1][1], chunk_b)
        if (entity_a is None and entity_b is None) or entity_a == entity_b:
            continue  # two capitalised phrases the model saw no name in: a title, a heading word
        if quoted_swap(context, pair.a, text_a, tokens_a[a1][1], chunk_a, entity_a) != (
            quoted_swap(context, pair.b, text_b, tokens_b[b1][1], chunk_b, entity_b)
        ):
            continue  # "the star of \"Van Wilder\"" / "Ben Affleck": a work's title, a person
        if _told(tokens_a, a1, entity_a, context) or _told(tokens_b, b1, entity_b, context):
            continue  # "told People" / "told UsMagazine.com": each outlet was told
        if entity_a and entity_b and not _comparable_names(entity_a, entity_b, context):
            continue
        name_a, name_b = entity_a or chunk_a, entity_b or chunk_b
        if _holds_name(name_a, name_b) or _holds_name(name_b, name_a):
            continue  # the tagger's "Dollars of India ’ s" against "India": one place named
        if _located_together(context, entity_a, entity_b):
            continue
        if entity_a in context.names(pair.b) or entity_b in context.names(pair.a):
            continue  # "between the Middle East and Europe" / "between Europe, ... and Asia"
        if _placed_apart(context, pair, entity_a, entity_b):
            continue  # "youths in Athens" / "youths in the Greek capital": a place by its role
        types = [context.entity_type.get(e or "", "") for e in (entity_a, entity_b)]
        kind = next((_name_kind(t) for t in types if t), "person")
        yield _Finding(kind, pair.a, pair.b, entity_a or chunk_a, entity_b or chunk_b, pair.cosine)
        return


def _named_in(name: str, written: Iterable[str], text: str) -> bool:
    """The other sentence names it too: by its entity's name, or as a mention of it is written
    ("Page was born", resolved to her brother "Jack Page", against "Bettie Mae Page was born")."""
    if name.casefold() in text.casefold():
        return True
    if by_initials(name, text):
        return True  # "version 7 of Internet Explorer" / "IE 7": a name by its initials
    return any(
        re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)
        for words in written
        if _is_name_like(words)
    )


def _written(story: Story, mentions: list[Span]) -> set[str]:
    return {story.quote(m) for m in mentions}


def _placed_apart(
    context: _StoryContext, pair: SentencePair, entity_a: str | None, entity_b: str | None
) -> bool:
    """The swapped names stand in two relations (`_in_other_relations`)."""
    if entity_a is None or entity_b is None:
        return False
    mention_a = context.names(pair.a)[entity_a][0]
    mention_b = context.names(pair.b)[entity_b][0]
    return _in_other_relations(context.story, pair, mention_a, mention_b)


def _in_other_relations(story: Story, pair: SentencePair, mention_a: Span, mention_b: Span) -> bool:
    """One name modifies a common noun the other does not ("the Greek capital" / "Athens", "a
    Vancouver office party" / "the TallGrass party", "the former Southern California star" /
    "Bush"): the phrase names that noun's thing; or one is a point of reference and the other
    is not ("sunk a vessel in the Gulf of Aden" / "... off Somalia")."""
    text_a, text_b = story.article(pair.a.article_id).text, story.article(pair.b.article_id).text
    if is_reference_point(text_a, pair.a, mention_a) != is_reference_point(
        text_b, pair.b, mention_b
    ):
        return True
    return different_modified_nouns(story, pair, mention_a, mention_b)


def is_reference_point(text: str, sentence: Span, mention: Span) -> bool:
    """The name is a point of reference, not where it is: "off Somalia", "near Woodburn",
    "50 miles north of Kestrel", "on the outskirts of Athens"."""
    before = [w for w in _context_words(text[sentence.start : mention.start])[-3:] if w != "the"]
    if not before:
        return False
    if before[-1] in _NEAR:
        return True
    return len(before) >= 2 and before[-1] in ("of", "from") and before[-2] in _BEARINGS


_NEAR = frozenset(["off", "near", "outside", "nearby", "beyond", "around", "toward", "towards"])
_BEARINGS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern "
    "western coast coasts outskirts edge miles mile kilometers kilometres km away".split()
)


def _names_too(text: str, chunk: str) -> bool:
    """The other sentence names the chunk's name elsewhere, capitalised as a name (its words
    past a leading article): "Surgeon General" is no "surgeon general"."""
    name = re.sub(r"^(?:the|a|an)\s+", "", chunk, flags=re.IGNORECASE)
    return bool(re.search(rf"\b{re.escape(name)}\b", text)) or by_initials(name, text)


def _other_figures(text_a: str, text_b: str) -> bool:
    """The sentences count one thing with two values: "Vaughn finished with 16 points" /
    "Hansbrough finished with 20 points" are two facts about two people, not one fact told
    with two names."""
    found_a, found_b = quantities(text_a), quantities(text_b)
    return any(
        qa.counts_same_thing(qb, same_subject=True) and not same_quantity(qa, qb)
        for qa in found_a
        if not any(same_quantity(qa, other) for other in found_b)
        for qb in found_b
    )


def _attributes(tokens: list[tuple[str, int]], start: int, end: int) -> bool:
    """The words from `start` to `end` name who says it: a reporting verb in or right after
    them, or "according to" before them."""
    words = {t.casefold() for t, _ in tokens[start : end + 1]}
    before = {t.casefold() for t, _ in tokens[max(0, start - 2) : start]}
    return bool(words & REPORTING_VERBS) or "according" in before


def _told(
    tokens: list[tuple[str, int]], start: int, entity: str | None, context: _StoryContext
) -> bool:
    """The words from `start` name an outlet or body the statement was told to."""
    if context.entity_type.get(entity or "") == "PERSON":
        return False
    return tells([t.casefold() for t, _ in tokens[max(0, start - 2) : start]])


def _told_a_body(context: _StoryContext, sentence: Span, mention: Span) -> bool:
    """The mention names an outlet or body the statement was told to ("her rep told People");
    whom a person told ("told Netanyahu") may be the fact itself."""
    name = context.entity_at.get((mention.article_id, mention.start, mention.end), "")
    if context.entity_type.get(name) == "PERSON":
        return False
    return is_addressee(context.story.article(sentence.article_id).text, sentence, mention)


def _describes(text: str, tokens: list[tuple[str, int]], end: int) -> bool:
    """The swapped words end in, or stand before, a role noun: a description, not a name."""
    last = tokens[end - 1][0]
    if last.casefold() in _TITLE_WORDS and last.islower():
        return True
    start = tokens[end - 1][1] + len(last)
    return is_description(text, Span("", start, start))


def _comparable_names(name_a: str, name_b: str, context: _StoryContext) -> bool:
    """Two names that could fill one role: not a nationality ("Serbian" / "Kosovo", which
    paraphrases swap freely), not one person's two forms ("Bob" / "Robert L. Livingston"), not
    a form of address the tagger took for a name ("Ms.")."""
    type_a, type_b = context.entity_type.get(name_a), context.entity_type.get(name_b)
    if "NORP" in (type_a, type_b) or not (_is_name_like(name_a) and _is_name_like(name_b)):
        return False
    if _lists_a_word_of(name_a, name_b) or _lists_a_word_of(name_b, name_a):
        return False  # "Lopez and Carrasquillo" names Andrew Lopez too: the tagger took two as one
    if _holds_name(name_a, name_b) or _holds_name(name_b, name_a):
        return False  # "India's navy" / "the Indian Navy": one body, named by its country or not
    return not (type_a == type_b == "PERSON" and name_a.split()[-1] == name_b.split()[-1])


def _lists_a_word_of(listing: str, other: str) -> bool:
    """`listing` joins several names ("X and Y", "X & Y", "X, Y") and holds a word of `other`."""
    if not _NAME_LIST.search(listing):
        return False
    words = set(re.findall(r"[^\W\d_]+", listing)) - _JOINERS
    return not words.isdisjoint(re.findall(r"[^\W\d_]+", other))


def _located_together(context: _StoryContext, name_a: str | None, name_b: str | None) -> bool:
    """The story places one name in the other, or in a place the other holds: "Jacksonville,
    Fla." against the tagger's "Jaguars at Jacksonville Municipal Stadium" names one city."""
    if name_a is None or name_b is None:
        return False
    if frozenset((name_a, name_b)) in context.located_together:
        return True
    for first, second in ((name_a, name_b), (name_b, name_a)):
        for together in context.located_together:
            if first in together and any(_holds_name(second, p) for p in together - {first}):
                return True
    return False


def _holds_name(longer: str, shorter: str) -> bool:
    """`longer` names `shorter` inside it: all its words ("Bank of England" / "England"), or,
    for a one-word place, its adjective as the first word ("Indian Navy" / "India", "Chinese
    Foreign Ministry" / "China"): a body and the country it belongs to, one actor in two
    wordings."""
    words_long = re.findall(r"[^\W\d_]+", longer.casefold())
    words_short = re.findall(r"[^\W\d_]+", shorter.casefold())
    if not words_short or len(words_long) <= len(words_short):
        return False
    if set(words_short) <= set(words_long):
        return True
    if len(words_short) > 1:
        return False
    word, first = words_short[0], words_long[0]
    stem = word[: max(_ADJECTIVE_STEM, len(word) - 1)]
    return first != word and first.startswith(stem) and len(first) - len(word) <= _ADJECTIVE_GROWTH


_ADJECTIVE_STEM = 4  # "Chin" of China / Chinese; "Iran" is no stem of "Iraqi"
_ADJECTIVE_GROWTH = 3  # "India" -> "Indian", "China" -> "Chinese"
_NAME_LIST = re.compile(r"\s(?:and|&)\s|,\s")
_JOINERS = frozenset({"and", "of", "the"})


def _name_conflicts(
    pair: SentencePair,
    text_a: str,
    text_b: str,
    names_a: dict[str, list[Span]],
    names_b: dict[str, list[Span]],
    context: _StoryContext,
    *,
    loose: bool = False,
) -> Iterator[_Finding]:
    if not loose and pair.overlap < NAME_MIN_OVERLAP and pair.cosine < NAME_MIN_COSINE:
        return
    if pair.cosine < NAME_FLOOR_COSINE:
        return  # shared wording, other meaning: "X finished with 20 points" / "Y finished ..."
    if max(len(names_a), len(names_b)) >= NAME_LIST_SIZE or _other_figures(text_a, text_b):
        return
    story = context.story
    only_a = [
        n
        for n in names_a
        if n not in names_b and not _named_in(n, _written(story, names_a[n]), text_b)
    ]
    only_b = [
        n
        for n in names_b
        if n not in names_a and not _named_in(n, _written(story, names_b[n]), text_a)
    ]
    for name_a in only_a:
        for name_b in only_b:
            if _same_name(name_a, name_b) or not _comparable_names(name_a, name_b, context):
                continue
            if _located_together(context, name_a, name_b):
                continue  # "Woodburn" / "Oregon": the story places one in the other
            mention_a, mention_b = names_a[name_a][0], names_b[name_b][0]
            kind_a = mention_kind(story, name_a, mention_a, context)
            kind = mention_kind(story, name_b, mention_b, context)
            # A name of another kind (a person for a place, a team for its city) is only a
            # swap when the sentences are otherwise nearly equal: looser wordings name one
            # thing by another ("the Colts" / "Indianapolis"). A facility ("Wembley", "Main
            # Street") is a place and an institution's name at once: not another kind.
            facility = "FAC" in {context.entity_type.get(name_a), context.entity_type.get(name_b)}
            other_kind = (kind_a == "person") != (kind == "person") or (
                kind_a != kind and not facility
            )
            if (
                other_kind
                and pair.overlap < NEAR_EQUAL_OVERLAP
                and not same_modified_noun(story, pair, mention_a, mention_b)
            ):
                continue  # unless both name what one noun is: "a Cartier boutique"
            if not (loose or in_one_role(context, pair, mention_a, mention_b)):
                continue  # loosely, the learned gate weighs the role (`_gate.gate_features`)
            if any(
                is_description(story.article(m.article_id).text, m) for m in (mention_a, mention_b)
            ):
                continue  # "the Alaska governor" / "Palin": one person, by role and by name
            if is_quoted(story, mention_a) != is_quoted(story, mention_b):
                continue  # "the star of \"Van Wilder\"" / "Ben Affleck": a work's title, a person
            if any(_is_posting(story.article(m.article_id).text, m) for m in (mention_a, mention_b)):
                continue  # "ambassador to the US" / "ambassador to Mexico": two envoys' titles
            # Of two kinds, the first name's, as the word diff reads it: one disagreement.
            yield _Finding(kind_a, pair.a, pair.b, name_a, name_b, pair.cosine)
            return
    yield from _role_conflicts(pair, names_a, names_b, context)


def _is_posting(text: str, mention: Span) -> bool:
    """The name completes an envoy's title, the place they are posted to ("Haiti's ambassador
    to the US", "the UN envoy to Haiti"): whose office it is, not where anything happened."""
    return bool(_POSTED_TO.search(text, max(0, mention.start - 40), mention.start))


_POSTED_TO = re.compile(
    r"\b(?:ambassadors?|envoys?|emissar(?:y|ies)|consuls?(?: general)?|high commissioners?|"
    r"representatives?|delegates?|delegations?|missions?)\s+(?:to|at|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def in_one_role(
    context: _StoryContext, pair: SentencePair, mention_a: Span, mention_b: Span
) -> bool:
    """The two names fill one role: the same words around them, one role of one predicate in
    the parse, one title noun before them, or one noun they are compounded with, in one role
    ("from a Cartier boutique" / "from a Harry Winston boutique")."""
    story = context.story
    text_a, text_b = story.article(pair.a.article_id).text, story.article(pair.b.article_id).text
    if _is_attribution(text_a, pair.a, mention_a) != _is_attribution(text_b, pair.b, mention_b):
        return False  # who says it is not whom it is about, whatever the parse makes of it
    if _told_a_body(context, pair.a, mention_a) or _told_a_body(context, pair.b, mention_b):
        return False  # "her rep told People" / "told UsMagazine.com": each outlet was told
    if _in_other_relations(story, pair, mention_a, mention_b):
        return False  # "The former Southern California star finished" / "Bush finished"
    return (
        _same_role(pair, mention_a, mention_b, context)
        or same_parsed_role(story, pair, mention_a, mention_b)
        or same_parsed_title(story, pair, mention_a, mention_b)
        or same_modified_noun(story, pair, mention_a, mention_b)
    )


def _role_conflicts(
    pair: SentencePair,
    names_a: dict[str, list[Span]],
    names_b: dict[str, list[Span]],
    context: _StoryContext,
) -> Iterator[_Finding]:
    """One person, two titles: "Prime Minister X" in one outlet, "Deputy Prime Minister X" or
    "former Prime Minister X" in another. A title said in fewer words is no conflict ("Minister
    X" / "Foreign Minister X") unless the longer one changes the role (former, deputy, acting)."""
    story = context.story
    for name in names_a.keys() & names_b.keys():
        if context.entity_type.get(name) != "PERSON":
            continue
        title_a = _title_of(story, names_a[name][0])
        title_b = _title_of(story, names_b[name][0])
        if title_a and title_b and not _same_title(title_a, title_b):
            yield _Finding(
                "role", pair.a, pair.b, f"{title_a} {name}", f"{title_b} {name}", pair.cosine
            )


def _same_title(first: str, second: str) -> bool:
    """One title, perhaps said in fewer words, unless the extra words change the role. Who
    holds an office for a time holds it: "acting director" and "interim director" are the
    director, as "director" says in fewer words."""
    words_a, words_b = set(first.split()) - _FOR_A_TIME, set(second.split()) - _FOR_A_TIME
    fewer, more = sorted((words_a, words_b), key=len)
    return fewer <= more and not (more - fewer) & ROLE_CHANGING


_FOR_A_TIME = frozenset(["acting", "interim"])


def _title_of(story: Story, mention: Span) -> str:
    """The title given to a person: before the name ("former Foreign Minister X") or, when none
    stands there, in an apposition after it ("X, the former foreign minister,")."""
    return _title_before(story, mention) or _title_after(story, mention)


def _title_after(story: Story, mention: Span) -> str:
    text = story.article(mention.article_id).text
    apposition = re.match(
        r"\s*,\s*(?:the|a|an|then|now)?\s*((?:[^\W\d_]+\s+){0,4}[^\W\d_]+)",
        text[mention.end : mention.end + 60],
    )
    if not apposition:
        return ""
    title: list[str] = []
    words = apposition.group(1).split()
    for word in words:
        if word.casefold() not in _TITLE_WORDS:
            break
        title.append(word.casefold())
    following = words[len(title)] if len(title) < len(words) else ""
    if following.islower() and following not in STOPWORDS:
        return ""  # "X, general manager Y said", "X, the trade rumor": the words modify a noun
    return " ".join(title)


def _title_before(story: Story, mention: Span) -> str:
    text = story.article(mention.article_id).text
    window = text[max(0, mention.start - 40) : mention.start]
    # Only the mention's own sentence: the words ending the one before are no title of his.
    window = re.split(r"(?<=[a-z0-9]{2})[.!?;:]\s+(?=\W*[A-Z])", window)[-1]
    words = re.findall(r"[^\W_]+", window)
    title: list[str] = []
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word.casefold() not in _TITLE_WORDS:
            # "Former U.S. Defense Secretary X": a country may stand between the role's change
            # and the title, which stays former.
            between = words[max(0, index - 2) : index + 1]
            if title and word[:1].isupper():
                changer = next(
                    (w for w in reversed(between) if w.casefold() in ROLE_CHANGING), None
                )
                if changer and all(w[:1].isupper() for w in between):
                    title.insert(0, changer.casefold())
            break
        title.insert(0, word.casefold())
    return " ".join(title)
