"""The actor network: global actors as nodes, affiliations and event dyads as edges.

`build_graph` reads the store into a `networkx.MultiDiGraph`:

- a node per global actor (id, name, kind, country, kb_id, mentions, documents);
- an `affiliation` edge per (subject, relation, object), e.g. Kataib Hezbollah
  -backed_by-> Iran, with how many records support it, the first and last
  published date of their documents, and the evidence of each record;
- an `event` edge per (source, target, PLOVER type), e.g. Kataib Hezbollah
  -ASSAULT-> United States, with its count, first and last date (the event's
  own date, else its document's), the sum of Goldstein values, the quad class
  most of its events have, and the ids and evidence of its events.

Edge keys are the relation ("backed_by") or "event:<TYPE>" ("event:ASSAULT").
Events without a target name no dyad and are left out. Before `resolve` has
run a record's actor has no global id; it then stands as its own node
"doc:<doc_id>/<local id>", so the graph is still complete, only unmerged.

`write_graph` writes GEXF, GraphML (both take only scalar attributes, so
lists become JSON strings) or node-link JSON.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from hudhud.errors import HudhudError
from hudhud.store import Store

GRAPH_FORMATS = ("gexf", "graphml", "json")

_NODE_SQL = "SELECT id, name, kind, country, kb_id, mentions, documents FROM actors_v"
_AFFILIATION_SQL = """
    SELECT v.id, v.doc_id, v.published, v.subject, v.subject_actor_id, v.subject_name,
           v.relation, v.object, v.object_actor_id, v.object_name, v.sentence, v.start,
           v."end", v.evidence
    FROM affiliations_v v JOIN documents d ON d.id = v.doc_id
    ORDER BY v.published NULLS LAST, d.seq, v.seq"""
_EVENT_SQL = """
    SELECT v.id, v.doc_id, coalesce(v.date, v.published) AS day, v.source,
           v.source_actor_id, v.source_name, v.type, v.target, v.target_actor_id,
           v.target_name, v.goldstein, v.quad, v.sentence, v.start, v."end", v.evidence
    FROM events_v v JOIN documents d ON d.id = v.doc_id
    WHERE v.source IS NOT NULL AND v.target IS NOT NULL
    ORDER BY day NULLS LAST, d.seq, v.seq"""


def _rows(store: Store, sql: str) -> list[dict[str, Any]]:
    with store.lock:
        cur = store.connection.execute(sql)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _in_window(day: str | None, since: str | None, until: str | None) -> bool:
    """Undated records are kept only when no window is asked for."""
    if since is None and until is None:
        return True
    if day is None:
        return False
    return (since is None or day >= since) and (until is None or day <= until)


def _endpoint(row: dict[str, Any], role: str) -> str:
    """The node id of a record's actor: its global id, else a per-document stand-in."""
    return row[f"{role}_actor_id"] or f"doc:{row['doc_id']}/{row[role]}"


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "doc_id": row["doc_id"], "sentence": row["sentence"],
            "start": row["start"], "end": row["end"], "text": row["evidence"]}


def _stretch(edge: dict[str, Any], day: str | None) -> None:
    if day is not None:
        if edge["first_date"] is None or day < edge["first_date"]:
            edge["first_date"] = day
        if edge["last_date"] is None or day > edge["last_date"]:
            edge["last_date"] = day


