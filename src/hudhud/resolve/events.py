"""Event merging across documents: the same event told by several articles.

Two coded events are one real event when they have the same corpus actors
(source and target), the same PLOVER type, dates within a day of each other
(an undated report joins a dated one of the same day of publication) and
places within 25 km when both name one. The clusters go to their own table,
`event_clusters` (event id -> cluster id, with the number of sources), so
every evidence span stays with its document and the merged view is a query.

Within a (source, target, type) key the events are taken oldest first (then by
id), and each joins the first cluster, in the order they were opened, all of
whose events it matches. A cluster whose first event is more than MAX_DAYS older
than the event at hand can take no later one: it is closed, so each event is
compared with the few clusters of the last days only, and with each of their
distinct places once. `cluster_all` runs the pass over every event;
hudhud.resolve.event_update reruns it around the events a resolve changed.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from hudhud.model import stable_id

if TYPE_CHECKING:
    import duckdb

    from hudhud.store import Store

MAX_DAYS = 1
MAX_KM = 25.0

TABLE = """CREATE TABLE IF NOT EXISTS event_clusters (
    event_id VARCHAR PRIMARY KEY, cluster_id VARCHAR NOT NULL, documents INTEGER NOT NULL)"""


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def day_of(row: dict[str, Any]) -> dt.date | None:
    return row["date"] or row["published"]


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    da, db = day_of(a), day_of(b)
    if da is None or db is None or abs((da - db).days) > MAX_DAYS:
        return False
    if a["point"] and b["point"]:
        return _km(a["point"], b["point"]) <= MAX_KM
    return True


Key = tuple[str, str | None, str]

_ORDER = "source_actor_id, target_actor_id, type, coalesce(date, published), id"
# The event rows clustering reads, from the views (any store) or from the profile's
# table, where role 'source' lists every event that has a source actor once.
_FROM_VIEW = f"""
    SELECT e.id, e.doc_id, e.source_actor_id, e.target_actor_id, e.type, e.date, e.published,
           p.lat, p.lon
    FROM events_v e LEFT JOIN places p ON p.doc_id = e.doc_id AND p.name = e.place
    WHERE e.source_actor_id IS NOT NULL
    ORDER BY {_ORDER}"""



class Cluster:
    """Members of one cluster, with what `_same` compares a newcomer to: every member's
    day lies between `first` and `last`, and `points` are the members' distinct places."""

    __slots__ = ("members", "first", "last", "points")

    def __init__(self, row: dict[str, Any], day: dt.date) -> None:
        self.members, self.first, self.last = [row], day, day
        self.points = {row["point"]} if row["point"] else set()

    def takes(self, row: dict[str, Any], day: dt.date) -> bool:
        """`_same(row, m)` for every member m, without comparing it to each."""
        if (day - self.first).days > MAX_DAYS or (self.last - day).days > MAX_DAYS:
            return False
        return not row["point"] or all(_near(row["point"], p) for p in self.points)

    def add(self, row: dict[str, Any], day: dt.date) -> None:
        self.members.append(row)
        self.first, self.last = min(self.first, day), max(self.last, day)
        if row["point"]:
            self.points.add(row["point"])


@functools.lru_cache(maxsize=65536)
def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return _km(a, b) <= MAX_KM


def _clusters(key: Key, items: list[dict[str, Any]]) -> Iterable[tuple[str, str, int]]:
    """(event id, cluster id, documents) for one key's events, oldest first."""
    open_clusters: list[Cluster] = []
    done: list[list[dict[str, Any]]] = []
    for row in items:
        day = day_of(row)
        if day is None:  # an undated report matches nothing
            done.append([row])
            continue
        while open_clusters and (day - open_clusters[0].first).days > MAX_DAYS:
            done.append(open_clusters.pop(0).members)
        home = next((c for c in open_clusters if c.takes(row, day)), None)
        if home is None:
            open_clusters.append(Cluster(row, day))
        else:
            home.add(row, day)
    for members in done + [c.members for c in open_clusters]:
        yield from cluster_id(key, members)


def cluster_id(key: Key, members: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    """(event id, cluster id, documents) for each member of one cluster."""
    cid = stable_id("event-cluster", *key, min(m["id"] for m in members))
    docs = len({m["doc_id"] for m in members})
    return [(m["id"], cid, docs) for m in members]


def point_of(lat: float | None, lon: float | None) -> tuple[float, float] | None:
    return (lat, lon) if lat is not None and lon is not None else None


def _assign(rows: Iterable[tuple]) -> list[tuple[str, str, int]]:
    groups: dict[Key, list[dict[str, Any]]] = {}
    for rid, doc_id, src, tgt, etype, date, published, lat, lon in rows:
        row = {"id": rid, "doc_id": doc_id, "date": date, "published": published,
               "point": point_of(lat, lon)}
        groups.setdefault((src, tgt, etype), []).append(row)
    return [a for key, items in groups.items() for a in _clusters(key, items)]


def insert(con: "duckdb.DuckDBPyConnection", assignments: list[tuple[str, str, int]]) -> None:
    if not assignments:
        return
    ids, cids, docs = zip(*assignments)
    con.register("_hudhud_clusters", pa.table(
        {"event_id": list(ids), "cluster_id": list(cids), "documents": list(docs)},
        schema=pa.schema([("event_id", pa.string()), ("cluster_id", pa.string()),
                          ("documents", pa.int32())])))
    try:
        con.execute("INSERT INTO event_clusters SELECT * FROM _hudhud_clusters").fetchall()
    finally:
        con.unregister("_hudhud_clusters")


def summary(con: "duckdb.DuckDBPyConnection") -> dict[str, int]:
    events, clusters, merged = con.execute(
        "SELECT count(*), count(DISTINCT cluster_id), count(*) FILTER (WHERE documents > 1) "
        "FROM event_clusters").fetchall()[0]
    return {"events": events, "clusters": clusters, "events_in_multi_source_clusters": merged}


def cluster_events(store: "Store") -> dict[str, int]:
    """Group the store's events into real-world events; refill `event_clusters`."""
    with store.transaction() as con:
        return cluster_all(con)


def cluster_all(con: "duckdb.DuckDBPyConnection") -> dict[str, int]:
    """`cluster_events` inside the caller's transaction."""
    assignments = _assign(con.execute(_FROM_VIEW).fetchall())
    con.execute(TABLE).fetchall()
    con.execute("DELETE FROM event_clusters").fetchall()
    insert(con, assignments)
    return summary(con)


def in_sync(con: "duckdb.DuckDBPyConnection") -> bool:
    """Whether every event the profile lists under its source has a cluster, and no other."""
    con.execute(TABLE).fetchall()
    return con.execute(
        "SELECT (SELECT count(*) FROM event_clusters) = "
        "(SELECT count(*) FROM profile_events WHERE role = 'source')").fetchall()[0][0]


__all__ = ["MAX_DAYS", "MAX_KM", "TABLE", "Cluster", "Key", "cluster_all", "cluster_events",
           "cluster_id", "day_of", "in_sync", "insert", "point_of", "summary"]
