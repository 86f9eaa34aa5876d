"""Ingest into a Parquet dataset (`--out parquet://DIR`), read it with DuckDB, load it into a store."""

from __future__ import annotations

import json

import duckdb
import pytest

from hudhud.engine.pipeline import ingest
from hudhud.engine.sink import ParquetSink, load_parquet, open_sink
from hudhud.errors import HudhudError
from hudhud.store import Store

ARTICLES = [
    {"id": "p1", "published": "2021-03-02", "url": "https://example.org/p1",
     "text": "Turkish drones struck a convoy near Qamishli on Monday, killing three fighters, "
             "the Syrian Democratic Forces said. \"This attack will not go unanswered,\" "
             "an SDF spokesman told reporters."},
    {"id": "p2", "published": "2021-03-03",
     "text": "The Iraqi foreign ministry summoned the Turkish ambassador in Baghdad on Tuesday "
             "to protest against the shelling of villages in Duhok province."},
]


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return str(path)


def _ids(con, sql):
    return sorted(r[0] for r in con.execute(sql).fetchall())


def test_parquet_dataset_holds_the_same_records_as_a_store(tmp_path, corpus):
    db, out = tmp_path / "s.duckdb", tmp_path / "ds"
    ingest([corpus], str(db))
    summary = ingest([corpus], "unused.duckdb", out=f"parquet://{out}")
    assert summary.stored == 2 and not summary.errors and summary.resolve == {}
    assert not (tmp_path / "unused.duckdb").exists()
    with Store(db, read_only=True) as store:
        con = store.connection
        for table in ("documents", "events", "quotes", "mentions", "places"):
            key = "id"
            assert _ids(con, f"SELECT {key} FROM {table}") == _ids(
                duckdb, f"SELECT {key} FROM read_parquet('{out}/{table}/*.parquet')"), table

    again = ingest([corpus], "unused.duckdb", out=f"parquet://{out}")
    assert (again.stored, again.skipped) == (0, 2)

    merged = tmp_path / "merged.duckdb"
    added = load_parquet(str(out), str(merged))
    assert added["documents"] == 2
    assert load_parquet(str(out), str(merged))["documents"] == 0  # loading twice adds nothing
    with Store(merged, read_only=True) as a, Store(db, read_only=True) as b:
        counts = b.counts()
        counts["actors"] = 0  # the store resolved; the loaded dataset not yet
        assert a.counts() == counts
        assert a.analysis("p1") == b.analysis("p1")


def test_open_sink_names_the_output(tmp_path):
    assert isinstance(open_sink("x.duckdb", f"parquet://{tmp_path / 'ds'}"), ParquetSink)
    for bad in ("s3://bucket/x", "parquet://"):
        with pytest.raises(HudhudError) as err:
            open_sink(str(tmp_path / "x.duckdb"), bad)
        assert err.value.hint


def test_a_parquet_dataset_reports_a_changed_text_it_cannot_replace(tmp_path, corpus):
    out = tmp_path / "ds"
    ingest([corpus], "unused.duckdb", out=f"parquet://{out}")
    before = _ids(duckdb, f"SELECT id || md5(text) FROM read_parquet('{out}/documents/*.parquet')")
    fixed = tmp_path / "fixed.jsonl"
    fixed.write_text(json.dumps({**ARTICLES[1], "text": ARTICLES[1]["text"] + " A correction."}) + "\n",
                     encoding="utf-8")
    summary = ingest([str(fixed)], "unused.duckdb", out=f"parquet://{out}")
    assert summary.stored == 0 and not summary.replaced and len(summary.errors) == 1
    assert "Error [H084]" in summary.errors[0] and "p2" in summary.errors[0]
    assert _ids(duckdb, f"SELECT id || md5(text) FROM read_parquet('{out}/documents/*.parquet')") == before
