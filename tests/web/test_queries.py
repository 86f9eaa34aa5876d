"""The web's own SQL: search, events with map points, series, date range."""

from __future__ import annotations

import pytest

from hudhud.store import Store
from hudhud.web import queries
from hudhud.web.filters import Filters


@pytest.fixture(scope="module")
def con(demo_db):
    with Store(demo_db, read_only=True) as store:
        yield store.connection


def test_search_needs_every_word(con):
    both = queries.search_documents(con, ["kirkuk", "kurdish"])
    one = queries.search_documents(con, ["kirkuk"])
    assert {d["id"] for d in both} <= {d["id"] for d in one}
    assert queries.search_documents(con, ["kirkuk", "zzzzqqq"]) == []
    assert all("kirkuk" in d["snippet"].lower() for d in one)


def test_search_ranks_by_hits(con):
    docs = queries.search_documents(con, ["iran"])
    hits = [d["hits"] for d in docs]
    assert hits == sorted(hits, reverse=True) and hits[0] > 1


def test_located_events_have_points(con):
    total, rows = queries.events(con, Filters(), located=True, limit=1000)
    assert total == len(rows) > 0
    assert all(-90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180 for r in rows)


def test_series_counts_every_dated_event(con):
    series = queries.event_series(con)
    total, _ = queries.events(con, Filters(), limit=1)
    assert sum(n for _, _, n in series) == total


def test_places_by_name_and_range(con):
    assert [p["name"] for p in queries.places(con, name="kirk")] == ["Kirkuk"]
    first, last = queries.date_range(con)
    assert first <= last


def test_document_records_are_in_text_order(con):
    recs = queries.document_records(con, "demo-03")
    assert [r["start"] for r in recs] == sorted(r["start"] for r in recs)
    assert {"mention", "event", "quote", "place"} <= {r["kind"] for r in recs}


def _edges_from_views(con, since=None, until=None):
    """The network's edges counted straight from the views, as the reference."""
    from hudhud.web.filters import HOSTILE_TYPES

    out = set()
    for layer, label, src, dst, view, only in (
            ("affiliations", "relation", "subject_actor_id", "object_actor_id", "affiliations_v", None),
            ("events", "type", "source_actor_id", "target_actor_id", "events_v", HOSTILE_TYPES)):
        rows = con.execute(f"""
            SELECT {label}, {src}, {dst}, count(*), min(coalesce(date, published)),
                   max(coalesce(date, published)),
                   list(id ORDER BY coalesce(date, published) DESC NULLS LAST, id)[1:5]
            FROM {view}
            WHERE {src} IN (SELECT id FROM actors) AND {dst} IN (SELECT id FROM actors)
              AND {src} <> {dst} AND ($only IS NULL OR list_contains($only, {label}))
              AND ($since IS NULL OR coalesce(date, published) >= $since)
              AND ($until IS NULL OR coalesce(date, published) <= $until)
            GROUP BY ALL""", {"only": list(only) if only else None, "since": since,
                              "until": until}).fetchall()
        out |= {(layer, lb, s, t, n, a.isoformat() if a else None, b.isoformat() if b else None,
                 tuple(ids)) for lb, s, t, n, a, b, ids in rows}
    return out


@pytest.mark.parametrize("window", [(None, None), ("2019-12-28", "2020-01-05")])
def test_edges_from_the_profile_tables_are_those_of_the_views(con, window):
    import datetime as dt

    since, until = (dt.date.fromisoformat(d) if d else None for d in window)
    got = queries.edges(con, Filters(since=since, until=until))
    assert got, "the demo store has a network"
    assert {(e["layer"], e["label"], e["source"], e["target"], e["count"], e["first"], e["last"],
             tuple(x["id"] for x in e["evidence"])) for e in got} == _edges_from_views(con, since, until)
