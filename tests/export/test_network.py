"""Ego networks around one actor (`hudhud network ACTOR --depth N`)."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from hudhud.errors import HudhudError
from hudhud.export.network import network, render_network
from hudhud.resolve import resolve


@pytest.fixture
def resolved(filled):
    resolve(filled)
    return filled


def test_depth_one_around_a_militia(resolved):
    data = network(resolved, "Kataib Hezbollah", depth=1)
    assert data["actor"]["name"] == "Kataib Hezbollah"
    names = {n["name"]: n["distance"] for n in data["nodes"]}
    assert names["Kataib Hezbollah"] == 0
    assert {"Iran", "Popular Mobilization Forces", "United States", "Lloyd Austin"} <= set(names)
    relations = {(e["source_name"], e["relation"], e["target_name"]) for e in data["edges"]}
    assert ("Kataib Hezbollah", "backed_by", "Iran") in relations
    assert ("Kataib Hezbollah", "ASSAULT", "United States") in relations
    # Lloyd Austin and the United States are both neighbours: their own link comes in, one hop further.
    member = next(e for e in data["edges"] if e["relation"] == "member_of")
    assert member["hop"] == 2
    assert data["counts"]["backed_by"] == 1
    json.dumps(data)  # JSON-serialisable for --json


def test_found_by_alias_and_depth_zero(resolved):
    data = network(resolved, "Hezbollah Brigades", depth=0)
    assert [n["name"] for n in data["nodes"]] == ["Kataib Hezbollah"]
    assert data["edges"] == []


def test_depth_reaches_further(resolved):
    near = network(resolved, "Iran", depth=1)
    far = network(resolved, "Iran", depth=2)
    assert {n["name"] for n in near["nodes"]} == {"Iran", "Kataib Hezbollah"}
    assert {"Popular Mobilization Forces", "United States"} <= {n["name"] for n in far["nodes"]}


def test_unknown_actor_and_bad_depth(resolved):
    with pytest.raises(HudhudError, match="no actor"):
        network(resolved, "Nobody At All")
    with pytest.raises(HudhudError):
        network(resolved, "Iran", depth=-1)


def test_render_groups_links(resolved):
    console = Console(record=True, width=200)
    render_network(network(resolved, "Kataib Hezbollah"), console)
    text = console.export_text()
    assert "affiliations" in text and "hostile events" in text and "cooperative events" in text
    assert "backed_by" in text and "ASSAULT" in text
