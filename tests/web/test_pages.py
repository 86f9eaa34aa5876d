"""The *_data() functions: what the pages and their JSON twins show."""

from __future__ import annotations

import pytest

from hudhud.store import Store
from hudhud.web import pages
from hudhud.web.errors import NotFound
from hudhud.web.filters import Filters, Page


@pytest.fixture(scope="module")
def store(demo_db):
    with Store(demo_db, read_only=True) as s:
        yield s


def test_snippet_parts_mark_every_term():
    parts = pages._marked("Iran and IRAN-backed", ["iran"])
    assert [p["text"] for p in parts if p["hit"]] == ["Iran", "IRAN"]
    assert "".join(p["text"] for p in parts) == "Iran and IRAN-backed"


def test_actor_data_splits_affiliations_by_direction(store, kataib):
    data = pages.actor_data(store, kataib["id"])
    assert all(a["subject_actor_id"] == kataib["id"] for a in data["affiliations"]["out"])
    assert all(a["object_actor_id"] == kataib["id"] for a in data["affiliations"]["in"])
    # The timeline counts every event of the actor, whichever page the lists show.
    bars = data["timeline"]["bars"]
    assert sum(b["n"] for b in bars) + data["timeline"]["undated"] == \
        data["totals"]["events_as_source"] + data["totals"]["events_as_target"]


def test_actors_data_pages(store):
    first = pages.actors_data(store, None, None, None, Page(limit=5))
    second = pages.actors_data(store, None, None, None, Page(limit=5, offset=5))
    assert first["more"] and len(first["actors"]) == 5
    assert not {a["id"] for a in first["actors"]} & {a["id"] for a in second["actors"]}


def test_events_for_an_unknown_actor(store):
    with pytest.raises(NotFound):
        pages.events_data(store, Filters(actor="Nobody At All"), Page())


def test_map_data_has_a_range(store):
    data = pages.map_data(store, Filters())
    assert data["range"]["first"] < data["range"]["last"]
    assert all(e["href"].startswith("/events/") for e in data["events"])


def _busiest(store):
    """The demo actor with the longest list, and that list's name."""
    row = store.connection.execute(
        "SELECT actor_id, part, n FROM profile_segments ORDER BY n DESC, actor_id, part LIMIT 1"
    ).fetchall()[0]
    assert row[2] >= 3, "the demo store has an actor with a few records in one list"
    return row[0], row[1]


def test_actor_lists_page_one_at_a_time(store):
    from hudhud.web.filters import ProfilePage

    aid, part = _busiest(store)
    full = pages.actor_data(store, aid, ProfilePage(limit=1000))
    total = full["totals"][part]
    assert full["pages"][part]["older_href"] is None and full["pages"][part]["shown"] == total
    seen, pg = [], ProfilePage(limit=2)
    while True:
        data = pages.actor_data(store, aid, pg)
        p = data["pages"][part]
        rows = (data["affiliations"]["out"] + data["affiliations"]["in"]
                if part == "affiliations" else data[part])
        assert p["total"] == total and p["shown"] == len(rows) <= 2
        assert (p["first"], p["last"]) == (p["offset"] + 1, p["offset"] + len(rows))
        seen += [r["id"] for r in rows]
        if p["older_href"] is None:
            break
        assert f"{part}_offset={p['offset'] + 2}" in p["older_href"]
        assert p["older_href"].startswith(f"/actors/{aid}?") and p["older_href"].endswith(f"#{part}")
        pg = pg.moved(part, p["offset"] + 2)
    want = (full["affiliations"]["out"] + full["affiliations"]["in"]
            if part == "affiliations" else full[part])
    assert sorted(seen) == sorted(r["id"] for r in want) and len(seen) == total


def test_paging_one_list_leaves_the_others(store):
    from hudhud.web.filters import ProfilePage

    aid, part = _busiest(store)
    first = pages.actor_data(store, aid, ProfilePage(limit=1))
    moved = pages.actor_data(store, aid, ProfilePage(limit=1).moved(part, 1))
    assert moved["pages"][part]["offset"] == 1 and moved["pages"][part]["newer_href"]
    for other in ("events_as_source", "events_as_target", "quotes"):
        if other != part:
            assert moved[other] == first[other] and moved["pages"][other]["offset"] == 0
