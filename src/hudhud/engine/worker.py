"""The worker side of an ingest: a process (or a Ray actor) loads the model and the
knowledge base once, then analyses batch after batch. Used by the process pool
(engine/pipeline.py) and the Ray actors (engine/ray_engine.py) alike.
"""

from __future__ import annotations

from typing import Any

from hudhud.engine.parent_watch import exit_with_parent
from hudhud.model import Document

#: Documents per batch: what `nlp.pipe` parses together and one store transaction writes.
BATCH = 32
_STATE: dict[str, Any] = {}

# A short text that touches every extractor, analysed once when a worker starts.
WARM_UP = Document(
    id="warm-up", published="2020-01-04",
    text="Iraqi forces said on Friday, 3 January 2020, that rockets fired by a militia hit a base "
         "near Baghdad, killing two soldiers. \"We will respond,\" a ministry spokesman said.")


def worker_init(kb_paths: tuple[str, ...], parent: int | None = None) -> None:
    """Load the model and the KB; a pool worker (`parent`: the ingest's pid) also ends
    when that process does (engine/parent_watch.py)."""
    from hudhud.kb.actors import KnowledgeBase
    from hudhud.nlp.pipeline import load_nlp

    if parent is not None:
        exit_with_parent(parent)
    _STATE["nlp"] = load_nlp()
    _STATE["kb"] = KnowledgeBase.load(kb_paths) if kb_paths else KnowledgeBase.default()
    # The first analysis loads the gazetteer, the lexicons and the date parser
    # (about 2 s): pay it here, before the worker takes a batch.
    analyze_batch([WARM_UP], _STATE["nlp"], _STATE["kb"])


def worker_analyze(batch: list[dict]) -> list[tuple[dict | None, str | None]]:
    docs = [Document.from_dict(d) for d in batch]
    return analyze_batch(docs, _STATE["nlp"], _STATE["kb"])


def analyze_batch(docs: list[Document], nlp: Any, kb: Any) -> list[tuple[dict | None, str | None]]:
    """(analysis dict, None) or (None, error line) per document: one bad text spoils nothing else."""
    from hudhud.engine import chunks
    from hudhud.engine.analyzer import analyze_parsed

    out: list[tuple[dict | None, str | None]] = []
    # Long texts chunk by chunk, parse batches bounded in characters (engine/chunks.py).
    for outcome in chunks.analyze_all(docs, nlp, lambda d, parsed: analyze_parsed(d, parsed, kb), BATCH):
        doc, exc = outcome.document, outcome.error  # an error is reported per document, the batch goes on
        out.append((outcome.analysis.to_dict(), None) if exc is None else
                   (None, f"{doc.origin or doc.id}: analysis failed ({exc.__class__.__name__}: {exc})"))
    return out
