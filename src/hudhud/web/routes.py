"""The routes: each page is a thin HTML route and a thin JSON route over the
same `*_data()` function; the HTML page names its JSON twin in a
`Link: <...>; rel="alternate"` header and in the page footer. Exports of the
current filter sit beside the JSON (`/api/events.csv`, `/api/graph.gexf`).
"""

from __future__ import annotations

from typing import Annotated, Any, Callable
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from hudhud.model import ACTOR_KINDS, EVENT_TYPES, RELATIONS
from hudhud.store import Store
from hudhud.web import downloads, evidence, pages
from hudhud.web.filters import (
    HOSTILE_TYPES, Filters, Kind, Page, ProfilePage, filters, page, profile_page,
)
from hudhud.web.graph import graph_data

router = APIRouter()

#: The HTML page of each JSON route, as their OpenAPI paths ("/documents/{doc_id}");
#: tests check that every page has its twin.
TWINS: dict[str, str] = {}

#: A record id in a route takes any characters, "/" too: a document id from a
#: JSONL file may be "reports/2024/17", linked as /documents/reports%2F2024%2F17,
#: which the server decodes before it routes (hence the `:path` converter).
Id = Annotated[str, Path(min_length=1, max_length=200)]
Q = Annotated[str, Query(max_length=500, description="Words to look for.")]
FilterDep = Annotated[Filters, Depends(filters)]
PageDep = Annotated[Page, Depends(page)]
EXPORT_LIMIT = 100_000


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def _qs(params: Any = (), **more: Any) -> str:
    """A query string from pairs or a dict, dropping empty values."""
    pairs = list(params.items() if isinstance(params, dict) else params) + list(more.items())
    return urlencode([(k, v) for k, v in pairs if v not in (None, "", [])], doseq=True)


TEMPLATE_GLOBALS: dict[str, Any] = {
    "qs": _qs, "EVENT_TYPES": EVENT_TYPES, "RELATIONS": RELATIONS, "ACTOR_KINDS": ACTOR_KINDS,
    "HOSTILE_TYPES": HOSTILE_TYPES,
}


def twin(html_path: str, api_path: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    TWINS[html_path] = api_path
    return lambda fn: fn


def render(request: Request, template: str, data: dict[str, Any], api_path: str,
           **extra: Any) -> HTMLResponse:
    alt = api_path + ("?" + request.url.query if request.url.query else "")
    context = {"data": data, "alt": alt, "path": request.url.path, **extra}
    return request.app.state.templates.TemplateResponse(
        request, template, context,
        headers={"Link": f'<{alt}>; rel="alternate"; type="application/json"'})


def _download(body: str, name: str, media: str) -> Response:
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# -- overview and search ---------------------------------------------------------------

@twin("/", "/api/overview")
@router.get("/", include_in_schema=False)
def overview_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "overview.html", pages.overview_data(store), "/api/overview")


@router.get("/api/overview", tags=["pages"], summary="Counts, top actors, event types over time")
def overview_api(store: StoreDep) -> dict[str, Any]:
    return pages.overview_data(store)


@twin("/search", "/api/search")
@router.get("/search", include_in_schema=False)
def search_page(request: Request, store: StoreDep, q: Q = "") -> HTMLResponse:
    return render(request, "search.html", pages.search_data(store, q), "/api/search")


