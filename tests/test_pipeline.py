"""The pipeline's four functions, its rejection policy, and reports read back from JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsweave
from newsweave import pipeline
from newsweave.errors import NewsweaveError, StoryStageError
from newsweave.model import Article, Rejection, Report, SourceProfile, Story
from newsweave.render.json import report_from_dict, report_to_dict

DEMO = Path(__file__).parents[1] / "src" / "newsweave" / "demo" / "articles"
FOOTER = "The Ledger is printed by Harbour Media Group at 4 Quay Street in Grenhavn."


def _page(article_id: str, body: str) -> Article:
    return Article(id=article_id, source="Ledger", raw_text=f"{body}\n\n{FOOTER}")


def test_pipeline_learns_a_profile_per_source_and_prepares_with_it() -> None:
    pages = [
        _page("l1", "Ferry crews walked out on Monday over pay in the port of Grenhavn."),
        _page("l2", "The city council approved a new budget for schools after a long debate."),
        _page("l3", "A storm closed the coastal road for six hours, the police said."),
    ]
    profiles = pipeline.learn_source_profiles(pages)
    assert set(profiles) == {"Ledger"}
    assert any("harbour media" in line for line in profiles["Ledger"].boilerplate)

    prepared = pipeline.prepare_article(pages[0], profiles["Ledger"])
    assert isinstance(prepared, Article)
    assert "Harbour" not in prepared.text and prepared.sentences
    assert any(removal.reason == "boilerplate" for removal in prepared.removed)
    # Without the profile the footer stays: the profile is what carries the source's habits.
    assert "Harbour" in pipeline.prepare_article(pages[0]).text  # type: ignore[union-attr]


def test_pipeline_prepare_rejects_noise_only_articles_naming_article_and_stage() -> None:
    noise = Article(
        id="n1", source="x", raw_text="Comments (0)\n\nShare on Facebook", origin="n1.txt"
    )
    rejection = pipeline.prepare_article(noise, SourceProfile("x"))
    assert isinstance(rejection, Rejection)
    assert (rejection.stage, rejection.articles, rejection.input) == ("clean", ("n1",), "n1.txt")


def test_pipeline_a_failing_story_is_recorded_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail_on_ferries(story: Story) -> Story:
        if any("ferry" in article.text.lower() for article in story.articles):
            raise RuntimeError("boom")
        return story

    monkeypatch.setattr(pipeline, "STORY_STAGES", (*pipeline.STORY_STAGES, fail_on_ferries))
    monkeypatch.setattr(fail_on_ferries, "__name__", "fail_on_ferries")
    articles, _ = newsweave.read_inputs([DEMO])
    report = pipeline.analyze(articles)
    assert len(report.stories) == 1
    (failed,) = report.rejections
    assert failed.reason == "story_failed" and failed.stage == "fail_on_ferries"
    assert len(failed.articles) == 2 and "RuntimeError: boom" in failed.detail
    with pytest.raises(StoryStageError, match="stage fail_on_ferries failed on story"):
        pipeline.analyze(articles, on_reject="raise")


def test_pipeline_rejects_an_unknown_policy() -> None:
    with pytest.raises(NewsweaveError, match="on_reject must be"):
        pipeline.analyze([{"text": "Rain fell."}], on_reject="ignore")  # type: ignore[arg-type]


def test_pipeline_report_round_trips_through_json() -> None:
    articles, rejections = newsweave.read_inputs([DEMO])
    report = pipeline.analyze(articles, rejections=rejections)
    data = json.loads(json.dumps(report_to_dict(report)))
    again = report_from_dict(data)
    assert report_to_dict(again) == data
    assert newsweave.render_html(again) == newsweave.render_html(report)
    assert newsweave.render_markdown(again) == newsweave.render_markdown(report)


def test_pipeline_report_from_dict_refuses_a_quote_that_is_not_in_the_article() -> None:
    report = pipeline.analyze(
        [{"id": "a", "source": "Wire", "text": "Rain fell on Monday in Oslo."}]
    )
    data = report_to_dict(report)
    data["stories"][0]["entities"] = []
    data["stories"][0]["summary"] = [
        {"text": "x", "support": [{"article": "a", "start": 0, "end": 4, "text": "Snow"}]}
    ]
    with pytest.raises(NewsweaveError, match="quoted text differs"):
        report_from_dict(data)
    with pytest.raises(NewsweaveError, match="schema"):
        report_from_dict({"stories": "none"})


def test_pipeline_functions_in_a_row_make_the_report_analyze_makes() -> None:
    inputs = [DEMO / "ferry-strike.jsonl", DEMO / "kestrel-courier-visit.txt"]
    articles, _ = newsweave.read_inputs(inputs)
    profiles = pipeline.learn_source_profiles(articles)
    prepared = pipeline.prepare_articles(articles, profiles)
    assert all(isinstance(item, Article) for item in prepared)

    groups = pipeline.group_articles(prepared)  # type: ignore[arg-type]
    ids = sorted(sorted(article.id for article in group) for group in groups)
    assert ids == [["cpa-ferry-strike", "herald-ferry-strike"], ["kestrel-courier-visit"]]
    stories = [pipeline.build_story(group) for group in groups]
    assert [len(story.claims) > 0 and len(story.summary) > 0 for story in stories] == [True] * 2

    report = pipeline.analyze(articles)
    made_by_hand = report_to_dict(Report(stories=tuple(stories)))["stories"]
    assert report_to_dict(report)["stories"] == made_by_hand


def test_pipeline_build_story_empties_the_story_caches_it_filled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Regression: caches of what the stages read of each sentence kept every story's sentences
    for the whole run (about 40 KB per article on Multi-News: memory grew with the input)."""
    from newsweave import _caches
    from newsweave.stages.claims import _facts, _slots
    from newsweave.stages.claims.conflicts import _syntax
    from newsweave.stages.summary import _select

    sentence_keyed = [
        _slots.content_words,
        _slots.quantities,
        _facts._content,
        _facts._bigrams,
        _facts._tokens,
        _facts._grams,
        _facts._char_grams,
        _facts.fact_score,
        _select.content_stems,
        _select.concepts_of,
        _syntax._parse,
    ]
    assert all(cache in _caches._STORY_CACHES for cache in sentence_keyed)
    articles, _ = newsweave.read_inputs([DEMO / "ferry-strike.jsonl"])
    prepared = pipeline.prepare_articles(articles, pipeline.learn_source_profiles(articles))
    filled: list[int] = []
    last_stage = pipeline.STORY_STAGES[-1]

    def counted(story: Story) -> Story:  # the last story stage, then a look at the caches
        story = last_stage(story)
        filled.append(_caches.story_cache_entries())
        return story

    monkeypatch.setattr(pipeline, "STORY_STAGES", (*pipeline.STORY_STAGES[:-1], counted))
    pipeline.build_story(prepared)  # type: ignore[arg-type]
    assert filled and filled[0] > 0  # the stages did fill them
    assert _caches.story_cache_entries() == 0


