"""The stage order: read → clean → dedup → analyze → store → resolve.

Only this module knows the order. Reading yields documents and errors; a bad
record is reported and skipped, never fatal. Analysis runs in this process or
in a pool of worker processes that each load the model once; the store writes
each document with all its records in one transaction, so an interrupted run
leaves only whole documents behind and a re-run picks up where it stopped.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from hudhud.errors import HudhudError, InputError
from hudhud.model import Document, DocumentAnalysis

BATCH = 32


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store, or repeated within the run
    errors: list[str] = field(default_factory=list)
    resolve: dict = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"read": self.read, "stored": self.stored, "skipped": self.skipped,
                "errors": len(self.errors), "resolve": self.resolve}


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- worker side: the model is loaded once per process --------------------------------
_WORKER_STATE: dict[str, Any] = {}


def _worker_init(kb_paths: tuple[str, ...]) -> None:
    from hudhud.kb.actors import KnowledgeBase
    from hudhud.nlp.pipeline import load_nlp

    _WORKER_STATE["nlp"] = load_nlp()
    _WORKER_STATE["kb"] = KnowledgeBase.load(kb_paths) if kb_paths else KnowledgeBase.default()


def _worker_analyze(batch: list[dict]) -> list[tuple[dict | None, str | None]]:
    docs = [Document.from_dict(d) for d in batch]
    return _analyze_batch(docs, _WORKER_STATE["nlp"], _WORKER_STATE["kb"])


def _analyze_batch(docs: list[Document], nlp: Any, kb: Any) -> list[tuple[dict | None, str | None]]:
    """(analysis dict, None) or (None, error line) per document: one bad text spoils nothing else."""
    from hudhud.engine.analyzer import analyze_parsed

    out: list[tuple[dict | None, str | None]] = []
    for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=BATCH)):
        try:
            out.append((analyze_parsed(doc, parsed, kb).to_dict(), None))
        except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
            out.append((None, f"{doc.origin or doc.id}: analysis failed ({exc.__class__.__name__}: {exc})"))
    return out


def ingest(paths: Iterable[str], db: str, workers: int = 1, published: str | None = None,
           kb_paths: tuple[str, ...] = (), on_error: Callable[[str], None] | None = None,
           on_progress: Callable[[int], None] | None = None) -> IngestSummary:
    """Read, analyse and store every article under `paths`; then resolve actors across documents."""
    from hudhud.ingest import read_paths
    from hudhud.resolve import resolve
    from hudhud.store import Store

    summary = IngestSummary()
    report = on_error or (lambda line: None)

    with Store(db) as store:
        seen: set[str] = set()

        def fresh_documents() -> Iterator[Document]:
            for item in read_paths(list(paths), published=published):
                if isinstance(item, InputError):
                    summary.errors.append(str(item))
                    report(item.message)
                    continue
                summary.read += 1
                if item.id in seen or store.has_document(item.id):
                    summary.skipped += 1
                    continue
                seen.add(item.id)
                yield item

        for docs, results in _analysed(fresh_documents(), workers, kb_paths):
            for doc, (data, error) in zip(docs, results):
                if error:
                    summary.errors.append(error)
                    report(error)
                    continue
                if store.write(doc, DocumentAnalysis.from_dict(data)):
                    summary.stored += 1
                else:
                    summary.skipped += 1
            if on_progress:
                on_progress(len(docs))
        from hudhud.kb import canonical_names

        summary.resolve = resolve(store, kb_names=canonical_names())
    return summary


def _analysed(docs: Iterable[Document], workers: int, kb_paths: tuple[str, ...]
              ) -> Iterator[tuple[list[Document], list[tuple[dict | None, str | None]]]]:
    if workers <= 1:
        from hudhud.kb.actors import KnowledgeBase
        from hudhud.nlp.pipeline import load_nlp

        nlp = load_nlp()
        kb = KnowledgeBase.load(kb_paths) if kb_paths else KnowledgeBase.default()
        for batch in _batches(docs, BATCH):
            yield batch, _analyze_batch(batch, nlp, kb)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(kb_paths,)) as pool:
        pending: list[tuple[list[Document], Any]] = []
        for batch in _batches(docs, BATCH):
            pending.append((batch, pool.submit(_worker_analyze, [d.to_dict() for d in batch])))
            # Keep a bounded number of batches in flight: memory stays flat on big inputs.
            while len(pending) > workers * 2:
                done_batch, fut = pending.pop(0)
                yield done_batch, fut.result()
        for done_batch, fut in pending:
            yield done_batch, fut.result()


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 2))


__all__ = ["ingest", "IngestSummary", "HudhudError"]
