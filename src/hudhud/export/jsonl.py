"""JSONL export in the gold shape of FORMAT.md: one line per document.

Records use the document's local actor ids, as the gold does; each actor also
carries its global `actor_id` and `kb_id`, and each record its evidence text
and span, so a line can be scored by `hudhud eval` and still be traced back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hudhud.model import Evidence
from hudhud.store import Store, StoredAnalysis
from hudhud.export.output import open_output


def _span(ev: Evidence | None) -> dict[str, Any]:
    if ev is None:
        return {"evidence": None, "evidence_span": None}
    return {"evidence": ev.text,
            "evidence_span": {"sentence": ev.sentence, "start": ev.start, "end": ev.end}}


def document_record(stored: StoredAnalysis) -> dict[str, Any]:
    """One document as a FORMAT.md object (plus evidence and global ids)."""
    doc, a = stored.document, stored.analysis
    involved: set[str] = set()
    for f in a.affiliations:
        involved.update((f.subject, f.object))
    for e in a.events:
        involved.update((e.source, e.target, e.reported_by))
    for q in a.quotes:
        involved.add(q.speaker)
    return {
        "doc_id": doc.id,
        "published": doc.published if doc.published is not None else a.published,
        "title": doc.title,
        "url": doc.url,
        "actors": [
            {"id": x.id, "name": x.name, "kind": x.kind, "country": x.country,
             "aliases": list(x.aliases) or [x.name],
             "actor_id": stored.actor_ids.get(x.id), "kb_id": x.kb_id}
            for x in a.actors if x.id in involved
        ],
        "affiliations": [
            {"subject": f.subject, "relation": f.relation, "object": f.object, "date": f.date,
             **_span(f.evidence)}
            for f in a.affiliations
        ],
        "events": [
            {"source": e.source, "type": e.type, "cameo": e.cameo, "target": e.target,
             "date": e.date, "place": e.place, "killed": e.killed, "wounded": e.wounded,
             "goldstein": e.goldstein, "quad": e.quad, "pattern": e.pattern,
             "reported_by": e.reported_by, **_span(e.evidence)}
            for e in a.events
        ],
        "quotes": [{"speaker": q.speaker, "text": q.text, **_span(q.evidence)} for q in a.quotes],
        "places": [
            {"name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
             "geonameid": p.geonameid, "feature": p.feature,
             **_span(p.mentions[0] if p.mentions else None)}
            for p in a.places
        ],
    }


def write_jsonl(store: Store, path: str | Path) -> dict[str, Any]:
    """Write every stored document, in ingest order, also those with no records."""
    n = 0
    with open_output(path) as fh:
        for stored in store.iter_analyses():
            fh.write(json.dumps(document_record(stored), ensure_ascii=False) + "\n")
            n += 1
    return {"documents": n, "files": [str(path)]}
