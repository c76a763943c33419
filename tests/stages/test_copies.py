from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest

from newsweave.model import AlignLevel, Article, DateOrigin, Relation, SentencePair, Span, Story
from newsweave.stages._graph import connected_groups
from newsweave.stages.provenance import copies
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


@pytest.mark.parametrize("origin", [DateOrigin.DATELINE, DateOrigin.TEXT])
def test_copies_a_day_without_a_time_orders_two_days_not_one(origin: DateOrigin) -> None:
    # The fuller text was published the day after: the shorter, earlier one is its source.
    early = replace(_article("early", 6, dt.datetime(2011, 10, 10)), date_origin=origin)
    late = replace(_article("late", 10, dt.datetime(2011, 10, 11)), date_origin=origin)
    story = find_copies(
        Story("s", "t", (late, early), alignments=tuple(_aligned(early, late, 6, AlignLevel.PARAPHRASE)))
    )
    [link] = story.provenance
    assert (link.source_article, link.derived_article) == ("early", "late")
    # Two of one day are not ordered by their dates: the fuller text is the source.
    same_day = replace(early, published=dt.datetime(2011, 10, 11))
    story = find_copies(
        Story("s", "t", (late, same_day), alignments=tuple(_aligned(same_day, late, 6, AlignLevel.PARAPHRASE)))
    )
    [link] = story.provenance
    assert (link.source_article, link.derived_article) == ("late", "early")


def test_copies_a_one_sentence_brief_is_no_copy_nor_source_of_the_reports_stating_it() -> None:
    brief = _article("brief", 1, dt.datetime(2009, 7, 13))
    first, second = _article("first", 10), _article("second", 10)
    pairs = [
        SentencePair(brief.sentences[0], report.sentences[0], AlignLevel.PARAPHRASE, 0.9, 0.9)
        for report in (first, second)
    ]
    story = find_copies(Story("s", "t", (brief, first, second), alignments=tuple(pairs)))
    assert story.provenance == ()
    assert story.independent_sources == 3
    # The same one-line text twice is still one text.
    again = replace(brief, id="again", sentences=(replace(brief.sentences[0], article_id="again"),))
    aligned = SentencePair(brief.sentences[0], again.sentences[0], AlignLevel.VERBATIM, 1.0, 1.0)
    story = find_copies(Story("s", "t", (brief, again), alignments=(aligned,)))
    assert [link.relation for link in story.provenance] == [Relation.DUPLICATE]


def test_copies_a_date_borrowed_from_the_story_orders_nothing() -> None:
    early = replace(_article("early", 6, dt.datetime(2011, 10, 10)), date_origin=DateOrigin.STORY)
    late = replace(_article("late", 10, dt.datetime(2011, 10, 11)), date_origin=DateOrigin.STORY)
    story = find_copies(
        Story("s", "t", (late, early), alignments=tuple(_aligned(early, late, 6, AlignLevel.PARAPHRASE)))
    )
    [link] = story.provenance
    assert (link.source_article, link.derived_article) == ("late", "early")


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


def test_copies_two_versions_of_one_source_each_keep_their_link_to_it() -> None:
    # The two versions also share most of their text with each other (a `common-source` link
    # between them); that link joins nothing their links to the wire do not already join, so
    # it is not kept: each version names the wire, which is how a reader sees they are siblings.
    wire = _article("wire", 10, dt.datetime(2026, 11, 16, 9, 0))
    one = _article("one", 10, dt.datetime(2026, 11, 16, 10, 0))
    two = _article("two", 10, dt.datetime(2026, 11, 16, 11, 0))
    pairs = _aligned(wire, one, 9, AlignLevel.NEAR_VERBATIM) + _aligned(
        wire, two, 9, AlignLevel.PARAPHRASE
    )
    pairs += _aligned(one, two, 9, AlignLevel.PARAPHRASE)
    story = find_copies(Story("s", "t", (two, wire, one), alignments=tuple(pairs)))
    relations = {
        (link.source_article, link.derived_article): link.relation for link in story.provenance
    }
    assert relations == {("wire", "one"): Relation.COPY, ("wire", "two"): Relation.REWRITE}
    assert story.independent_sources == 1
    assert len(set(independent_groups(story).values())) == 1


