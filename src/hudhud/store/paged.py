"""The paged actor profile: one page of each list, read from the precomputed tables.

`hudhud.store.query.actor_profile` reads the views of hudhud.store.schema and
returns every record: on 100,000 documents that takes seconds (BENCHMARKS.md).
Here a profile is read from the tables hudhud.store.profiles keeps at every
resolve: the actor is a lookup in `actors` (its counts are stored), each list's
length and runs come from `profile_segments`, and a page is a range of `pos` in
the list's base run and, when rows were added since the list was last written
whole, a range in its delta run, merged by the delta rows' places (`delta_at`).
The rows are stored in `pos` order, so DuckDB reads only the row group(s) that
hold a range. A page costs the same in any size of store.

With `limit=None` the lists are those of `query.actor_profile`: the same rows,
columns and order (tests/store/test_paged.py checks it page by page).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from typing import Any

import duckdb

from hudhud.errors import StoreError
from hudhud.store.profiles import PARTS
from hudhud.store.query import _fetch, find_actor


def _check(name: str, value: int | None, allow_none: bool = False) -> None:
    if value is None and allow_none:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise StoreError(f"{name} must be a whole number of 0 or more, got {value!r}.",
                         hint="Page with limit=50, offset=0, 50, 100, …")


def totals(con: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, int]:
    """How many records each list of the actor's profile holds."""
    found = dict(con.execute("SELECT part, n FROM profile_segments WHERE actor_id = $a",
                             {"a": actor_id}).fetchall())
    return {part: int(found.get(part, 0)) for part in PARTS}


def page(con: duckdb.DuckDBPyConnection, actor_id: str, part: str, limit: int | None = 50,
         offset: int = 0) -> list[dict[str, Any]]:
    """Records `offset` to `offset + limit - 1` (newest first) of one list of the
    actor's profile: affiliations, events_as_source, events_as_target or quotes."""
    if part not in PARTS:
        raise StoreError(f"no profile list {part!r}.", hint="Use one of " + ", ".join(PARTS) + ".")
    _check("limit", limit, allow_none=True)
    _check("offset", offset)
    table, cols = PARTS[part]
    # SELECT *: a store last resolved by an older hudhud has no delta runs (nor columns).
    found = _fetch(con, "SELECT * FROM profile_segments WHERE actor_id = $a AND part = $p",
                   {"a": actor_id, "p": part})
    if not found or offset >= found[0]["n"] or limit == 0:
        return []
    first, n = found[0]["first_pos"], found[0]["n"]
    delta_pos, delta_at = found[0].get("delta_pos"), found[0].get("delta_at") or []
    stop = n if limit is None else min(n, offset + limit)
    # The delta rows on the page, and the base rows before and on it.
    j0, j1 = bisect_left(delta_at, offset), bisect_left(delta_at, stop)
    lo = offset - j0
    base = _range(con, table, cols, first + lo, first + lo + (stop - offset) - (j1 - j0) - 1)
    if j0 == j1:
        return base
    added = iter(_range(con, table, cols, delta_pos + j0, delta_pos + j1 - 1))
    kept = iter(base)
    places = set(delta_at[j0:j1])
    return [next(added) if i in places else next(kept) for i in range(offset, stop)]


def _range(con: duckdb.DuckDBPyConnection, table: str, cols: tuple[str, ...], lo: int, hi: int
           ) -> list[dict[str, Any]]:
    """The rows with `pos` from lo to hi, in order."""
    if hi < lo:
        return []
    # Only `pos` in the filter: its min/max per row group lets DuckDB skip the rest
    # of the table (EXPLAIN ANALYZE: "Row Groups Scanned: 1 / 12" at 100k documents).
    select = ", ".join(f'"{c}"' for c in cols)
    return _fetch(con, f"SELECT {select} FROM {table} WHERE pos BETWEEN $lo AND $hi ORDER BY pos",
                  {"lo": lo, "hi": hi})


def actor_profile(con: duckdb.DuckDBPyConnection, name_or_id: str, limit: int | None = 50,
                  offset: int = 0, *, offsets: Mapping[str, int] | None = None,
                  ) -> dict[str, Any] | None:
    """The actor named `name_or_id` (as `query.find_actor` finds it) with one page of
    each list: `limit` records (None: all) from `offset` on, or from `offsets[list]`
    for the lists it names; `totals` says how many each list holds. None when no
    actor matches."""
    _check("limit", limit, allow_none=True)
    _check("offset", offset)
    for part, value in (offsets or {}).items():
        if part not in PARTS:
            raise StoreError(f"no profile list {part!r}.",
                             hint="Use one of " + ", ".join(PARTS) + ".")
        _check(f"offsets[{part!r}]", value)
    actor = find_actor(con, name_or_id)
    if actor is None:
        return None
    aid = actor["id"]
    starts = {part: (offsets or {}).get(part, offset) for part in PARTS}
    out: dict[str, Any] = {"actor": actor}
    for part in PARTS:
        out[part] = page(con, aid, part, limit, starts[part])
    out["totals"] = totals(con, aid)
    out["limit"], out["offsets"] = limit, starts
    return out


def timeline(con: duckdb.DuckDBPyConnection, actor_id: str) -> list[dict[str, Any]]:
    """The actor's events counted per day (the event's date, else its document's),
    role (source or target) and type, oldest first; undated ones under day None."""
    return _fetch(con, "SELECT day, role, type, n FROM profile_days WHERE actor_id = $a "
                       "ORDER BY day NULLS LAST, role, type", {"a": actor_id})


__all__ = ["actor_profile", "page", "timeline", "totals"]
