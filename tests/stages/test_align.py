from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from itertools import accumulate
from typing import Any, ClassVar

import pytest

from newsweave.model import AlignLevel, Article, Span, Story
from newsweave.pipeline import analyze
from newsweave.stages.provenance import align
from newsweave.stages.provenance.align import (
    MAX_PARTNER_ARTICLES,
    align_sentences,
    build_sentence_table,
)

BASE = "Prime Minister Jonas Halvorsen and Foreign Minister Elena Marković signed 14 agreements in Kestrel on Monday."


def _pair_level(first: str, second: str) -> AlignLevel | None:
    story: Story = analyze(
        [{"id": "a", "source": "A", "text": first}, {"id": "b", "source": "B", "text": second}],
        one_story=True,
    ).stories[0]
    levels = [p.level for p in story.alignments]
    return levels[0] if levels else None


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (BASE, AlignLevel.VERBATIM),
        (BASE.replace("in Kestrel", "in the city of Kestrel"), AlignLevel.NEAR_VERBATIM),
        (
            "On Monday in Kestrel, fourteen accords were signed by Valdoria's foreign minister Elena Marković "
            "and Norland's prime minister Jonas Halvorsen.",
            AlignLevel.PARAPHRASE,
        ),
    ],
)
def test_align_levels(second: str, expected: AlignLevel) -> None:
    assert _pair_level(BASE, second) is expected


def test_align_different_fact_about_same_people_is_not_the_same_statement() -> None:
    other = "Jonas Halvorsen accused Elena Marković of ignoring the fishermen of the north during the dinner."
    level = _pair_level(BASE, other)
    assert level is None or not level.is_same_statement


def test_align_story_without_alignable_sentences_has_no_alignments() -> None:
    # Two headlines too short to align used to end the whole run (argmax of an empty sequence).
    story = analyze(
        [
            {"id": "a", "source": "x", "text": "Quake hits Chile."},
            {"id": "b", "source": "y", "text": "Quake hits Chile!"},
        ],
        one_story=True,
    ).stories[0]
    assert story.alignments == ()


def test_align_pairs_a_sentence_with_its_closest_articles_only(
    make_article: Callable[..., Article],
) -> None:
    # One sentence copied by many articles was paired with each of them: a story's pairs grew
    # with its sentences times its articles (1.26M pairs for an 828-article story).
    copies = MAX_PARTNER_ARTICLES * 3
    articles = tuple(
        make_article(f"a{n:03}", BASE, sentences=(Span(f"a{n:03}", 0, len(BASE)),))
        for n in range(copies)
    )
    story = align_sentences(Story(id="s", title="t", articles=articles))
    assert copies * MAX_PARTNER_ARTICLES < copies * (copies - 1) // 2  # every pair
    assert len(story.alignments) <= copies * MAX_PARTNER_ARTICLES
    # On a tie the earlier article is kept: every article is still paired with the first one.
    paired_with_first = {p.b.article_id for p in story.alignments if p.a.article_id == "a000"}
    assert paired_with_first == {a.id for a in articles[1:]}
    assert {p.level for p in story.alignments} == {AlignLevel.VERBATIM}


def test_align_story_under_the_partner_bound_keeps_every_pair(
    make_article: Callable[..., Article],
) -> None:
    copies = MAX_PARTNER_ARTICLES + 1
    articles = tuple(
        make_article(f"a{n:03}", BASE, sentences=(Span(f"a{n:03}", 0, len(BASE)),))
        for n in range(copies)
    )
    story = align_sentences(Story(id="s", title="t", articles=articles))
    assert len(story.alignments) == copies * (copies - 1) // 2


def test_align_long_articles_are_compared_a_slice_of_rows_at_a_time(
    make_article: Callable[..., Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two long articles were compared as one matrix of all their sentence pairs at once.
    def article(name: str, words: list[str]) -> Article:
        sentences = [f"The {w} report from {name} counted {n} boats." for n, w in enumerate(words)]
        ends = list(accumulate(len(sentence) + 1 for sentence in sentences))
        spans = tuple(
            Span(name, end - len(s) - 1, end - 1) for s, end in zip(sentences, ends, strict=True)
        )
        return make_article(name, " ".join(sentences), sentences=spans)

    words = ["early", "late", "second", "final", "short", "long", "brief", "full"] * 3
    built = build_sentence_table([article("a", words), article("b", words[::-1])])
    table = _CountingTable(*(getattr(built, field.name) for field in fields(built)))
    whole = align._closest_in(table, 24, 48)
    assert _CountingTable.cells == [48 * 24]
    monkeypatch.setattr(align, "_BLOCK_CELLS", 100)
    _CountingTable.cells = []
    sliced = align._closest_in(table, 24, 48)
    # A lone last row joins the slice before it: at most one row (24 pairs) over the bound.
    assert len(_CountingTable.cells) > 5 and max(_CountingTable.cells) <= 100 + 24
    assert sum(_CountingTable.cells) == 48 * 24
    # The same closest sentences; their cosines may differ in a float's last bits.
    assert (sliced[0] == whole[0]).all()
    assert all(abs(s - w).max() < 1e-5 for s, w in zip(sliced[1:], whole[1:], strict=True))


class _CountingTable(align.SentenceTable):
    """The sentence table, counting the sentence pairs each block compares."""

    cells: ClassVar[list[int]] = []

    def block(self, start: int, end: int, rows: slice = slice(None)) -> Any:
        self.cells.append(len(self.texts[rows]) * (end - start))
        return super().block(start, end, rows)
