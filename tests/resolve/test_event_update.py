"""Reclustering around the changed events gives the clusters of a full pass.

The tables are built by hand, with only the columns clustering reads: dense
stretches of days (where a change could ripple forward), places near and far,
undated reports, and changes that add events to a key, move events between keys
or take them away.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hudhud.resolve import event_update, events

PLACES = {"a": (33.3, 44.4), "b": (33.35, 44.45), "c": (36.2, 44.0), None: None}
KEYS = [("us", "kh", "ASSAULT"), ("us", "kh", "ACCUSE"), ("kh", "us", "ASSAULT"), ("iran", None, "ACCUSE")]


def tables() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("""CREATE TABLE profile_events (pos BIGINT, actor_id VARCHAR, role VARCHAR,
        id VARCHAR, doc_id VARCHAR, source_actor_id VARCHAR, target_actor_id VARCHAR,
        type VARCHAR, date DATE, published DATE, place VARCHAR)""")
    con.execute("CREATE TABLE places (doc_id VARCHAR, name VARCHAR, lat DOUBLE, lon DOUBLE)")
    con.execute(events.TABLE)
    con.execute("CREATE TEMP TABLE _ids (id VARCHAR)")
    return con


def put(con, rows: list[dict]) -> None:
    for r in rows:
        con.execute("INSERT INTO profile_events VALUES (0, ?, 'source', ?, ?, ?, ?, ?, ?, ?, ?)",
                    [r["key"][0], r["id"], r["doc"], *r["key"], r["date"], r["published"],
                     r["place"]])
        if r["place"]:  # a document's place is stored once
            con.execute("INSERT INTO places SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM "
                        "places WHERE doc_id = ? AND name = ?)",
                        [r["doc"], r["place"], *PLACES[r["place"]], r["doc"], r["place"]])


def full_pass(con) -> list[tuple]:
    con.execute("DELETE FROM event_clusters")
    rows = con.execute("""SELECT e.id, e.doc_id, e.source_actor_id, e.target_actor_id, e.type,
        e.date, e.published, p.lat, p.lon FROM profile_events e
        LEFT JOIN places p ON p.doc_id = e.doc_id AND p.name = e.place
        ORDER BY e.source_actor_id, e.target_actor_id, e.type, coalesce(e.date, e.published),
                 e.id""").fetchall()
    events.insert(con, events._assign(rows))
    return con.execute("SELECT * FROM event_clusters ORDER BY ALL").fetchall()


def make(rng: random.Random, n: int, tag: str, start: dt.date, span: int) -> list[dict]:
    out = []
    for i in range(n):
        day = start + dt.timedelta(days=rng.randrange(span))
        undated = rng.random() < 0.05
        out.append({"id": f"{tag}{i:04d}", "doc": f"doc-{tag}{rng.randrange(n // 2 + 1)}",
                    "key": rng.choice(KEYS[:3]) if rng.random() < 0.9 else KEYS[3],
                    "date": None if undated or rng.random() < 0.3 else day,
                    "published": None if undated else day,
                    "place": rng.choice(list(PLACES))})
    return out


def incremental(con, rows: list[dict], added: list[dict], moved: dict[str, tuple],
                dropped: list[str]) -> list[tuple]:
    """Cluster `rows` fully; then apply the change and recluster around it."""
    put(con, rows)
    full_pass(con)
    touched = [r["id"] for r in added] + list(moved) + dropped
    con.execute("DELETE FROM _ids")
    con.executemany("INSERT INTO _ids VALUES (?)", [[i] for i in touched])
    before = event_update.rows_of(con, "_ids")
    put(con, added)
    for rid, key in moved.items():
        con.execute("UPDATE profile_events SET actor_id = ?, source_actor_id = ?, "
                    "target_actor_id = ?, type = ? WHERE id = ?", [key[0], *key, rid])
    for rid in dropped:  # its source actor is gone: no profile row lists it as source
        con.execute("DELETE FROM profile_events WHERE id = ?", [rid])
    event_update.recluster(con, before, "_ids")
    return con.execute("SELECT * FROM event_clusters ORDER BY ALL").fetchall()


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6), n=st.integers(5, 160), span=st.integers(2, 40),
       k=st.integers(1, 12))
def test_recluster_equals_a_full_pass(seed, n, span, k):
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    rows = make(rng, n, "e", start, span)
    added = make(rng, k, "n", start + dt.timedelta(days=rng.randrange(span)), 3)
    moved = {r["id"]: rng.choice(KEYS) for r in rng.sample(rows, min(len(rows), k // 3))}
    dropped = [r["id"] for r in rng.sample(rows, min(len(rows), k // 4))
               if r["id"] not in moved]
    con = tables()
    got = incremental(con, rows, added, moved, dropped)
    assert got == full_pass(con)


def test_a_change_that_ripples_far_is_followed_to_the_end(monkeypatch):
    # An event every day, at places 7 km apart: clusters pair each day with the next,
    # and one report the day before the first shifts every pair to the end.
    monkeypatch.setattr(event_update, "LOOKAHEAD_DAYS", 1)
    start = dt.date(2024, 3, 1)
    rows = [{"id": f"e{i:03d}", "doc": f"d{i}", "key": KEYS[0], "date": start + dt.timedelta(days=i),
             "published": start + dt.timedelta(days=i), "place": "ab"[i % 2]} for i in range(60)]
    eve = start - dt.timedelta(days=1)
    added = [{"id": "x", "doc": "dx", "key": KEYS[0], "date": eve, "published": eve, "place": "b"}]
    con = tables()
    got = incremental(con, rows, added, {}, [])
    assert got == full_pass(con)
    assert len({c for _, c, _ in got}) == 31  # (x, e000), (e001, e002), …, (e059)


@pytest.mark.parametrize("day", [None, dt.date(2024, 1, 5)])
def test_nothing_changed_writes_nothing(day):
    con = tables()
    rows = [{"id": "e1", "doc": "d1", "key": KEYS[0], "date": day, "published": day, "place": "a"}]
    put(con, rows)
    full_pass(con)
    con.execute("INSERT INTO _ids VALUES ('e1')")
    before = event_update.rows_of(con, "_ids")
    assert event_update.recluster(con, before, "_ids") == {"written": 0, "keys": 0}


def test_the_cluster_rule_is_the_pairwise_one():
    """`Cluster.takes` is `_same` against every member, without the pairwise loop."""
    rng = random.Random(7)
    for _ in range(300):
        members = []
        for _ in range(rng.randrange(1, 5)):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(3))
            members.append({"id": "m", "doc_id": "d", "date": day, "published": day,
                            "point": PLACES[rng.choice(list(PLACES))]})
        members.sort(key=events.day_of)
        cluster = events.Cluster(members[0], events.day_of(members[0]))
        for m in members[1:]:
            cluster.add(m, events.day_of(m))
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(4))
        row = {"id": "r", "doc_id": "e", "date": day, "published": day,
               "point": PLACES[rng.choice(list(PLACES))]}
        assert cluster.takes(row, day) == all(events._same(row, m) for m in members)
