"""Schema version 3: a store written by the version-2 hudhud opens, gets the actors'
counts and the profile tables, filled as a resolve would fill them."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import duckdb
import pytest

from hudhud.store import SCHEMA_VERSION, Store, migrations, profiles
from hudhud.store.migrations import SchemaVersionError

from .test_profiles import assert_agrees_with_views

# Written by the version-2 code (tests/reliability/fixtures/make_store.py) and never
# regenerated: six short articles, ingested and resolved.
V2 = Path(__file__).parents[1] / "reliability" / "fixtures" / "store-v2.duckdb.gz"


@pytest.fixture
def v2_store(tmp_path):
    db = tmp_path / "v2.duckdb"
    with gzip.open(V2, "rb") as src, open(db, "wb") as out:
        shutil.copyfileobj(src, out)
    return db


def _tables(con):
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def test_the_fixture_is_a_version_2_store_without_the_new_tables(v2_store):
    con = duckdb.connect(str(v2_store), read_only=True)
    try:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("2",)]
        assert not set(profiles.TABLES) & _tables(con)
        cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                          "WHERE table_name = 'actors'").fetchall()]
        assert "mentions" not in cols
    finally:
        con.close()


def test_version_2_opens_as_3_with_the_profile_filled(v2_store):
    assert SCHEMA_VERSION == "3"
    with pytest.raises(SchemaVersionError, match="older hudhud"):
        Store(v2_store, read_only=True)
    with Store(v2_store) as store:
        assert store._version() == "3"
        assert set(profiles.TABLES) <= _tables(store.connection)
        assert_agrees_with_views(store)
        kh = store.actor_profile("Kataib Hezbollah")
        assert kh is not None and kh["actor"]["mentions"] > 0
        assert sum(kh["totals"].values()) > 0
    with Store(v2_store, read_only=True) as store:  # upgraded in place: now it reads
        assert store.actor_profile("Kataib Hezbollah")["totals"] == kh["totals"]


def test_the_step_from_2_is_registered():
    assert migrations.MIGRATIONS[2] is migrations.add_profile_tables
    assert migrations.steps("2", "x") == [2]
    assert migrations.steps("1", "x") == [1, 2]
