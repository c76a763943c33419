"""The pages' template environment and the story page laid out from a `Story`, without a server.

`service.analyze_story` lays a story's page out here when it saves the analysis (kept by
`store/pages.py`), so the first view of a story reads one row instead of building the page;
the server lays it out here too when no kept page fits. `layout_fingerprint()` names the code
that shapes a page: a kept page laid out by other code (an older newsweave) is not served.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.resources
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from newsweave.model import Story
from newsweave.render._common import package_version
from newsweave.web import views

# The modules whose code decides what a story page looks like, beside the templates.
_PAGE_MODULES = (
    "newsweave.web.layout",
    "newsweave.web.views",
    "newsweave.web.graph",
    "newsweave.render._common",
    "newsweave.render.html",
    "newsweave.render.json",
    "newsweave._text",
    "newsweave.model",
)


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of every page (autoescaping on, strict about undefined names)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsweave.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    filters: dict[str, Callable[..., Any]] = {
        "percent": lambda value: f"{value:.0%}",
        "plural": lambda count, one, many=None: (
            f"{count} {one if count == 1 else many or one + 's'}"
        ),
        "day": lambda iso: (iso or "")[:10],
    }
    env.filters.update(filters)
    env.globals.update(
        story_href=views.story_href,
        article_href=views.article_href,
        outlet_href=views.outlet_href,
        version=package_version(),
    )
    return env


@functools.cache
def layout_fingerprint() -> str:
    """A digest of the package version, the templates and the page-shaping modules' source."""
    digest = hashlib.sha256(package_version().encode())
    templates = importlib.resources.files("newsweave.web").joinpath("templates")
    for name in sorted(entry.name for entry in templates.iterdir()):
        digest.update(name.encode() + b"\0" + templates.joinpath(name).read_bytes())
    for module in _PAGE_MODULES:
        source = importlib.import_module(module).__file__
        digest.update(module.encode() + b"\0" + (Path(source).read_bytes() if source else b""))
    return digest.hexdigest()[:16]


def story_page_html(view: views.StoryView) -> str:
    """The story page of `view` (the same for every visitor)."""
    template = environment().get_template("story.html.j2")
    return template.render(view=view, story=view.story)


def lay_out_story(story: Story) -> str:
    """The page of a story whose analysis is current."""
    return story_page_html(views.StoryView(story, current=True))
