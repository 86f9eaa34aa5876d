"""Checks shared by the profile tests: the precomputed tables agree with the views.

No relative imports, so that tests in other folders can load this file by path.
"""

from __future__ import annotations

from hudhud.store import Store, paged, profiles, query

LISTS = ("affiliations", "events_as_source", "events_as_target", "quotes")


def assert_agrees_with_views(store: Store) -> None:
    """Every list of every actor equals the view-based profile; the segments tile the
    tables; the counts and the timeline are those of the records."""
    con = store.connection
    ids = [r[0] for r in con.execute("SELECT id FROM actors ORDER BY id").fetchall()]
    for aid in ids:
        full = query.actor_profile(con, aid)
        got = store.actor_profile(aid, limit=None)
        assert {k: got[k] for k in LISTS} == {k: full[k] for k in LISTS}, aid
        assert got["totals"] == {k: len(full[k]) for k in LISTS}, aid
    assert_runs_tile_the_tables(store)
    live = dict(((a, (m, d)) for a, m, d in con.execute("""
        SELECT a.id,
               (SELECT count(*) FROM mentions m JOIN doc_actors d
                  ON d.doc_id = m.doc_id AND d.id = m.actor WHERE d.actor_id = a.id),
               (SELECT count(DISTINCT doc_id) FROM doc_actors WHERE actor_id = a.id)
        FROM actors a""").fetchall()))
    stored = {a: (m, d) for a, m, d in con.execute(
        "SELECT id, mentions, documents FROM actors").fetchall()}
    assert stored == live
    days = con.execute("SELECT actor_id, role, day, type, n FROM profile_days ORDER BY ALL").fetchall()
    want = con.execute("""
        SELECT actor_id, role, day, type, count(*) FROM (
            SELECT source_actor_id AS actor_id, 'source' AS role,
                   coalesce(date, published) AS day, type FROM events_v
            WHERE source_actor_id IS NOT NULL
            UNION ALL
            SELECT target_actor_id, 'target', coalesce(date, published), type FROM events_v
            WHERE target_actor_id IS NOT NULL)
        GROUP BY ALL ORDER BY ALL""").fetchall()
    assert days == want


def assert_runs_tile_the_tables(store: Store) -> None:
    """Every list is a base run and a delta run, each a range of `pos` holding rows of
    that list only, so that a page is at most two range reads; every live row is in
    exactly one run; the delta rows' places are ascending and inside the list."""
    con = store.connection
    segments = con.execute("SELECT actor_id, part, first_pos, n, delta_pos, delta_at "
                           "FROM profile_segments").fetchall()
    for table, parts in (("profile_events", ("events_as_source", "events_as_target")),
                         ("profile_affiliations", ("affiliations",)),
                         ("profile_quotes", ("quotes",))):
        rows = con.execute(f"SELECT pos, actor_id, {profiles.SPECS[0].part.format(a='')} "
                           f"FROM {table}" if table == "profile_events" else
                           f"SELECT pos, actor_id, '{parts[0]}' FROM {table}").fetchall()
        # Stored in pos order: a range of pos is a range of rows.
        assert [r[0] for r in rows] == sorted(r[0] for r in rows), table
        where = {pos: (actor, part) for pos, actor, part in rows}
        covered = []
        for actor, part, first, n, delta_pos, delta_at in segments:
            if part not in parts:
                continue
            delta_at = delta_at or []
            assert n > 0 and delta_at == sorted(set(delta_at)), (actor, part)
            assert all(0 <= i < n for i in delta_at), (actor, part)
            runs = [range(first, first + n - len(delta_at)),
                    range(delta_pos or 0, (delta_pos or 0) + len(delta_at))]
            for run in runs:
                assert all(where.get(p) == (actor, part) for p in run), (actor, part)
                covered += list(run)
        assert sorted(covered) == sorted(where), table


def snapshot(store: Store) -> dict:
    """What a reader of the store sees, whatever the layout of the profile tables."""
    con = store.connection

    def rows(sql: str) -> list:
        return con.execute(sql).fetchall()

    ids = [r[0] for r in rows("SELECT id FROM actors ORDER BY id")]
    out = {
        "actors": rows("SELECT * FROM actors ORDER BY id"),
        "aliases": rows("SELECT * FROM actor_aliases ORDER BY ALL"),
        "links": rows("SELECT doc_id, id, actor_id FROM doc_actors ORDER BY ALL"),
        "clusters": rows("SELECT * FROM event_clusters ORDER BY ALL"),
        "days": rows("SELECT * FROM profile_days ORDER BY ALL"),
        "profiles": {a: paged.actor_profile(con, a, limit=None) for a in ids},
    }
    for spec in profiles.SPECS:
        out[spec.table] = rows(f"SELECT * EXCLUDE (pos) FROM {spec.table} ORDER BY ALL")
    return out
