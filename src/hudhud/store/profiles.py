"""The actor profile, precomputed: what a profile page reads, written once per resolve.

A profile shows the newest records of one global actor, a page at a time. Read
through the views of hudhud.store.schema, every page would join the whole store
(seconds at 100,000 documents, BENCHMARKS.md). So `refresh` writes the rows the
views give for each actor, already joined and named, into one table per kind:

- `profile_events` (role `source` or `target`), `profile_affiliations` (with
  `direction` out or in, one row per affiliation and actor) and `profile_quotes`;
  each row keeps the view's columns and gets a global position `pos`, counted
  in the order (actor, role, newest first) in which the rows are written;
- `profile_segments` (actor_id, part, first_pos, n): where each list of the
  profile starts in its table and how long it is, so page k of a list is the
  rows with `pos` between first_pos + offset and first_pos + offset + limit - 1.
  The rows are stored in `pos` order, so DuckDB's min/max statistics of each
  row group skip every row group but the one or two that hold the page;
- `profile_days` (actor_id, role, day, type, n): the actor's events counted per
  day (the event's date, else its document's), for the timeline;
- `actors.mentions` and `actors.documents`, so finding an actor by name is a
  lookup rather than a count over every mention.

When: at the end of every `hudhud.resolve.resolve` (after the event clusters),
which every ingest runs and so does every analyst's merge or split (they call
resolve); by the migration to schema version 3; after a bench store is grown.
Records stored but not resolved yet have no global actor, so no profile lists
them before the next resolve, here or in the views. Each refresh rebuilds the
tables from the views (about 17 s at 100,000 documents on 2 busy vCPUs),
which keeps them equal to the views by construction (tests/store/test_profiles.py
checks it). The network page reads its edges from the same tables
(hudhud.web.queries.edges).
"""

from __future__ import annotations

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
          "profile_days")


def _cols(names: tuple[str, ...]) -> str:
    return ", ".join(f'"{n}"' for n in names)


_EVENT_ORDER = "coalesce(date, published) DESC NULLS LAST, doc_id, seq"
_RECORD_ORDER = "published DESC NULLS LAST, doc_id, seq"
_EV = _cols(EVENT_COLUMNS)
_AF = _cols(AFFILIATION_COLUMNS[:-1])
_QU = _cols(QUOTE_COLUMNS)

# Each table is rebuilt whole (CREATE OR REPLACE, not DELETE + INSERT): deleted
# rows would stay in their row groups until a checkpoint and widen the min/max
# of `pos` that lets a page read skip them. The rows are sorted once, in the
# profile's own order (actor, role, newest first), and `pos` counts them as they
# stream out of the sort: `row_number() OVER ()` keeps its input's order, and
# costs half of a window with its own ORDER BY, which sorts the wide rows again.
_REFRESH = (
    f"""CREATE OR REPLACE TABLE profile_events AS
    WITH r AS (
        SELECT source_actor_id AS actor_id, 'source' AS role, {_EV}, seq FROM events_v
        WHERE source_actor_id IS NOT NULL
        UNION ALL
        SELECT target_actor_id, 'target', {_EV}, seq FROM events_v
        WHERE target_actor_id IS NOT NULL),
    o AS (SELECT actor_id, role, {_EV} FROM r ORDER BY actor_id, role, {_EVENT_ORDER})
    SELECT row_number() OVER () - 1 AS pos, * FROM o""",
    f"""CREATE OR REPLACE TABLE profile_affiliations AS
    WITH r AS (
        SELECT subject_actor_id AS actor_id, {_AF}, 'out' AS direction, seq FROM affiliations_v
        WHERE subject_actor_id IS NOT NULL
        UNION ALL
        -- An affiliation of the actor with itself is listed once, as "out".
        SELECT object_actor_id, {_AF}, 'in', seq FROM affiliations_v
        WHERE object_actor_id IS NOT NULL
          AND object_actor_id IS DISTINCT FROM subject_actor_id),
    o AS (SELECT actor_id, {_AF}, direction FROM r ORDER BY actor_id, {_RECORD_ORDER})
    SELECT row_number() OVER () - 1 AS pos, * FROM o""",
    f"""CREATE OR REPLACE TABLE profile_quotes AS
    WITH o AS (SELECT speaker_actor_id AS actor_id, {_QU} FROM quotes_v
               WHERE speaker_actor_id IS NOT NULL ORDER BY actor_id, {_RECORD_ORDER})
    SELECT row_number() OVER () - 1 AS pos, * FROM o""",
    """CREATE OR REPLACE TABLE profile_segments AS
    SELECT actor_id, part, first_pos, n FROM (
        SELECT actor_id, 'events_as_' || role AS part, min(pos) AS first_pos, count(*) AS n
        FROM profile_events GROUP BY ALL
        UNION ALL
        SELECT actor_id, 'affiliations', min(pos), count(*) FROM profile_affiliations GROUP BY ALL
        UNION ALL
        SELECT actor_id, 'quotes', min(pos), count(*) FROM profile_quotes GROUP BY ALL)
    ORDER BY actor_id, part""",
    """CREATE OR REPLACE TABLE profile_days AS
    SELECT actor_id, role, coalesce(date, published) AS day, type, count(*) AS n
    FROM profile_events GROUP BY ALL ORDER BY actor_id, role, day, type""",
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
    caller's transaction (the schema migration's, or `refresh`'s)."""
    for sql in _REFRESH:
        con.execute(sql).fetchall()


def refresh(store: "Store") -> dict[str, int]:
    """Rebuild the precomputed profile (see the module docstring) in one transaction;
    returns the rows written per table."""
    with store.lock:
        with store.transaction() as con:
            refresh_tables(con)
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}


__all__ = ["AFFILIATION_COLUMNS", "EVENT_COLUMNS", "PARTS", "QUOTE_COLUMNS", "TABLES",
           "refresh", "refresh_tables"]