def test_pipeline_a_story_without_headlines_is_titled_by_a_sentence_cut_at_a_word() -> None:
    sentence = (
        "The mother of a ten-year-old girl killed by a stray bullet on a city street last year "
        "said she heard a loud sound before her daughter fell to the ground outside their home."
    )
    article = Article(id="a", source="a.txt", raw_text=f"{sentence} Police are still searching.")
    [story] = newsweave.analyze([article]).stories
    assert story.title.endswith("\u2026") and len(story.title) <= 120
    assert sentence.startswith(story.title[:-1]) and story.title[-2] != " "
    assert sentence[len(story.title) - 1] == " "  # cut between two words


def test_pipeline_a_story_without_headlines_is_titled_by_its_most_corroborated_article() -> None:
    """The first page may be a programme's running order naming the story once among others:
    the title opens the article that states most of what the sources agree on."""
    running_order = (
        "Parliament is facing a critical vote on the budget as borrowing costs climb. "
        "A jury in Harlow found the surgeon Daniel Keane guilty of manslaughter on Monday. "
        "A large asteroid will pass close to the Earth tonight, astronomers said."
    )
    reports = [
        "A jury in Harlow found the surgeon Daniel Keane guilty of manslaughter on Monday. "
        "Keane could be sent to prison for up to four years and lose his licence. "
        "The patient's family said they were overjoyed at the verdict.",
        "Jurors convicted Daniel Keane, a surgeon, of manslaughter after a six-week trial. "
        "Prosecutors had argued that Keane left the operating theatre during the procedure. "
        "He faces up to four years in prison and could lose his licence, lawyers said. "
        "Relatives of the patient said outside court that they were overjoyed at the verdict.",
    ]
    articles = [
        Article(id=f"a{i}", source=f"{i}.txt", raw_text=text)
        for i, text in enumerate([running_order, *reports])
    ]
    [story] = newsweave.analyze(articles, one_story=True).stories
    assert story.title.startswith("A jury in Harlow") or story.title.startswith("The surgeon")


def test_pipeline_a_question_headline_does_not_title_a_story_that_states_its_news() -> None:
    """An explainer's headline asks ("What was the legal advice?"): the story is titled by what
    its sources state."""
    reports = [
        "The attorney general warned the prime minister that the war could be ruled illegal. "
        "The advice was given in a confidential minute two weeks before the invasion began. "
        "Opposition leaders said the prime minister had misled parliament about the advice.",
        "The prime minister was warned by the attorney general that the war could be ruled "
        "illegal, a confidential minute published on Thursday shows. "
        "Opposition leaders accused the prime minister of misleading parliament.",
    ]
    articles = [
        Article(id="a0", source="0.txt", raw_text=reports[0], title="What was the legal advice?"),
        Article(id="a1", source="1.txt", raw_text=reports[1]),
    ]
    [story] = newsweave.analyze(articles, one_story=True).stories
    assert not story.title.endswith("?")
    assert "attorney general" in story.title


def test_pipeline_a_story_with_only_a_question_headline_is_titled_by_its_opening() -> None:
    text = "The attorney general warned the prime minister that the war could be ruled illegal."
    article = Article(id="a", source="a.txt", raw_text=text, title="Was the war legal?")
    [story] = newsweave.analyze([article]).stories
    assert story.title == text


def test_a_story_is_not_titled_by_a_byline_run_into_its_lead() -> None:
    # T17 libya 2011-03-19: "By Jason Hanna, CNN The destroyer USS Stout launches ..." (a byline
    # glued to a caption) was the story's title.
    text = (
        "By Ivar Lund, Kestrel Post The ferry Norrland leaves the harbour of Kestrel on Monday.\n"
        "Ferry crews in Kestrel went on strike on Monday, stranding thousands of island commuters.\n"
        "The union said talks with the operator would resume on Wednesday."
    )
    [story] = pipeline.analyze([{"id": "a", "text": text, "source": "Post"}]).stories
    assert story.title.startswith("Ferry crews in Kestrel went on strike")
