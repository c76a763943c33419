"""The one pipeline: articles in, a report out. `analyze`, the store and every runner call it.

Analysis is four kinds of pure function, so any runner can distribute it:

    learn_source_profiles(articles)        per source: lines that recur on its pages (a reduce)
    prepare_article(article, profile)      per article: clean and annotate, or a Rejection
    group_articles(articles)               corpus: articles -> stories (blocked, never N x N)
    build_story(articles)                  per story: dates, entities, copies, claims, summary

`analyze` is these four in a row; `analyze_iter` is the same run one story at a time, for inputs
too large to hold every story at once. A failure inside one story's stages does not end the run:
under the default `on_reject="record"` the story is left out and listed with its stage and articles
among the report's rejections; `on_reject="raise"` re-raises (for tests and strict runs).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import islice
from typing import Any, Literal

from threadpoolctl import threadpool_limits

from newsweave._caches import clear_story_caches
from newsweave.errors import NewsweaveError, NoArticlesError, Rejected, StoryStageError
from newsweave.embed import embed
from newsweave.model import Article, Rejection, Report, SourceProfile, Story
from newsweave.sources.read import article_from_record
from newsweave.stages.article.annotate import annotate_articles
from newsweave.stages.article.clean import boilerplate_by_source, clean_article
from newsweave.stages.article.profiles import learn_source_profile, learn_source_profiles
from newsweave.stages.claims import add_claims, attribute_summary
from newsweave.stages.claims.conflicts import find_conflicts
from newsweave.stages.dates import add_timeline, date_articles
from newsweave.stages.developments import add_developments
from newsweave.stages.entities import add_entities
from newsweave.stages.grouping.stories import group_stories
from newsweave.stages.provenance.align import align_sentences
from newsweave.stages.provenance.copies import find_copies
from newsweave.stages.summary import DEFAULT_WORDS, summarize_story

__all__ = [
    "STORY_STAGES",
    "analyze",
    "analyze_iter",
    "build_stories",
    "build_story",
    "group_articles",
    "learn_source_profile",
    "learn_source_profiles",
    "prepare_article",
    "prepare_articles",
]

StoryStage = Callable[[Story], Story]
Progress = Callable[[str, int, int], None]  # (step, done, total)
OnReject = Literal["record", "raise"]

_log = logging.getLogger(__name__)
# Articles cleaned and annotated at once: large enough for spaCy's batches, small enough that the
# annotated batch in hand stays a few megabytes.
_PREPARE_BATCH = 256
_TITLE_WORDS = 40  # an opening sentence longer than this is not taken for a title if another is
_TITLE_SAMPLE = 2000  # sentences read at most to find what a story without headlines is about
_TITLE_CHARS = 120  # a story without a headline is titled by an opening sentence, cut here
# A question ("What was the legal advice?", an explainer's headline) says what a story asks, not
# what happened: a story is titled by one only when nothing else states it.
_QUESTION = re.compile(r"\?\W*$")
# A byline opening a sentence: "By Jason Hanna, CNN ...", "By the CNN Wire Staff ...", not "By
# Monday, ..." nor "By March the rebels had ...".
_BYLINE = re.compile(
    r"^By\s+(?:the\s+)?(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Christmas|Easter|Then|Now|"
    r"Early|Late|Mid)\b)[A-Z][\w.'’-]*\s+[A-Z]"
)

# Each stage fills one part of a story, in this order: the timeline merges aligned sentences;
# entities name people as most independent sources spell them, so they follow copies;
# conflicts compare entities and dates across the alignment; claims need copies and conflicts.
STORY_STAGES: tuple[StoryStage, ...] = (
    date_articles,
    align_sentences,
    add_timeline,
    find_copies,
    add_developments,
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
    on_reject: OnReject = "record",
) -> Report:
    """Analyze a set of articles into a report of one story per event.

    Args:
        articles: `Article` objects, or mappings with `text` and optionally `id`, `title`,
            `published`, `source`, `url` (as in a JSON input file).
        rejections: inputs already rejected while reading, carried into the report.
        progress: called as work advances, for progress bars.
        one_story: treat all articles as coverage of one event instead of grouping them.
        summary_words: the length budget of each story's summary, in words.
        on_reject: what a story whose stages fail does: `record` leaves it out and lists it
            among the report's rejections; `raise` re-raises the error.

    Example:
        >>> report = analyze([{"id": "a", "source": "Wire", "text": "Rain fell on Monday."}])
        >>> report.stories[0].articles[0].text
        'Rain fell on Monday.'
    """
    stories: list[Story] = []
    rejected = list(rejections)
    for item in analyze_iter(
        articles,
        progress=progress,
        one_story=one_story,
        summary_words=summary_words,
        on_reject=on_reject,
    ):
        (rejected if isinstance(item, Rejection) else stories).append(item)  # type: ignore[arg-type]
    return Report(stories=tuple(stories), rejections=tuple(rejected))


def analyze_iter(
    articles: Iterable[Article | Mapping[str, Any]],
    *,
    progress: Progress | None = None,
    one_story: bool = False,
    summary_words: int = DEFAULT_WORDS,
    on_reject: OnReject = "record",
) -> Iterator[Story | Rejection]:
    """`analyze`, one story at a time: each rejected input as it is found, then each story as
    soon as it is built (or its `story_failed` rejection), in the order of `analyze`'s report.

    Only what grouping needs of every article is held at once; a story is built when its turn
    comes and is the caller's to write and drop, so memory does not grow with the stories.

    Raises:
        NoArticlesError: no input was usable, or no article had text left after cleaning.
    """
    if on_reject not in ("record", "raise"):
        raise NewsweaveError(f"on_reject must be 'record' or 'raise', got {on_reject!r}")
    # newsweave's matrix products (spaCy's layers, the similarity matrices) are small: a second
    # BLAS thread gains nothing on them, and its spinning between calls took a CPU from the
    # embedder's sessions (the warm DUC 2004 analysis: 1.7 CPU-s per run with it, 1.25 without).
    with threadpool_limits(limits=1, user_api="blas"):
        usable: list[Article] = []
        for index, item in enumerate(articles, 1):
            coerced = _coerce(item, index)
            if isinstance(coerced, Rejection):
                yield coerced
            else:
                usable.append(coerced)
        del articles
        if not usable:
            raise NoArticlesError("no usable article in the input")
        prepared: list[Article] = []
        reasons: set[str] = set()
        for item in _prepare_each(usable, learn_source_profiles(usable), progress):
            if isinstance(item, Rejection):
                reasons.add(item.reason)
                yield item
            else:
                prepared.append(item)
        if not prepared:
            if reasons == {"not_english"}:
                raise NoArticlesError("no article is in English, the one language newsweave reads")
            raise NoArticlesError("no article had any text left after cleaning")
        del usable
        groups = [prepared] if one_story else group_articles(prepared)
        del prepared  # each article is now held by its group only, and dropped with it
        yield from _build_each(
            _taken(groups), len(groups), summary_words, on_reject=on_reject, progress=progress
        )


def prepare_article(article: Article, profile: SourceProfile | None = None) -> Article | Rejection:
    """The article cleaned (page noise removed, date line read) and annotated (sentences, names),
    or the `Rejection` that says why it cannot be used."""
    return next(iter(prepare_articles([article], {profile.source: profile} if profile else {})))


def prepare_articles(
    articles: Sequence[Article],
    profiles: Mapping[str, SourceProfile],
    *,
    progress: Progress | None = None,
) -> list[Article | Rejection]:
    """`prepare_article` over many articles, in order, annotating them in batches (faster)."""
    return list(_prepare_each(articles, profiles, progress))


def _prepare_each(
    articles: Sequence[Article],
    profiles: Mapping[str, SourceProfile],
    progress: Progress | None,
) -> Iterator[Article | Rejection]:
    """`prepare_articles`, a batch at a time as the results are taken: a caller that keeps
    less of them holds less."""
    boilerplate = boilerplate_by_source(profiles)
    pending = iter(articles)
    done = 0
    while batch := list(islice(pending, _PREPARE_BATCH)):
        results: list[Article | Rejection] = []
        cleaned: list[Article] = []
        for article in batch:
            if article.text:  # cleaned before (a stored article): its offsets must not move
                cleaned.append(article)
                results.append(article)
                continue
            try:
                cleaned_article = clean_article(article, boilerplate)
            except Rejected as error:
                results.append(_rejection(article, "clean", error.reason, error.detail))
                continue
            cleaned.append(cleaned_article)
            results.append(cleaned_article)
        annotated = iter(_annotate(cleaned))
        for item in results:
            yield item if isinstance(item, Rejection) else next(annotated)
        done += len(batch)
        if progress:
            progress("annotate", done, len(articles))


def group_articles(articles: Sequence[Article]) -> list[list[Article]]:
    """Prepared articles grouped into stories, one per topic (see `stages/grouping/stories.py`)."""
    return group_stories(articles)


def build_stories(
    groups: Sequence[Sequence[Article]],
    *,
    summary_words: int = DEFAULT_WORDS,
    on_reject: OnReject = "record",
    progress: Progress | None = None,
) -> tuple[list[Story], list[Rejection]]:
    """`build_story` over each group; a failing story is skipped and returned as a rejection."""
    stories: list[Story] = []
    failed: list[Rejection] = []
    for item in _build_each(groups, len(groups), summary_words, on_reject, progress):
        (failed if isinstance(item, Rejection) else stories).append(item)  # type: ignore[arg-type]
    return stories, failed


def _build_each(
    groups: Iterable[Sequence[Article]],
    total: int,
    summary_words: int,
    on_reject: OnReject,
    progress: Progress | None,
) -> Iterator[Story | Rejection]:
    for done, group in enumerate(groups, 1):
        try:
            yield build_story(group, summary_words=summary_words)
        except StoryStageError as error:
            if on_reject == "raise":
                raise
            _log.warning("%s", error, exc_info=error.__cause__)
            yield Rejection(
                f"story {error.story_id}",
                "story_failed",
                str(error),
                stage=error.stage,
                articles=error.article_ids,
            )
        if progress:
            progress("analyze stories", done, total)


def _taken(items: list[list[Article]]) -> Iterator[list[Article]]:
    """The items of `items` in order, each dropped from the list as it is handed out."""
    for index in range(len(items)):
        item, items[index] = items[index], []
        yield item


def build_story(articles: Sequence[Article], *, summary_words: int = DEFAULT_WORDS) -> Story:
    """Run every story stage over one group of articles about the same event, then summarize.

    The stages' story caches (`newsweave._caches`) are emptied when it returns or fails, so what
    they read of this story's sentences is not kept while later stories are built.

    Raises:
        StoryStageError: a stage failed; it names the stage, the story and its articles.
    """
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or 0, a.id))
    story = Story(id=_story_id(ordered), title=_story_title(ordered), articles=tuple(ordered))
    stages = (
        *STORY_STAGES,
        lambda story: summarize_story(story, words=summary_words),
        attribute_summary,
    )
    names = (*(stage.__name__ for stage in STORY_STAGES), "summarize_story", "attribute_summary")
    try:
        for name, stage in zip(names, stages, strict=True):
            try:
                story = stage(story)
            except Exception as error:
                raise StoryStageError(
                    name, story.id, tuple(a.id for a in ordered), f"{type(error).__name__}: {error}"
                ) from error
    finally:
        clear_story_caches()
    return replace(story, title=_central_title(story))


def _annotate(articles: list[Article]) -> list[Article | Rejection]:
    if not articles:
        return []
    try:
        return list(annotate_articles(articles))
    except Exception:
        # One article broke the batch: annotate one by one so only that article is rejected.
        return [_annotate_one(article) for article in articles]


def _annotate_one(article: Article) -> Article | Rejection:
    try:
        return annotate_articles([article])[0]
    except Exception as error:
        _log.warning("annotating %s failed", article.id, exc_info=error)
        detail = f"article {article.id!r} could not be annotated ({type(error).__name__}: {error})"
        return _rejection(article, "annotate", "annotate_failed", detail)


def _rejection(article: Article, stage: str, reason: str, detail: str) -> Rejection:
    return Rejection(
        article.origin or article.id, reason, detail, stage=stage, articles=(article.id,)
    )


def _coerce(item: Article | Mapping[str, Any], index: int) -> Article | Rejection:
    if isinstance(item, Article):
        return item
    try:
        return article_from_record(item, origin=f"article {index}", default_id=f"article-{index}")
    except Rejected as error:
        return Rejection(f"article {index}", error.reason, error.detail, stage="read")


def _story_id(articles: Sequence[Article]) -> str:
    # Stable for the same set of articles, whatever order they came in.
    digest = hashlib.sha1("\n".join(sorted(a.id for a in articles)).encode()).hexdigest()
    return f"story-{digest[:10]}"


def _story_title(articles: Sequence[Article]) -> str:
    titled = [a for a in articles if a.title]
    if titled:
        return titled[0].title or ""
    first = articles[0]
    return _shortened(first.quote(first.sentences[0]) if first.sentences else first.text)


def _shortened(text: str, limit: int = _TITLE_CHARS) -> str:
    """`text` as a title: whole when short enough, else cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


