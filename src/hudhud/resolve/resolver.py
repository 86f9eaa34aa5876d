"""Run the grouping over a store: read doc_actors, refill actors and actor_aliases.

The whole global layer is recomputed from the document-level actors each
time, in one transaction, so running it twice gives the same tables and a
change of the rules applies to every document at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pyarrow as pa

from hudhud.errors import StoreError
from hudhud.resolve.group import DocActor, group
from hudhud.resolve.key import name_key

if TYPE_CHECKING:  # the store imports resolve.key, so no import cycle at run time
    from hudhud.store import Store


def _doc_actors(store: "Store") -> list[DocActor]:
    con = store.connection
    mentioned: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for doc_id, actor, text, n in con.execute(
            "SELECT doc_id, actor, text, count(*) FROM mentions "
            "WHERE text IS NOT NULL GROUP BY ALL ORDER BY ALL").fetchall():
        mentioned[(doc_id, actor)][text] = n
    out = []
    for doc_id, local, name, kind, country, kb_id, aliases in con.execute(
            "SELECT doc_id, id, name, kind, country, kb_id, aliases FROM doc_actors "
            "ORDER BY doc_id, seq").fetchall():
        counts = mentioned.get((doc_id, local), {})
        # Every name the document uses, each counted at least once. Descriptions
        # ("Iranian officials", "P.M.F. forces") point to the actor but are no name of it.
        surfaces = {s: max(1, counts.get(s, 0)) for s in (aliases or []) if s}
        if not surfaces:
            surfaces = {name: 1}
        out.append(DocActor(doc_id=doc_id, id=local, name=name, kind=kind, country=country,
                            kb_id=kb_id or None, surfaces=surfaces))
    return out


def resolve(store: "Store", kb_names: Mapping[str, str] | None = None) -> dict[str, int]:
    """Group every document-level actor into global actors.

    Fills `actors`, `actor_aliases` and `doc_actors.actor_id`. `kb_names` maps a
    kb_id to its canonical name; without it a kb actor takes the name its
    documents give it most often. Returns {actors, doc_actors, merged}.
    """
    if store.read_only:
        raise StoreError(f"{store.path} is open read-only.",
                         hint="Resolve needs a writable store.")
    from hudhud.resolve import judgement

    with store.lock:
        doc_actors = _doc_actors(store)
        actors = group(doc_actors, kb_names, judgement.load(store))
        actor_rows, alias_rows, links = [], [], {"doc_id": [], "id": [], "actor_id": []}
        for a in actors:
            actor_rows.append({"id": a.id, "name": a.name, "kind": a.kind,
                               "country": a.country, "kb_id": a.kb_id})
            alias_rows += [{"actor_id": a.id, "alias": s, "key": name_key(s), "count": n}
                           for s, n in sorted(a.aliases.items())]
            for m in a.members:
                links["doc_id"].append(m.doc_id)
                links["id"].append(m.id)
                links["actor_id"].append(a.id)
        con = store.connection
        with store.transaction():
            con.execute("DELETE FROM actor_aliases").fetchall()
            con.execute("DELETE FROM actors").fetchall()
            store.insert_rows("actors", actor_rows)
            store.insert_rows("actor_aliases", alias_rows)
            con.register("_hudhud_links", pa.table(links, schema=pa.schema(
                [("doc_id", pa.string()), ("id", pa.string()), ("actor_id", pa.string())])))
            try:
                con.execute("UPDATE doc_actors SET actor_id = l.actor_id FROM _hudhud_links l "
                            "WHERE doc_actors.doc_id = l.doc_id AND doc_actors.id = l.id").fetchall()
            finally:
                con.unregister("_hudhud_links")
    from hudhud.resolve.events import cluster_events

    result = {"actors": len(actors), "doc_actors": len(doc_actors), "merged": len(doc_actors) - len(actors)}
    result["event_clusters"] = cluster_events(store)["clusters"]
    from hudhud.store.profiles import refresh

    refresh(store)  # the actor profile's precomputed tables follow every resolve
    return result
