"""One `*_data()` function per page: it returns the dict that the JSON route
sends and the HTML template renders (STYLE.md §4). Every record carries the
links a page needs: `href` (its own page), the actors' pages and `span_href`
(its evidence span in the document).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from hudhud.store import Store
from hudhud.web import queries, timeline
from hudhud.web.errors import NotFound
from hudhud.web.filters import PROFILE_LISTS, Filters, Page, ProfilePage
from hudhud.web.graph import actor_href, resolve_actor

MAX_TERMS = 8


def span_href(doc_id: str, record_id: str) -> str:
    return f"/documents/{quote(doc_id, safe='')}?{urlencode({'focus': record_id})}#r-{record_id}"


def _event_links(e: dict[str, Any]) -> dict[str, Any]:
    e.setdefault("day", e.get("date") or e.get("published"))
    e["href"] = f"/events/{quote(e['id'], safe='')}"
    e["span_href"] = span_href(e["doc_id"], e["id"])
    for role in ("source", "target", "reported_by"):
        aid = e.get(f"{role}_actor_id")
        e[f"{role}_href"] = actor_href(aid) if aid else None
    return e


def _links(rows: list[dict[str, Any]], *roles: str) -> list[dict[str, Any]]:
    for r in rows:
        r["span_href"] = span_href(r["doc_id"], r["id"])
        for role in roles:
            aid = r.get(f"{role}_actor_id")
            r[f"{role}_href"] = actor_href(aid) if aid else None
    return rows


def overview_data(store: Store) -> dict[str, Any]:
    """Counts, the most mentioned actors, event types over time, the latest events."""
    with store.lock:
        con = store.connection
        series = queries.event_series(con)
        _, latest = queries.events(con, Filters(), limit=12)
        first, last = queries.date_range(con)
    totals: dict[str, int] = {}
    for _, t, n in series:
        totals[t] = totals.get(t, 0) + n
    top = store.actors(limit=15)
    for a in top:
        a["href"] = actor_href(a["id"])
    return {
        "counts": store.counts(),
        "range": {"first": first, "last": last},
        "top_actors": top,
        "event_types": dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))),
        "chart": timeline.stacked_bars(series),
        "latest_events": [_event_links(e) for e in latest],
    }


def _marked(snippet: str, terms: list[str]) -> list[dict[str, Any]]:
    """A snippet as parts {text, hit}, so the template can mark the terms and still escape."""
    if not terms:
        return [{"text": snippet, "hit": False}]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)),
                         re.IGNORECASE)
    parts, at = [], 0
    for m in pattern.finditer(snippet):
        if m.start() > at:
            parts.append({"text": snippet[at:m.start()], "hit": False})
        parts.append({"text": m.group(0), "hit": True})
        at = m.end()
    if at < len(snippet):
        parts.append({"text": snippet[at:], "hit": False})
    return parts


def search_data(store: Store, q: str, limit: int = 20) -> dict[str, Any]:
    """Actors (name or alias holds `q`), places (name holds `q`) and documents
    (title or text holds every word of `q`, with the words marked in a snippet)."""
    q = " ".join(q.split())
    terms = list(dict.fromkeys(q.lower().split()))[:MAX_TERMS]
    out: dict[str, Any] = {"q": q, "terms": terms, "actors": [], "places": [], "documents": []}
    if not q:
        return out
    out["actors"] = store.actors(name=q, limit=limit)
    for a in out["actors"]:
        a["href"] = actor_href(a["id"])
    with store.lock:
        out["places"] = queries.places(store.connection, name=q, limit=limit)
        docs = queries.search_documents(store.connection, terms, limit=limit)
    for p in out["places"]:
        p["map_href"] = "/map#" + urlencode({"lat": p["lat"], "lon": p["lon"]})
        p["documents_href"] = [{"id": d, "href": f"/documents/{quote(d, safe='')}"} for d in p["doc_ids"]]
    for d in docs:
        d["href"] = f"/documents/{quote(d['id'], safe='')}"
        d["snippet_parts"] = _marked(d["snippet"], terms)
        d["cut_before"] = d.pop("at") > 1
    out["documents"] = docs
    return out


def actors_data(store: Store, q: str | None, kind: str | None, country: str | None,
                page: Page) -> dict[str, Any]:
    """Global actors, most mentioned first, filtered by name, kind and country."""
    rows = store.actors(name=q or None, kind=kind or None, country=country or None,
                        limit=page.offset + page.limit + 1)
    shown = rows[page.offset:page.offset + page.limit]
    for a in shown:
        a["href"] = actor_href(a["id"])
    return {"q": q, "kind": kind, "country": country, "limit": page.limit,
            "offset": page.offset, "more": len(rows) > page.offset + page.limit, "actors": shown}


def _kb_facts(kb_id: str | None) -> dict[str, Any]:
    """The knowledge base's CAMEO actor code and notes for a kb id ("country:IRN" → IRN)."""
    if not kb_id:
        return {"cameo": None, "notes": None}
    if kb_id.startswith("country:"):
        return {"cameo": kb_id.split(":", 1)[1], "notes": None}
    from hudhud.kb.actors import KnowledgeBase

    entry = KnowledgeBase.default().get(kb_id)
    return {"cameo": entry.cameo if entry else None, "notes": entry.notes if entry else None}


