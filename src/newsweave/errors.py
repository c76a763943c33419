"""Errors newsweave raises.

NewsweaveError            misuse or bad configuration: fails at once, one line on the CLI
├── NoArticlesError       nothing usable in the input
└── Rejected              one input (file, line, URL) cannot be used; the run goes on
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
