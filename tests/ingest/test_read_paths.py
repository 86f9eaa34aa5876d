import gzip
import json

import pytest

import hudhud.ingest as ingest
from hudhud.errors import InputError
from hudhud.ingest import read_paths, read_text
from hudhud.ingest.docid import text_id
from hudhud.model import Document

ARTICLE = "The two delegations met in Geneva on Thursday.\n\nNo date was set for a second round."


def _corpus(root):
    (root / "b").mkdir()
    (root / "b" / "story.txt").write_text("Geneva talks\n\n" + ARTICLE, encoding="utf-8")
    (root / "a.jsonl").write_text(json.dumps({"text": ARTICLE, "published": "2018-01-11"}) + "\n{oops\n",
                                  encoding="utf-8")
    (root / "c.txt").write_bytes(b"")
    (root / "d.txt").write_bytes(b"\x00\x01\x02binary")
    (root / "e.html").write_text("<html><body><p>Too short.</p><script>HIDDEN()</script></body></html>",
                                 encoding="utf-8")
    (root / "f.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00broken")
    (root / "g.csv").write_text("text\n", encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4")
    (root / ".hidden.txt").write_text("Secret\n\nNot to be read.", encoding="utf-8")


def test_mixed_folder_never_raises_and_reports_each_problem(tmp_path):
    _corpus(tmp_path)
    items = list(read_paths([tmp_path]))
    origins = [(type(i).__name__, i.origin[len(str(tmp_path)) + 1:]) for i in items]
    assert origins == [
        ("Document", "a.jsonl:1"),
        ("InputError", "a.jsonl:2"),
        ("Document", "b/story.txt"),
        ("InputError", "c.txt"),
        ("InputError", "d.txt"),
        ("Document", "e.html"),
        ("InputError", "f.jsonl.gz"),
        ("InputError", "g.csv"),
    ]
    errors = {i.origin.rsplit("/", 1)[1]: i.message for i in items if isinstance(i, InputError)}
    assert errors["c.txt"].endswith(": empty file")
    assert errors["d.txt"].endswith(": binary file, not text")
    assert "truncated gzip" in errors["f.jsonl.gz"]
    assert all("\n" not in m for m in errors.values())
    html = [i for i in items if isinstance(i, Document) and i.origin.endswith("e.html")][0]
    assert "HIDDEN" not in html.text and "<" not in html.text
    assert list(read_paths([tmp_path])) != [] and [repr(i) for i in read_paths([tmp_path])] == [
        repr(i) for i in items]  # deterministic


def test_same_article_in_two_formats_gets_one_id(tmp_path):
    _corpus(tmp_path)
    docs = [i for i in read_paths([tmp_path / "a.jsonl", tmp_path / "b"]) if isinstance(i, Document)]
    assert len(docs) == 2
    assert docs[0].id == docs[1].id == text_id(ARTICLE)
    assert docs[1].title == "Geneva talks"


def test_default_published(tmp_path):
    _corpus(tmp_path)
    docs = [i for i in read_paths([tmp_path], published="11 January 2018") if isinstance(i, Document)]
    assert {d.published for d in docs} == {"2018-01-11"}
    with pytest.raises(InputError):
        read_paths([tmp_path], published="next week")


def test_explicit_unknown_suffix_and_missing_path(tmp_path):
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    first, second = read_paths([pdf, tmp_path / "missing.jsonl"])
    assert isinstance(first, InputError) and first.origin == str(pdf) and "unsupported file type" in first.message
    assert isinstance(second, InputError) and "no such file" in second.message


def test_a_crashing_reader_becomes_an_input_error(tmp_path, monkeypatch):
    def broken(entry, published):
        yield read_text("First document survives.")
        raise RuntimeError("parser bug")

    monkeypatch.setitem(ingest.READERS, "text", broken)
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    doc, error = read_paths([path])
    assert doc.text == "First document survives."
    assert isinstance(error, InputError) and "parser bug" in error.message


def test_gzipped_text(tmp_path):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress("Headline\n\nBody text.".encode()))
    (doc,) = read_paths([path])
    assert doc.title == "Headline" and doc.text == "Body text."


def test_read_text():
    doc = read_text("  Iran  condemned the strike.\r\n", title="Reaction", published="Jan 5, 2020",
                    origin="api")
    assert doc.text == "Iran condemned the strike."
    assert doc.id == text_id("Iran condemned the strike.")
    assert (doc.title, doc.published, doc.origin) == ("Reaction", "2020-01-05", "api")
    assert read_text("x", doc_id="seed-000").id == "seed-000"
    with pytest.raises(InputError):
        read_text(" \n ")
