"""The network: global actors as nodes, affiliations and hostile events as edges.

Built here from the store, for the cytoscape widget and the GEXF export. An
edge aggregates every record with the same ends and label (Kataib Hezbollah
--ASSAULT--> United States, 3 times), keeping its newest evidence so a click
on the edge leads to the sentences.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import quote, urlencode

from hudhud.model import stable_id
from hudhud.store import Store
from hudhud.web import queries
from hudhud.web.errors import NotFound
from hudhud.web.filters import Filters


def actor_href(actor_id: str) -> str:
    return f"/actors/{quote(actor_id, safe='')}"


def evidence_href(layer: str, record_id: str, doc_id: str) -> str:
    """An event has its own page; an affiliation is shown in its document."""
    if layer == "events":
        return f"/events/{quote(record_id, safe='')}"
    return f"/documents/{quote(doc_id, safe='')}?{urlencode({'focus': record_id})}#r-{record_id}"


def resolve_actor(store: Store, name_or_id: str) -> dict[str, Any]:
    actor = store.find_actor(name_or_id)
    if actor is None:
        raise NotFound(f"no actor {name_or_id!r} in the store.",
                       hint="Search for it on /search; the store may need `hudhud ingest` first.")
    return actor


def graph_data(store: Store, f: Filters, max_nodes: int = 150) -> dict[str, Any]:
    """Nodes and edges under the filter. With `f.actor`, its ego network: the actor,
    its neighbours and the edges among them. At most `max_nodes` nodes, the most
    connected kept (`truncated` says when some were left out)."""
    centre = resolve_actor(store, f.actor) if f.actor else None
    if centre is not None:
        centre = {**centre, "href": actor_href(centre["id"])}
    with store.lock:
        rows = queries.edges(store.connection, f)
    if centre is not None:
        near = {centre["id"]} | {r["target"] for r in rows if r["source"] == centre["id"]} \
            | {r["source"] for r in rows if r["target"] == centre["id"]}
        rows = [r for r in rows if r["source"] in near and r["target"] in near]
    degree: Counter[str] = Counter()
    for r in rows:
        degree[r["source"]] += r["count"]
        degree[r["target"]] += r["count"]
    ranked = sorted(degree, key=lambda a: (centre is None or a != centre["id"], -degree[a], a))
    if centre is not None and centre["id"] not in degree:
        ranked.insert(0, centre["id"])  # an actor without links still shows alone
    keep = set(ranked[:max_nodes])  # the most connected, the centre always first
    truncated = len(keep) < len(ranked)
    rows = [r for r in rows if r["source"] in keep and r["target"] in keep]
    with store.lock:
        actors = queries.actors_by_id(store.connection, sorted(keep))
    nodes = [{**a, "degree": degree[a["id"]], "href": actor_href(a["id"]),
              "centre": centre is not None and a["id"] == centre["id"]} for a in actors]
    names = {a["id"]: a["name"] for a in actors}
    edges = []
    for r in rows:
        edges.append({
            "id": stable_id(r["layer"], r["label"], r["source"], r["target"]),
            "source": r["source"], "target": r["target"],
            "source_name": names.get(r["source"]), "target_name": names.get(r["target"]),
            "source_href": actor_href(r["source"]), "target_href": actor_href(r["target"]),
            "layer": r["layer"], "label": r["label"], "count": r["count"],
            "first": r["first"], "last": r["last"],
            "evidence": [{**e, "href": evidence_href(r["layer"], e["id"], e["doc_id"])}
                         for e in r["evidence"]],
        })
    return {
        "filters": f.to_dict(),
        "centre": centre,
        "nodes": nodes,
        "edges": edges,
        "truncated": truncated,
        "counts": {"nodes": len(nodes), "edges": len(edges),
                   "records": sum(e["count"] for e in edges)},
    }
