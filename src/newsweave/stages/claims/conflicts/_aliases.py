"""One thing under two names: the story's own coverage writes both names in one slot.

A contradiction a reader should see is one outlet's name against the others': its sentence
alone puts that name where the others put another. When several outlets write each name in
the same slot ("host of the 81st Academy Awards" / "will host the Oscars", "Ankara has sent
troops" / "Turkey has sent 10,000 troops") and some outlet writes both, the story is naming
one thing two ways. So does a sentence that writes a name by its initials ("IE 7" for
"version 7 of Internet Explorer"). No alias list is read: the evidence is the story's own
sentences.
"""

from __future__ import annotations

import re

from newsweave.model import Span
from newsweave.stages.claims.conflicts._context import _around, _Finding, _StoryContext

# Articles that must write each name in the slot before the two names read as one thing.
MIN_ARTICLES_PER_NAME = 2

NAME_KINDS = frozenset(["person", "place", "organisation"])


def named_both_ways(finding: _Finding, context: _StoryContext) -> bool:
    """The finding's two names each fill its slot in sentences of MIN_ARTICLES_PER_NAME
    articles or more, among its two sentences and the sentences aligned with them, and one
    article of the story names both."""
    if finding.kind not in NAME_KINDS:
        return False
    names = (finding.value_a, finding.value_b)
    if not any(all(n in named for n in names) for named in context.names_by_article.values()):
        return False
    slot = _slot_words(finding.a, finding.value_a, context) | _slot_words(
        finding.b, finding.value_b, context
    )
    if not slot:
        return False
    around = {finding.a, finding.b} | context.aligned_with(finding.a) | context.aligned_with(
        finding.b
    )
    writers = [
        {s.article_id for s in around if slot & _slot_words(s, name, context)} for name in names
    ]
    return all(len(w) >= MIN_ARTICLES_PER_NAME for w in writers)


def _slot_words(sentence: Span, name: str, context: _StoryContext) -> set[str]:
    """The words that place the name in its sentence (two on each side), if it is there."""
    text = context.story.article(sentence.article_id).text
    words: set[str] = set()
    for mention in context.names(sentence).get(name, ()):
        before, after = _around(text, sentence, mention)
        words |= before | after
    return words


def by_initials(name: str, text: str) -> bool:
    """The text names the name by its initials: "IE" for "Internet Explorer", "NBA" for
    "National Basketball Association" (two capitalised words or more; "of", "and" and "the"
    left out, as acronyms leave them)."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.casefold() not in _SMALL_WORDS]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return False
    initials = "".join(w[0] for w in words)
    return bool(re.search(rf"(?<![\w.]){initials}(?![\w.])", text))


_SMALL_WORDS = frozenset({"and", "of", "the"})
