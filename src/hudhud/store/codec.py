"""Turn a (Document, DocumentAnalysis) into table rows and back.

`decode(encode(doc, analysis))` gives back exactly what was written, so the
store can rebuild any analysis for `explain`, the exports and the evaluation.
Record ids are `stable_id(doc_id, kind, start, end, <distinguishing fields>)`;
two records identical in all of these (which an extractor should not give,
but a store must not refuse) get a running number as a last part.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hudhud.model import (
    Actor, Affiliation, Document, DocumentAnalysis, Event, Evidence, Place, Quote, stable_id,
)

Rows = dict[str, list[dict[str, Any]]]


def to_date(value: str | None) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) as a date; ValueError on anything else."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def from_date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


class _Ids:
    """Deterministic record ids, unique within one document."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.seen: set[str] = set()

    def __call__(self, kind: str, ev: Evidence | None, *parts: Any) -> str:
        start, end = (ev.start, ev.end) if ev is not None else (None, None)
        key = stable_id(self.doc_id, kind, start, end, *parts)
        n = 1
        while key in self.seen:
            key = stable_id(self.doc_id, kind, start, end, *parts, n)
            n += 1
        self.seen.add(key)
        return key


def _ev(ev: Evidence | None, text_column: str = "evidence") -> dict[str, Any]:
    if ev is None:
        return {"sentence": None, "start": None, "end": None, text_column: None}
    return {"sentence": ev.sentence, "start": ev.start, "end": ev.end, text_column: ev.text}


def encode(doc: Document, analysis: DocumentAnalysis, seq: int, ingested_at: dt.datetime) -> Rows:
    """All rows of one document, table by table (see hudhud.store.schema.TABLES)."""
    d = doc.id
    ids = _Ids(d)
    rows: Rows = {
        "documents": [{
            "id": d, "seq": seq, "title": doc.title, "url": doc.url,
            "published": to_date(doc.published), "text": doc.text, "origin": doc.origin,
            "version": analysis.version, "analysis_published": to_date(analysis.published),
            "sentences": [list(s) for s in analysis.sentences], "ingested_at": ingested_at,
        }],
        "doc_actors": [], "mentions": [], "affiliations": [], "events": [],
        "quotes": [], "places": [], "place_mentions": [],
    }
    for i, a in enumerate(analysis.actors):
        rows["doc_actors"].append({
            "doc_id": d, "id": a.id, "seq": i, "name": a.name, "kind": a.kind,
            "country": a.country, "kb_id": a.kb_id, "aliases": list(a.aliases), "actor_id": None,
        })
        for j, m in enumerate(a.mentions):
            rows["mentions"].append({
                "id": ids("mention", m, a.id), "doc_id": d, "actor": a.id, "seq": j,
                **_ev(m, "text"),
            })
    for i, f in enumerate(analysis.affiliations):
        rows["affiliations"].append({
            "id": ids("affiliation", f.evidence, f.subject, f.relation, f.object), "doc_id": d,
            "seq": i, "subject": f.subject, "relation": f.relation, "object": f.object,
            "date": to_date(f.date), **_ev(f.evidence),
        })
    for i, e in enumerate(analysis.events):
        rows["events"].append({
            "id": ids("event", e.evidence, e.source, e.type, e.cameo, e.target, e.reported_by),
            "doc_id": d, "seq": i, "source": e.source, "type": e.type, "cameo": e.cameo,
            "target": e.target, "date": to_date(e.date), "place": e.place, "killed": e.killed,
            "wounded": e.wounded, "goldstein": e.goldstein, "quad": e.quad,
            "pattern": e.pattern, "reported_by": e.reported_by, **_ev(e.evidence),
        })
    for i, q in enumerate(analysis.quotes):
        rows["quotes"].append({
            "id": ids("quote", q.evidence, q.speaker), "doc_id": d, "seq": i,
            "speaker": q.speaker, "text": q.text, **_ev(q.evidence),
        })
    for i, p in enumerate(analysis.places):
        first = p.mentions[0] if p.mentions else None
        pid = ids("place", first, p.name, p.geonameid)
        rows["places"].append({
            "id": pid, "doc_id": d, "seq": i, "name": p.name, "lat": p.lat, "lon": p.lon,
            "country": p.country, "geonameid": p.geonameid, "feature": p.feature,
            "admin1": p.admin1, "confidence": p.confidence, **_ev(first),
        })
        for j, m in enumerate(p.mentions):
            rows["place_mentions"].append({
                "id": ids("place_mention", m, pid), "doc_id": d, "place_id": pid, "seq": j,
                **_ev(m, "text"),
            })
    return rows


