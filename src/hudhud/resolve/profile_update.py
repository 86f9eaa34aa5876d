"""Bring the precomputed actor profile (hudhud.store.profiles) up to date after a resolve,
touching only the lists whose rows changed.

A day's news adds rows to the lists of the actors it names, and rarely changes
old ones. Rebuilding every list for it costs 17 s at 100,000 documents
(BENCHMARKS.md); here the cost follows the rows that changed:

- the *affected records* are those of the new documents (`_hudhud_new_docs`, which
  include the documents replaced by a corrected text, whose old rows the tables
  still hold) and those that name a document actor whose global actor changed
  (`_hudhud_moved`, after a merge, a split or a new link between names); their rows
  are read from the views (restricted to them) and compared with the rows the
  tables hold;
- a row that stays in its list, on the same day and at the same place in its
  document, is updated in place (its position does not change: the list's order
  depends only on those); one that moves is removed and added;
- rows added to a list that has a base run go to the list's *delta run*: the
  delta rows, old and new, are rewritten at the end of the table, in the list's
  order, with `delta_at`, their places in the whole list. A place is the number of
  base rows before the row (from `profile_index`, the base run cut by day, and
  the rows of the row's own day) plus the delta rows before it;
- a list that loses a row, has no base run yet, or whose delta run would pass
  DELTA_MAX rows is rewritten whole as a new base run at the end of the table;
- an actor whose name changed has it changed in place in every row that names it.

Rewritten runs leave their old rows deleted: dead positions, which `pos` never
reuses, so a row group's min/max of `pos` stays narrow. When the dead rows of a
table pass DEAD_MIN and DEAD_SHARE of its live rows, the next resolve rebuilds
everything (`profiles.refresh_tables`). tests/resolve/test_profile_update.py
compares the tables after ingests in several batches, with judgements between
them, with a rebuild.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hudhud.store.profiles import SPECS, Spec, refresh_tables
from hudhud.store.schema import VIEWS

if TYPE_CHECKING:
    import duckdb

#: Rows a list's delta run may hold; past it the list is rewritten as one base run.
DELTA_MAX = 2000
#: Dead rows a table may hold whatever its size, and beyond that the share of its live rows.
DEAD_MIN = 100_000
DEAD_SHARE = 0.25


def _run(con: "duckdb.DuckDBPyConnection", sql: str, params: object = None) -> list[tuple]:
    return con.execute(sql, params).fetchall() if params is not None else con.execute(sql).fetchall()


def mark_affected(con: "duckdb.DuckDBPyConnection") -> None:
    """`_hudhud_aff_<record table>` (id): the records of the new documents, the records
    that name a moved document actor in any role, and the rows the profile still lists
    under a new document: those of the records a corrected text replaced
    (hudhud.store.writes), which are gone from the record tables, so `update` drops them."""
    for spec in SPECS:
        named = " OR ".join(f"m.id = r.{c}" for c in spec.actor_roles)
        _run(con, f"""CREATE OR REPLACE TEMP TABLE _hudhud_aff_{spec.record_table} AS
            SELECT id FROM {spec.record_table}
            WHERE doc_id IN (SELECT doc_id FROM _hudhud_new_docs)
            UNION
            SELECT r.id FROM {spec.record_table} r
            JOIN _hudhud_moved m ON m.doc_id = r.doc_id AND ({named})
            UNION
            SELECT id FROM {spec.table} WHERE doc_id IN (SELECT doc_id FROM _hudhud_new_docs)""")


def _narrow(con: "duckdb.DuckDBPyConnection") -> dict[str, str]:
    """The views, over copies of the tables narrowed to the affected records and their
    documents: a view joins its records to every document actor, which costs as much
    for three records as for all. Falls back to the view itself if its text is not
    the shape expected (FROM <records> <alias>, JOIN documents, JOIN doc_actors)."""
    for spec in SPECS:
        _run(con, f"""CREATE OR REPLACE TEMP TABLE _hudhud_f_{spec.record_table} AS
            SELECT * FROM {spec.record_table}
            WHERE id IN (SELECT id FROM _hudhud_aff_{spec.record_table})""")
    docs = " UNION ".join(f"SELECT doc_id FROM _hudhud_f_{s.record_table}" for s in SPECS)
    _run(con, f"""CREATE OR REPLACE TEMP TABLE _hudhud_f_documents AS
        SELECT * EXCLUDE (text, sentences) FROM documents WHERE id IN ({docs})""")
    _run(con, f"""CREATE OR REPLACE TEMP TABLE _hudhud_f_doc_actors AS
        SELECT * FROM doc_actors WHERE doc_id IN ({docs})""")
    out = {}
    for spec in SPECS:
        sql, n = re.subn(rf"\bFROM {spec.record_table} (\w+)\b",
                         rf"FROM _hudhud_f_{spec.record_table} \1", VIEWS[spec.view])
        sql = re.sub(r"\bJOIN (documents|doc_actors)\b", r"JOIN _hudhud_f_\1", sql)
        rest = re.sub(r"_hudhud_f_\w+", "", sql)
        whole = n != 1 or re.search(rf"\b({spec.record_table}|documents|doc_actors)\b", rest)
        out[spec.view] = spec.view if whole else f"({sql})"
    return out


def dead_rows(con: "duckdb.DuckDBPyConnection") -> dict[str, tuple[int, int]]:
    """(dead, live) rows per row table: positions used and left, rows alive."""
    out = {}
    for spec in SPECS:
        top, live = _run(con, f"SELECT coalesce(max(pos) + 1, 0), count(*) FROM {spec.table}")[0]
        out[spec.table] = (int(top) - int(live), int(live))
    return out


def _too_dead(con: "duckdb.DuckDBPyConnection") -> bool:
    return any(dead > max(DEAD_MIN, DEAD_SHARE * live) for dead, live in dead_rows(con).values())


def update(con: "duckdb.DuckDBPyConnection", renamed: list[str]) -> dict[str, object]:
    """Apply the affected records (`mark_affected`) and the renamed actors to the profile
    tables, inside the caller's transaction; or rebuild them when too much is dead."""
    if _too_dead(con):
        refresh_tables(con)
        return {"mode": "full", "reason": "dead rows"}
    if renamed:
        for spec in SPECS:
            for id_col, name_col in spec.names:
                _run(con, f"""UPDATE {spec.table} SET {name_col} = a.name FROM actors a
                    WHERE {spec.table}.{id_col} = a.id AND list_contains($ids, a.id)""",
                     {"ids": renamed})
    stats: dict[str, object] = {"mode": "incremental"}
    views = _narrow(con)
    for spec in SPECS:
        stats[spec.table] = _update_table(con, spec, views[spec.view])
    return stats


