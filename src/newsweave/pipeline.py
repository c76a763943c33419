"""The one loop: articles in, a report out. The CLI, the API and every runner call `analyze`."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from threadpoolctl import threadpool_limits

from newsweave.errors import NoArticlesError, Rejected
from newsweave.model import Article, Rejection, Report, Story
from newsweave.stages.align import align_sentences
from newsweave.stages.annotate import annotate_articles
from newsweave.stages.claims import add_claims, attribute_summary
from newsweave.stages.clean import clean_article, learn_source_boilerplate
from newsweave.stages.conflicts import find_conflicts
from newsweave.stages.copies import find_copies
from newsweave.stages.dates import add_timeline, date_articles
from newsweave.stages.entities import add_entities
from newsweave.stages.group import group_stories
from newsweave.stages.read import article_from_record
from newsweave.stages.summarize import DEFAULT_WORDS, summarize_story

StoryStage = Callable[[Story], Story]
Progress = Callable[[str, int, int], None]  # (step, done, total)

# Each stage fills one part of a story, in this order: the timeline merges aligned sentences;
# entities name people as most independent sources spell them, so they follow copies;
# conflicts compare entities and dates across the alignment; claims need copies and conflicts.
STORY_STAGES: tuple[StoryStage, ...] = (
    date_articles,
    align_sentences,
    add_timeline,
    find_copies,
    add_entities,
    find_conflicts,
    add_claims,
)


def analyze(
    articles: Iterable[Article | Mapping[str, Any]],
    *,
    rejections: Sequence[Rejection] = (),
    progress: Progress | None = None,
    one_story: bool = False,
    summary_words: int = DEFAULT_WORDS,
) -> Report:
    """Analyze a set of articles into a report of one story per event.

    Args:
        articles: `Article` objects, or mappings with `text` and optionally `id`, `title`,
            `published`, `source`, `url` (as in a JSON input file).
        rejections: inputs already rejected while reading, carried into the report.
        progress: called as work advances, for progress bars.
        one_story: treat all articles as coverage of one event instead of grouping them.
        summary_words: the length budget of each story's summary, in words.

    Example:
        >>> report = analyze([{"id": "a", "source": "Wire", "text": "Rain fell on Monday."}])
        >>> report.stories[0].articles[0].text
        'Rain fell on Monday.'
    """
    # newsweave's matrix products (spaCy's layers, the similarity matrices) are small: a second
    # BLAS thread gains nothing on them, and its spinning between calls took a CPU from the
    # embedder's sessions (the warm DUC 2004 analysis: 1.7 CPU-s per run with it, 1.25 without).
    with threadpool_limits(limits=1, user_api="blas"):
        return _analyze(articles, rejections, progress, one_story, summary_words)


def _analyze(
    articles: Iterable[Article | Mapping[str, Any]],
    rejections: Sequence[Rejection],
    progress: Progress | None,
    one_story: bool,
    summary_words: int,
) -> Report:
    rejected = list(rejections)
    inputs = [_coerce(item, index, rejected) for index, item in enumerate(articles, 1)]
    usable = [article for article in inputs if article is not None]
    if not usable:
        raise NoArticlesError("no usable article in the input")

    boilerplate = learn_source_boilerplate(usable)
    cleaned: list[Article] = []
    for article in usable:
        try:
            cleaned.append(clean_article(article, boilerplate))
        except Rejected as error:
            rejected.append(Rejection(article.origin or article.id, error.reason, error.detail))
    if not cleaned:
        raise NoArticlesError("no article had any text left after cleaning")

    annotated = annotate_articles(cleaned, progress=progress)
    groups = [annotated] if one_story else group_stories(annotated)
    stories = []
    for done, group in enumerate(groups, 1):
        stories.append(build_story(group, summary_words=summary_words))
        if progress:
            progress("analyze stories", done, len(groups))
    return Report(stories=tuple(stories), rejections=tuple(rejected))


def build_story(articles: Sequence[Article], *, summary_words: int = DEFAULT_WORDS) -> Story:
    """Run every story stage over one group of articles about the same event, then summarize."""
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or 0, a.id))
    story = Story(id=_story_id(ordered), title=_story_title(ordered), articles=tuple(ordered))
    for stage in STORY_STAGES:
        story = stage(story)
    story = attribute_summary(summarize_story(story, words=summary_words))
    return replace(story, title=_central_title(story))


def _coerce(
    item: Article | Mapping[str, Any], index: int, rejected: list[Rejection]
) -> Article | None:
    if isinstance(item, Article):
        return item
    try:
        return article_from_record(item, origin=f"article {index}", default_id=f"article-{index}")
    except Rejected as error:
        rejected.append(Rejection(f"article {index}", error.reason, error.detail))
        return None


def _story_id(articles: Sequence[Article]) -> str:
    # Stable for the same set of articles, whatever order they came in.
    digest = hashlib.sha1("\n".join(sorted(a.id for a in articles)).encode()).hexdigest()
    return f"story-{digest[:10]}"


def _story_title(articles: Sequence[Article]) -> str:
    titled = [a for a in articles if a.title]
    if titled:
        return titled[0].title or ""
    first = articles[0]
    if first.sentences:
        return first.quote(first.sentences[0])[:120]
    return first.text[:120]


def _central_title(story: Story) -> str:
    """The headline of the titled article stating the most corroborated claims: the one that
    best covers what the sources agree on (the earliest one on a tie)."""
    titled = [article for article in story.articles if article.title]
    if not titled:
        return story.title
    covered = {article.id: 0 for article in titled}
    for claim in story.claims:
        if claim.independent_support >= 2:
            for article_id in {span.article_id for span in claim.support} & covered.keys():
                covered[article_id] += 1
    return max(titled, key=lambda article: covered[article.id]).title or story.title