@dataclass
class StoredAnalysis:
    """One stored document, its analysis and the global actor id of each local actor."""

    document: Document
    analysis: DocumentAnalysis
    actor_ids: dict[str, str | None] = field(default_factory=dict)


def _evidence(r: dict[str, Any], text_column: str = "evidence") -> Evidence:
    return Evidence(sentence=r["sentence"], start=r["start"], end=r["end"], text=r[text_column])


def decode(tables: dict[str, list[dict[str, Any]]]) -> dict[str, StoredAnalysis]:
    """Rebuild StoredAnalysis objects from rows of several documents.

    Rows must come sorted by (doc_id, seq); documents keep their given order.
    """
    out: dict[str, StoredAnalysis] = {}
    for r in tables["documents"]:
        doc = Document(id=r["id"], text=r["text"], title=r["title"], url=r["url"],
                       published=from_date(r["published"]), origin=r["origin"])
        analysis = DocumentAnalysis(
            doc_id=r["id"], published=from_date(r["analysis_published"]), version=r["version"],
            sentences=[tuple(s) for s in (r["sentences"] or [])],
        )
        out[r["id"]] = StoredAnalysis(doc, analysis)
    actors: dict[tuple[str, str], Actor] = {}
    for r in tables["doc_actors"]:
        a = Actor(id=r["id"], name=r["name"], kind=r["kind"], country=r["country"],
                  aliases=list(r["aliases"] or []), kb_id=r["kb_id"])
        actors[(r["doc_id"], r["id"])] = a
        out[r["doc_id"]].analysis.actors.append(a)
        out[r["doc_id"]].actor_ids[r["id"]] = r["actor_id"]
    for r in tables["mentions"]:
        actors[(r["doc_id"], r["actor"])].mentions.append(_evidence(r, "text"))
    for r in tables["affiliations"]:
        out[r["doc_id"]].analysis.affiliations.append(Affiliation(
            subject=r["subject"], relation=r["relation"], object=r["object"],
            evidence=_evidence(r), date=from_date(r["date"])))
    for r in tables["events"]:
        out[r["doc_id"]].analysis.events.append(Event(
            source=r["source"], type=r["type"], cameo=r["cameo"], target=r["target"],
            evidence=_evidence(r), date=from_date(r["date"]), place=r["place"],
            killed=r["killed"], wounded=r["wounded"], goldstein=r["goldstein"],
            quad=r["quad"], pattern=r["pattern"], reported_by=r["reported_by"]))
    for r in tables["quotes"]:
        out[r["doc_id"]].analysis.quotes.append(
            Quote(speaker=r["speaker"], text=r["text"], evidence=_evidence(r)))
    places: dict[str, Place] = {}
    for r in tables["places"]:
        p = Place(name=r["name"], lat=r["lat"], lon=r["lon"], country=r["country"],
                  geonameid=r["geonameid"], feature=r["feature"], admin1=r["admin1"],
                  confidence=r["confidence"])
        places[r["id"]] = p
        out[r["doc_id"]].analysis.places.append(p)
    for r in tables["place_mentions"]:
        places[r["place_id"]].mentions.append(_evidence(r, "text"))
    return out