def _cols(spec: Spec, a: str = "") -> str:
    return ", ".join(f'{a}"{c}"' for c in spec.columns)


def _update_table(con: "duckdb.DuckDBPyConnection", spec: Spec, view: str) -> dict[str, int]:
    t, aff = spec.table, f"_hudhud_aff_{spec.record_table}"
    rows = re.sub(rf"\b{spec.view}\b", view, spec.rows)
    _run(con, f"""CREATE OR REPLACE TEMP TABLE _hudhud_new AS
        SELECT {_cols(spec, 'r.')}, {spec.part.format(a='r.')} AS part,
               {spec.day.format(a='r.')} AS day
        FROM ({rows}) r WHERE r.id IN (SELECT id FROM {aff})""")
    _run(con, f"""CREATE OR REPLACE TEMP TABLE _hudhud_old AS
        SELECT pos, actor_id, {spec.part.format(a='')} AS part, id,
               {spec.day.format(a='')} AS day, seq FROM {t}
        WHERE id IN (SELECT id FROM {aff})""")
    # A row stays where it is only if its place in the list does: a corrected text can
    # give a record of the same id another day or place in its document.
    same = ("o.actor_id = n.actor_id AND o.part = n.part AND o.id = n.id "
            "AND o.day IS NOT DISTINCT FROM n.day AND o.seq = n.seq")
    if _run(con, "SELECT count(*) FROM _hudhud_old")[0][0]:
        # Rows that stay in their list take the record's new columns where they are.
        keep = ("actor_id", "role", "id", "doc_id", "seq")
        sets = ", ".join(f'"{c}" = n."{c}"' for c in spec.columns if c not in keep)
        _run(con, f"""UPDATE {t} SET {sets} FROM _hudhud_new n
            WHERE {t}.id = n.id AND {t}.actor_id = n.actor_id
              AND {spec.part.format(a=t + '.')} = n.part""")
    _run(con, f"""CREATE OR REPLACE TEMP TABLE _hudhud_added AS
        SELECT n.* FROM _hudhud_new n ANTI JOIN _hudhud_old o ON {same}""")
    _run(con, f"""CREATE OR REPLACE TEMP TABLE _hudhud_removed AS
        SELECT o.* FROM _hudhud_old o ANTI JOIN _hudhud_new n ON {same}""")
    _run(con, f"""CREATE OR REPLACE TEMP TABLE _hudhud_lists AS
        WITH a AS (SELECT actor_id, part, count(*) AS added FROM _hudhud_added GROUP BY ALL),
             r AS (SELECT actor_id, part, count(*) AS removed FROM _hudhud_removed GROUP BY ALL)
        SELECT actor_id, part, coalesce(added, 0) AS added, coalesce(removed, 0) AS removed,
               s.first_pos, coalesce(s.n, 0) - coalesce(len(s.delta_at), 0) AS base_n,
               s.delta_pos, coalesce(len(s.delta_at), 0) AS delta_n,
               (coalesce(removed, 0) > 0 OR coalesce(s.n, 0) - coalesce(len(s.delta_at), 0) = 0
                OR coalesce(len(s.delta_at), 0) + coalesce(added, 0) > {int(DELTA_MAX)}) AS rewrite
        FROM a FULL JOIN r USING (actor_id, part)
        LEFT JOIN profile_segments s USING (actor_id, part)""")
    rewritten = _rewrite(con, spec)
    extended = _extend(con, spec)
    return {"rewritten": rewritten, "extended": extended,
            "added": _run(con, "SELECT count(*) FROM _hudhud_added")[0][0],
            "removed": _run(con, "SELECT count(*) FROM _hudhud_removed")[0][0]}