def _copies_of_one_text(count: int, *, timed: bool) -> Story:
    """`count` articles that all copy one text, every pair aligned (as the aligner pairs them)."""
    start = dt.datetime(2026, 11, 16, 9, 0)
    articles = [
        _article(f"a{i:02}", 10, start + dt.timedelta(minutes=7 * i) if timed else None)
        for i in range(count)
    ]
    pairs = [
        pair
        for i, first in enumerate(articles)
        for second in articles[i + 1 :]
        for pair in _aligned(first, second, 8 + i % 3, AlignLevel.NEAR_VERBATIM)
    ]
    random.Random(count).shuffle(articles)
    return Story("s", "t", tuple(articles), alignments=tuple(pairs))


def _all_links(story: Story) -> list[tuple[str, str]]:
    """Every article pair the copy rules link, before the forest is taken."""
    overlap, shingles = copies._Overlap(story), copies._Shingles()
    articles = {article.id: article for article in story.articles}
    return [
        (link.source_article, link.derived_article)
        for first, second in overlap.article_pairs()
        if (link := copies._link(articles[first], articles[second], overlap, shingles))
    ]


@pytest.mark.parametrize("timed", [True, False])
def test_copies_thirty_copies_of_one_text_keep_at_most_one_link_per_copy(timed: bool) -> None:
    story = _copies_of_one_text(30, timed=timed)
    assert len(_all_links(story)) == 30 * 29 // 2
    found = find_copies(story)
    assert len(found.provenance) <= 29
    assert found.independent_sources == 1
    ids = [article.id for article in story.articles]
    assert independent_groups(found) == connected_groups(ids, _all_links(story))
    # Every copy keeps exactly one link, the one to its best source; with times that is the
    # first article published, the wire every other one took from.
    derived = [link.derived_article for link in found.provenance]
    assert len(derived) == len(set(derived)) == 29
    if timed:
        assert {link.source_article for link in found.provenance} == {"a00"}


def test_copies_an_article_taken_from_two_unlinked_sources_joins_them() -> None:
    # "mix" copies half of its sentences from each source; the two sources share nothing.
    first, second = _article("first", 10), _article("second", 10)
    mix = _article("mix", 10)
    pairs = [
        SentencePair(first.sentences[i], mix.sentences[i], AlignLevel.VERBATIM, 1, 1)
        for i in range(5)
    ]
    pairs += [
        SentencePair(second.sentences[i], mix.sentences[5 + i], AlignLevel.VERBATIM, 1, 1)
        for i in range(5)
    ]
    story = find_copies(Story("s", "t", (mix, first, second), alignments=tuple(pairs)))
    links = {(link.source_article, link.derived_article) for link in story.provenance}
    assert links == {("first", "mix"), ("second", "mix")}
    assert story.independent_sources == 1
    assert len(set(independent_groups(story).values())) == 1


def test_copies_forest_keeps_the_groups_of_all_links_on_random_stories() -> None:
    rng = random.Random(7)
    for _ in range(40):
        articles = [_article(f"x{i}", rng.randint(4, 10)) for i in range(rng.randint(2, 12))]
        pairs = []
        for i, first in enumerate(articles):
            for second in articles[i + 1 :]:
                if rng.random() < 0.4:
                    count = rng.randint(1, min(len(first.sentences), len(second.sentences)))
                    level = rng.choice([AlignLevel.VERBATIM, AlignLevel.PARAPHRASE])
                    pairs += _aligned(first, second, count, level)
        story = Story("s", "t", tuple(articles), alignments=tuple(pairs))
        found = find_copies(story)
        ids = [article.id for article in articles]
        assert independent_groups(found) == connected_groups(ids, _all_links(story))
        assert len(found.provenance) <= len(articles) - 1
