"""The actor profile, precomputed: what a profile page reads, kept up to date by resolve.

A profile shows the newest records of one global actor, a page at a time. Read
through the views of hudhud.store.schema, every page would join the whole store
(seconds at 100,000 documents, BENCHMARKS.md). So the rows the views give for
each actor are kept, already joined and named, in one table per kind:

- `profile_events` (role `source` or `target`), `profile_affiliations` (with
  `direction` out or in, one row per affiliation and actor) and `profile_quotes`;
  each row keeps the view's columns and its record's `seq`, and has a position
  `pos`, unique in its table;
- `profile_segments` (actor_id, part, first_pos, n, delta_pos, delta_at): where
  each list of a profile lies. A list is a *base run*, rows first_pos, first_pos
  + 1, … in the list's order (newest first), plus, after incremental updates, a
  short *delta run* of rows added since, at delta_pos, delta_pos + 1, …, whose
  places in the list are `delta_at` (ascending). `n` counts both. A page is
  then one range of `pos` in the base run and one in the delta run
  (hudhud.store.paged): DuckDB's min/max statistics of `pos` per row group skip
  every row group but the one or two that hold it;
- `profile_index` (actor_id, part, day, first_pos, n): the base run cut by day,
  so an added row's place in a list is found without reading the list;
- `profile_days` (actor_id, role, day, type, n): the actor's events counted per
  day (the event's date, else its document's), for the timeline;
- `actors.mentions` and `actors.documents`, so finding an actor by name is a
  lookup rather than a count over every mention (hudhud.resolve keeps them).

`refresh` rebuilds everything from the views (about 17 s at 100,000 documents
on 2 busy vCPUs): by the migration to schema version 3, after a bench store is
grown, and by a resolve that finds the tables in an older shape or too much dead
space in them. Every other resolve calls `hudhud.resolve.profile_update.update`,
which touches only the lists whose rows changed. Either way the tables equal the
views (tests/store/test_profiles.py). Records stored but not resolved yet have
no global actor, so no profile lists them before the next resolve, here or in
the views. The network page reads its edges from the same tables
(hudhud.web.queries.edges), which hold every live row once and no dead one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    from hudhud.store import Store

EVENT_COLUMNS = (
    "id", "doc_id", "published", "source", "source_actor_id", "source_name", "type", "cameo",
    "target", "target_actor_id", "target_name", "date", "place", "killed", "wounded",
    "goldstein", "quad", "pattern", "reported_by", "reported_by_actor_id", "reported_by_name",
    "sentence", "start", "end", "evidence",
)
AFFILIATION_COLUMNS = (
    "id", "doc_id", "published", "subject", "subject_actor_id", "subject_name", "relation",
    "object", "object_actor_id", "object_name", "date", "sentence", "start", "end", "evidence",
    "direction",
)
QUOTE_COLUMNS = ("id", "doc_id", "published", "speaker", "speaker_actor_id", "speaker_name",
                 "text", "sentence", "start", "end", "evidence")

#: profile part -> (table, the columns a profile row has).
PARTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "affiliations": ("profile_affiliations", AFFILIATION_COLUMNS),
    "events_as_source": ("profile_events", EVENT_COLUMNS),
    "events_as_target": ("profile_events", EVENT_COLUMNS),
    "quotes": ("profile_quotes", QUOTE_COLUMNS),
}

TABLES = ("profile_events", "profile_affiliations", "profile_quotes", "profile_segments",
          "profile_index", "profile_days")


def _cols(names: tuple[str, ...]) -> str:
    return ", ".join(f'"{n}"' for n in names)


@dataclass(frozen=True)
class Spec:
    """One row table of the profile: where its rows come from and how its lists sort."""

    table: str
    record_table: str             # the record table its rows come from
    view: str                     # the view of hudhud.store.schema that names them
    rows: str                     # every row, from the view: actor_id, [role,] columns, seq
    part: str                     # the list a row belongs to; {a} is the table's alias
    day: str                      # the day a list is ordered by, newest first
    columns: tuple[str, ...]      # the columns after pos
    actor_roles: tuple[str, ...]  # the record's columns that name document actors
    names: tuple[tuple[str, str], ...]  # (actor id column, name column) in each row

    def order(self, a: str = "") -> str:
        """A list's order: newest first, then the record's document and place in it."""
        return (f"{self.day.format(a=a)} DESC NULLS LAST, {a}doc_id, {a}seq")


_EV, _AF, _QU = _cols(EVENT_COLUMNS), _cols(AFFILIATION_COLUMNS[:-1]), _cols(QUOTE_COLUMNS)

SPECS = (
    Spec("profile_events", "events", "events_v",
         f"""SELECT source_actor_id AS actor_id, 'source' AS role, {_EV}, seq FROM events_v
             WHERE source_actor_id IS NOT NULL
             UNION ALL
             SELECT target_actor_id, 'target', {_EV}, seq FROM events_v
             WHERE target_actor_id IS NOT NULL""",
         "'events_as_' || {a}role", "coalesce({a}date, {a}published)",
         ("actor_id", "role", *EVENT_COLUMNS, "seq"), ("source", "target", "reported_by"),
         (("source_actor_id", "source_name"), ("target_actor_id", "target_name"),
          ("reported_by_actor_id", "reported_by_name"))),
    Spec("profile_affiliations", "affiliations", "affiliations_v",
         f"""SELECT subject_actor_id AS actor_id, {_AF}, 'out' AS direction, seq
             FROM affiliations_v WHERE subject_actor_id IS NOT NULL
             UNION ALL
             -- An affiliation of the actor with itself is listed once, as "out".
             SELECT object_actor_id, {_AF}, 'in', seq FROM affiliations_v
             WHERE object_actor_id IS NOT NULL
               AND object_actor_id IS DISTINCT FROM subject_actor_id""",
         "'affiliations'", "{a}published", ("actor_id", *AFFILIATION_COLUMNS, "seq"),
         ("subject", "object"),
         (("subject_actor_id", "subject_name"), ("object_actor_id", "object_name"))),
    Spec("profile_quotes", "quotes", "quotes_v",
         f"""SELECT speaker_actor_id AS actor_id, {_QU}, seq FROM quotes_v
             WHERE speaker_actor_id IS NOT NULL""",
         "'quotes'", "{a}published", ("actor_id", *QUOTE_COLUMNS, "seq"), ("speaker",),
         (("speaker_actor_id", "speaker_name"),)),
)


def _rebuild_sql(spec: Spec) -> str:
    # Rebuilt whole (CREATE OR REPLACE, not DELETE + INSERT), with no dead row. The
    # rows are sorted once, in the lists' order, and `pos` counts them as they stream
    # out of the sort: `row_number() OVER ()` keeps its input's order, and costs half
    # of a window with its own ORDER BY, which sorts the wide rows again.
    return f"""CREATE OR REPLACE TABLE {spec.table} AS
        WITH o AS (SELECT * FROM ({spec.rows})
                   ORDER BY actor_id, {"role, " if "role" in spec.columns else ""}{spec.order()})
        SELECT row_number() OVER () - 1 AS pos, * FROM o"""


def _runs_sql(group: str) -> str:
    """Rows of every table grouped by list (and `group`): first pos and count."""
    return " UNION ALL ".join(
        f"SELECT actor_id, {s.part.format(a='')} AS part{group.format(day=s.day.format(a=''))}, "
        f"min(pos) AS first_pos, count(*) AS n FROM {s.table} GROUP BY ALL" for s in SPECS)


_DAYS = """SELECT actor_id, role, coalesce(date, published) AS day, type, count(*) AS n
           FROM profile_events {where} GROUP BY ALL"""

_REFRESH = (
    *(_rebuild_sql(s) for s in SPECS),
    f"""CREATE OR REPLACE TABLE profile_segments AS
    SELECT actor_id, part, first_pos, n, NULL::BIGINT AS delta_pos, NULL::INTEGER[] AS delta_at
    FROM ({_runs_sql('')}) ORDER BY actor_id, part""",
    f"""CREATE OR REPLACE TABLE profile_index AS
    SELECT * FROM ({_runs_sql(', {day} AS day')}) ORDER BY actor_id, part, day""",
    f"""CREATE OR REPLACE TABLE profile_days AS {_DAYS.format(where='')}
    ORDER BY actor_id, role, day, type""",
    # Counted as actors_v used to count them on every read.
    """UPDATE actors SET mentions = 0, documents = 0""",
    """UPDATE actors SET mentions = c.mentions FROM (
        SELECT d.actor_id, count(*) AS mentions FROM mentions m
        JOIN doc_actors d ON d.doc_id = m.doc_id AND d.id = m.actor
        WHERE d.actor_id IS NOT NULL GROUP BY 1) c
    WHERE actors.id = c.actor_id""",
    """UPDATE actors SET documents = c.documents FROM (
        SELECT actor_id, count(DISTINCT doc_id) AS documents FROM doc_actors
        WHERE actor_id IS NOT NULL GROUP BY 1) c
    WHERE actors.id = c.actor_id""",
)


def refresh_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the profile tables and the actors' counts from the views, inside the
    caller's transaction (the schema migration's, a resolve's, or `refresh`'s)."""
    for sql in _REFRESH:
        con.execute(sql).fetchall()


def refresh(store: "Store") -> dict[str, int]:
    """Rebuild the precomputed profile (see the module docstring) in one transaction;
    returns the rows written per table."""
    with store.lock:
        with store.transaction() as con:
            refresh_tables(con)
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the tables have this version's shape (an older refresh wrote none of
    `seq`, the delta runs and the index), so that `update` can work on them."""
    found = {(t, c) for t, c in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_name LIKE 'profile_%'").fetchall()}
    return {("profile_index", "first_pos"), ("profile_segments", "delta_at"),
            *((s.table, "seq") for s in SPECS)} <= found


__all__ = ["AFFILIATION_COLUMNS", "EVENT_COLUMNS", "PARTS", "QUOTE_COLUMNS", "SPECS", "Spec",
           "TABLES", "is_current", "refresh", "refresh_tables"]
