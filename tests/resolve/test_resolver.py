import pytest

from hudhud.errors import StoreError
from hudhud.resolve import resolve
from hudhud.store import Store


def _tables(store):
    con = store.connection
    return (con.execute("SELECT * FROM actors ORDER BY id").fetchall(),
            con.execute("SELECT * FROM actor_aliases ORDER BY actor_id, alias").fetchall(),
            con.execute("SELECT doc_id, id, actor_id FROM doc_actors ORDER BY ALL").fetchall())


def test_resolve_fills_global_actors(filled):
    out = resolve(filled)
    # 10 document actors: KH (kb, and by key from d2), US (kb) and PMF (name key)
    # appear in both documents.
    assert out | {"event_clusters": 0} == {"actors": 7, "doc_actors": 10, "merged": 3, "event_clusters": 0}
    assert filled.counts()["actors"] == 7
    unlinked = filled.connection.execute(
        "SELECT count(*) FROM doc_actors WHERE actor_id IS NULL").fetchall()[0][0]
    assert unlinked == 0
    ids = dict(((d, i), a) for d, i, a in _tables(filled)[2])
    assert ids[("d1", "kataib-hezbollah")] == ids[("d2", "kataib-hezbollah")]
    assert ids[("d1", "pmf")] == ids[("d2", "pmf")]
    assert ids[("d1", "us")] == ids[("d2", "us")]
    assert ids[("d1", "iran")] != ids[("d1", "us")]


def test_resolve_is_idempotent(filled):
    resolve(filled)
    first = _tables(filled)
    assert resolve(filled)["actors"] == 7
    assert _tables(filled) == first


def test_resolve_after_more_documents(tmp_path, docs):
    with Store(tmp_path / "s.duckdb") as s:
        s.write(*docs[0])
        assert _actor_counts(resolve(s)) == {"actors": 5, "doc_actors": 5, "merged": 0}
        s.write(*docs[1])
        s.write(*docs[2])
        assert resolve(s)["actors"] == 7


def test_kb_names_name_the_actor(filled):
    resolve(filled, kb_names={"Q1": "Hezbollah Brigades (KH)"})
    assert filled.find_actor("Kataib Hezbollah")["name"] == "Hezbollah Brigades (KH)"


def test_empty_store(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        assert resolve(s) == {"actors": 0, "doc_actors": 0, "merged": 0, "event_clusters": 0}


def test_read_only_store_is_refused(tmp_path, docs):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.write(*docs[0])
    with Store(path, read_only=True) as s, pytest.raises(StoreError):
        resolve(s)


def _actor_counts(result: dict) -> dict:
    return {k: result[k] for k in ("actors", "doc_actors", "merged")}
