"""Upgrades: a store written by an older hudhud opens in this one and keeps every record.

fixtures/store-vN.duckdb.gz were written by the hudhud of schema version N
(fixtures/make_store.py) and are never regenerated: each later version must
open them. fixtures/store-vN.json lists, per table, the columns, the row count
and a hash of the rows, which opening (and upgrading) must leave as they were.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from hudhud.store import SCHEMA_VERSION, Store
from hudhud.store import migrations
from hudhud.store.migrations import SchemaVersionError
from hudhud.store.upgrade import upgrade_file

FIXTURES = Path(__file__).parent / "fixtures"
STORES = sorted(FIXTURES.glob("store-v*.duckdb.gz"))

_spec = importlib.util.spec_from_file_location("make_store", FIXTURES / "make_store.py")
make_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_store)


def unpack(fixture: Path, tmp_path: Path) -> tuple[Path, dict]:
    db = tmp_path / fixture.name.removesuffix(".gz")
    with gzip.open(fixture, "rb") as src, open(db, "wb") as out:
        shutil.copyfileobj(src, out)
    manifest = json.loads(fixture.with_name(fixture.name.replace(".duckdb.gz", ".json")).read_text())
    return db, manifest


def check_records(con: duckdb.DuckDBPyConnection, manifest: dict) -> None:
    for table, want in manifest["tables"].items():
        if table == "meta":  # settings of the file: kept, save the ones an upgrade sets
            rows = dict(con.execute("SELECT key, value FROM meta").fetchall())
            assert rows["schema_version"] == SCHEMA_VERSION
            kept = {k: v for k, v in manifest["meta"].items() if k not in ("schema_version", "views")}
            assert kept.items() <= rows.items()
            continue
        got = make_store.rows_digest(con, table, want["columns"])
        assert got == {"count": want["count"], "sha1": want["sha1"]}, table


def test_there_is_a_fixture_of_the_current_version():
    assert FIXTURES / f"store-v{SCHEMA_VERSION}.duckdb.gz" in STORES, \
        "a schema bump needs its fixture: run tests/reliability/fixtures/make_store.py"
    for fixture in STORES:
        assert fixture.stat().st_size < 200_000


@pytest.mark.parametrize("fixture", STORES, ids=lambda p: p.name)
def test_an_old_store_opens_and_keeps_every_record(fixture, tmp_path):
    db, manifest = unpack(fixture, tmp_path)
    old = manifest["schema_version"]
    if old != SCHEMA_VERSION:
        with pytest.raises(SchemaVersionError, match="older hudhud"):
            Store(db, read_only=True)  # cannot upgrade without writing: says how
    with Store(db) as store:
        check_records(store.connection, manifest)
        counts = store.counts()
        assert counts["documents"] == manifest["tables"]["documents"]["count"]
        assert store.events() and store.actors()
    with Store(db, read_only=True) as store:  # upgraded in place: now it reads
        check_records(store.connection, manifest)
        tables = {r[0] for r in store.connection.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"judgements", "event_clusters", "doc_sources", "doc_fingerprints"} <= tables


@pytest.mark.parametrize("fixture", STORES, ids=lambda p: p.name)
def test_the_workbench_serves_an_upgraded_store(fixture, tmp_path):
    from fastapi.testclient import TestClient

    from hudhud.web import create_app

    db, manifest = unpack(fixture, tmp_path)
    Store(db).close()
    app = create_app(db)
    try:
        with TestClient(app) as client:
            data = client.get("/api/overview").json()
            assert data["counts"]["documents"] == manifest["tables"]["documents"]["count"]
            doc = client.get("/api/documents/fx-01")
            assert doc.status_code == 200 and "Erbil" in doc.json()["document"]["text"]
    finally:
        app.state.store.close()


def _v1_from_current(path: Path) -> dict:
    """A store of the current version made to look like version 1: the tables
    version 2 added are dropped (their rows are what version 1 could not keep)."""
    with Store(path) as store:
        con = store.connection
        con.execute("INSERT INTO meta VALUES ('note', 'kept')").fetchall()
        con.execute("INSERT INTO judgements VALUES ('j', 'merge', 'a', 'b', 'A', 'B', NULL, NULL)").fetchall()
        for table in ("judgements", "event_clusters", "doc_sources", "doc_fingerprints"):
            con.execute(f"DROP TABLE {table}").fetchall()
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'").fetchall()
        return {t: make_store.table_digest(con, t) for t in make_store.base_tables(con)}


def _write_sample(path: Path) -> None:
    from hudhud.model import Actor, Document, DocumentAnalysis, Event, Evidence

    text = "Rebels shelled the town of Marib on Sunday."
    doc = Document(id="d1", text=text, published="2021-02-07")
    ev = Evidence(0, 0, 29, text[:29])
    analysis = DocumentAnalysis("d1", "2021-02-07", "test", sentences=[(0, len(text))], actors=[
        Actor("rebels", "Rebels", "group", mentions=[Evidence(0, 0, 6, "Rebels")]),
        Actor("marib", "Marib", "group")])
    analysis.events = [Event("rebels", "ASSAULT", "190", "marib", ev)]
    with Store(path) as store:
        assert store.write(doc, analysis)


def test_a_simulated_version_1_store_is_upgraded(tmp_path):
    path = tmp_path / "s.duckdb"
    _write_sample(path)
    before = _v1_from_current(path)
    with pytest.raises(SchemaVersionError):
        Store(path, read_only=True)
    with Store(path) as store:
        con = store.connection
        assert store._version() == SCHEMA_VERSION
        for table, want in before.items():
            if table != "meta":
                assert make_store.rows_digest(con, table, want["columns"]) == \
                    {"count": want["count"], "sha1": want["sha1"]}, table
        assert dict(con.execute("SELECT key, value FROM meta").fetchall())["note"] == "kept"
        for table in ("judgements", "event_clusters", "doc_sources", "doc_fingerprints"):
            assert con.execute(f"SELECT count(*) FROM {table}").fetchall() == [(0,)]


def test_a_failed_step_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "s.duckdb"
    _write_sample(path)
    before = _v1_from_current(path)

    def half_done(store):
        store.connection.execute("CREATE TABLE judgements (id VARCHAR)").fetchall()
        raise RuntimeError("disk full")

    monkeypatch.setitem(migrations.MIGRATIONS, 1, half_done)
    with pytest.raises(RuntimeError, match="disk full"):
        Store(path)
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert {t: make_store.table_digest(con, t) for t in make_store.base_tables(con)} == before
    finally:
        con.close()


@pytest.mark.parametrize("version", ["99", "0", "abc"])
@pytest.mark.parametrize("read_only", [True, False])
def test_newer_or_unknown_versions_are_refused_untouched(tmp_path, version, read_only):
    path = tmp_path / "s.duckdb"
    _write_sample(path)
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [version]).fetchall()
    con.close()
    with pytest.raises(SchemaVersionError, match="schema version"):
        Store(path, read_only=read_only)
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [(version,)]
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]
    finally:
        con.close()


def test_every_step_up_to_the_current_version_exists():
    assert sorted(migrations.MIGRATIONS) == list(range(1, int(SCHEMA_VERSION)))


def test_upgrade_file_reports_the_versions(tmp_path):
    db, manifest = unpack(STORES[0], tmp_path)
    assert upgrade_file(db) == (manifest["schema_version"], SCHEMA_VERSION)
    assert upgrade_file(db) == (SCHEMA_VERSION, SCHEMA_VERSION)
    with pytest.raises(Exception, match="no store"):
        upgrade_file(tmp_path / "missing.duckdb")
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(Exception, match="not a hudhud store"):
        upgrade_file(other)
