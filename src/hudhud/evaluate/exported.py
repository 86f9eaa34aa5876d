"""What a user gets for short texts: each text analysed as a document, exported in FORMAT.md shape.

Sentence evaluations (`hudhud eval --gold-format sentences | plover`) score these
records, not the extractor's internals: a trigger that never became an exported
event earns nothing, and an event exported with the wrong actors costs what it
costs in `hudhud export`. The path is the one `hudhud ingest` + `hudhud export`
take (clean the text like a reader does, `analyze_many`, `document_record`) without
the round trip through a DuckDB file, which would only add minutes:
tests/evaluate/test_sentences.py checks that a real ingest and export give the
same events.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hudhud.evaluate.matching import actor_names


@dataclass(frozen=True)
class Text:
    """One text to analyse: `id` becomes the document id (the record's `doc_id`)."""

    id: str
    text: str
    published: str | None = None


def export_texts(texts: Iterable[Text], batch_size: int = 64) -> tuple[list[dict[str, Any]], float]:
    """FORMAT.md records of `texts`, in order, and the seconds the analysis took.

    The spaCy pipeline parses the texts in batches (`nlp.pipe` inside
    `analyze_many`); loading the model is not counted in the seconds.
    """
    from hudhud.engine.analyzer import analyze_many
    from hudhud.export import document_record
    from hudhud.ingest import read_text
    from hudhud.nlp.pipeline import load_nlp
    from hudhud.store.codec import StoredAnalysis

    documents = [read_text(t.text, published=t.published, doc_id=t.id, origin=t.id) for t in texts]
    nlp = load_nlp()
    started = time.perf_counter()
    analyses = list(analyze_many(documents, nlp=nlp, batch_size=batch_size))
    seconds = time.perf_counter() - started
    return [document_record(StoredAnalysis(d, a)) for d, a in zip(documents, analyses)], seconds


@dataclass(frozen=True)
class ExportedEvent:
    """An exported event with its actors' normalised names (name and every alias)."""

    type: str
    cameo: str
    source: frozenset[str]
    target: frozenset[str] | None
    label: str


def exported_events(record: dict[str, Any]) -> list[ExportedEvent]:
    """The events of one FORMAT.md record, each with the names its actors go by."""
    actors = {str(a["id"]): a for a in record.get("actors") or []}

    def names(actor_id: Any) -> frozenset[str]:
        actor = actors.get(str(actor_id))
        return frozenset(actor_names(actor)) if actor else frozenset()

    def shown(actor_id: Any) -> str:
        if actor_id is None:
            return "-"
        actor = actors.get(str(actor_id))
        return str(actor.get("name") or actor_id) if actor else str(actor_id)

    events = []
    for event in record.get("events") or []:
        target = event.get("target")
        etype, cameo = str(event["type"]).upper(), str(event.get("cameo") or "")
        events.append(ExportedEvent(
            type=etype, cameo=cameo, source=names(event["source"]),
            target=None if target is None else names(target),
            label=f"{shown(event['source'])} {etype} {shown(target)} (cameo {cameo or '?'})",
        ))
    return events
