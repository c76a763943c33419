from __future__ import annotations

import pytest

from newsweave.errors import NewsweaveError
from newsweave.model import Article, Span, Story
from newsweave.stages.summarize import same_fact, summarize_story


def _article(article_id: str, source: str, sentences: list[str]) -> Article:
    """An article whose text is its sentences, with the sentence spans built by hand."""
    spans, parts, offset = [], [], 0
    for sentence in sentences:
        spans.append(Span(article_id, offset, offset + len(sentence)))
        parts.append(sentence)
        offset += len(sentence) + 1
    text = " ".join(parts)
    return Article(id=article_id, source=source, raw_text=text, text=text, sentences=tuple(spans))


FERRY_WIRE = "Ferry workers in Grenhavn began a 48-hour strike on Monday over pay and staffing levels."
FERRY_COPY = "Ferry workers in Grenhavn began a 48-hour strike on Monday over pay and staffing levels."


def _ferry_story() -> Story:
    return Story(
        id="story-ferry",
        title="Ferry strike",
        articles=(
            _article("wire", "Wire", [
                FERRY_WIRE,
                "The union said about 300 crew members walked out at the harbour at dawn.",
                "Passengers were told to expect cancellations on all island routes until Wednesday.",
                "He said talks would resume.",
            ]),
            _article("herald", "Herald", [
                FERRY_COPY,
                "All island routes face cancellations until Wednesday, the operator told passengers.",
                "The operator said it regretted the disruption and offered refunds on every ticket.",
            ]),
            _article("courier", "Courier", [
                "About 300 crew walked out at the Grenhavn harbour at dawn on Monday, the union said.",
                "Local shops near the terminal reported far fewer customers than on a normal Monday.",
            ]),
        ),
    )


def test_summarize_respects_the_word_budget() -> None:
    for words in (20, 35, 60):
        story = summarize_story(_ferry_story(), words=words)
        assert story.summary
        assert sum(len(item.text.split()) for item in story.summary) <= words


def test_summarize_states_a_fact_once_with_every_outlet_as_support() -> None:
    story = summarize_story(_ferry_story(), words=60)
    texts = [item.text for item in story.summary]
    assert texts.count(FERRY_WIRE) == 1
    [item] = [item for item in story.summary if item.text == FERRY_WIRE]
    assert {span.article_id for span in item.support} == {"wire", "herald"}
    assert all(story.quote(span) == FERRY_WIRE for span in item.support)


def test_summarize_support_quotes_the_exact_text_of_the_right_articles() -> None:
    story = summarize_story(_ferry_story(), words=60)
    for item in story.summary:
        first, *others = item.support
        assert story.quote(first) == item.text  # the item is the sentence it was taken from
        assert first.article_id not in {span.article_id for span in others}
        assert len({span.article_id for span in others}) == len(others)  # one span per article


def test_summarize_prefers_corroborated_facts() -> None:
    # Room for two sentences: both must be facts that two outlets state, not single-source ones.
    story = summarize_story(_ferry_story(), words=30)
    assert len(story.summary) == 2
    assert all(len({span.article_id for span in item.support}) == 2 for item in story.summary)


def test_summarize_leaves_no_dangling_sentence() -> None:
    story = summarize_story(_ferry_story(), words=200)
    assert "He said talks would resume." not in [item.text for item in story.summary]


def test_summarize_is_deterministic() -> None:
    assert summarize_story(_ferry_story(), words=45) == summarize_story(_ferry_story(), words=45)


def test_summarize_a_story_without_sentences_has_an_empty_summary() -> None:
    article = Article(id="a", source="Wire", raw_text="x", text="x")
    story = summarize_story(Story(id="s", title="t", articles=(article,)))
    assert story.summary == ()


@pytest.mark.parametrize("words", [0, -5])
def test_summarize_rejects_a_budget_below_one_word(words: int) -> None:
    with pytest.raises(NewsweaveError, match="at least 1 word"):
        summarize_story(_ferry_story(), words=words)


@pytest.mark.parametrize(
    ("cosine", "overlap", "expected"),
    [(0.95, 0.0, True), (0.75, 0.8, True), (0.75, 0.2, False), (0.5, 1.0, False)],
)
def test_summarize_same_fact_thresholds(cosine: float, overlap: float, expected: bool) -> None:
    assert same_fact(cosine, overlap) is expected