def _pager(actor_id: str, pg: ProfilePage, part: str, total: int, shown: int) -> dict[str, Any]:
    """The "51–100 of 12,345" of one list and the links to its newer and older pages."""
    offset = pg.offset(part)

    def href(to: int) -> str:
        query = urlencode(pg.moved(part, to).params())
        return actor_href(actor_id) + ("?" + query if query else "") + f"#{part}"

    return {"total": total, "offset": offset, "limit": pg.limit, "shown": shown,
            "first": offset + 1 if shown else 0, "last": offset + shown,
            "newer_href": href(max(min(offset, total) - pg.limit, 0)) if offset > 0 else None,
            "older_href": href(offset + pg.limit) if offset + pg.limit < total else None}


def actor_data(store: Store, actor_id: str, pg: ProfilePage | None = None) -> dict[str, Any]:
    """An actor: names, kind, country, CAMEO code, and a page of each of its lists
    (affiliations both ways, events as source and as target, quotes: `pg.limit`
    records from each list's offset, newest first, with "N of TOTAL" and links to
    the next pages), a timeline of all its events, and where its ego network is."""
    pg = pg or ProfilePage()
    actor = resolve_actor(store, actor_id)
    profile = store.actor_profile(actor["id"], limit=pg.limit, offsets=dict(pg.offsets))
    if profile is None:  # pragma: no cover - resolve_actor found it a moment ago
        raise NotFound(f"no actor {actor_id!r} in the store.")
    actor = {**profile["actor"], **_kb_facts(profile["actor"].get("kb_id"))}
    affs = _links(profile["affiliations"], "subject", "object")
    as_source = [_event_links(e) for e in profile["events_as_source"]]
    as_target = [_event_links(e) for e in profile["events_as_target"]]
    totals = profile["totals"]
    return {
        "actor": actor,
        "affiliations": {"out": [a for a in affs if a["direction"] == "out"],
                         "in": [a for a in affs if a["direction"] == "in"]},
        "events_as_source": as_source,
        "events_as_target": as_target,
        "quotes": _links(profile["quotes"], "speaker"),
        "totals": totals,
        "pages": {part: _pager(actor["id"], pg, part, totals[part], len(profile[part]))
                  for part in PROFILE_LISTS},
        "timeline": timeline.actor_bars(store.actor_timeline(actor["id"]), actor["id"]),
        "graph_url": "/api/graph?" + urlencode({"actor": actor["id"]}),
        "network_href": "/network?" + urlencode({"actor": actor["id"]}),
    }


def events_data(store: Store, f: Filters, page: Page) -> dict[str, Any]:
    """Events under the filter, newest first, one page at a time."""
    actor = resolve_actor(store, f.actor) if f.actor else None
    with store.lock:
        total, rows = queries.events(store.connection, f, actor_id=actor["id"] if actor else None,
                                     limit=page.limit, offset=page.offset)
    return {"filters": f.to_dict(), "actor": actor, "total": total, "limit": page.limit,
            "offset": page.offset, "events": [_event_links(e) for e in rows]}


def map_data(store: Store, f: Filters, limit: int = 5000) -> dict[str, Any]:
    """Events whose place was geocoded, and places, under the filter; `range` is the
    whole store's first and last day, for the date slider."""
    actor = resolve_actor(store, f.actor) if f.actor else None
    with store.lock:
        con = store.connection
        total, rows = queries.events(con, f, actor_id=actor["id"] if actor else None,
                                     limit=limit, located=True)
        places = queries.places(con, f, limit=limit)
        first, last = queries.date_range(con)
    for p in places:
        p["href"] = "/search?" + urlencode({"q": p["name"]})
    return {"filters": f.to_dict(), "range": {"first": first, "last": last},
            "total_events": total, "events": [_event_links(e) for e in rows], "places": places}
