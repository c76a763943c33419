"""The public surface: `newsweave.__all__` names it, every name resolves and says what it is."""

from __future__ import annotations

import importlib.metadata
import inspect
import subprocess
import sys
import types

import newsweave


def test_public_api_is_exactly_all() -> None:
    names = {name for name in dir(newsweave) if not name.startswith("_")}
    public = {n for n in names if not isinstance(getattr(newsweave, n), types.ModuleType)}
    # `analyze` and `read_inputs` load on first use, so they are not attributes until then.
    assert set(newsweave.__all__) == public | {"__version__", "analyze", "read_inputs"}


def test_public_api_star_import_gives_exactly_all_once() -> None:
    assert len(set(newsweave.__all__)) == len(newsweave.__all__)
    namespace: dict[str, object] = {}
    exec("from newsweave import *", namespace)  # fails on a listed name that does not resolve
    assert set(namespace) - {"__builtins__"} == set(newsweave.__all__)


def test_public_api_every_class_and_function_has_its_own_docstring() -> None:
    undocumented = []
    for name in newsweave.__all__:
        item = getattr(newsweave, name)
        if not (inspect.isclass(item) or inspect.isfunction(item)):
            continue
        # Only the object's own docstring: a dataclass without one gets its signature as __doc__,
        # and an enum or exception would show its base class's.
        doc = item.__dict__.get("__doc__") if inspect.isclass(item) else item.__doc__
        if not doc or not doc.strip() or doc.startswith(f"{item.__name__}("):
            undocumented.append(name)
    assert undocumented == []


def test_public_api_version_is_the_installed_distributions() -> None:
    assert newsweave.__version__ == importlib.metadata.version("newsweave")


def test_public_api_reading_and_rendering_reports_loads_no_model_runtime() -> None:
    # Rendering a stored report must stay cheap: only `analyze` may load spaCy and the embedder.
    script = (
        "import sys, newsweave\n"
        "newsweave.report_from_dict, newsweave.render_html, newsweave.render_markdown\n"
        "newsweave.read_inputs\n"
        "print(sorted(m for m in ('spacy', 'onnxruntime', 'sklearn') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]"
