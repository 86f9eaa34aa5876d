"""Recluster only around the events a resolve changed, with the result of a full pass.

hudhud.resolve.events clusters a (source, target, type) key's events in one pass,
oldest first. A day's news adds a few events to keys that already hold
thousands; the pass over the whole key would redo them all. Here, per key with
a changed event (added to the key, or gone from it because its actors changed):

1. the pass starts just before the first changed event, from the clusters the
   stored assignment had open there (those opened at most MAX_DAYS before it,
   rebuilt from the events of the days before, which are unchanged);
2. it runs over the key's events from there on, and once past the last changed
   event it compares, before each event, its open clusters with those the stored
   assignment had open at the same point. When they are the same, every later
   decision is the same too, and it stops;
3. the events of the clusters it closed before stopping get their new cluster
   (id and number of documents) where it differs from the stored one.

The events are read a window of days at a time from the profile's event table
(every event with a source actor once, hudhud.store.profiles), which must be up
to date. tests/resolve/test_event_update.py compares the result with a full pass.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from hudhud.resolve.events import MAX_DAYS, Cluster, Key, cluster_id, day_of, insert, point_of

if TYPE_CHECKING:
    import duckdb

#: Days read after a key's last changed event before the pass looks further.
LOOKAHEAD_DAYS = 7

# The places are narrowed to the events' documents before the join: joined whole,
# they cost as much for a few events as for all.
_ROWS = """
    WITH e AS (SELECT e.id, e.doc_id, e.source_actor_id, e.target_actor_id, e.type, e.date,
                      e.published, e.place
               FROM profile_events e {join} WHERE e.role = 'source' {where}),
         p AS (SELECT doc_id, name, lat, lon FROM places WHERE doc_id IN (SELECT doc_id FROM e))
    SELECT e.id, e.doc_id, e.source_actor_id, e.target_actor_id, e.type, e.date, e.published,
           p.lat, p.lon
    FROM e LEFT JOIN p ON p.doc_id = e.doc_id AND p.name = e.place"""
_WINDOW = """JOIN _hudhud_windows w ON w.source = e.source_actor_id
     AND w.target IS NOT DISTINCT FROM e.target_actor_id AND w.type = e.type
     AND coalesce(e.date, e.published) >= w.lo
     AND (w.hi IS NULL OR coalesce(e.date, e.published) <= w.hi)"""

Row = dict[str, Any]
Assignment = tuple[str, str, int]


def _row(r: tuple) -> tuple[Key, Row]:
    rid, doc_id, src, tgt, etype, date, published, lat, lon = r
    return (src, tgt, etype), {"id": rid, "doc_id": doc_id, "date": date, "published": published,
                               "point": point_of(lat, lon)}


def _day(row: Row) -> dt.date:
    """The day of a dated event (undated ones never reach the pass)."""
    day = day_of(row)
    assert day is not None
    return day


def _order(row: Row) -> tuple[dt.date, str]:
    return _day(row), row["id"]


def rows_of(con: "duckdb.DuckDBPyConnection", ids_table: str) -> dict[str, tuple[Key, Row]]:
    """The events named in `ids_table` that have a source actor: id -> (key, row), as
    the profile's table has them now (call before and after the profile changes)."""
    sql = _ROWS.format(join="", where=f"AND e.id IN (SELECT id FROM {ids_table})")
    return {row["id"]: (key, row) for key, row in map(_row, con.execute(sql).fetchall())}


@dataclass
class _Change:
    added: dict[str, Row] = field(default_factory=dict)
    gone: dict[str, Row] = field(default_factory=dict)


def _changes(before: dict[str, tuple[Key, Row]], after: dict[str, tuple[Key, Row]]
             ) -> dict[Key, _Change]:
    # An event whose key or row (day, place) differs is gone from its old place and added
    # at its new one: its actors moved, or a corrected text changed its date.
    out: dict[Key, _Change] = defaultdict(_Change)
    for rid, (key, row) in after.items():
        if before.get(rid) != (key, row):
            out[key].added[rid] = row
    for rid, (key, row) in before.items():
        if after.get(rid) != (key, row):
            out[key].gone[rid] = row
    return out


def _load(con: "duckdb.DuckDBPyConnection", windows: dict[Key, tuple[dt.date, dt.date | None]]
          ) -> dict[Key, list[Row]]:
    """The dated events of each key from `lo` to `hi` (None: to the end), oldest first."""
    out: dict[Key, list[Row]] = defaultdict(list)
    if not windows:
        return out
    keys = list(windows)
    con.register("_hudhud_windows", pa.table(
        {"source": [k[0] for k in keys], "target": [k[1] for k in keys],
         "type": [k[2] for k in keys], "lo": [windows[k][0] for k in keys],
         "hi": [windows[k][1] for k in keys]},
        schema=pa.schema([("source", pa.string()), ("target", pa.string()), ("type", pa.string()),
                          ("lo", pa.date32()), ("hi", pa.date32())])))
    try:
        rows = con.execute(_ROWS.format(join=_WINDOW, where="")).fetchall()
    finally:
        con.unregister("_hudhud_windows")
    for key, row in map(_row, rows):
        out[key].append(row)
    for items in out.values():
        items.sort(key=_order)
    return out