def build_graph(store: Store, kinds: Sequence[str] | None = None,
                relations: Sequence[str] | None = None, since: str | None = None,
                until: str | None = None, max_evidence: int | None = None) -> nx.MultiDiGraph:
    """The actor network of a store (see the module docstring for its attributes).

    kinds (list[str]): keep only actors of these kinds ("militia", "state", ...).
    relations (list[str]): keep only edges whose relation ("backed_by") or PLOVER
        type ("ASSAULT") is listed.
    since / until (str): ISO dates bounding each record's date (an affiliation's
        published date, an event's own date or else its published date).
    max_evidence (int): keep at most this many evidence records per edge
        (counts still count all of them).
    """
    wanted_kinds = {k.lower() for k in kinds} if kinds else None
    wanted = {r.lower() for r in relations} if relations else None
    graph = nx.MultiDiGraph()
    for row in _rows(store, _NODE_SQL):
        graph.add_node(row["id"], **row)

    def node(node_id: str, name: str | None) -> str:
        if node_id not in graph:  # an unresolved per-document actor
            graph.add_node(node_id, id=node_id, name=name or node_id, kind=None, country=None,
                           kb_id=None, mentions=0, documents=1)
        return node_id

    for row in _rows(store, _AFFILIATION_SQL):
        day = _iso(row["published"])
        if (wanted and row["relation"] not in wanted) or not _in_window(day, since, until):
            continue
        u = node(_endpoint(row, "subject"), row["subject_name"])
        v = node(_endpoint(row, "object"), row["object_name"])
        key = row["relation"]
        if not graph.has_edge(u, v, key):
            graph.add_edge(u, v, key, type="affiliation", relation=key, count=0,
                           first_date=None, last_date=None, evidence=[])
        _add(graph.edges[u, v, key], row, day, max_evidence)

    for row in _rows(store, _EVENT_SQL):
        day = _iso(row["day"])
        if (wanted and row["type"].lower() not in wanted) or not _in_window(day, since, until):
            continue
        u = node(_endpoint(row, "source"), row["source_name"])
        v = node(_endpoint(row, "target"), row["target_name"])
        key = f"event:{row['type']}"
        if not graph.has_edge(u, v, key):
            graph.add_edge(u, v, key, type="event", relation=row["type"], count=0,
                           first_date=None, last_date=None, goldstein_sum=0.0, quad=None,
                           quads=Counter(), event_ids=[], evidence=[])
        edge = graph.edges[u, v, key]
        _add(edge, row, day, max_evidence)
        edge["event_ids"].append(row["id"])
        edge["goldstein_sum"] = round(edge["goldstein_sum"] + (row["goldstein"] or 0.0), 3)
        if row["quad"] is not None:
            edge["quads"][row["quad"]] += 1
            edge["quad"] = edge["quads"].most_common(1)[0][0]
    for _, _, data in graph.edges(data=True):
        data.pop("quads", None)
    if wanted_kinds is not None:  # their edges go with them
        graph.remove_nodes_from([n for n, k in graph.nodes(data="kind")
                                 if (k or "") not in wanted_kinds])
    return graph


def _add(edge: dict[str, Any], row: dict[str, Any], day: str | None, cap: int | None) -> None:
    edge["count"] += 1
    _stretch(edge, day)
    if cap is None or len(edge["evidence"]) < cap:
        edge["evidence"].append(_evidence(row))


def _scalar(value: Any) -> Any:
    """GEXF and GraphML take str, int, float and bool only: the rest as JSON text."""
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _flat(items: Iterable[tuple[Any, dict[str, Any]]]) -> dict[Any, dict[str, Any]]:
    return {k: {a: _scalar(v) for a, v in d.items() if v is not None} for k, d in items}


def scalar_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes and no None values, for GEXF and GraphML.

    Edges also get `edge_type` (= `type`): GEXF reserves `type` for
    directed/undirected and drops the attribute.
    """
    flat = nx.MultiDiGraph()
    for n, attrs in _flat(graph.nodes(data=True)).items():
        flat.add_node(n, label=attrs.get("name", n), **attrs)
    for u, v, k, d in graph.edges(keys=True, data=True):
        attrs = _flat([(k, d)])[k]
        flat.add_edge(u, v, k, label=d.get("relation", k), edge_type=d.get("type"), **attrs)
    return flat


def graph_json(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link data ({directed, multigraph, nodes, edges}) with lists kept as lists."""
    return nx.node_link_data(graph, edges="edges")


def write_graph(store: Store | str | os.PathLike[str], fmt: str, path: str | os.PathLike[str],
                **filters: Any) -> dict[str, Any]:
    """Write the actor network as gexf | graphml | json; `filters` go to `build_graph`.

    RETURNS (dict): {format, nodes, edges, path}.
    """
    fmt = fmt.lower()
    if fmt not in GRAPH_FORMATS:
        raise HudhudError(f"unknown graph format {fmt!r}.",
                          hint="Use one of: " + ", ".join(GRAPH_FORMATS) + ".", code="H050")
    if not isinstance(store, Store):
        with Store(store, read_only=True) as opened:
            return write_graph(opened, fmt, path, **filters)
    graph = build_graph(store, **filters)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        target.write_text(json.dumps(graph_json(graph), ensure_ascii=False, default=str),
                          encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(scalar_graph(graph), target)
    else:
        nx.write_graphml(scalar_graph(graph), target)
    return {"format": fmt, "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(), "path": str(target)}
