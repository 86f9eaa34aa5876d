"""Writing documents: a stored id is skipped unless it is to be replaced, and a
replacement swaps every row of the old version for the new one in one transaction,
keeping the document's place."""

from __future__ import annotations

import dataclasses

import pytest

from hudhud.store.schema import DOCUMENT_TABLES

from . import samples


def _rows(store, doc_id):
    con = store.connection
    return {t: con.execute(f"SELECT count(*) FROM {t} WHERE {'id' if t == 'documents' else 'doc_id'} = ?",
                           [doc_id]).fetchall()[0][0] for t in DOCUMENT_TABLES}


def _shorter(item, note="A correction."):
    """The document with a changed text, and an analysis with its first event only."""
    doc, a = item
    return (dataclasses.replace(doc, text=doc.text + " " + note),
            dataclasses.replace(a, events=a.events[:1], quotes=[]))


def test_a_stored_id_is_skipped_unless_replaced(filled):
    new_doc, new_a = _shorter(samples.doc1())
    assert filled.write_many([(new_doc, new_a)]) == 0
    assert filled.analysis("d1") == samples.doc1()[1]
    seq = filled.connection.execute("SELECT seq FROM documents WHERE id = 'd1'").fetchall()[0][0]
    retired = []
    assert filled.write_many([(new_doc, new_a)], replace={"d1"}, retire=retired.extend) == 1
    assert retired == ["d1"]
    assert filled.analysis("d1") == new_a
    assert next(d for d in filled.documents() if d.id == "d1").text == new_doc.text
    assert filled.connection.execute("SELECT seq FROM documents WHERE id = 'd1'").fetchall()[0][0] == seq
    assert _rows(filled, "d1")["events"] == 1 and _rows(filled, "d1")["quotes"] == 0
    assert filled.counts()["documents"] == 3


def test_a_failed_replacement_leaves_the_old_version(filled):
    before = {doc_id: _rows(filled, doc_id) for doc_id in ("d1", "d2")}

    def broken(docs):
        raise RuntimeError("the disk is full")

    errors = []
    written = filled.write_many([_shorter(samples.doc1()), _shorter(samples.doc2())],
                                replace={"d1", "d2"}, also=broken,
                                on_error=lambda doc, exc: errors.append(doc.id))
    assert written == 0 and errors == ["d1", "d2"]
    assert {doc_id: _rows(filled, doc_id) for doc_id in ("d1", "d2")} == before
    assert filled.analysis("d1") == samples.doc1()[1]


def test_the_later_text_wins_within_a_batch(store):
    first, later = samples.doc2(), _shorter(samples.doc2(), "Later.")
    d1 = samples.doc1()
    assert store.write_many([first, d1, later], replace={"d2"}) == 2
    assert [d.id for d in store.documents()] == ["d2", "d1"], "in the place of the first delivery"
    assert next(d for d in store.documents() if d.id == "d2").text.endswith("Later.")
    # Without `replace`, the first delivery is the one kept, as before.
    other = store.__class__(store.path.with_name("other.duckdb"))
    try:
        assert other.write_many([first, later]) == 1
        assert next(other.documents()).text == first[0].text
    finally:
        other.close()


def test_write_replaces_one_document_too(filled):
    new = _shorter(samples.doc3())
    assert filled.write(*new) is False
    assert filled.write(*new, replace={"d3"}) is True
    assert next(d for d in filled.documents() if d.id == "d3").text.endswith("A correction.")
    with pytest.raises(Exception):
        filled.write(new[0], samples.doc1()[1], replace={"d3"})  # an analysis of another document
    assert next(d for d in filled.documents() if d.id == "d3").text.endswith("A correction.")
