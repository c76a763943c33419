"""Write actions (ingest, re-cluster, analyse): token-checked, one at a time, off the event loop.

Both the page forms and the JSON API come here. These are the only requests that change the
store, and the only ones that may run the analysis (`analyse`, or `ingest` with analyse on).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Mapping
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from newsweave import service
from newsweave.errors import Rejected
from newsweave.model import Article, Rejection
from newsweave.web.app import check_token, store_of

ACTIONS = ("ingest", "recluster", "analyze")
MAX_FORM_BYTES = 2_000_000
_ONE_AT_A_TIME = threading.Lock()


async def run(request: Request, action: str, token: str | None, fields: Mapping[str, Any]) -> str:
    """Run one write action; returns a one-line account of what it did."""
    check_token(request, token)
    if action not in ACTIONS:
        raise HTTPException(404, f"no action {action!r}")

    def work() -> str:
        with _ONE_AT_A_TIME:
            store = store_of(request)
            if action == "recluster":
                changes = service.recluster(store)
                return f"re-clustered: {len(changes)} merge(s) or split(s)"
            if action == "analyze":
                one = str(fields.get("story") or "")
                ids = [store.story(one).id] if one else None  # an unknown id: NewsweaveError, 404
                done = service.update_analyses(store, story_ids=ids)
                return f"analysed {len(done)} story(ies)"
            return _ingest(store, fields)

    return await run_in_threadpool(work)


def _ingest(store: Any, fields: Mapping[str, Any]) -> str:
    """Articles from the request: JSON article objects, pasted text, feed or page URLs."""
    items = list(_items(fields))
    if not items:
        raise HTTPException(400, "nothing to add: give article objects, a text or URLs")
    summary = service.ingest(store, items)
    analysed = service.update_analyses(store) if _yes(fields.get("analyze")) else []
    skipped = "; ".join(str(r) for r in summary.rejections[:3])
    return (
        f"{summary.added} new article(s), {summary.duplicates} already stored, "
        f"{len(summary.stories)} story(ies) touched, {len(analysed)} analysed"
        + (f"; skipped {len(summary.rejections)}: {skipped}" if summary.rejections else "")
    )


def _items(fields: Mapping[str, Any]) -> Iterator[Article | Rejection]:
    from newsweave.sources.read import article_from_record, article_from_text

    for number, record in enumerate(fields.get("articles") or [], 1):
        try:
            yield article_from_record(
                record, origin=f"request article {number}", default_id=f"web-{number}"
            )
        except Rejected as error:
            yield Rejection(f"request article {number}", error.reason, error.detail)
    text = str(fields.get("text") or "")
    if text.strip():
        digest = hashlib.sha256(text.encode()).hexdigest()[:12]
        source = str(fields.get("source") or "").strip() or "pasted"
        try:
            yield article_from_text(
                text, article_id=f"web-{digest}", source=source, origin="web form"
            )
        except Rejected as error:
            yield Rejection("web form", error.reason, error.detail)
    urls = fields.get("urls") or []
    # A name from the request is never read as a path on the server.
    yield from service.read_sources(urls.split() if isinstance(urls, str) else urls, files=False)


def _yes(value: Any) -> bool:
    return value is True or str(value).lower() in {"1", "true", "on", "yes"}
