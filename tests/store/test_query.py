import pytest

from hudhud.errors import StoreError
from hudhud.resolve import resolve


@pytest.fixture
def resolved(filled):
    resolve(filled)
    return filled


def _types(rows):
    return sorted(r["type"] for r in rows)


def test_actors_sorted_by_mentions_with_aliases(resolved):
    rows = resolved.actors()
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)
    top = rows[0]
    assert top["name"] == "Kataib Hezbollah" and top["kb_id"] == "Q1"
    assert top["documents"] == 2 and top["mentions"] == 4
    assert {a["alias"] for a in top["aliases"]} == {
        "Kataib Hezbollah", "Kata'ib Hezbollah", "Hezbollah Brigades", "The militia"}
    us = next(r for r in rows if r["kb_id"] == "Q30")
    assert us["aliases"][0] == {"alias": "US", "count": 2}


def test_actor_filters(resolved):
    assert [r["name"] for r in resolved.actors(name="brigades")] == ["Kataib Hezbollah"]
    assert {r["name"] for r in resolved.actors(kind="state")} == {"United States", "Iran"}
    assert {r["name"] for r in resolved.actors(country="irn")} == {"Iran"}
    assert len(resolved.actors(limit=2)) == 2
    assert resolved.actors(name="nobody at all") == []


def test_events_by_actor_alias_and_type(resolved):
    # Either spelling finds the one global actor, so events of both documents.
    for name in ("Hezbollah Brigades", "KATAIB HEZBOLLAH", "Kataʾib Hezbollah"):
        assert _types(resolved.events(actor=name)) == ["ASSAULT", "CONCEDE", "THREATEN"]
    assert _types(resolved.events(actor="Iraqi officials")) == []  # reporter, not a party
    assert _types(resolved.events(type="assault")) == ["ASSAULT"]
    assert _types(resolved.events(actor="US", type="CONCEDE")) == ["CONCEDE"]
    ev = resolved.events(type="CONCEDE")[0]
    assert ev["source_name"] == "Kataib Hezbollah" and ev["target_name"] == "United States"
    assert ev["reported_by_name"] == "Iraqi officials"
    assert ev["evidence"].startswith("Iraqi officials said on Friday")
    assert (ev["doc_id"], ev["sentence"], ev["start"]) == ("d2", 0, 0)


def test_events_newest_first_and_limit(resolved):
    rows = resolved.events()
    assert [r["type"] for r in rows] == ["CONCEDE", "THREATEN", "ASSAULT"]
    assert len(resolved.events(limit=1)) == 1


def test_events_since_and_until(resolved):
    # THREATEN has no date; its document was published on 2024-02-05.
    assert _types(resolved.events(since="2024-02-04")) == ["CONCEDE", "THREATEN"]
    assert _types(resolved.events(since="2024-02-06")) == ["CONCEDE"]
    assert _types(resolved.events(until="2024-02-03")) == ["ASSAULT"]
    assert _types(resolved.events(until="2024-02-05")) == ["ASSAULT", "THREATEN"]
    assert _types(resolved.events(since="2024-02-04", until="2024-02-08")) == ["THREATEN"]
    with pytest.raises(StoreError):
        resolved.events(since="last week")


def test_events_before_resolve_match_document_names(filled):
    assert _types(filled.events(actor="Hezbollah Brigades")) == ["CONCEDE"]
    assert filled.events()[0]["source_name"] == "Kata'ib Hezbollah"


def test_quotes(resolved):
    rows = resolved.quotes(actor="lloyd austin")
    assert len(rows) == 1
    q = rows[0]
    assert q["speaker_name"] == "Lloyd Austin" and q["text"].startswith("We will answer")
    assert q["evidence"] == q["text"]
    assert resolved.quotes(actor="Iran") == []
    assert len(resolved.quotes(since="2024-02-05")) == 1
    assert resolved.quotes(since="2024-02-06") == []


def test_affiliations(resolved):
    assert len(resolved.affiliations()) == 4
    rows = resolved.affiliations(actor="Popular Mobilization Forces")
    assert {(r["subject_name"], r["relation"], r["object_name"]) for r in rows} == {
        ("Kataib Hezbollah", "part_of", "Popular Mobilization Forces")}
    assert len(rows) == 2
    assert [r["relation"] for r in resolved.affiliations(relation="BACKED_BY")] == ["backed_by"]
    assert len(resolved.affiliations(limit=1)) == 1
    assert all(r["evidence"] for r in rows)


def test_places(resolved):
    rows = resolved.places()
    assert {r["name"] for r in rows} == {"Erbil", "Baghdad"}
    erbil = next(r for r in rows if r["name"] == "Erbil")
    assert (erbil["geonameid"], erbil["documents"], erbil["mentions"]) == (95446, 1, 1)
    assert len(resolved.places(limit=1)) == 1


def test_find_actor(resolved):
    kh = resolved.find_actor("hezbollah brigades")
    assert kh["kb_id"] == "Q1"
    assert resolved.find_actor(kh["id"]) == kh
    assert resolved.find_actor("United States")["kb_id"] == "Q30"
    assert resolved.find_actor("nobody") is None


def test_actor_profile_both_directions(resolved):
    kh = resolved.actor_profile("Kataib Hezbollah")
    assert kh["actor"]["kb_id"] == "Q1"
    assert {(a["relation"], a["object_name"], a["direction"]) for a in kh["affiliations"]} == {
        ("backed_by", "Iran", "out"), ("part_of", "Popular Mobilization Forces", "out")}
    assert _types(kh["events_as_source"]) == ["ASSAULT", "CONCEDE"]
    assert _types(kh["events_as_target"]) == ["THREATEN"]
    assert kh["quotes"] == []

    iran = resolved.actor_profile("iran")
    assert [(a["subject_name"], a["direction"]) for a in iran["affiliations"]] == [
        ("Kataib Hezbollah", "in")]
    us = resolved.actor_profile("American forces")
    assert {a["direction"] for a in us["affiliations"]} == {"in"}
    assert _types(us["events_as_target"]) == ["ASSAULT", "CONCEDE"]
    austin = resolved.actor_profile("Lloyd Austin")
    assert len(austin["quotes"]) == 1 and austin["quotes"][0]["evidence"]
    assert [a["direction"] for a in austin["affiliations"]] == ["out"]
    assert resolved.actor_profile("nobody") is None
