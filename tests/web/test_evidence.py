"""segments(): the document text cut at every record boundary."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hudhud.web.evidence import document_data, event_data, segments

TEXT = "Iran accused Israel of the strike in Damascus."


def rec(kind, start, end, rid=None, label="x"):
    return {"kind": kind, "id": rid or f"{kind}{start}", "start": start, "end": end, "label": label,
            "actor_id": "a1" if kind == "mention" else None}


def test_overlapping_records_become_flat_segments():
    event = rec("event", 0, 45, "e1")
    iran, israel = rec("mention", 0, 4), rec("mention", 13, 19)
    place = rec("place", TEXT.index("Damascus"), TEXT.index("."), label="Damascus")
    segs = segments(TEXT, [event, iran, israel, place], focus="e1")
    assert "".join(s["text"] for s in segs) == TEXT
    first = segs[0]
    assert first["text"] == "Iran" and first["kinds"] == ["event", "mention"]
    assert first["anchors"] == ["e1", "mention0"]
    assert first["href"] == "/actors/a1"  # the narrowest record decides the link
    damascus = next(s for s in segs if s["text"] == "Damascus")
    assert damascus["href"] == "/search?q=Damascus" and damascus["focus"]
    assert segs[-1]["text"] == "." and not segs[-1]["kinds"] and not segs[-1]["focus"]


def test_spans_outside_the_text_are_ignored():
    segs = segments("short", [rec("event", 3, 99), rec("event", -1, 2), rec("event", 2, 2)])
    assert segs == [{"text": "short", "start": 0, "kinds": [], "records": [], "anchors": [],
                     "focus": False, "href": None, "title": None}]


@settings(deadline=None)
@given(st.text(min_size=0, max_size=40),
       st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45),
                          st.sampled_from(["event", "mention", "quote"])), max_size=8))
def test_segments_cover_the_text_and_each_record_exactly(text, spans):
    records = [rec(k, a, b, f"r{i}") for i, (a, b, k) in enumerate(spans)]
    segs = segments(text, records)
    assert "".join(s["text"] for s in segs) == text
    for r in records:
        if 0 <= r["start"] < r["end"] <= len(text):
            covered = "".join(s["text"] for s in segs if r["id"] in s["records"])
            assert covered == text[r["start"]:r["end"]]
            assert sum(r["id"] in s["anchors"] for s in segs) == 1


def test_document_data_links_every_record_to_its_span(client, demo_db):
    from hudhud.store import Store

    with Store(demo_db, read_only=True) as store:
        data = document_data(store, "demo-02")
        anchors = {a for s in data["segments"] for a in s["anchors"]}
        for kind, rows in data["records"].items():
            for r in rows:
                assert r["id"] in anchors, (kind, r)
                assert r["span_href"] == f"/documents/demo-02?focus={r['id']}#r-{r['id']}"
        event = data["records"]["event"][0]
        page = event_data(store, event["id"])
        assert page["focus"]["id"] == event["id"] and page["event"]["cameo_name"]
