"""The HTML pages: stories, story, article, outlets, outlet, the API index and the write actions.

Handlers are plain functions (run in the server's thread pool) that read the store and hand
precomputed views to the templates; nothing here analyses text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from newsweave.store import outlets as outlet_index
from newsweave.store import pages as story_pages
from newsweave.store import search
from newsweave.web import actions, layout, views
from newsweave.web.app import store_of
from newsweave.web.graph import copy_graph_svg

router = APIRouter(include_in_schema=False)
SORT_LABELS = {
    "recent": "Most recent",
    "size": "Most articles",
    "independent": "Most independent sources",
    "conflicts": "Most conflicts",
}


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status_code
    )


def story_query(params: Any) -> search.StoryQuery:
    """The stories query from URL parameters; raises a 400 naming a malformed one."""
    page = params.get("page") or "1"
    if not page.isdigit() or int(page) < 1:
        raise HTTPException(400, f"page must be a positive whole number, got {page!r}")
    sort = params.get("sort") or "recent"
    if sort not in search.SORTS:
        raise HTTPException(400, f"sort must be one of {', '.join(search.SORTS)}, got {sort!r}")
    return search.StoryQuery(
        text=(params.get("q") or "")[:200],
        since=_date(params, "since"),
        until=_date(params, "until"),
        outlet=params.get("outlet") or "",
        entity=(params.get("entity") or "")[:200],
        sort=sort,
        page=min(int(page), 100_000),
        per_page=25,
    )


def _date(params: Any, name: str) -> dt.date | None:
    value = params.get(name)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a date like 2026-11-15, got {value!r}") from None


def _params(query: search.StoryQuery) -> dict[str, str]:
    """The URL parameters of `query` (bar the page), as the filters form names them."""
    return {
        "q": query.text,
        "since": query.since.isoformat() if query.since else "",
        "until": query.until.isoformat() if query.until else "",
        "outlet": query.outlet,
        "entity": query.entity,
        "sort": query.sort if query.sort != "recent" else "",
    }


@router.get("/", response_class=HTMLResponse)
@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request) -> HTMLResponse:
    query = story_query(request.query_params)
    done = request.query_params.get("done", "")[:300]
    kept = request.app.state.kept
    store = store_of(request)

    def render() -> str:
        rows, total = kept.stories(store, query)
        keep = {k: v for k, v in _params(query).items() if v}
        template = request.app.state.templates.env.get_template("stories.html.j2")
        return template.render(
            query=query,
            stories=rows,
            total=total,
            pages=max(1, -(-total // query.per_page)),
            page_href=lambda page: "/stories?" + urlencode({**keep, "page": page}),
            outlets=kept.get("outlets", lambda: outlet_index.outlet_names(store)),
            sort_labels=SORT_LABELS,
            filtered=bool(keep.keys() - {"sort"}),
            done=done,
        )

    # The page depends on the query alone (and the flash line): kept until the store changes.
    return HTMLResponse(kept.get(("stories page", query, done), render))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> Response:
    store = store_of(request)
    canonical = store.story(story_id).id
    if canonical != story_id:
        return RedirectResponse(views.story_href(canonical), status_code=301)
    kept = story_pages.current_page(store, canonical, layout.layout_fingerprint())
    if kept is not None:  # laid out when the analysis was saved
        return HTMLResponse(kept)
    _, view = request.app.state.story_views.get(store, canonical)
    if view is None:
        return _render(request, "unanalysed.html.j2", stored=store.story(canonical))
    if view.page_html is None:  # laid out once per analysis: the page is the same for everyone
        view.page_html = layout.story_page_html(view)
    return HTMLResponse(view.page_html)


@router.get("/stories/{story_id}/graph.svg")
def story_graph(request: Request, story_id: str) -> Response:
    _, view = request.app.state.story_views.get(store_of(request), story_id)
    if view is None:
        raise HTTPException(404, f"story {story_id!r} has not been analysed yet")
    svg = copy_graph_svg(view.story, standalone=True)
    headers = {"content-disposition": f'inline; filename="{story_id}-copy-graph.svg"'}
    return Response(str(svg), media_type="image/svg+xml", headers=headers)


@router.get("/stories/{story_id}/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, story_id: str, article_id: str) -> HTMLResponse:
    store = store_of(request)
    _, view = request.app.state.story_views.get(store, story_id)
    if view is None:
        raise HTTPException(404, f"story {story_id!r} has not been analysed yet")
    try:
        article = view.story.article(article_id)
    except KeyError:
        raise HTTPException(404, f"story {story_id!r} has no article {article_id!r}") from None
    page = views.ArticlePage(view, article, search.raw_text(store, article_id))
    return _render(request, "article.html.j2", view=view, page=page, story=view.story)


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request) -> HTMLResponse:
    figures = outlet_index.outlet_figures(store_of(request))
    return _render(request, "outlets.html.j2", outlets=figures)


@router.get("/outlets/{name:path}", response_class=HTMLResponse)
def outlet_page(request: Request, name: str) -> HTMLResponse:
    db = store_of(request)
    found = outlet_index.outlet_figures(db, name=name)
    if not found:
        raise HTTPException(404, f"no analysed story has an article from {name!r}")
    return _render(
        request,
        "outlet.html.j2",
        outlet=found[0],
        relations=outlet_index.outlet_relation_counts(db, name),
        copies_from=outlet_index.outlet_links(db, name, as_source=False),
        copied_by=outlet_index.outlet_links(db, name, as_source=True),
        conflicts=outlet_index.outlet_conflicts(db, name),
        stories=search.search_stories(db, search.StoryQuery(outlet=name, per_page=10))[0],
    )


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    endpoints = [
        (method.upper(), path, operation.get("summary", ""), operation.get("description", ""))
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]
    return _render(request, "api.html.j2", endpoints=endpoints)


@router.post("/actions/{action}")
async def run_action(request: Request, action: str) -> Response:
    """A write action from a page form: the form carries the token; answers with a redirect."""
    if action not in actions.ACTIONS:
        raise HTTPException(404, f"no action {action!r}")
    if len(await request.body()) > actions.MAX_FORM_BYTES:
        raise HTTPException(400, "the form is too large")
    form = {
        k: v[-1] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()
    }
    message = await actions.run(request, action, form.get("token"), form)
    if action == "analyze" and form.get("story"):
        return RedirectResponse(views.story_href(form["story"]), status_code=303)
    return RedirectResponse("/stories?" + urlencode({"done": message}), status_code=303)
