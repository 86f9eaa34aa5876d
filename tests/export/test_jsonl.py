import json

import pytest

from hudhud.errors import HudhudError
from hudhud.export import export
from hudhud.resolve import resolve

DOC_KEYS = {"doc_id", "published", "title", "url", "actors", "affiliations", "events",
            "quotes", "places"}
ACTOR_KEYS = {"id", "name", "kind", "country", "aliases", "actor_id", "kb_id"}
SPAN_KEYS = {"evidence", "evidence_span"}
AFFILIATION_KEYS = {"subject", "relation", "object", "date"} | SPAN_KEYS
EVENT_KEYS = {"source", "type", "cameo", "target", "date", "place", "killed", "wounded",
              "goldstein", "quad", "pattern", "reported_by"} | SPAN_KEYS
QUOTE_KEYS = {"speaker", "text"} | SPAN_KEYS
PLACE_KEYS = {"name", "lat", "lon", "country", "geonameid", "feature"} | SPAN_KEYS


@pytest.fixture
def lines(filled, tmp_path):
    resolve(filled)
    path = tmp_path / "out" / "export.jsonl"
    assert export(filled, "jsonl", path) == {"documents": 3, "files": [str(path)]}
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_one_line_per_document_in_order_with_format_keys(lines):
    assert [d["doc_id"] for d in lines] == ["d1", "d2", "d3"]
    for d in lines:
        assert set(d) == DOC_KEYS
        assert all(set(a) == ACTOR_KEYS for a in d["actors"])
        assert all(set(r) == AFFILIATION_KEYS for r in d["affiliations"])
        assert all(set(r) == EVENT_KEYS for r in d["events"])
        assert all(set(r) == QUOTE_KEYS for r in d["quotes"])
        assert all(set(r) == PLACE_KEYS for r in d["places"])


def test_document_with_no_records_has_empty_lists(lines):
    d3 = lines[2]
    assert d3["published"] == "2024-02-12"
    assert all(d3[k] == [] for k in ("actors", "affiliations", "events", "quotes", "places"))


def test_only_actors_in_records_with_local_and_global_ids(lines, docs):
    d1, d2 = lines[0], lines[1]
    assert [a["id"] for a in d1["actors"]] == [
        "kataib-hezbollah", "us", "iran", "pmf", "lloyd-austin"]
    # The Iraqi government is mentioned in d2 but takes part in no record;
    # the officials only report an event.
    assert [a["id"] for a in d2["actors"]] == ["iraqi-officials", "kataib-hezbollah", "us", "pmf"]
    kh1 = d1["actors"][0]
    kh2 = d2["actors"][1]
    assert kh1["actor_id"] == kh2["actor_id"] and kh1["kb_id"] == "Q1" and kh2["kb_id"] is None
    assert kh2["aliases"] == ["Kata'ib Hezbollah", "Hezbollah Brigades"]
    assert d1["events"][0]["source"] == "kataib-hezbollah"
    assert d2["events"][0]["reported_by"] == "iraqi-officials"


def test_evidence_slices_the_document(lines, docs):
    texts = {doc.id: doc.text for doc, _ in docs}
    n = 0
    for d in lines:
        for kind in ("affiliations", "events", "quotes", "places"):
            for r in d[kind]:
                span = r["evidence_span"]
                assert texts[d["doc_id"]][span["start"]:span["end"]] == r["evidence"]
                n += 1
    assert n == 10


def test_stdout(filled, capsys):
    assert export(filled, "jsonl", "-")["documents"] == 3
    out = capsys.readouterr().out.splitlines()
    assert [json.loads(x)["doc_id"] for x in out] == ["d1", "d2", "d3"]


def test_export_from_a_store_path_before_resolve(filled, tmp_path):
    path = filled.path
    filled.close()
    target = tmp_path / "x.jsonl"
    assert export(path, "JSONL", target)["documents"] == 3
    first = json.loads(target.read_text().splitlines()[0])
    assert first["actors"][0]["actor_id"] is None


def test_unknown_format(filled, tmp_path):
    with pytest.raises(HudhudError, match="xml"):
        export(filled, "xml", tmp_path / "x")
