"""The precomputed profile tables agree with the views they are built from, after an
ingest and resolve, after an analyst's merge, and on a new store."""

from __future__ import annotations

import json

import pytest

from hudhud.errors import StoreError
from hudhud.resolve import resolve
from hudhud.resolve.judgement import record
from hudhud.store import Store, profiles

from . import samples
from .checks import assert_agrees_with_views, snapshot

__all__ = ["assert_agrees_with_views"]  # tests/store/test_migrations.py uses it too

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


def test_ingests_in_batches_leave_the_tables_of_a_full_resolve(tmp_path):
    """Each article ingested on its own, a merge between them: each ingest's resolve
    updates the tables in place, and a full resolve then finds nothing to change."""
    from hudhud.engine.pipeline import ingest
    from hudhud.kb import canonical_names

    names = canonical_names()  # as every ingest's resolve names the KB's actors
    db = tmp_path / "s.duckdb"
    for i, article in enumerate(ARTICLES):
        corpus = tmp_path / f"a{i}.jsonl"
        corpus.write_text(json.dumps(article) + "\n", encoding="utf-8")
        ingest([str(corpus)], str(db))
        if i == 1:
            with Store(db) as store:
                record(store, "merge", "Abu Zaid Alfarsi", "Abu Zaid")
                resolve(store, kb_names=names)
    with Store(db) as store:
        assert_agrees_with_views(store)
        incremental = snapshot(store)
        timings: dict = {}
        resolve(store, kb_names=names, full=True, timings=timings)
        assert timings["mode"] == "full" and snapshot(store) == incremental


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
