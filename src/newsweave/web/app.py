"""The web app: an ASGI application over one store, its security headers, and `serve()`.

Pages and the JSON API only read: stored analyses through the service layer, figures through
the browse index (`store/search.py`). The write actions (ingest, re-cluster, analyse) need the
token printed at start-up. Every response carries a strict Content-Security-Policy: scripts and
styles come from /static only, nothing inline, nothing from another origin.
"""

from __future__ import annotations

import functools
import importlib.resources
import secrets
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsweave import service
from newsweave.errors import NewsweaveError
from newsweave.render._common import package_version
from newsweave.store import search
from newsweave.store.sqlite import Store
from newsweave.web import layout, views

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
_CACHED_STORIES = 512


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


class Stores:
    """One open store per worker thread (a SQLite connection must stay in its thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = service.open_store(self.path)
            self._local.store = store
        return store


class UntilChanged:
    """Values kept until the store changes: list pages, their HTML, the outlet menu.

    A connection that never writes watches `PRAGMA data_version`, which moves whenever any
    other connection (another thread, an ingest in another process) commits: then every kept
    value is dropped. Browsing the list costs one small read until new data arrives.
    """

    def __init__(self, path: Path, size: int = 1024) -> None:
        self._watch = sqlite3.connect(path, check_same_thread=False)
        self._version: int | None = None
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            version = self._watch.execute("PRAGMA data_version").fetchone()[0]
            if version != self._version:
                self._values.clear()
                self._version = version
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = compute()
        with self._lock:
            if version == self._version:
                self._values[key] = value
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
        return value

    def stories(
        self, store: Store, query: search.StoryQuery
    ) -> tuple[list[search.StorySummary], int]:
        return self.get(("stories", query), lambda: search.search_stories(store, query))  # type: ignore[no-any-return]


class StoryViews:
    """Story views by (story id, version): a story is laid out once per analysis, not per view."""

    def __init__(self, size: int = _CACHED_STORIES) -> None:
        self._views: OrderedDict[tuple[str, int], views.StoryView | None] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, store: Store, story_id: str) -> tuple[str, views.StoryView | None]:
        """The story's canonical id (merged ids lead on) and its view, None if not analysed."""
        stored = store.story(story_id)
        key = (stored.id, stored.version)
        with self._lock:
            if key in self._views:
                self._views.move_to_end(key)
                return stored.id, self._views[key]
        found = service.story_report(store, stored.id)
        view = None
        if found is not None and found.report.stories:
            view = views.StoryView(found.report.stories[0], current=found.is_current)
        with self._lock:
            self._views[key] = view
            while len(self._views) > self._size:
                self._views.popitem(last=False)
        return stored.id, view


def create_app(
    db: str | Path, *, token: str | None = None, allowed_hosts: list[str] | None = None
) -> FastAPI:
    """The web app over the store at `db` (which must exist).

    `token` guards the write actions (a random one when None: read it from `app.state.token`).
    `allowed_hosts` are the Host headers answered (default: loopback names only, which keeps
    pages from being read through DNS rebinding); ["*"] answers any.
    """
    path = Path(db)
    service.open_store(path).close()
    app = FastAPI(
        title="newsweave",
        version=package_version(),
        description="Stories, claims, conflicts and copies from a newsweave store.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the stock docs pages load scripts from a CDN: /api lists the endpoints
        redoc_url=None,
    )
    app.state.token = token or secrets.token_urlsafe(24)
    app.state.stores = Stores(path)
    app.state.story_views = StoryViews()
    app.state.kept = UntilChanged(path)
    app.state.templates = Jinja2Templates(env=layout.environment())
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_HOSTS)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(packages=[("newsweave.web", "static")]), name="static")

    @app.get("/static-report/report.css", include_in_schema=False)
    def report_css() -> Response:
        return Response(
            _report_css(), media_type="text/css", headers={"cache-control": "max-age=3600"}
        )

    @app.exception_handler(NewsweaveError)
    async def not_found(request: Request, error: NewsweaveError) -> Response:
        return _error(request, 404, str(error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return _error(request, error.status_code, str(error.detail))

    from newsweave.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "notice.html.j2",
        {"heading": _STATUS.get(status, "Error"), "message": message},
        status_code=status,
    )


_STATUS = {
    400: "Bad request",
    401: "Token needed",
    403: "Wrong token",
    404: "Not found",
    405: "Not allowed",
}


def check_token(request: Request, given: str | None) -> None:
    """Raise 401/403 unless `given` is the app's write token."""
    if not given:
        raise StarletteHTTPException(
            401, "this action needs the token printed when the server started"
        )
    if not secrets.compare_digest(given.encode(), request.app.state.token.encode()):
        raise StarletteHTTPException(403, "that is not the token printed when the server started")


def store_of(request: Request) -> Store:
    stores: Stores = request.app.state.stores
    return stores.get()


@functools.cache
def _report_css() -> str:
    resource = importlib.resources.files("newsweave.render").joinpath("templates", "report.css")
    return resource.read_text(encoding="utf-8")
