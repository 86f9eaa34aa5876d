"""graph_data(): filters, the ego network and the node cap."""

from __future__ import annotations

import pytest

from hudhud.store import Store
from hudhud.web.errors import NotFound
from hudhud.web.filters import HOSTILE_TYPES, Filters
from hudhud.web.graph import graph_data


@pytest.fixture(scope="module")
def store(demo_db):
    with Store(demo_db, read_only=True) as s:
        yield s


def test_default_graph_is_affiliations_and_hostile_events(store):
    graph = graph_data(store, Filters())
    layers = {e["layer"] for e in graph["edges"]}
    assert layers == {"affiliations", "events"}
    assert {e["label"] for e in graph["edges"] if e["layer"] == "events"} <= set(HOSTILE_TYPES)
    assert graph["counts"]["records"] == sum(e["count"] for e in graph["edges"])
    for e in graph["edges"]:
        assert e["source"] != e["target"] and 1 <= len(e["evidence"]) <= 5
        assert e["evidence"][0]["href"].startswith("/events/" if e["layer"] == "events" else "/documents/")


def test_filters_narrow_the_graph(store):
    full = graph_data(store, Filters())
    militia = graph_data(store, Filters(kind=("militia",)))
    kinds = {n["kind"] for n in militia["nodes"]}
    assert kinds <= {"militia"} and len(militia["edges"]) < len(full["edges"])
    only = graph_data(store, Filters(layer=("affiliations",), relation=("leads",)))
    assert only["edges"] and {e["label"] for e in only["edges"]} == {"leads"}
    later = graph_data(store, Filters(since=__import__("datetime").date(2024, 1, 1)))
    assert all(e["last"] >= "2024-01-01" for e in later["edges"])


def test_ego_network_keeps_neighbours_and_links_among_them(store, kataib):
    ego = graph_data(store, Filters(actor=kataib["id"]))
    ids = {n["id"] for n in ego["nodes"]}
    assert kataib["id"] in ids
    for e in ego["edges"]:
        assert e["source"] in ids and e["target"] in ids
    neighbours = ids - {kataib["id"]}
    touching = {e["source"] for e in ego["edges"]} | {e["target"] for e in ego["edges"]}
    assert neighbours <= touching


def test_node_cap_keeps_the_centre(store, kataib):
    capped = graph_data(store, Filters(actor=kataib["id"]), max_nodes=1)
    assert [n["id"] for n in capped["nodes"]] == [kataib["id"]] and capped["truncated"]
    assert capped["edges"] == []


def test_unknown_actor(store):
    with pytest.raises(NotFound):
        graph_data(store, Filters(actor="Nobody At All"))
