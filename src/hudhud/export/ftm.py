"""FollowTheMoney export: the store as FtM entities, one JSON object a line.

FtM (the data model of Aleph and OpenSanctions) has no schema for a state or
an armed group, so hudhud kinds map onto its legal-entity schemas:

- person → Person;
- state, government, military → PublicBody ("a public body, such as a ministry
  or department"): FtM models a state through its institutions, and a state
  acting in the news ("Iran backs the group") is its government acting. The
  `country` property carries the ISO code;
- militia, party, media, organisation, group → Organization (the kind is kept
  in `classification`, and FtM topics mark parties, governments, militaries).

Affiliations become edges, one per (subject, relation, object) over the
corpus, with every supporting article as `proof`, the evidence sentences as
`summary` and the articles' dates as `date`:

- member_of / spokesperson_of → Membership (role "member" / "spokesperson");
- part_of → Membership with role "part of": a brigade is a member unit of the
  PMF. Ownership would say someone owns an asset, which a militia is not;
- leads → Directorship (role "leader"): the director controls the organization;
- backed_by / allied_with → UnknownLink (role "backed by" / "allied with"),
  FtM's edge for a relation it has no schema for;
- an edge whose object is a Person (not an Organization) is an UnknownLink too.

Each event is an Event (organizer = source, involved = source and target,
date, location, summary = the evidence sentence, proof = the article). Each
article is an Article, and each actor named in it a Mention (its surface
forms, `document` = the article, `resolved` = the actor), FtM's own way of
saying "this document names that entity". Ids are SHA-1 hashes of stable key
parts ("hudhud-actor", global actor id), so a re-export gives the same ids.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from hudhud.store import Store, StoredAnalysis
from hudhud.export.output import open_output

SCHEMA_OF_KIND = {
    "person": "Person",
    "state": "PublicBody", "government": "PublicBody", "military": "PublicBody",
    "militia": "Organization", "party": "Organization", "media": "Organization",
    "organisation": "Organization", "group": "Organization",
}
#: FtM topics for the kinds that have one (militias get none: "terror" is a judgement).
TOPIC_OF_KIND = {"state": "gov.national", "government": "gov", "military": "mil",
                 "party": "pol.party"}
#: relation -> (edge schema, role, subject property, object property).
EDGE_OF_RELATION = {
    "member_of": ("Membership", "member", "member", "organization"),
    "spokesperson_of": ("Membership", "spokesperson", "member", "organization"),
    "part_of": ("Membership", "part of", "member", "organization"),
    "leads": ("Directorship", "leader", "director", "organization"),
    "backed_by": ("UnknownLink", "backed by", "subject", "object"),
    "allied_with": ("UnknownLink", "allied with", "subject", "object"),
}


def _entity(schema: str, *key: Any) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id("hudhud", *key)
    return proxy


def _id(proxy: EntityProxy) -> str:
    return str(proxy.id)  # set by _entity


class _Collector:
    """Gathers the entities of the whole store before they are written."""

    def __init__(self, store: Store, with_text: bool) -> None:
        self.with_text = with_text
        self.globals = {a["id"]: a for a in store.actors()}
        self.actors: dict[str, EntityProxy] = {}
        self.edges: dict[tuple[str, str, str], EntityProxy] = {}

    def actor(self, node: str, local: Any) -> EntityProxy:
        """The entity of an actor: its global actor, else the document actor itself."""
        if node in self.actors:
            return self.actors[node]
        info = self.globals.get(node) or {"name": local.name, "kind": local.kind,
                                           "country": local.country, "kb_id": local.kb_id,
                                           "aliases": [{"alias": a} for a in local.aliases]}
        kind = info.get("kind")
        proxy = _entity(SCHEMA_OF_KIND.get(kind or "", "LegalEntity"), "actor", node)
        proxy.add("name", info.get("name"))
        proxy.add("alias", [a["alias"] for a in info.get("aliases") or []
                            if a["alias"] != info.get("name")])
        proxy.add("country", info.get("country"), quiet=True)
        proxy.add("classification", kind)
        proxy.add("topics", TOPIC_OF_KIND.get(kind or ""))
        kb_id = info.get("kb_id") or ""
        if kb_id[:1] == "Q" and kb_id[1:].isdigit():
            proxy.add("wikidataId", kb_id)
        self.actors[node] = proxy
        return proxy

    def document(self, stored: StoredAnalysis) -> list[EntityProxy]:
        doc, analysis = stored.document, stored.analysis
        article = _entity("Article", "document", doc.id)
        article.add("title", doc.title)
        article.add("name", doc.title or doc.id)
        article.add("publishedAt", doc.published or analysis.published)
        article.add("sourceUrl", doc.url, quiet=True)
        if self.with_text:
            article.add("bodyText", doc.text)
        out = [article]
        node = {a.id: stored.actor_ids.get(a.id) or f"doc:{doc.id}/{a.id}" for a in analysis.actors}
        local = {a.id: a for a in analysis.actors}
        for a in analysis.actors:
            actor = self.actor(node[a.id], a)
            mention = _entity("Mention", "mention", doc.id, node[a.id])
            mention.add("name", sorted({m.text for m in a.mentions} | set(a.aliases) or {a.name}))
            mention.add("document", _id(article))
            mention.add("resolved", _id(actor))
            mention.add("detectedSchema", actor.schema.name)
            out.append(mention)
        day = doc.published or analysis.published
        for f in analysis.affiliations:
            if f.subject in node and f.object in node:
                self.affiliation(self.actor(node[f.subject], local[f.subject]), f.relation,
                                 self.actor(node[f.object], local[f.object]),
                                 _id(article), f.date or day, f.evidence.text)
        for e in analysis.events:
            out.append(self.event(doc.id, _id(article), e, {
                k: self.actor(node[k], local[k]) for k in (e.source, e.target, e.reported_by)
                if k in node}, day))
        return out

    def affiliation(self, subject: EntityProxy, relation: str, obj: EntityProxy,
                    proof: str, day: str | None, evidence: str) -> None:
        schema, role, sprop, oprop = EDGE_OF_RELATION[relation]
        if not obj.schema.is_a("Organization"):
            schema, sprop, oprop = "UnknownLink", "subject", "object"
        key = (_id(subject), relation, _id(obj))
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = _entity(schema, "affiliation", *key)
            edge.add(sprop, _id(subject))
            edge.add(oprop, _id(obj))
            edge.add("role", role)
        edge.add("proof", proof)
        edge.add("date", day)
        edge.add("summary", evidence)

    def event(self, doc_id: str, proof: str, e: Any, actors: dict[str, EntityProxy],
              day: str | None) -> EntityProxy:
        source, target = actors.get(e.source), actors.get(e.target)
        ev = e.evidence
        event = _entity("Event", "event", doc_id, ev.start, ev.end, e.source, e.type, e.cameo,
                        e.target)
        names = [str(a.first("name")) for a in (source, target) if a is not None]
        event.add("name", f" {e.type} ".join(names) if len(names) == 2
                  else f"{names[0] if names else 'unknown'}: {e.type}")
        if source is not None:
            event.add("organizer", _id(source))
        event.add("involved", [_id(a) for a in (source, target) if a is not None])
        event.add("date", e.date or day)
        event.add("location", e.place)
        event.add("summary", ev.text)
        event.add("proof", proof)
        event.add("keywords", [e.type, f"CAMEO {e.cameo}"])
        facts = [f"PLOVER {e.type}", f"CAMEO {e.cameo}"]
        facts += [f"{k} {v}" for k, v in (("Goldstein", e.goldstein), ("quad", e.quad),
                                          ("killed", e.killed), ("wounded", e.wounded))
                  if v is not None]
        if e.reported_by in actors:
            facts.append(f"reported by {actors[e.reported_by].first('name')}")
        event.add("description", "; ".join(facts))
        return event


def iter_ftm(store: Store, with_text: bool = True) -> Iterator[EntityProxy]:
    """Every entity: articles with their mentions and events (in ingest order),
    then the actors, then the affiliation edges."""
    collector = _Collector(store, with_text)
    for stored in store.iter_analyses():
        yield from collector.document(stored)
    yield from collector.actors.values()
    yield from collector.edges.values()


def write_ftm(store: Store | str | os.PathLike[str], path: str | os.PathLike[str],
              with_text: bool = True) -> dict[str, Any]:
    """Write the store as FtM JSON lines (`path` "-" is stdout).

    RETURNS (dict): {documents, entities, schemata (count per schema), files}.
    """
    if not isinstance(store, Store):
        with Store(store, read_only=True) as opened:
            return write_ftm(opened, path, with_text)
    schemata: dict[str, int] = {}
    with open_output(path) as fh:
        for proxy in iter_ftm(store, with_text):
            fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            schemata[proxy.schema.name] = schemata.get(proxy.schema.name, 0) + 1
    return {"documents": schemata.get("Article", 0), "entities": sum(schemata.values()),
            "schemata": schemata, "files": [str(path)]}
