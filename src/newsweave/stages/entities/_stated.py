"""Names the text itself says are one: an alias stated in words, a handle beside its owner.

- "Qureia, who is also known as Abu Ala", "the Kurdistan Workers Party, known as PKK",
  "X (a.k.a. Y)", "X, dubbed Y", "X, nicknamed Y": the name right after the phrase is another
  name of the one right before it. The phrase must open a clause (after a comma or a
  bracket), so that "Smith dubbed Jones a liar" stays two people. Opening a sentence, it
  comes before the alias and then the name: "Better known as Apo, Ocalan founded ...".
- A social-media handle ("@jimmybutler") is its owner's name: the one written just before it
  in brackets, as a post is signed ("— erick montoya ( @bullsbulletin )"), or the one name of
  the story whose letters it spells, whole ("jimmy butler") or as the text writes it on
  ("chicago cubs", where the NER kept only "chicago").

Both give pairs of mentions; `add_entities` joins the entities holding them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise

from newsweave.model import Article, Span
from newsweave.stages.entities._spelling import Sighting, letters

# What may stand between a name and its stated alias: ", who is also known as", ", dubbed",
# " (a.k.a."; it opens a clause (a comma or a bracket), so "Smith dubbed Jones" is no alias.
_STATED_ALIAS = re.compile(
    r"""\s*[,(]\s*(?:(?:who|which|that)\s+(?:is|was|are|were|has\s+been|had\s+been)\s+)?"""
    r"""(?:(?:also|better|commonly|popularly|widely|often|formerly)\s+)?"""
    r"""(?:known\s+as|also\s+called|dubbed|nicknamed|a\.\s?k\.\s?a\.?|aka)\s+"""
    r"""(?:the\s+)?["“‘'`]*""",
    re.IGNORECASE,
)
# The same phrase opening a sentence, before the alias and then the name: "Better known as
# Apo, Ocalan founded the Kurdistan Workers Party".
_FRONTED_ALIAS = re.compile(
    r"""(?:^|[.!?]["”’'`]*\s+|\n)(?:(?:also|better|commonly|popularly|widely|often)\s+)?"""
    r"""(?:known\s+as|dubbed|nicknamed)\s+["“‘'`]*$""",
    re.IGNORECASE,
)
_FRONTED_BETWEEN = re.compile(r"""["”’'`]*\s*,\s*""")
_HANDLE = re.compile(r"@(\w{2,30})")
_CONTEXT = 40
_SIGNED = re.compile(r"\s*\(\s*$")  # "erick montoya ( @bullsbulletin )": the post's author
_WORDS_AFTER = re.compile(r"(?:[ \t]+[^\W\d_][\w'’]*){1,3}")
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


def is_handle(written: str) -> bool:
    """Whether a mention is a social-media handle ("@jimmybutler", maybe with debris after)."""
    return _HANDLE.match(written) is not None


def handle_span(span: Span, written: str) -> Span:
    """The handle alone, without what the NER ran on into ("@dwyanewade &amp")."""
    found = _HANDLE.match(written)
    end = span.start + found.end() if found else span.end
    return Span(span.article_id, span.start, end)


def stated_aliases(
    sightings: Iterable[Sighting], texts: dict[str, str]
) -> tuple[list[tuple[Span, Span]], list[tuple[Span, Span]]]:
    """Names followed by "who is also known as" and another name: (name, alias) pairs of
    spans whose entities are one, and (mention, alias) pairs where only that mention is the
    alias's. A people's or group's word (NORP: "the former Communists, known as the
    Democratic Party of the Left") describes, and may mean others elsewhere in the story."""
    by_article: dict[str, list[Sighting]] = {}
    for sighting in sightings:
        by_article.setdefault(sighting.span.article_id, []).append(sighting)
    joined: list[tuple[Span, Span]] = []
    moved: list[tuple[Span, Span]] = []
    for article_id, found in by_article.items():
        text = texts[article_id]
        ordered = sorted(found, key=lambda s: s.span.start)
        for first, second in pairwise(ordered):
            between = text[first.span.end : second.span.start]
            if _STATED_ALIAS.fullmatch(between):
                named, alias = first, second
            elif _FRONTED_BETWEEN.fullmatch(between) and _FRONTED_ALIAS.search(
                text, max(0, first.span.start - _CONTEXT), first.span.start
            ):
                named, alias = second, first
            else:
                continue
            (moved if named.label == "NORP" else joined).append((named.span, alias.span))
    return joined, moved


def handle_owners(
    handles: list[Sighting], sightings: list[Sighting], texts: dict[str, str]
) -> list[tuple[Span, Span]]:
    """(handle, owner) spans: the name a post is signed with before the handle, else the one
    name of the story whose letters the handle spells, whole or as the text writes it on."""
    by_end = {(s.span.article_id, s.span.end): s for s in sightings}
    spelled: dict[str, dict[str, Span]] = {}  # handle letters -> {name's letters: one mention}
    for sighting in sightings:
        for form in _spellings(sighting, texts[sighting.span.article_id]):
            spelled.setdefault(form, {}).setdefault(letters(sighting.form), sighting.span)
    owners = []
    for handle in handles:
        text = texts[handle.span.article_id]
        line_start = text.rfind("\n", 0, handle.span.start) + 1
        opening = _SIGNED.search(text, line_start, handle.span.start)
        signer = None
        if opening is not None:
            signer = by_end.get((handle.span.article_id, opening.start()))
        named = spelled.get(letters(handle.form), {})
        if signer is not None:
            owners.append((handle.span, signer.span))
        elif len(named) == 1:
            owners.append((handle.span, next(iter(named.values()))))
    return owners


def _spellings(sighting: Sighting, text: str) -> list[str]:
    """The letters a handle of this name could spell: a person's full name ("jimmybutler"),
    an organisation's or place's name, and that name as the text writes it on, with the one
    to three words after it that the NER left off ("chicago cubs": "chicagocubs", "cubs")."""
    words = [word for word in sighting.form.split() if word.casefold() != "the"]
    if sighting.label == "PERSON":
        return [letters("".join(words))] if len(words) > 1 else []
    after = _WORDS_AFTER.match(text, sighting.span.end)
    more = after.group(0).split() if after else []
    spellings = [letters("".join(words))]
    for count in range(1, len(more) + 1):
        spellings += [letters("".join(words + more[:count])), letters("".join(more[:count]))]
    return spellings


def handles_of(article: Article, order: int, source_group: int) -> list[Sighting]:
    """The article's handle mentions, each cut to the handle itself."""
    found = []
    for mention in article.mentions:
        written = article.quote(mention.span)
        if mention.label in _NAME_LABELS and is_handle(written):
            span = handle_span(mention.span, written)
            form = article.text[span.start : span.end]
            found.append(Sighting(span, mention.label, form, order, source_group))
    return found


def join_stated(
    groups: list[tuple[list[Sighting], str]],
    joins: list[tuple[Span, Span]],
    moves: list[tuple[Span, Span]],
    handles: list[Sighting],
) -> list[tuple[list[Sighting], str]]:
    """The entities' groups (sightings, type) joined where the text states two names are one
    (`joins`), after single mentions moved to the group of the name the text gives them
    (`moves`: a described group, a handle; a handle with no owner is left out, as before).
    A joined group takes the type of its biggest part."""
    where = {sighting.span: index for index, (group, _) in enumerate(groups) for sighting in group}
    unplaced = {handle.span: handle for handle in handles}
    members = [list(group) for group, _ in groups]
    for span, target in moves:
        if target not in where:
            continue
        if span in unplaced:
            sighting = unplaced.pop(span)
        elif span in where and where[span] != where[target]:
            sighting = next(s for s in members[where[span]] if s.span == span)
            members[where[span]].remove(sighting)
            # The described mention goes by the name the text gives it ("the former Communists").
            named = next((s for s in members[where[target]] if s.span == target), sighting)
            sighting = replace(sighting, label=named.label, form=named.form)
        else:
            continue
        members[where[target]].append(sighting)
    parent = list(range(len(groups)))

    def root(index: int) -> int:
        while parent[index] != index:
            index = parent[index]
        return index

    for one, other in joins:
        if one in where and other in where and root(where[one]) != root(where[other]):
            parent[root(where[other])] = root(where[one])
    parts: dict[int, list[int]] = {}
    for index in range(len(groups)):
        parts.setdefault(root(index), []).append(index)
    joined = []
    for indexes in parts.values():
        sightings = [sighting for index in indexes for sighting in members[index]]
        if sightings:
            biggest = max(indexes, key=lambda index: len(members[index]))
            joined.append((sightings, groups[biggest][1]))
    return joined
