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
