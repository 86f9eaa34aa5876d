"""Document and event pages: the text with every extracted record marked inline.

The text is cut at every record boundary into flat segments, so overlapping
spans (an event's clause holding two actor mentions and a place) need no
nested markup: each segment lists the records covering it, and the template
escapes its text. A record's anchor `r-<id>` sits where its span starts, so
every record in the lists links to its span; `focus` highlights one record.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from hudhud.kb import cameo
from hudhud.store import Store
from hudhud.web import queries
from hudhud.web.errors import NotFound

#: Record kinds in the order the record lists show them.
KINDS = ("event", "affiliation", "quote", "mention", "place")


def _link(rec: dict[str, Any]) -> str | None:
    """Where a marked span leads: the actor, the event, or a search for the place."""
    if rec["kind"] == "event":
        return f"/events/{quote(rec['id'], safe='')}"
    if rec["kind"] in ("mention", "quote", "affiliation") and rec.get("actor_id"):
        return f"/actors/{quote(rec['actor_id'], safe='')}"
    if rec["kind"] == "place":
        return "/search?" + urlencode({"q": rec["label"]})
    return None


def segments(text: str, records: list[dict[str, Any]], focus: str | None = None
             ) -> list[dict[str, Any]]:
    """`text` cut into segments: {text, start, kinds, records, anchors, focus, href, title}.

    A segment's `records` are the ids covering it (widest first); `href` and
    `title` come from the narrowest, the one a reader most likely points at."""
    n = len(text)
    spans = [r for r in records if 0 <= r["start"] < r["end"] <= n]
    cuts = sorted({0, n, *(r["start"] for r in spans), *(r["end"] for r in spans)})
    by_start: dict[int, list[dict[str, Any]]] = {}
    for r in spans:
        by_start.setdefault(r["start"], []).append(r)
    active: list[dict[str, Any]] = []
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [r for r in active if r["end"] > a] + by_start.get(a, [])
        active.sort(key=lambda r: (r["start"], -r["end"]))
        seg: dict[str, Any] = {
            "text": text[a:b], "start": a,
            "kinds": sorted({r["kind"] for r in active}),
            "records": [r["id"] for r in active],
            "anchors": [r["id"] for r in by_start.get(a, [])],
            "focus": focus is not None and any(r["id"] == focus for r in active),
            "href": None, "title": None,
        }
        if active:
            inner = min(active, key=lambda r: (r["end"] - r["start"], KINDS.index(r["kind"])))
            seg["href"] = _link(inner)
            seg["title"] = "; ".join(f"{r['kind']}: {r['label']}" for r in reversed(active))
        out.append(seg)
    if not out:
        out.append({"text": text, "start": 0, "kinds": [], "records": [], "anchors": [],
                    "focus": False, "href": None, "title": None})
    return out


def document_data(store: Store, doc_id: str, focus: str | None = None) -> dict[str, Any]:
    """A document, its records by kind (each with `href` and `span_href`) and its
    marked-up text; `focus` is the id of the record to highlight."""
    with store.lock:
        doc = queries.document(store.connection, doc_id)
        if doc is None:
            raise NotFound(f"no document {doc_id!r} in the store.",
                           hint="Search for it on /search, or list events on /events.")
        records = queries.document_records(store.connection, doc_id)
    base = f"/documents/{quote(doc_id, safe='')}"
    doc["href"] = base
    for rec in records:
        rec["href"] = _link(rec)
        rec["span_href"] = f"{base}?{urlencode({'focus': rec['id']})}#r-{rec['id']}"
    grouped = {k: [r for r in records if r["kind"] == k] for k in KINDS}
    focused = next((r for r in records if r["id"] == focus), None)
    return {
        "document": doc,
        "focus": focused,
        "records": grouped,
        "counts": {k: len(v) for k, v in grouped.items()},
        "segments": segments(doc["text"], records, focus),
    }


def event_data(store: Store, event_id: str) -> dict[str, Any]:
    """One event: its fields, the CAMEO name of its code and its document with
    the evidence span highlighted."""
    with store.lock:
        event = queries.event(store.connection, event_id)
    if event is None:
        raise NotFound(f"no event {event_id!r} in the store.", hint="List events on /events.")
    code = event.get("cameo") or ""
    event["cameo_name"] = cameo.name(code) if code else None
    event["quad_name"] = cameo.QUAD_NAMES.get(event.get("quad") or 0)
    doc = document_data(store, event["doc_id"], focus=event_id)
    return {"event": event, **doc}
