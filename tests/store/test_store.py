import duckdb
import pytest

from hudhud.errors import StoreError
from hudhud.model import Document, DocumentAnalysis
from hudhud.store import SCHEMA_VERSION, Store
from hudhud.store.schema import DOCUMENT_TABLES

from . import samples

EMPTY = {"documents": 0, "actors": 0, "doc_actors": 0, "mentions": 0, "affiliations": 0,
         "events": 0, "quotes": 0, "places": 0}
FULL = {"documents": 3, "actors": 0, "doc_actors": 10, "mentions": 13, "affiliations": 4,
        "events": 3, "quotes": 1, "places": 2}


def _rows_of(store, doc_id):
    con = store.connection
    return {t: con.execute(f"SELECT count(*) FROM {t} WHERE "
                           f"{'id' if t == 'documents' else 'doc_id'} = ?", [doc_id]).fetchall()[0][0]
            for t in DOCUMENT_TABLES}


def test_new_store_is_empty_and_versioned(store):
    assert store.counts() == EMPTY
    assert store.connection.execute(
        "SELECT value FROM meta WHERE key = 'schema_version'").fetchall()[0][0] == SCHEMA_VERSION


def test_write_and_read_back(store, docs):
    for doc, analysis in docs:
        assert store.write(doc, analysis) is True
    assert store.counts() == FULL
    for doc, analysis in samples.samples():
        assert store.has_document(doc.id)
        assert store.analysis(doc.id) == analysis
    assert list(store.documents()) == [d for d, _ in samples.samples()]
    assert store.analysis("nope") is None
    assert not store.has_document("nope")


def test_iter_analyses_in_ingest_order(filled):
    got = list(filled.iter_analyses(batch_size=2))
    assert [s.document.id for s in got] == ["d1", "d2", "d3"]
    assert [s.analysis for s in got] == [a for _, a in samples.samples()]
    assert got[0].actor_ids == {a.id: None for a in got[0].analysis.actors}  # before resolve


def test_same_document_is_stored_once(filled):
    doc, analysis = samples.doc1()
    doc.title = "changed"
    assert filled.write(doc, analysis) is False
    assert filled.counts() == FULL
    assert next(filled.documents()).title == "Rockets hit base near Erbil"


def test_failing_write_leaves_nothing_and_store_still_works(store):
    doc, analysis = samples.doc1()
    # The event table refuses an unknown type; by then the document row,
    # its actors, mentions and affiliations are already inserted.
    analysis.events[1].type = "EXPLODE"
    with pytest.raises(StoreError, match="d1"):
        store.write(doc, analysis)
    assert not store.has_document("d1")
    assert all(n == 0 for n in _rows_of(store, "d1").values())
    assert store.counts() == EMPTY
    assert store.write(*samples.doc1()) is True
    assert store.analysis("d1") == samples.doc1()[1]


def test_failing_write_on_a_bad_value(store):
    doc, analysis = samples.doc2()
    analysis.places[0].geonameid = "not a number"
    with pytest.raises(StoreError):
        store.write(doc, analysis)
    assert store.counts() == EMPTY


def test_analysis_for_another_document_is_refused(store):
    doc, _ = samples.doc1()
    _, other = samples.doc2()
    with pytest.raises(StoreError):
        store.write(doc, other)
    assert not store.has_document("d1")


def test_write_many_skips_known_and_bad_documents(store):
    store.write(*samples.doc3())
    bad_doc, bad = samples.doc2()
    bad.affiliations[0].relation = "friend_of"
    failed = []
    items = [samples.doc1(), samples.doc1(), (bad_doc, bad), samples.doc3()]
    n = store.write_many(items, batch_size=10, on_error=lambda d, e: failed.append(d.id))
    assert n == 1
    assert failed == ["d2"]
    assert [d.id for d in store.documents()] == ["d3", "d1"]
    assert store.analysis("d1") == samples.doc1()[1]
    assert all(v == 0 for v in _rows_of(store, "d2").values())


def test_write_many_in_small_batches(store):
    assert store.write_many(samples.samples(), batch_size=2) == 3
    assert store.counts() == FULL
    assert store.write_many(samples.samples()) == 0


def test_write_many_logs_failures_by_default(store, caplog):
    doc, bad = samples.doc1()
    bad.events[0].type = "nonsense"
    assert store.write_many([(doc, bad), samples.doc3()]) == 1
    assert "d1" in caplog.text


def test_reopen_keeps_everything(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.write_many(samples.samples())
    with Store(path) as s:
        assert s.counts() == FULL
        assert s.analysis("d2") == samples.doc2()[1]
        assert s.write(*samples.doc2()) is False


def test_read_only_store_can_query_but_not_write(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.write_many(samples.samples())
    with Store(path, read_only=True) as s:
        assert s.counts() == FULL
        assert s.analysis("d1") == samples.doc1()[1]
        assert len(s.events()) == 3
        with pytest.raises(StoreError):
            s.write(Document(id="x", text="x"), DocumentAnalysis(doc_id="x", published=None,
                                                                 version="v"))


def test_read_only_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.duckdb", read_only=True)
    duckdb.connect(str(tmp_path / "other.duckdb")).close()
    with pytest.raises(StoreError):
        Store(tmp_path / "other.duckdb", read_only=True)


def test_other_schema_version_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.connection.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version"):
        Store(path)


def test_dates_are_date_columns(filled):
    kinds = dict(filled.connection.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = 'events'").fetchall())
    assert kinds["date"] == "DATE"
    assert filled.connection.execute(
        "SELECT max(published) FROM documents").fetchall()[0][0].isoformat() == "2024-02-12"


def test_store_creates_its_folder_and_runs_in_memory(tmp_path):
    with Store(tmp_path / "a" / "b" / "s.duckdb") as s:
        assert s.write(*samples.doc3())
    with Store(":memory:") as s:
        assert s.write_many(samples.samples()) == 3
