"""newsweave: read the coverage of a news event from many outlets and tell what actually happened.

Example:
    >>> import newsweave
    >>> articles, rejected = newsweave.read_inputs(["coverage/"])
    >>> report = newsweave.analyze(articles)
    >>> newsweave.write_json(report, "report.json")
"""

from newsweave.errors import NewsweaveError, NoArticlesError, Rejected
from newsweave.model import (
    Article,
    Claim,
    ClaimStatus,
    Conflict,
    CopyLink,
    Entity,
    FuzzyDate,
    Precision,
    Rejection,
    Relation,
    Removal,
    Report,
    Span,
    Story,
    SummaryItem,
    TimelineEvent,
)
from newsweave.render.html import render_html
from newsweave.render.json import report_from_dict, report_to_dict, write_json
from newsweave.render.markdown import render_markdown

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "ClaimStatus",
    "Conflict",
    "CopyLink",
    "Entity",
    "FuzzyDate",
    "NewsweaveError",
    "NoArticlesError",
    "Precision",
    "Rejected",
    "Rejection",
    "Relation",
    "Removal",
    "Report",
    "Span",
    "Story",
    "SummaryItem",
    "TimelineEvent",
    "__version__",
    "analyze",
    "read_inputs",
    "render_html",
    "render_markdown",
    "report_from_dict",
    "report_to_dict",
    "write_json",
]


def __getattr__(name: str) -> object:
    # The analysis loads spaCy and the embedder (seconds); reading a stored report, rendering it
    # or serving pages must not pay for that, so these two are imported on first use.
    if name == "analyze":
        from newsweave.pipeline import analyze

        return analyze
    if name == "read_inputs":
        from newsweave.sources.read import read_inputs

        return read_inputs
    raise AttributeError(f"module 'newsweave' has no attribute {name!r}")
