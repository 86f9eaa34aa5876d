"""Reading gold/prediction JSONL: bad lines name file:line."""

import json

import pytest

from hudhud.errors import GoldFormatError
from hudhud.evaluate.gold import read_jsonl, validate_record, validate_records


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_records_and_fills_missing_lists(tmp_path):
    path = _write(tmp_path / "g.jsonl", [json.dumps({"doc_id": "a"}), "", json.dumps({"doc_id": "b", "actors": []})])
    docs = read_jsonl(path)
    assert list(docs) == ["a", "b"]
    assert docs["a"]["events"] == [] and docs["a"]["places"] == []


@pytest.mark.parametrize(
    "line, needle",
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "JSON object"),
        (json.dumps({"actors": []}), "doc_id"),
        (json.dumps({"doc_id": "x", "events": {}}), "'events' must be a list"),
        (json.dumps({"doc_id": "x", "actors": [{"id": "a"}]}), "lacks name"),
        (json.dumps({"doc_id": "x", "affiliations": [{"subject": "a", "object": "b"}]}), "lacks relation"),
        (json.dumps({"doc_id": "x", "places": [{"name": "Mosul", "lat": "36"}]}), "number or null"),
        (json.dumps({"doc_id": "x", "actors": [{"id": "a", "name": "A", "aliases": "A"}]}), "aliases"),
    ],
)
def test_bad_line_names_file_and_line(tmp_path, line, needle):
    path = _write(tmp_path / "bad.jsonl", [json.dumps({"doc_id": "ok"}), line])
    with pytest.raises(GoldFormatError) as info:
        read_jsonl(path)
    assert f"{path}:2" in str(info.value)
    assert needle in str(info.value)
    assert info.value.code == "H040"


def test_duplicate_doc_id_is_an_error(tmp_path):
    path = _write(tmp_path / "dup.jsonl", [json.dumps({"doc_id": "a"}), json.dumps({"doc_id": "a"})])
    with pytest.raises(GoldFormatError, match="dup.jsonl:2.*duplicate"):
        read_jsonl(path)


def test_missing_file(tmp_path):
    with pytest.raises(GoldFormatError, match="cannot read"):
        read_jsonl(tmp_path / "nope.jsonl")


def test_in_memory_records_name_their_index():
    with pytest.raises(GoldFormatError, match=r"pred\[1\]"):
        validate_records([{"doc_id": "a"}, {"doc_id": ""}], "pred")
    assert validate_record({"doc_id": "a"}, "x")["quotes"] == []