def _stored(con: "duckdb.DuckDBPyConnection", ids: list[str]) -> dict[str, tuple[str, int]]:
    con.register("_hudhud_ids", pa.table({"id": ids}, schema=pa.schema([("id", pa.string())])))
    try:
        return {e: (c, n) for e, c, n in con.execute(
            "SELECT event_id, cluster_id, documents FROM event_clusters "
            "WHERE event_id IN (SELECT id FROM _hudhud_ids)").fetchall()}
    finally:
        con.unregister("_hudhud_ids")


def _rerun(key: Key, new: list[Row], change: _Change, stored: dict[str, tuple[str, int]],
           complete: bool) -> list[Assignment] | None:
    """The new assignments of the clusters the pass changes, for one key's dated events
    from the window's first day on (`new`, oldest first). None when the pass did not
    settle within the window and `complete` says the key goes on after it."""
    changed = [r for r in (*change.added.values(), *change.gone.values()) if day_of(r)]
    first, last = min(map(_order, changed)), max(map(_order, changed))
    old = sorted([r for r in new if r["id"] not in change.added] +
                 [r for r in change.gone.values() if day_of(r)], key=_order)
    # The clusters open just before the first change, in the order they were opened.
    opened: dict[str, Cluster] = {}
    for row in old:
        if _order(row) >= first:
            break
        cid, day = stored[row["id"]][0], _day(row)
        if cid in opened:
            opened[cid].add(row, day)
        else:
            opened[cid] = Cluster(row, day)
    open_clusters = [c for c in opened.values() if (first[0] - c.first).days <= MAX_DAYS]
    done: list[Cluster] = []
    tracked: dict[str, tuple[dt.date, list[str]]] = {}  # the stored clusters, as of `at`
    at = 0
    settled = False
    for row in (r for r in new if _order(r) >= first):
        day = _day(row)
        while open_clusters and (day - open_clusters[0].first).days > MAX_DAYS:
            done.append(open_clusters.pop(0))
        if _order(row) > last:
            while at < len(old) and _order(old[at]) < _order(row):
                cid = stored[old[at]["id"]][0]
                tracked.setdefault(cid, (_day(old[at]), []))[1].append(old[at]["id"])
                at += 1
            was = [set(ids) for d, ids in tracked.values() if (day - d).days <= MAX_DAYS]
            if was == [{m["id"] for m in c.members} for c in open_clusters]:
                settled = True
                break
        home = next((c for c in open_clusters if c.takes(row, day)), None)
        if home is None:
            open_clusters.append(Cluster(row, day))
        else:
            home.add(row, day)
    if not settled:
        if not complete:
            return None
        done += open_clusters
    return [a for c in done for a in cluster_id(key, c.members)]


def recluster(con: "duckdb.DuckDBPyConnection", before: dict[str, tuple[Key, Row]],
              ids_table: str) -> dict[str, int]:
    """Bring `event_clusters` up to date for the events of `ids_table` (their rows
    `before` the profile changed, from `rows_of`, and now). Returns the number of
    assignments written and of keys reclustered."""
    after = rows_of(con, ids_table)
    changes = _changes(before, after)
    new: list[Assignment] = []
    for key, change in changes.items():  # an undated event is a cluster of its own
        new += [a for r in change.added.values() if not day_of(r) for a in cluster_id(key, [r])]
    dated = {k: c for k, c in changes.items()
             if any(day_of(r) for r in (*c.added.values(), *c.gone.values()))}
    windows: dict[Key, tuple[dt.date, dt.date | None]] = {}
    for key, change in dated.items():
        days = [_day(r) for r in (*change.added.values(), *change.gone.values()) if day_of(r)]
        # From 2 * MAX_DAYS before: every cluster still open at the first change is whole.
        windows[key] = (min(days) - dt.timedelta(days=2 * MAX_DAYS),
                        max(days) + dt.timedelta(days=LOOKAHEAD_DAYS))
    for complete in (False, True):
        rows = _load(con, windows)
        stored = _stored(con, [r["id"] for items in rows.values() for r in items] +
                         [rid for c in dated.values() for rid in c.gone])
        unsettled: dict[Key, tuple[dt.date, dt.date | None]] = {}
        for key, lo_hi in windows.items():
            got = _rerun(key, rows.get(key, []), dated[key], stored, complete)
            if got is None:
                unsettled[key] = (lo_hi[0], None)
            else:
                new += [a for a in got if stored.get(a[0]) != a[1:]]
        windows = unsettled
        if not windows:
            break
    # Events still listed keep their row unless reassigned above (then it is rewritten).
    gone = [rid for c in changes.values() for rid in c.gone if rid not in after]
    con.register("_hudhud_ids", pa.table({"id": [a[0] for a in new] + gone},
                                         schema=pa.schema([("id", pa.string())])))
    try:
        con.execute("DELETE FROM event_clusters WHERE event_id IN (SELECT id FROM _hudhud_ids)"
                    ).fetchall()
    finally:
        con.unregister("_hudhud_ids")
    insert(con, new)
    return {"written": len(new), "keys": len(changes)}


__all__ = ["LOOKAHEAD_DAYS", "recluster", "rows_of"]
