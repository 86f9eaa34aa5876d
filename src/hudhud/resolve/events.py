"""Event merging across documents: the same event told by several articles.

Two coded events are one real event when they have the same corpus actors
(source and target), the same PLOVER type, dates within a day of each other
(an undated report joins a dated one of the same day of publication) and
places within 25 km when both name one. The clusters go to their own table,
`event_clusters` (event id -> cluster id, with the number of sources), so
every evidence span stays with its document and the merged view is a query.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from hudhud.model import stable_id

if TYPE_CHECKING:
    from hudhud.store import Store

MAX_DAYS = 1
MAX_KM = 25.0

TABLE = """CREATE TABLE IF NOT EXISTS event_clusters (
    event_id VARCHAR PRIMARY KEY, cluster_id VARCHAR NOT NULL, documents INTEGER NOT NULL)"""


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _day(row: dict[str, Any]) -> dt.date | None:
    return row["date"] or row["published"]


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    da, db = _day(a), _day(b)
    if da is None or db is None or abs((da - db).days) > MAX_DAYS:
        return False
    if a["point"] and b["point"]:
        return _km(a["point"], b["point"]) <= MAX_KM
    return True


def cluster_events(store: "Store") -> dict[str, int]:
    """Group the store's events into real-world events; refill `event_clusters`."""
    con = store.connection
    rows = con.execute("""
        SELECT e.id, e.doc_id, e.source_actor_id, e.target_actor_id, e.type, e.date, e.published,
               p.lat, p.lon
        FROM events_v e LEFT JOIN places p ON p.doc_id = e.doc_id AND p.name = e.place
        WHERE e.source_actor_id IS NOT NULL
        ORDER BY e.source_actor_id, e.target_actor_id, e.type, coalesce(e.date, e.published), e.id""").fetchall()
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for rid, doc_id, src, tgt, etype, date, published, lat, lon in rows:
        row = {"id": rid, "doc_id": doc_id, "date": date, "published": published,
               "point": (lat, lon) if lat is not None and lon is not None else None}
        groups.setdefault((src, tgt, etype), []).append(row)
    assignments: list[tuple[str, str, int]] = []
    clusters = 0
    for key, items in groups.items():
        open_clusters: list[list[dict[str, Any]]] = []
        for row in items:
            home = next((c for c in open_clusters if all(_same(row, other) for other in c)), None)
            if home is None:
                open_clusters.append([row])
            else:
                home.append(row)
        for members in open_clusters:
            clusters += 1
            cid = stable_id("event-cluster", *key, min(m["id"] for m in members))
            docs = len({m["doc_id"] for m in members})
            assignments.extend((m["id"], cid, docs) for m in members)
    with store.transaction():
        con.execute(TABLE).fetchall()
        con.execute("DELETE FROM event_clusters").fetchall()
        if assignments:
            con.executemany("INSERT INTO event_clusters VALUES (?, ?, ?)", assignments)
    merged = sum(1 for _, _, d in assignments if d > 1)
    return {"events": len(assignments), "clusters": clusters, "events_in_multi_source_clusters": merged}
