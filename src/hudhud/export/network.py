"""An actor's ego network (`hudhud network ACTOR --depth 2`): who backs, leads,
fights or talks to whom within `depth` hops of one actor.

Hops follow edges in either direction: with depth 2 around Kataib Hezbollah
come Iran (it backs the group), the Popular Mobilization Forces (the group is
part of them) and the actors those two lead, back or attack.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from rich.console import Console
from rich.table import Table

from hudhud.errors import HudhudError
from hudhud.export.graph import build_graph
from hudhud.export.terminal import cell, markup_safe
from hudhud.store import Store

_NODE_FIELDS = ("id", "name", "kind", "country", "kb_id", "mentions", "documents")
#: Quad classes 3 and 4 (verbal and material conflict) are hostile dyads.
_HOSTILE_QUADS = (3, 4)


def network(store: Store, actor: str, depth: int = 2, max_evidence: int | None = 3,
            **filters: Any) -> dict[str, Any]:
    """The nodes and edges within `depth` hops of `actor` (an id, name or alias).

    RETURNS (dict): {actor, depth, nodes (each with its `distance` in hops),
    edges (each with source/target ids and names, `hop` (1 for the actor's own
    links, 2 for links between its neighbours...), type, relation, count, dates,
    evidence),
    counts (edges per relation)}. Raises HudhudError when no actor has that name.
    `filters` (kinds, relations, since, until) go to `build_graph`.
    """
    if depth < 0:
        raise HudhudError(f"depth must be 0 or more, got {depth}.", hint="Try --depth 2.",
                          code="H050")
    found = store.find_actor(actor)
    if found is None:
        raise HudhudError(f"no actor named {actor!r} in {store.path}.",
                          hint="list actors with `hudhud actors` "
                               "(run `hudhud resolve` if it lists none).", code="H050")
    graph = build_graph(store, max_evidence=max_evidence, **filters)
    center = found["id"]
    if center not in graph:  # filtered out by `kinds`
        graph.add_node(center, **{k: found.get(k) for k in _NODE_FIELDS})
    distance = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True),
                                                      center, cutoff=depth)
    ego = graph.subgraph(distance)
    nodes = [{**{k: data.get(k) for k in _NODE_FIELDS}, "distance": distance[n]}
             for n, data in ego.nodes(data=True)]
    nodes.sort(key=lambda n: (n["distance"], -(n["mentions"] or 0), n["name"] or ""))
    edges = []
    for u, v, data in ego.edges(data=True):
        edges.append({"source": u, "source_name": ego.nodes[u].get("name"),
                      "target": v, "target_name": ego.nodes[v].get("name"),
                      "hop": min(distance[u], distance[v]) + 1, **data})
    edges.sort(key=lambda e: (e["hop"], e["type"] != "affiliation", -e["count"],
                              e["source_name"] or "", e["relation"], e["target_name"] or ""))
    counts: dict[str, int] = {}
    for e in edges:
        counts[e["relation"]] = counts.get(e["relation"], 0) + 1
    return {"actor": {k: found.get(k) for k in _NODE_FIELDS}, "depth": depth,
            "nodes": nodes, "edges": edges, "counts": counts}


def render_network(data: dict[str, Any], console: Console) -> None:
    """Affiliations, hostile and cooperative dyads of an ego network, one table each."""
    actor = data["actor"]
    console.print(f"[bold]{markup_safe(actor['name'])}[/bold]  kind: {markup_safe(actor.get('kind') or '-')}  "
                  f"country: {markup_safe(actor.get('country') or '-')}  id: {markup_safe(actor['id'])}  "
                  f"depth: {data['depth']}  actors: {len(data['nodes'])}  "
                  f"links: {len(data['edges'])}")
    groups = {
        "affiliations": [e for e in data["edges"] if e["type"] == "affiliation"],
        "hostile events": [e for e in data["edges"] if e["type"] == "event"
                           and e.get("quad") in _HOSTILE_QUADS],
        "cooperative events": [e for e in data["edges"] if e["type"] == "event"
                               and e.get("quad") not in _HOSTILE_QUADS],
    }
    for title, rows in groups.items():
        if not rows:
            continue
        table = Table(title=f"{title} ({len(rows)})", title_justify="left")
        for header in ("hop", "source", "relation", "target", "n", "dates", "evidence"):
            table.add_column(header, overflow="fold")
        for e in rows:
            dates = e.get("first_date") or ""
            if e.get("last_date") and e.get("last_date") != e.get("first_date"):
                dates += f" – {e['last_date']}"
            evidence = e["evidence"][0]["text"] if e.get("evidence") else ""
            table.add_row(*map(cell, (e["hop"], e["source_name"] or e["source"], e["relation"],
                                      e["target_name"] or e["target"], e["count"], dates,
                                      " ".join(evidence.split()))))
        console.print(table)
