from __future__ import annotations

import datetime as dt
from dataclasses import replace

from newsweave.model import AlignLevel, Article, DateOrigin, Relation, SentencePair, Span, Story
from newsweave.stages.provenance.copies import find_copies, independent_groups


def _article(article_id: str, sentences: int, published: dt.datetime | None = None) -> Article:
    """Sentences of one article's own wording, so two articles share no text unless aligned."""
    parts = [f"Sentence {i} of the {article_id} story is here." for i in range(sentences)]
    spans, offset = [], 0
    for part in parts:
        spans.append(Span(article_id, offset, offset + len(part)))
        offset += len(part) + 1
    text = " ".join(parts)
    return Article(
        id=article_id,
        source=article_id.upper(),
        raw_text=text,
        text=text,
        sentences=tuple(spans),
        published=published,
        date_origin=DateOrigin.METADATA if published else DateOrigin.UNKNOWN,
    )


def _aligned(a: Article, b: Article, count: int, level: AlignLevel) -> list[SentencePair]:
    return [SentencePair(a.sentences[i], b.sentences[i], level, 0.9, 0.9) for i in range(count)]


def test_copies_copy_direction_follows_publication_time() -> None:
    wire = _article("wire", 10, dt.datetime(2026, 11, 16, 9, 0))
    copy = _article("copy", 9, dt.datetime(2026, 11, 16, 11, 0))
    story = find_copies(
        Story(
            "s",
            "t",
            (copy, wire),
            alignments=tuple(_aligned(copy, wire, 8, AlignLevel.NEAR_VERBATIM)),
        )
    )
    [link] = story.provenance
    assert (link.source_article, link.derived_article, link.relation) == (
        "wire",
        "copy",
        Relation.COPY,
    )
    assert story.independent_sources == 1


def test_copies_without_times_the_fuller_text_is_the_source() -> None:
    full, partial = _article("full", 10), _article("partial", 6)
    story = find_copies(
        Story(
            "s",
            "t",
            (partial, full),
            alignments=tuple(_aligned(partial, full, 6, AlignLevel.PARAPHRASE)),
        )
    )
    [link] = story.provenance
    assert (link.source_article, link.derived_article, link.relation) == (
        "full",
        "partial",
        Relation.REWRITE,
    )
    assert link.shared == 1.0


def test_copies_duplicate_is_the_same_text() -> None:
    a = _article("a", 5)
    b = replace(a, id="b", sentences=tuple(replace(s, article_id="b") for s in a.sentences))
    story = find_copies(
        Story("s", "t", (a, b), alignments=tuple(_aligned(a, b, 5, AlignLevel.VERBATIM)))
    )
    assert story.provenance[0].relation is Relation.DUPLICATE
    different = _article("c", 5)
    story = find_copies(
        Story(
            "s",
            "t",
            (a, different),
            alignments=tuple(_aligned(a, different, 5, AlignLevel.VERBATIM)),
        )
    )
    assert story.provenance[0].relation is Relation.COPY


def test_copies_weak_overlap_is_independent() -> None:
    a, b = _article("a", 10), _article("b", 10)
    story = find_copies(
        Story("s", "t", (a, b), alignments=tuple(_aligned(a, b, 5, AlignLevel.PARAPHRASE)))
    )
    assert story.provenance == () and story.independent_sources == 2


def test_copies_two_versions_of_one_source_are_common_source() -> None:
    wire = _article("wire", 10, dt.datetime(2026, 11, 16, 9, 0))
    one = _article("one", 10, dt.datetime(2026, 11, 16, 10, 0))
    two = _article("two", 10, dt.datetime(2026, 11, 16, 11, 0))
    pairs = _aligned(wire, one, 9, AlignLevel.NEAR_VERBATIM) + _aligned(
        wire, two, 9, AlignLevel.PARAPHRASE
    )
    pairs += _aligned(one, two, 9, AlignLevel.PARAPHRASE)
    story = find_copies(Story("s", "t", (wire, one, two), alignments=tuple(pairs)))
    relations = {(l.source_article, l.derived_article): l.relation for l in story.provenance}
    assert relations == {
        ("wire", "one"): Relation.COPY,
        ("wire", "two"): Relation.REWRITE,
        ("one", "two"): Relation.COMMON_SOURCE,
    }
    assert story.independent_sources == 1
    assert len(set(independent_groups(story).values())) == 1
