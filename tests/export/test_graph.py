"""The actor network built from the hand-made sample store (tests/store/samples.py)."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from hudhud.errors import HudhudError
from hudhud.export.graph import build_graph, graph_json, write_graph
from hudhud.resolve import resolve


@pytest.fixture
def resolved(filled):
    resolve(filled)
    return filled


def _by_name(graph):
    return {data["name"]: node for node, data in graph.nodes(data=True)}


def test_nodes_are_global_actors_with_counts(resolved):
    graph = build_graph(resolved)
    names = _by_name(graph)
    kh = graph.nodes[names["Kataib Hezbollah"]]
    assert kh["kind"] == "militia" and kh["country"] == "IRQ" and kh["kb_id"] == "Q1"
    assert kh["documents"] == 2 and kh["mentions"] == 4
    assert graph.number_of_nodes() == len(resolved.actors())


def test_affiliation_edges_aggregate_documents(resolved):
    graph = build_graph(resolved)
    names = _by_name(graph)
    kh, pmf, iran = names["Kataib Hezbollah"], names["Popular Mobilization Forces"], names["Iran"]
    part_of = graph.edges[kh, pmf, "part_of"]
    assert part_of["type"] == "affiliation" and part_of["count"] == 2
    assert (part_of["first_date"], part_of["last_date"]) == ("2024-02-05", "2024-02-10")
    assert {e["doc_id"] for e in part_of["evidence"]} == {"d1", "d2"}
    backed = graph.edges[kh, iran, "backed_by"]
    assert backed["evidence"][0]["text"].startswith("The militia, which is backed by Iran")
    # Evidence offsets slice the document text.
    doc = next(d for d in resolved.documents() if d.id == "d1")
    ev = backed["evidence"][0]
    assert doc.text[ev["start"]:ev["end"]] == ev["text"]


def test_event_edges_are_dyads_per_type(resolved):
    graph = build_graph(resolved)
    names = _by_name(graph)
    kh, us = names["Kataib Hezbollah"], names["United States"]
    assault = graph.edges[kh, us, "event:ASSAULT"]
    assert assault["type"] == "event" and assault["relation"] == "ASSAULT"
    assert assault["count"] == 1 and assault["goldstein_sum"] == -10.0 and assault["quad"] == 4
    assert assault["first_date"] == "2024-02-03"  # the event's own date, not the published one
    assert len(assault["event_ids"]) == 1
    # An undated event takes its document's published date.
    threat = graph.edges[names["Lloyd Austin"], kh, "event:THREATEN"]
    assert threat["first_date"] == "2024-02-05"


def test_filters(resolved):
    only = build_graph(resolved, relations=["backed_by"])
    assert [k for _, _, k in only.edges(keys=True)] == ["backed_by"]
    militias = build_graph(resolved, kinds=["militia"])
    assert {d["kind"] for _, d in militias.nodes(data=True)} == {"militia"}
    assert [k for _, _, k in militias.edges(keys=True)] == ["part_of"]
    late = build_graph(resolved, since="2024-02-08")
    assert sorted(k for _, _, k in late.edges(keys=True)) == ["event:CONCEDE", "part_of"]
    assert late.edges[next((u, v) for u, v, k in late.edges(keys=True) if k == "part_of")
                      + ("part_of",)]["count"] == 1
    assert build_graph(resolved, until="2024-01-01").number_of_edges() == 0


def test_unresolved_actors_stand_as_document_nodes(filled):
    graph = build_graph(filled)
    assert "doc:d1/kataib-hezbollah" in graph
    assert graph.has_edge("doc:d1/kataib-hezbollah", "doc:d1/iran", "backed_by")


def test_max_evidence_keeps_counts(resolved):
    graph = build_graph(resolved, max_evidence=1)
    edge = next(d for _, _, k, d in graph.edges(keys=True, data=True) if k == "part_of")
    assert edge["count"] == 2 and len(edge["evidence"]) == 1


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_write_graph_round_trips(resolved, tmp_path, fmt):
    path = tmp_path / f"net.{fmt}"
    result = write_graph(resolved, fmt, path)
    graph = build_graph(resolved)
    assert result["nodes"] == graph.number_of_nodes() and result["edges"] == graph.number_of_edges()
    if fmt == "json":
        back = nx.node_link_graph(json.loads(path.read_text()), edges="edges")
        edge = next(d for _, _, k, d in back.edges(keys=True, data=True) if k == "part_of")
        assert isinstance(edge["evidence"], list)
    else:
        back = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path, force_multigraph=True)
        edge = next(d for _, _, d in back.edges(data=True) if d.get("relation") == "part_of")
        assert edge["edge_type"] == "affiliation"
        assert json.loads(edge["evidence"])[0]["doc_id"] in {"d1", "d2"}
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()


def test_write_graph_opens_a_store_path(resolved, tmp_path):
    path = resolved.path
    resolved.close()
    assert write_graph(str(path), "json", tmp_path / "g.json")["nodes"] == 7


def test_unknown_format(resolved, tmp_path):
    with pytest.raises(HudhudError):
        write_graph(resolved, "dot", tmp_path / "g.dot")


def test_graph_json_is_node_link(resolved):
    data = graph_json(build_graph(resolved))
    assert data["directed"] and data["multigraph"] and {"nodes", "edges"} <= set(data)
