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


@pytest.fixture(scope="session")
def spark_engine() -> Any:
    """One real Spark `local[2]` session for every Spark test (it takes ~10 s to start).

    Skipped where PySpark is not installed, except in CI (`./run test` installs it with a JRE).
    """
    import os

    if os.environ.get("CI") != "true":
        pytest.importorskip("pyspark", reason="the Spark tests need 'newsweave[spark]' and a JRE")
    from newsweave.runners.spark import SparkEngine

    engine = SparkEngine(
        "local[2]",
        # Few partitions and no adaptive re-planning: a tiny corpus, so fewer and faster jobs.
        config={"spark.sql.shuffle.partitions": "2", "spark.sql.adaptive.enabled": "false"},
    )
    yield engine
    engine.stop()