def _next_pos(con: "duckdb.DuckDBPyConnection", t: str) -> int:
    return int(_run(con, f"SELECT coalesce(max(pos) + 1, 0) FROM {t}")[0][0])


def _rewrite(con: "duckdb.DuckDBPyConnection", spec: Spec) -> int:
    """Write each list marked `rewrite` as one base run at the end of the table."""
    t = spec.table
    lists = _run(con, "SELECT count(*) FROM _hudhud_lists WHERE rewrite")[0][0]
    if not lists:
        return 0
    _run(con, """CREATE OR REPLACE TEMP TABLE _hudhud_pos AS
        SELECT unnest(range(first_pos, first_pos + base_n)) AS pos FROM _hudhud_lists
        WHERE rewrite AND base_n > 0
        UNION ALL
        SELECT unnest(range(delta_pos, delta_pos + delta_n)) FROM _hudhud_lists
        WHERE rewrite AND delta_n > 0""")
    start = _next_pos(con, t)
    _run(con, f"""INSERT INTO {t} (pos, {_cols(spec)})
        WITH w AS (
            SELECT {_cols(spec)}, {spec.part.format(a='')} AS part, {spec.day.format(a='')} AS day
            FROM {t} WHERE pos IN (SELECT pos FROM _hudhud_pos)
              AND pos NOT IN (SELECT pos FROM _hudhud_removed)
            UNION ALL
            SELECT {_cols(spec, 'a.')}, a.part, a.day FROM _hudhud_added a
            SEMI JOIN _hudhud_lists l ON l.actor_id = a.actor_id AND l.part = a.part AND l.rewrite)
        SELECT {start} + row_number() OVER (ORDER BY actor_id, part, {spec.order()}) - 1 AS p,
               {_cols(spec)}
        FROM w ORDER BY p""")
    _run(con, f"DELETE FROM {t} WHERE pos IN (SELECT pos FROM _hudhud_pos)")
    listed = "(actor_id, part) IN (SELECT (actor_id, part) FROM _hudhud_lists WHERE rewrite)"
    part, day = spec.part.format(a=""), spec.day.format(a="")
    for table in ("profile_segments", "profile_index"):
        _run(con, f"DELETE FROM {table} WHERE {listed}")
    _run(con, f"""INSERT INTO profile_segments
        SELECT actor_id, {part}, min(pos), count(*), NULL, NULL FROM {t}
        WHERE pos >= {start} GROUP BY ALL""")
    _run(con, f"""INSERT INTO profile_index
        SELECT actor_id, {part}, {day}, min(pos), count(*) FROM {t}
        WHERE pos >= {start} GROUP BY ALL""")
    if spec.table == "profile_events":
        _run(con, """DELETE FROM profile_days WHERE ('events_as_' || role, actor_id) IN
            (SELECT (part, actor_id) FROM _hudhud_lists WHERE rewrite)""")
        _run(con, "INSERT INTO profile_days " +
             "SELECT actor_id, role, coalesce(date, published) AS day, type, count(*) "
             f"FROM profile_events WHERE pos >= {start} GROUP BY ALL")
    return int(lists)


