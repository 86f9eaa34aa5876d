"""The ledger of stored texts: which text each id has, and which it had before."""

from __future__ import annotations

import hashlib

from hudhud.model import Document, DocumentAnalysis
from hudhud.store import texts
from hudhud.store.texts import TextLedger, text_md5


def test_a_delivery_is_same_changed_earlier_or_new():
    ledger = TextLedger()
    assert ledger.verdict("c7", "Twelve were killed.") == "new"
    ledger.take("c7", "Twelve were killed.")
    assert ledger.verdict("c7", "Twelve were killed.") == "same"
    assert ledger.verdict("c7", "Fourteen were killed.") == "changed"
    ledger.take("c7", "Fourteen were killed.")
    assert ledger.verdict("c7", "Twelve were killed.") == "earlier"
    assert ledger.verdict("c7", "Fourteen were killed.") == "same"
    assert ledger.verdict("c8", "Twelve were killed.") == "new"


def test_the_digest_is_the_stores_own(store):
    text = "قالت وزارة الدفاع إن الهجوم فشل. Kataib Hezbollah ✓"
    got = store.connection.execute("SELECT md5(?)", [text]).fetchall()[0][0]
    assert got == text_md5(text) == hashlib.md5(text.encode()).hexdigest()


def test_documents_stored_without_the_ledger_are_listed_when_it_loads(store):
    doc = Document(id="x1", text="Rockets hit the base on Monday.", published="2024-01-02")
    store.write(doc, DocumentAnalysis(doc_id="x1", published="2024-01-02", version="t"))
    ledger = texts.load(store)
    assert ledger.verdict("x1", doc.text) == "same"
    assert ledger.verdict("x1", doc.text + " Updated.") == "changed"
    with store.transaction() as con:
        texts.record(con, [("x1", doc.text + " Updated.")], replaced={"x1"},
                     earlier=[("x1", text_md5("A draft."))])
    again = texts.load(store)
    assert again.verdict("x1", doc.text + " Updated.") == "same"
    assert again.verdict("x1", doc.text) == "earlier"
    assert again.verdict("x1", "A draft.") == "earlier"
    states = store.connection.execute("SELECT state, count(*) FROM doc_texts GROUP BY 1 ORDER BY 1").fetchall()
    assert states == [("current", 1), ("replaced", 2)]
