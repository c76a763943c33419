"""The summary's sentence rating holds no weight for who wrote a sentence or whom it names."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.model import Article, Story
from newsweave.stages.article.annotate import annotate_articles
from newsweave.stages.article.clean import clean_article
from newsweave.stages.summary._rating import (
    SENTENCE_RATING_FILE,
    rate_sentences,
    sentence_rating_names,
)
from newsweave.stages.summary._select import Candidate, stem_words, weigh_concepts
from newsweave.stages.summary._table import story_table

# Wire copy as scraped pages carry it: lower-cased, the agency's dateline left in the prose.
WIRE = (
    "grenhavn, norway ( {agency} ) — ferry workers in grenhavn began a 48-hour strike on monday "
    "over pay and staffing levels. the union said about 300 crew members walked out at the "
    "harbour at dawn. passengers were told to expect cancellations on all island routes until "
    "wednesday. the operator said it regretted the disruption and offered refunds on every "
    "ticket."
)
OTHER = (
    "About 300 crew walked out at the Grenhavn harbour at dawn on Monday, the union said. "
    "Ferry workers began a 48-hour strike over pay and staffing levels, stranding passengers. "
    "Local shops near the terminal reported far fewer customers than on a normal Monday."
)
# Names as they stand in real coverage: outlets and agencies, people, places, organisations.
NAMED = (
    "WASHINGTON (AP) — President Donald Trump told Reuters and CNN on Tuesday that Boeing and "
    "the Pentagon would meet in Chicago, Politico and the BBC reported in 2014."
)
NAME_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART"}


def _story(agency: str) -> Story:
    articles = [
        Article(id="wire", source="Wire", raw_text=WIRE.format(agency=agency)),
        Article(id="other", source="Other", raw_text=OTHER),
    ]
    prepared = annotate_articles([clean_article(article) for article in articles])
    return Story(id="s", title="Ferry strike", articles=tuple(prepared))


def _ratings(agency: str) -> np.ndarray:
    table = story_table(_story(agency))
    assert table is not None
    return rate_sentences(table.features)


def test_the_rating_is_the_same_whichever_agency_filed_the_copy() -> None:
    ap = _ratings("ap")
    assert len(ap) >= 4
    for agency in ("reuters", "afp", "upi"):
        # Only the embedding of the dateline's sentence moves with the name (by 0.002-0.008);
        # the word weights shipped before moved the article's ratings by 0.04-0.06.
        assert np.abs(_ratings(agency) - ap).max() < 0.015, agency


def test_renaming_the_people_outlets_and_places_of_a_story_changes_no_concept_weight() -> None:
    [article] = annotate_articles([clean_article(Article(id="n", source="N", raw_text=NAMED))])
    names = {
        stem
        for mention in article.mentions
        if mention.label in NAME_LABELS
        for stem in stem_words(article.quote(mention.span))
    }
    assert {"trump", "reuter", "cnn", "boe", "chicago", "politico"} <= names
    # The same story with every name stem replaced by one no text has (invented, never fitted).
    renamed = {stem: f"zq{chr(97 + k)}x" for k, stem in enumerate(sorted(names))}
    texts = [article.quote(span) for span in article.sentences] + [OTHER, NAMED.lower()]
    pool = [Candidate(k, 0, len(text.split()), stem_words(text)) for k, text in enumerate(texts)]
    other = [
        Candidate(c.article, 0, c.words, tuple(renamed.get(s, s) for s in c.stems)) for c in pool
    ]
    weights = weigh_concepts(pool, len(pool))
    moved = {(renamed.get(a, a), renamed.get(b, b)): w for (a, b), w in weights.items()}
    assert weigh_concepts(other, len(other)) == pytest.approx(moved)


def test_the_shipped_rating_holds_a_weight_per_feature_and_none_per_word() -> None:
    lines = SENTENCE_RATING_FILE.read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[0] for line in lines if not line.startswith("#")] == (
        sentence_rating_names()
    )
    assert sorted(path.name for path in SENTENCE_RATING_FILE.parent.iterdir()) == [
        "sentence-rating.tsv"
    ]
