"""The JSON API under /api: the same data as the pages, described at /api/openapi.json."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from newsweave.store import outlets as outlet_index
from newsweave.store import search
from newsweave.web import actions
from newsweave.web.app import store_of
from newsweave.web.pages import story_query

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/stories", summary="List stories")
def list_stories(
    request: Request,
    q: str = "",
    since: str = "",
    until: str = "",
    outlet: str = "",
    entity: str = "",
    sort: str = "recent",
    page: int = 1,
) -> dict[str, Any]:
    """Stories matching a full-text query (headlines, claims, entities), dates, outlet and entity,
    25 per page, sorted by `recent`, `size`, `independent` or `conflicts`. Figures are null for a
    story that has not been analysed since it last changed."""
    del q, since, until, outlet, entity, sort, page  # read (and checked) from the URL below
    query = story_query(request.query_params)
    rows, total = request.app.state.kept.stories(store_of(request), query)
    return {
        "total": total,
        "page": query.page,
        "per_page": query.per_page,
        "stories": [asdict(row) for row in rows],
    }


@router.get(
    "/stories/{story_id}",
    summary="One story's stored report",
    responses={200: {"description": "the story-report JSON (see the project's schema)"}},
)
def story_report(request: Request, story_id: str) -> Response:
    """The latest stored analysis of one story, in the story-report schema; the header
    `X-Newsweave-Analysis` says `current`, or `stale` when articles arrived since. 404 when the
    story is unknown or was never analysed."""
    store = store_of(request)
    stored = store.story(story_id)
    found = search.analysis_json(store, stored.id)
    if found is None:
        raise HTTPException(
            404,
            f"story {stored.id!r} has not been analysed yet; "
            "run `newsweave update` or `newsweave ingest --analyze`",
        )
    report, current = found
    headers = {"x-newsweave-analysis": "current" if current else "stale"}
    return Response(report, media_type="application/json", headers=headers)


@router.get("/outlets", summary="Outlets and how often they originate or copy")
def list_outlets(request: Request, page: int = 1) -> dict[str, Any]:
    figures = outlet_index.outlet_figures(
        store_of(request), limit=200, offset=(max(page, 1) - 1) * 200
    )
    return {"page": page, "outlets": [asdict(f) | {"original": f.original} for f in figures]}


@router.get(
    "/outlets/{name:path}", summary="One outlet: whom it copies, who copies it, its conflicts"
)
def outlet(request: Request, name: str) -> dict[str, Any]:
    db = store_of(request)
    found = outlet_index.outlet_figures(db, name=name)
    if not found:
        raise HTTPException(404, f"no analysed story has an article from {name!r}")
    return {
        **asdict(found[0]),
        "original": found[0].original,
        "relations": outlet_index.outlet_relation_counts(db, name),
        "copies_from": [
            asdict(link) for link in outlet_index.outlet_links(db, name, as_source=False)
        ],
        "copied_by": [asdict(link) for link in outlet_index.outlet_links(db, name, as_source=True)],
        "conflicts": [asdict(c) for c in outlet_index.outlet_conflicts(db, name)],
    }


class IngestRequest(BaseModel):
    """Articles to add: article objects as in a .jsonl input, and/or feed or page URLs."""

    articles: list[dict[str, Any]] = Field(default_factory=list, max_length=10_000)
    urls: list[str] = Field(default_factory=list, max_length=100)
    analyze: bool = False


def _bearer(authorization: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


Auth = Annotated[str | None, Header(description="Bearer TOKEN (printed at start-up)")]


@router.post("/ingest", summary="Add articles (needs the token)")
async def ingest(
    request: Request, body: IngestRequest, authorization: Auth = None
) -> dict[str, str]:
    message = await actions.run(request, "ingest", _bearer(authorization), body.model_dump())
    return {"result": message}


@router.post("/recluster", summary="Re-cluster every stored article (needs the token)")
async def recluster(request: Request, authorization: Auth = None) -> dict[str, str]:
    return {"result": await actions.run(request, "recluster", _bearer(authorization), {})}


@router.post("/analyze", summary="Analyse the stories that changed (needs the token)")
async def analyze(request: Request, authorization: Auth = None) -> dict[str, str]:
    return {"result": await actions.run(request, "analyze", _bearer(authorization), {})}
