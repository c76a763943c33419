"""The bundled schema is the project's stable report contract, kept identical to it."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import pytest

CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "contract" / "story-report.schema.json"


def _bundled() -> dict[str, object]:
    text = (resources.files("newsweave") / "schema" / "story-report.schema.json").read_text("utf-8")
    return json.loads(text)


def test_schema_bundled_copy_equals_the_contract() -> None:
    if not CONTRACT.exists():
        # A user's checkout has no ../shared; CI always has it, so there the check must run.
        if os.environ.get("CI"):
            pytest.fail(f"the report contract is missing: {CONTRACT}")
        pytest.skip("../shared/contract is not beside this checkout")
    assert _bundled() == json.loads(CONTRACT.read_text("utf-8"))


def test_schema_requires_the_stable_story_fields() -> None:
    story = _bundled()["$defs"]["story"]  # type: ignore[index]
    assert {
        "summary",
        "claims",
        "conflicts",
        "provenance",
        "removed",
        "timeline",
        "entities",
    } <= set(
        story["required"]  # type: ignore[index]
    )
