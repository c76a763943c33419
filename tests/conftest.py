"""The only conftest: tiny hand-made objects shared by the tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsweave.model import Article


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """Build an Article directly; `text` defaults to `raw_text` as if already cleaned."""

    def build(article_id: str = "a1", raw_text: str = "", **fields: Any) -> Article:
        fields.setdefault("source", "Test Outlet")
        fields.setdefault("text", raw_text)
        return Article(id=article_id, raw_text=raw_text, **fields)

    return build