# A delta row's place among the base rows of its list: the rows of newer days (from
# the index) plus the rows of its own day that come before it (read from that day's
# range of the base run only).
_RANK = """
    WITH newer AS (
        SELECT c.actor_id, c.part, c.id, sum(i.n) AS n FROM _hudhud_c c
        JOIN profile_index i ON i.actor_id = c.actor_id AND i.part = c.part
         AND (CASE WHEN c.day IS NULL THEN i.day IS NOT NULL ELSE i.day > c.day END)
        GROUP BY ALL),
    same_day AS (
        SELECT c.actor_id, c.part, c.id, count(*) AS n FROM _hudhud_c c
        JOIN profile_index i ON i.actor_id = c.actor_id AND i.part = c.part
         AND i.day IS NOT DISTINCT FROM c.day
        JOIN {t} b ON b.actor_id = c.actor_id AND {b_part} = c.part
         AND {b_day} IS NOT DISTINCT FROM c.day
        WHERE b.pos BETWEEN i.first_pos AND i.first_pos + i.n - 1
          AND (b.doc_id < c.doc_id OR (b.doc_id = c.doc_id AND b.seq < c.seq))
        GROUP BY ALL)
    SELECT c.*, coalesce(newer.n, 0) + coalesce(same_day.n, 0)
                + row_number() OVER (PARTITION BY c.actor_id, c.part ORDER BY {c_order}) - 1 AS list_at
    FROM _hudhud_c c LEFT JOIN newer USING (actor_id, part, id)
    LEFT JOIN same_day USING (actor_id, part, id)"""


