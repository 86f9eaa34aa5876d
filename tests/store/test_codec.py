import datetime as dt

import pytest

from hudhud.model import DocumentAnalysis, Event
from hudhud.store.codec import decode, encode

from . import samples

NOW = dt.datetime(2024, 3, 1, 12, 0)


def _as_tables(rows):
    return {t: sorted(rs, key=lambda r: (r.get("doc_id", r.get("id")), r["seq"]))
            for t, rs in rows.items()}


def test_evidence_of_the_samples_slices_the_text():
    for doc, a in samples.samples():
        evs = [m for x in a.actors for m in x.mentions] + [m for p in a.places for m in p.mentions]
        evs += [r.evidence for r in (*a.affiliations, *a.events, *a.quotes)]
        for ev in evs:
            assert doc.text[ev.start:ev.end] == ev.text
            s0, s1 = a.sentences[ev.sentence]
            assert s0 <= ev.start and ev.end <= s1


@pytest.mark.parametrize("make", [samples.doc1, samples.doc2, samples.doc3])
def test_encode_decode_round_trip(make):
    doc, a = make()
    back = decode(_as_tables(encode(doc, a, 1, NOW)))[doc.id]
    assert back.document == doc
    assert back.analysis == a


def test_record_ids_are_deterministic_and_distinct():
    doc, a = samples.doc1()
    first = encode(doc, a, 1, NOW)
    second = encode(*samples.doc1(), 7, NOW)
    for table in ("mentions", "affiliations", "events", "quotes", "places", "place_mentions"):
        ids = [r["id"] for r in first[table]]
        assert ids == [r["id"] for r in second[table]]
        assert len(set(ids)) == len(ids)


def test_identical_records_get_distinct_ids():
    doc, a = samples.doc1()
    a.events.append(a.events[0])
    rows = encode(doc, a, 1, NOW)["events"]
    assert len({r["id"] for r in rows}) == len(rows) == 3


def test_records_differing_only_in_actor_get_distinct_ids():
    # "X and Y attacked Z" gives one event per member on the same span.
    doc, a = samples.doc1()
    ev = a.events[0]
    a.events.append(Event(source="iran", type=ev.type, cameo=ev.cameo, target=ev.target,
                          evidence=ev.evidence))
    ids = [r["id"] for r in encode(doc, a, 1, NOW)["events"]]
    assert ids[0] != ids[2]


def test_bad_date_is_refused():
    doc, _ = samples.doc3()
    a = DocumentAnalysis(doc_id=doc.id, published="5 Feb 2024", version="x")
    with pytest.raises(ValueError):
        encode(doc, a, 1, NOW)


def test_place_without_mentions_has_no_evidence():
    doc, a = samples.doc1()
    a.places[0].mentions = []
    row = encode(doc, a, 1, NOW)["places"][0]
    assert row["start"] is None and row["evidence"] is None
