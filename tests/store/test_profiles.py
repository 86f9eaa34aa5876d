"""The precomputed profile tables agree with the views they are built from, after an
ingest and resolve, after an analyst's merge, and on a new store."""

from __future__ import annotations

import json

import pytest

from hudhud.errors import StoreError
from hudhud.resolve import resolve
from hudhud.resolve.judgement import record
from hudhud.store import Store, profiles, query

from . import samples

LISTS = ("affiliations", "events_as_source", "events_as_target", "quotes")

# Written for this test: two spellings of one commander (one actor after a merge),
# a militia with events both ways, a quote.
ARTICLES = [
    {"id": "p1", "published": "2023-05-02",
     "text": "Abu Zaid Alfarsi, a local militia chief, threatened the governor of Basra on "
             "Monday. Kataib Hezbollah fired rockets at a US base near Erbil."},
    {"id": "p2", "published": "2023-05-04",
     "text": "The commander known as Abu Zaid warned the Basra council on Wednesday. \"We will "
             "not leave the port,\" Abu Zaid said. US forces struck Kataib Hezbollah in Qaim."},
    {"id": "p3", "published": "2023-05-04",
     "text": "Kataib Hezbollah, which is backed by Iran, condemned the strike in Qaim."},
]


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
    for table in ("profile_events", "profile_affiliations", "profile_quotes"):
        # Stored in pos order, pos counting from 0 without a gap: a page is a range.
        rows = con.execute(f"SELECT pos FROM {table}").fetchall()
        assert [r[0] for r in rows] == list(range(len(rows))), table
    segments = con.execute("""SELECT part, first_pos, n FROM profile_segments
                              ORDER BY part IN ('events_as_source', 'events_as_target') DESC,
                                       part, first_pos""").fetchall()
    for table, parts in (("profile_events", ("events_as_source", "events_as_target")),
                         ("profile_affiliations", ("affiliations",)),
                         ("profile_quotes", ("quotes",))):
        spans = sorted((f, n) for p, f, n in segments if p in parts)
        at = 0
        for first, n in spans:
            assert first == at and n > 0
            at += n
        assert at == con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
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


@pytest.fixture
def ingested(tmp_path):
    from hudhud.engine.pipeline import ingest

    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    ingest([str(corpus)], str(db))
    with Store(db) as store:
        yield store


def test_tables_agree_after_ingest_and_resolve(ingested):
    assert ingested.connection.execute("SELECT count(*) FROM profile_events").fetchall()[0][0] > 0
    assert_agrees_with_views(ingested)


def test_tables_follow_a_merge_judgement(ingested):
    full, short = ingested.find_actor("Abu Zaid Alfarsi"), ingested.find_actor("Abu Zaid")
    assert full is not None and short is not None and full["id"] != short["id"]
    before = [ingested.actor_profile(a["id"], limit=None)["totals"] for a in (full, short)]
    record(ingested, "merge", "Abu Zaid Alfarsi", "Abu Zaid")
    resolve(ingested)
    assert_agrees_with_views(ingested)
    merged = ingested.actor_profile("Abu Zaid", limit=None)
    assert merged["actor"]["id"] == ingested.find_actor("Abu Zaid Alfarsi")["id"]
    assert merged["totals"] == {k: before[0][k] + before[1][k] for k in LISTS}
    assert merged["actor"]["mentions"] == full["mentions"] + short["mentions"]


def test_tables_agree_on_many_hand_made_documents(store):
    store.write_many(samples.copies(6) + samples.samples())
    resolve(store)
    assert_agrees_with_views(store)
    first = store.connection.execute("SELECT * FROM profile_events ORDER BY pos").fetchall()
    assert profiles.refresh(store)["profile_events"] == len(first)
    assert store.connection.execute("SELECT * FROM profile_events ORDER BY pos").fetchall() == first


def test_a_new_store_has_the_tables_empty(store):
    for table in profiles.TABLES:
        assert store.connection.execute(f"SELECT count(*) FROM {table}").fetchall() == [(0,)]
    store.write_many(samples.samples())
    # Stored, not resolved: no global actor, so no profile lists the records yet.
    assert store.refresh_profiles()["profile_events"] == 0
    assert_agrees_with_views(store)


def test_refresh_needs_a_writable_store(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with Store(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.refresh_profiles()