def _extend(con: "duckdb.DuckDBPyConnection", spec: Spec) -> int:
    """Rewrite the delta run of each list that gains rows and keeps its base run."""
    t = spec.table
    lists = _run(con, "SELECT count(*) FROM _hudhud_lists WHERE NOT rewrite AND added > 0")[0][0]
    if not lists:
        return 0
    _run(con, """CREATE OR REPLACE TEMP TABLE _hudhud_pos AS
        SELECT unnest(range(delta_pos, delta_pos + delta_n)) AS pos FROM _hudhud_lists
        WHERE NOT rewrite AND added > 0 AND delta_n > 0""")
    _run(con, f"""CREATE OR REPLACE TEMP TABLE _hudhud_c AS
        SELECT {_cols(spec)}, {spec.part.format(a='')} AS part, {spec.day.format(a='')} AS day
        FROM {t} WHERE pos IN (SELECT pos FROM _hudhud_pos)
        UNION ALL
        SELECT {_cols(spec, 'a.')}, a.part, a.day FROM _hudhud_added a
        SEMI JOIN _hudhud_lists l ON l.actor_id = a.actor_id AND l.part = a.part
         AND NOT l.rewrite""")
    _run(con, "CREATE OR REPLACE TEMP TABLE _hudhud_ranked AS " + _RANK.format(
        t=t, b_part=spec.part.format(a="b."), b_day=spec.day.format(a="b."),
        c_order=spec.order("c.")))
    start = _next_pos(con, t)
    _run(con, f"""INSERT INTO {t} (pos, {_cols(spec)})
        SELECT {start} + row_number() OVER (ORDER BY actor_id, part, list_at) - 1 AS p, {_cols(spec)}
        FROM _hudhud_ranked ORDER BY p""")
    _run(con, f"DELETE FROM {t} WHERE pos IN (SELECT pos FROM _hudhud_pos)")
    _run(con, f"""UPDATE profile_segments SET n = d.base_n + d.k, delta_pos = d.first,
               delta_at = d.ats
        FROM (SELECT r.actor_id, r.part, count(*) AS k, {start} + min(rank) AS first,
                     list(r.list_at ORDER BY r.list_at)::INTEGER[] AS ats, any_value(l.base_n) AS base_n
              FROM (SELECT *, row_number() OVER (ORDER BY actor_id, part, list_at) - 1 AS rank
                    FROM _hudhud_ranked) r
              JOIN _hudhud_lists l USING (actor_id, part) GROUP BY ALL) d
        WHERE profile_segments.actor_id = d.actor_id AND profile_segments.part = d.part""")
    if spec.table == "profile_events":
        _add_days(con)
    return int(lists)


def _add_days(con: "duckdb.DuckDBPyConnection") -> None:
    """Count the rows added to delta runs into the timeline's days."""
    _run(con, """CREATE OR REPLACE TEMP TABLE _hudhud_days AS
        SELECT a.actor_id, a.role, a.day, a.type, count(*) AS n FROM _hudhud_added a
        SEMI JOIN _hudhud_lists l ON l.actor_id = a.actor_id AND l.part = a.part AND NOT l.rewrite
        GROUP BY ALL""")
    match = """profile_days.actor_id = d.actor_id AND profile_days.role = d.role
               AND profile_days.day IS NOT DISTINCT FROM d.day
               AND profile_days.type IS NOT DISTINCT FROM d.type"""
    _run(con, f"UPDATE profile_days SET n = profile_days.n + d.n FROM _hudhud_days d WHERE {match}")
    _run(con, f"""INSERT INTO profile_days SELECT d.* FROM _hudhud_days d
        WHERE NOT EXISTS (SELECT 1 FROM profile_days WHERE {match})""")


TEMP_TABLES = ("_hudhud_new", "_hudhud_old", "_hudhud_added", "_hudhud_removed", "_hudhud_lists",
               "_hudhud_pos", "_hudhud_c", "_hudhud_ranked", "_hudhud_days",
               "_hudhud_f_documents", "_hudhud_f_doc_actors",
               *(f"_hudhud_aff_{s.record_table}" for s in SPECS),
               *(f"_hudhud_f_{s.record_table}" for s in SPECS))


def drop_temp(con: "duckdb.DuckDBPyConnection") -> None:
    for name in TEMP_TABLES:
        _run(con, f"DROP TABLE IF EXISTS {name}")


__all__ = ["DEAD_MIN", "DEAD_SHARE", "DELTA_MAX", "dead_rows", "drop_temp", "mark_affected",
           "update"]
