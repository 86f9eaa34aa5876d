"""A corrected text replaces a stored document, and the next resolve stays incremental
and leaves exactly the tables a full resolve gives.

The replacement deletes every row of the old version and writes the new one in one
transaction (hudhud.store.writes), after `retire_documents` takes the old document
actors out of the running counts. The corrections here move an event to another day,
drop a speaker and all his records, rename an actor so it joins another group, and
change the day a document was published; each is checked against a store that
resolves everything afresh (the Pair of test_profile_update).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from hudhud.resolve import signatures
from hudhud.resolve.retire import retire_documents

from .store_helpers import samples
from .test_profile_update import Pair, batch


def replace_in(pair: Pair, items: list) -> None:
    """Write corrected versions of stored documents into both stores, as an ingest does."""
    for store in (pair.inc, pair.full):
        con = store.connection
        written = store.write_many(items, replace={d.id for d, _ in items},
                                   retire=lambda ids, con=con: retire_documents(con, ids))
        assert written == len(items)


def corrected(item: tuple, note: str, **changes) -> tuple:
    """`item` under a longer text (the old offsets still slice it) with `changes` applied to
    its analysis: events, quotes, actors, affiliations, or `published` for both."""
    doc, a = item
    published = changes.pop("published", doc.published)
    doc = dataclasses.replace(doc, text=doc.text + " " + note, published=published)
    return doc, dataclasses.replace(a, published=published, **changes)


def assert_same_signatures(pair: Pair) -> None:
    """What grouping reads, counted down by the replacements, equals it counted afresh."""
    for table in ("resolve_signatures", "resolve_surfaces"):
        sql = f"SELECT * FROM {table} ORDER BY ALL"
        assert pair.inc.connection.execute(sql).fetchall() == pair.full.connection.execute(sql).fetchall()


def stored(pair: Pair, doc_id: str) -> dict:
    con = pair.inc.connection
    seq, text = con.execute("SELECT seq, text FROM documents WHERE id = ?", [doc_id]).fetchall()[0]
    counts = {t: con.execute(f"SELECT count(*) FROM {t} WHERE doc_id = ?", [doc_id]).fetchall()[0][0]
              for t in ("doc_actors", "mentions", "events", "quotes", "affiliations", "places")}
    return {"seq": seq, "text": text, **counts}


def test_corrections_resolve_incrementally_to_the_full_tables(tmp_path):
    pair = Pair(tmp_path)
    try:
        docs = batch("a", 4, dt.date(2024, 1, 1), 3)
        pair.write(docs)
        pair.resolve()
        pair.check()
        by_id = dict((d.id, (d, a)) for d, a in docs)
        before = stored(pair, "d1-a01")

        # The attack was two weeks earlier; the defense secretary was never quoted.
        doc, a = by_id["d1-a01"]
        moved = [dataclasses.replace(a.events[0], date="2024-01-20")]
        first = corrected(by_id["d1-a01"], "An earlier report had the wrong date.", events=moved,
                          quotes=[], actors=[x for x in a.actors if x.id != "lloyd-austin"],
                          affiliations=[f for f in a.affiliations if f.subject != "lloyd-austin"])
        # The militia in this report is the Hezbollah Brigades, which no KB entry links.
        doc2, a2 = by_id["d2-a02"]
        renamed = [dataclasses.replace(x, name="Hezbollah Brigades", kb_id=None)
                   if x.id == "kataib-hezbollah" else x for x in a2.actors]
        second = corrected(by_id["d2-a02"], "The faction was named wrongly.", actors=renamed)
        # Published a week later than first said.
        third = corrected(by_id["d1-a03"], "Corrected dateline.", published="2024-01-17")
        replace_in(pair, [first, second, third])

        after = stored(pair, "d1-a01")
        assert after["seq"] == before["seq"], "a replaced document keeps its place"
        assert after["text"].endswith("wrong date.") and after["quotes"] == 0
        assert after["doc_actors"] == before["doc_actors"] - 1
        step = pair.resolve()
        assert step["mode"] == "incremental", step
        assert step["rows_removed"] > 0 and step["lists_rewritten"] > 0
        pair.check(deep=True)
        assert signatures.is_valid(pair.inc.connection)
        assert_same_signatures(pair)

        # Corrected again, now back to fewer changes, and with new documents in between.
        pair.write(batch("b", 2, dt.date(2024, 1, 19), 1))
        # The first document that named the secretary no longer does: what grouping reads
        # must now start from the next one.
        doc0, a0 = by_id["d1-a00"]
        replace_in(pair, [corrected(by_id["d1-a01"], "Second correction."),
                          corrected(by_id["d1-a00"], "He was not quoted here.", quotes=[],
                                    actors=[x for x in a0.actors if x.id != "lloyd-austin"],
                                    affiliations=[f for f in a0.affiliations if f.subject != "lloyd-austin"],
                                    events=[e for e in a0.events if e.source != "lloyd-austin"])])
        assert pair.resolve()["mode"] == "incremental"
        pair.check(deep=True)
        assert_same_signatures(pair)
    finally:
        pair.close()


def test_the_only_documents_of_an_actor_replaced_take_it_away(tmp_path):
    pair = Pair(tmp_path)
    try:
        pair.write(samples.samples())
        pair.resolve()
        con = pair.inc.connection
        assert con.execute("SELECT count(*) FROM actors WHERE name = 'Lloyd Austin'").fetchall()[0][0] == 1
        doc, a = samples.doc1()
        gone = corrected((doc, a), "He was not there.",
                         actors=[x for x in a.actors if x.id != "lloyd-austin"],
                         affiliations=[f for f in a.affiliations if f.subject != "lloyd-austin"],
                         events=[e for e in a.events if e.source != "lloyd-austin"], quotes=[])
        replace_in(pair, [gone])
        assert pair.resolve()["mode"] == "incremental"
        pair.check(deep=True)
        assert_same_signatures(pair)
        assert con.execute("SELECT count(*) FROM actors WHERE name = 'Lloyd Austin'").fetchall()[0][0] == 0
    finally:
        pair.close()


def test_a_document_replaced_before_any_resolve_is_simply_new(tmp_path):
    pair = Pair(tmp_path)
    try:
        pair.write(samples.samples())
        doc, a = samples.doc2()
        replace_in(pair, [corrected((doc, a), "Updated.", events=[])])
        pair.resolve()
        pair.check(deep=True)
        assert pair.inc.connection.execute(
            "SELECT count(*) FROM events WHERE doc_id = 'd2'").fetchall()[0][0] == 0
    finally:
        pair.close()
