"""`hudhud bench` runs on a tiny corpus and returns its figures with sane types (no timed asserts)."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from hudhud.engine.bench import INCREMENTAL_DOCS, bench, load_documents, machine, render_bench
from hudhud.engine.bench_store import grow, query_latency
from hudhud.store import query

ARTICLES = [
    {"id": "b1", "published": "2022-08-10",
     "text": "Houthi forces fired two missiles at the port of Mocha on Wednesday, the Yemeni "
             "government said, wounding four workers. The coalition said it intercepted a drone."},
    {"id": "b2", "published": "2022-08-11",
     "text": "Hezbollah leader Hassan Nasrallah warned Israel against drilling near the maritime "
             "border. \"Every field is within our reach,\" Nasrallah said in a televised speech."},
]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    corpus = folder / "tiny.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    # One worker: a pool of two would load the model twice more (tens of seconds on a
    # busy CI machine); the pool itself is tested in test_pipeline.py.
    return bench(corpus=str(corpus), docs=4, sizes=(10, 25), workers=1, repeats=3,
                 cache_dir=folder / "cache")


def _number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and x >= 0


def test_bench_returns_the_promised_keys(result):
    assert json.loads(json.dumps(result)) == result  # --json prints it as is
    for key in ("ratio_vs_spacy", "rss_mb_per_worker", "words_per_s", "spacy_words_per_s",
                "docs_per_s"):
        assert _number(result[key]), key
    assert "scaling_2_workers" in result and result["scaling_2_workers"] is None  # one worker only
    assert result["docs"] == 4 and result["words"] > 0
    assert set(result["query_p95_ms"]) == {"10", "25"}
    assert all(_number(v) for v in result["query_p95_ms"].values())
    assert [p["workers"] for p in result["pool"]] == [1]
    assert 0 < result["rss_mb_per_worker"] < 100_000


def test_bench_measures_store_ingest_dedup_and_geoparser(result):
    assert result["store_write"]["records"] > 0 and _number(result["store_write"]["records_per_s"])
    assert result["ingest"]["stored"] == 4
    assert result["dedup"]["duplicates"] >= 0
    geo = result["geoparser"]
    assert geo["mentions"] >= geo["resolved"] >= 0 and _number(geo["mentions_per_s"])
    for size, q in result["queries"].items():
        assert q["documents"] == int(size)
        for name in ("actor_profile", "actor_profile_deep", "actor_profile_full", "event_filter",
                     "network"):
            assert q[name]["p50"] <= q[name]["p95"]
        assert q["store_mb"] > 0 and q["actor_profile"]["records_max"] > 0
        step = q["ingest_20"]
        assert _number(q["ingest_20_s"]) and step["docs"] == INCREMENTAL_DOCS
        # The grown store was resolved in full, so the new articles take the incremental path.
        assert step["stages"]["mode"] == "incremental"
        assert all(_number(step["stages"][k]) for k in ("analyse", "write", "resolve", "profile"))
    assert set(result["ingest_20_s"]) == {"10", "25"}


def test_render_bench_prints_a_table(result):
    out = io.StringIO()
    render_bench(result, Console(file=out, width=120))
    text = out.getvalue()
    assert "ratio to bare spaCy" in text and "query latency" in text
    assert "incremental ingest" in text


def test_documents_are_cycled_under_new_ids():
    docs = load_documents(None, 30)
    assert len(docs) == 30 and len({d.id for d in docs}) == 30
    assert docs[12].text == docs[0].text and docs[12].id != docs[0].id


def test_grown_store_clones_every_record(tmp_path):
    from hudhud.engine.pipeline import ingest
    from hudhud.store import Store

    corpus = tmp_path / "tiny.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    template = tmp_path / "t.duckdb"
    ingest([str(corpus)], str(template))
    grown = grow(template, 5, tmp_path / "g.duckdb")
    with Store(template, read_only=True) as t, Store(grown, read_only=True) as g:
        tc, gc = t.counts(), g.counts()
        assert gc["documents"] == 5 and gc["actors"] == tc["actors"]
        assert gc["events"] == 3 * t.connection.execute(
            "SELECT count(*) FROM events WHERE doc_id = 'b1'").fetchall()[0][0] + 2 * t.connection.execute(
            "SELECT count(*) FROM events WHERE doc_id = 'b2'").fetchall()[0][0]
        # Clones keep their global actors, and the precomputed profile is refreshed:
        # it lists every copy's records, as the views do.
        ids = [r[0] for r in g.connection.execute("SELECT id FROM actors").fetchall()]
        assert ids
        for aid in ids:
            full = query.actor_profile(g.connection, aid)
            got = g.actor_profile(aid, limit=None)
            for part in ("affiliations", "events_as_source", "events_as_target", "quotes"):
                assert got[part] == full[part] and got["totals"][part] == len(full[part])
        source = g.connection.execute("SELECT source_actor_id FROM events_v WHERE source_actor_id "
                                      "IS NOT NULL LIMIT 1").fetchall()
        if source:
            assert g.actor_profile(source[0][0])["totals"]["events_as_source"] >= 2
        # Resolved as an ingest leaves a store: every event with a source has a cluster.
        clustered, sourced = g.connection.execute(
            "SELECT (SELECT count(*) FROM event_clusters), "
            "(SELECT count(*) FROM events_v WHERE source_actor_id IS NOT NULL)").fetchall()[0]
        assert clustered == sourced
    assert query_latency(grown, repeats=2)["documents"] == 5


def test_clones_are_cached_per_schema_and_grow_version(tmp_path, monkeypatch):
    from hudhud.engine import bench_store
    from hudhud.store import Store

    template = tmp_path / "t.duckdb"
    Store(template).close()
    key = bench_store.template_key(template)
    monkeypatch.setattr(bench_store, "SCHEMA_VERSION", "999")
    assert bench_store.template_key(template) != key
    monkeypatch.undo()
    monkeypatch.setattr(bench_store, "GROW_VERSION", "999")
    assert bench_store.template_key(template) != key


def test_machine_names_cpus_and_memory():
    m = machine()
    assert m["nproc"] >= 1 and (m["ram_gb"] is None or m["ram_gb"] > 0)
