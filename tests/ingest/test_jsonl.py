import gzip
import json
import tracemalloc
from itertools import islice

from hudhud.errors import InputError
from hudhud.ingest import read_paths
from hudhud.ingest.jsonl import parse_lines
from hudhud.ingest.lines import iter_lines
from hudhud.ingest.source import inspect
from hudhud.model import Document

LINES = [
    json.dumps({"id": "a1", "text": "Protesters gathered in Tahrir Square.", "mood": "tense"}),
    '{"id": "a2", "text": "unterminated',
    json.dumps({"id": "a3", "title": "No body here"}),
    "",
    json.dumps(["not", "an", "object"]),
    json.dumps({"body": "Parliament met in Beirut.", "date": "2020-08-10T12:00:00Z"}),
    json.dumps({"text": "   "}),
]


def split(items):
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    return docs, errors


def test_bad_lines_are_reported_and_good_lines_come_out(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    docs, errors = split(list(read_paths([path])))
    assert [d.id for d in docs] == ["a1", docs[1].id]
    assert docs[1].text == "Parliament met in Beirut." and docs[1].published == "2020-08-10"
    assert docs[0].origin == f"{path}:1" and docs[1].origin == f"{path}:6"
    assert [e.origin for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:5", f"{path}:7"]
    assert "malformed JSON" in errors[0].message
    assert "no text" in errors[1].message
    assert "not a JSON object" in errors[2].message
    assert "empty text" in errors[3].message
    assert all("\n" not in e.message for e in errors)


def test_bad_utf8_line_names_the_line(tmp_path):
    path = tmp_path / "news.jsonl"
    good = json.dumps({"text": "Good line."}).encode()
    path.write_bytes(good + b"\n" + b'{"text": "caf\xe9"}\n' + good.replace(b"Good", b"Fine") + b"\n")
    docs, errors = split(list(read_paths([path])))
    assert [d.text for d in docs] == ["Good line.", "Fine line."]
    (error,) = errors
    assert error.origin == f"{path}:2"
    assert "not valid UTF-8" in error.message and "line 2" in error.message


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "Talks in Doha."}\n'))
    (doc,) = read_paths([path])
    assert doc.text == "Talks in Doha." and doc.origin == f"{path}:1"


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    data = gzip.compress("".join(json.dumps({"text": f"Item {i}."}) + "\n" for i in range(5000)).encode())
    path.write_bytes(data[: len(data) * 2 // 3])
    docs, errors = split(list(read_paths([path])))
    assert docs and len(docs) < 5000
    (error,) = errors
    assert error.origin == str(path) and "truncated gzip" in error.message


def test_blank_only_file_is_empty(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n\n" + " " * 9000 + "\n", encoding="utf-8")
    (error,) = read_paths([path])
    assert isinstance(error, InputError) and "empty file" in error.message


def _write_big(path, n):
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": i, "text": f"Report {i} from the field office."}) + "\n")


def test_100k_lines_stream(tmp_path):
    path = tmp_path / "big.jsonl"
    _write_big(path, 100_000)
    consumed = 0

    def counting(lines):
        nonlocal consumed
        for line in lines:
            consumed += 1
            yield line

    docs = parse_lines(str(path), counting(iter_lines(inspect(str(path), False))), None)
    first = next(docs)
    assert first.id == "0" and consumed == 1  # one line read for one document
    assert next(docs).id == "1" and consumed == 2

    # Through the public entry point: reading the first thousand records must not
    # hold the whole (several-megabyte) file in memory.
    tracemalloc.start()
    try:
        got = list(islice(read_paths([path]), 1000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.id for d in got[:3]] == ["0", "1", "2"] and got[-1].origin == f"{path}:1000"
    assert peak < path.stat().st_size / 4