def _central_title(story: Story) -> str:
    """The headline of the article that best covers what the sources agree on (see
    `_central_article`); a question is no headline here. Without headlines, the opening
    sentence most like the whole story among those two independent sources state and the
    central article's (the first page may be a programme's running order that names the story
    once among other items)."""
    titled = [a for a in story.articles if a.title and not _QUESTION.search(a.title)]
    central = _central_article(story, titled)
    if central is not None:
        return central.title or story.title
    opening = {a.id: a.sentences[0].start for a in story.articles if a.sentences}
    openers = [
        claim.text
        for claim in story.claims
        if claim.independent_support >= 2
        and any(opening.get(span.article_id) == span.start for span in claim.support)
    ]
    central = _central_article(story, [a for a in story.articles if a.sentences])
    if central is not None:
        leads = [central.quote(span) for span in central.sentences[:3]]
        openers.append(next((text for text in leads if not _BYLINE.match(text)), leads[0]))
    # A title reads as one sentence: a longer "opening" is page furniture run into the lead, as
    # is a byline run into it ("By Jason Hanna, CNN The destroyer USS Stout launches ...").
    openers = [text for text in openers if not _BYLINE.match(text)] or openers
    openers = [text for text in openers if not _QUESTION.search(text)]
    openers = [text for text in openers if len(text.split()) <= _TITLE_WORDS] or openers
    if not openers:
        return story.title
    # The opening most like the whole story: a lead another outlet states may be a side fact.
    # (Every k-th sentence of a very long story: its vectors may have left the embedder's cache.)
    told = [story.quote(span) for article in story.articles for span in article.sentences]
    centroid = embed(told[:: max(1, -(-len(told) // _TITLE_SAMPLE))]).mean(axis=0)
    likeness = embed(openers) @ centroid
    return _shortened(openers[int(likeness.argmax())])


def _central_article(story: Story, candidates: Sequence[Article]) -> Article | None:
    """The article stating the most corroborated claims; on a tie, the one whose claims other
    articles state most often, then the earliest."""
    corroborated = {article.id: 0 for article in candidates}
    shared = {article.id: 0 for article in candidates}
    stated = {article.id: 0 for article in candidates}
    for claim in story.claims:
        stating = {span.article_id for span in claim.support}
        for article_id in stating & stated.keys():
            stated[article_id] += 1
            shared[article_id] += len(stating) > 1
            corroborated[article_id] += claim.independent_support >= 2
    return max(
        candidates,
        key=lambda a: (corroborated[a.id], shared[a.id] / stated[a.id] if stated[a.id] else 0.0),
        default=None,
    )
