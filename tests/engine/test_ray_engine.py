"""The Ray engine on a local instance of 2 CPUs: the same records as the local engine."""

from __future__ import annotations

from importlib import resources

import pytest

from hudhud.engine.pipeline import ingest
from hudhud.errors import HudhudError
from hudhud.export import export
from hudhud.store import Store

DEMO = str(resources.files("hudhud").joinpath("data", "demo", "articles.jsonl"))


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray", reason="ray is an optional extra: pip install 'hudhud[ray]'")
    from hudhud.engine import ray_engine

    started = not ray.is_initialized()
    ray_engine.connect(num_cpus=2)
    yield ray
    if started:
        ray_engine.shutdown()


def test_ray_engine_stores_the_same_records_as_the_local_engine(local_ray, tmp_path):
    local, remote = tmp_path / "local.duckdb", tmp_path / "ray.duckdb"
    a = ingest([DEMO], str(local))
    b = ingest([DEMO], str(remote), workers=2, engine="ray")
    assert a.to_dict() == b.to_dict() and b.stored == 12 and not b.errors
    with Store(local, read_only=True) as x, Store(remote, read_only=True) as y:
        assert x.counts() == y.counts()
        assert x.doc_ids() == y.doc_ids()  # results come back in input order
        assert [e["id"] for e in x.events()] == [e["id"] for e in y.events()]
        export(x, "jsonl", str(tmp_path / "local.jsonl"))
        export(y, "jsonl", str(tmp_path / "ray.jsonl"))
    assert (tmp_path / "local.jsonl").read_text() == (tmp_path / "ray.jsonl").read_text()
    assert local_ray.is_initialized()  # a Ray instance the caller started is left running


def test_unknown_engine_is_refused(tmp_path):
    with pytest.raises(HudhudError) as err:
        ingest([DEMO], str(tmp_path / "x.duckdb"), engine="spark")
    assert "ray" in err.value.hint
