"""Errors newsweave raises.

NewsweaveError            misuse or bad configuration: fails at once, one line on the CLI
├── NoArticlesError       nothing usable in the input
├── Rejected              one input (file, line, URL) cannot be used; the run goes on
└── StoryStageError       a story stage failed on one story; under `on_reject="record"` the run
                          goes on without that story
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base of every error newsweave raises on purpose."""


class NoArticlesError(NewsweaveError):
    """The inputs held no usable article."""


class Rejected(NewsweaveError):
    """One input cannot be used. `reason` is a stable slug (`empty`, `binary`, `too_large`, ...)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class StoryStageError(NewsweaveError):
    """A story stage failed. Names the stage, the story and its articles; the cause is chained."""

    def __init__(
        self, stage: str, story_id: str, article_ids: tuple[str, ...], detail: str
    ) -> None:
        shown = ", ".join(article_ids[:5]) + (", ..." if len(article_ids) > 5 else "")
        super().__init__(f"stage {stage} failed on story {story_id} (articles {shown}): {detail}")
        self.stage = stage
        self.story_id = story_id
        self.article_ids = article_ids
