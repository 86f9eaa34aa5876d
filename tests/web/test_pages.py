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
    dots = {d["id"] for d in data["timeline"]["dots"]}
    assert dots <= {e["id"] for e in data["events_as_source"] + data["events_as_target"]}


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
