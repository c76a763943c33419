"""Renderers: pure functions from a `Report` to JSON, Markdown, HTML or a terminal summary.

They only present what the stages found; no renderer analyses text.
"""

from newsweave.render.html import render_html, write_html
from newsweave.render.json import render_json, report_to_dict, validate_report, write_json
from newsweave.render.markdown import render_markdown, write_markdown
from newsweave.render.terminal import print_summary

__all__ = [
    "print_summary",
    "render_html",
    "render_json",
    "render_markdown",
    "report_to_dict",
    "validate_report",
    "write_html",
    "write_json",
    "write_markdown",
]