@router.get("/api/search", tags=["pages"], summary="Actors, places and documents matching q")
def search_api(store: StoreDep, q: Q = "",
               limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    return pages.search_data(store, q, limit=limit)


# -- actors ------------------------------------------------------------------------------

ActorQ = Annotated[str | None, Query(max_length=200, description="Name or alias contains.")]
Country = Annotated[str | None, Query(pattern=r"^([A-Za-z]{3})?$", description="ISO alpha-3.")]


@twin("/actors", "/api/actors")
@router.get("/actors", include_in_schema=False)
def actors_page(request: Request, store: StoreDep, pg: PageDep, q: ActorQ = None,
                kind: Kind | None = None, country: Country = None) -> HTMLResponse:
    return render(request, "actors.html", pages.actors_data(store, q, kind, country, pg),
                  "/api/actors")


@router.get("/api/actors", tags=["actors"], summary="Global actors, most mentioned first")
def actors_api(store: StoreDep, pg: PageDep, q: ActorQ = None, kind: Kind | None = None,
               country: Country = None) -> dict[str, Any]:
    return pages.actors_data(store, q, kind, country, pg)


ProfilePageDep = Annotated[ProfilePage, Depends(profile_page)]


@twin("/actors/{actor_id}", "/api/actors/{actor_id}")
@router.get("/actors/{actor_id:path}", include_in_schema=False)
def actor_page(request: Request, store: StoreDep, actor_id: Id, pg: ProfilePageDep) -> HTMLResponse:
    data = pages.actor_data(store, actor_id, pg)
    return render(request, "actor.html", data, f"/api/actors/{quote(actor_id, safe='')}")


@router.get("/api/actors/{actor_id:path}", tags=["actors"],
            summary="One actor: names, a page of its affiliations, events and quotes, a timeline")
def actor_api(store: StoreDep, actor_id: Id, pg: ProfilePageDep) -> dict[str, Any]:
    return pages.actor_data(store, actor_id, pg)


# -- events and documents ------------------------------------------------------------------

@twin("/events", "/api/events")
@router.get("/events", include_in_schema=False)
def events_page(request: Request, store: StoreDep, f: FilterDep, pg: PageDep) -> HTMLResponse:
    return render(request, "events.html", pages.events_data(store, f, pg), "/api/events",
                  filter_qs=f.query_string())


@router.get("/api/events", tags=["events"], summary="Events under the filter, newest first")
def events_api(store: StoreDep, f: FilterDep, pg: PageDep) -> dict[str, Any]:
    return pages.events_data(store, f, pg)


@router.get("/api/events.csv", tags=["exports"], summary="Events under the filter as CSV")
def events_csv(store: StoreDep, f: FilterDep) -> Response:
    rows = pages.events_data(store, f, Page(limit=EXPORT_LIMIT))["events"]
    return _download(downloads.to_csv(rows, downloads.EVENT_COLUMNS), "hudhud-events.csv",
                     "text/csv; charset=utf-8")


@router.get("/api/events.jsonl", tags=["exports"], summary="Events under the filter as JSON lines")
def events_jsonl(store: StoreDep, f: FilterDep) -> Response:
    rows = pages.events_data(store, f, Page(limit=EXPORT_LIMIT))["events"]
    return _download(downloads.to_jsonl(rows), "hudhud-events.jsonl", "application/x-ndjson")


@twin("/events/{event_id}", "/api/events/{event_id}")
@router.get("/events/{event_id:path}", include_in_schema=False)
def event_page(request: Request, store: StoreDep, event_id: Id) -> HTMLResponse:
    return render(request, "event.html", evidence.event_data(store, event_id),
                  f"/api/events/{quote(event_id, safe='')}")


@router.get("/api/events/{event_id:path}", tags=["events"],
            summary="One event with its document, the evidence span highlighted")
def event_api(store: StoreDep, event_id: Id) -> dict[str, Any]:
    return evidence.event_data(store, event_id)


Focus = Annotated[str | None, Query(max_length=200, description="Record id to highlight.")]


@twin("/documents/{doc_id}", "/api/documents/{doc_id}")
@router.get("/documents/{doc_id:path}", include_in_schema=False)
def document_page(request: Request, store: StoreDep, doc_id: Id, focus: Focus = None) -> HTMLResponse:
    return render(request, "document.html", evidence.document_data(store, doc_id, focus),
                  f"/api/documents/{quote(doc_id, safe='')}")


@router.get("/api/documents/{doc_id:path}", tags=["documents"],
            summary="A document, its records and its text cut into marked segments")
def document_api(store: StoreDep, doc_id: Id, focus: Focus = None) -> dict[str, Any]:
    return evidence.document_data(store, doc_id, focus)


# -- network and map ---------------------------------------------------------------------

MaxNodes = Annotated[int, Query(ge=1, le=2000, description="Keep the most connected nodes.")]


@twin("/network", "/api/graph")
@router.get("/network", include_in_schema=False)
def network_page(request: Request, store: StoreDep, f: FilterDep, max_nodes: MaxNodes = 150) -> HTMLResponse:
    return render(request, "network.html", graph_data(store, f, max_nodes), "/api/graph",
                  filter_qs=f.query_string())


@router.get("/api/graph", tags=["network"], summary="Affiliation and hostility graph")
def graph_api(store: StoreDep, f: FilterDep, max_nodes: MaxNodes = 150) -> dict[str, Any]:
    return graph_data(store, f, max_nodes)


@router.get("/api/graph.gexf", tags=["exports"], summary="The graph under the filter as GEXF")
def graph_gexf(store: StoreDep, f: FilterDep, max_nodes: MaxNodes = 2000) -> Response:
    return _download(downloads.to_gexf(graph_data(store, f, max_nodes)), "hudhud-graph.gexf",
                     "application/gexf+xml")


@router.get("/api/graph.csv", tags=["exports"], summary="The graph's edges as CSV")
def graph_csv(store: StoreDep, f: FilterDep, max_nodes: MaxNodes = 2000) -> Response:
    edges = graph_data(store, f, max_nodes)["edges"]
    return _download(downloads.to_csv(edges, downloads.EDGE_COLUMNS), "hudhud-edges.csv",
                     "text/csv; charset=utf-8")


@router.get("/api/graph.jsonl", tags=["exports"], summary="The graph's edges as JSON lines")
def graph_jsonl(store: StoreDep, f: FilterDep, max_nodes: MaxNodes = 2000) -> Response:
    edges = graph_data(store, f, max_nodes)["edges"]
    return _download(downloads.to_jsonl(edges), "hudhud-edges.jsonl", "application/x-ndjson")


@twin("/map", "/api/map")
@router.get("/map", include_in_schema=False)
def map_page(request: Request, store: StoreDep, f: FilterDep) -> HTMLResponse:
    return render(request, "map.html", pages.map_data(store, f), "/api/map",
                  filter_qs=f.query_string())


@router.get("/api/map", tags=["map"], summary="Geocoded events and places under the filter")
def map_api(store: StoreDep, f: FilterDep) -> dict[str, Any]:
    return pages.map_data(store, f)
