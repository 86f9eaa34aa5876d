"""The stage order: read → clean → dedup → analyze → store → resolve.

Only this module knows the order. Reading yields documents and errors; a bad
record is reported and skipped, never fatal. Dedup skips ids already stored and
near-duplicates (wire copies, re-posts: hudhud.engine.dedup), recording each copy
as another source of the document it copies. Analysis runs in this process, in a
pool of worker processes or in Ray actors (engine/ray_engine.py), each loading
the model once. The driver writes each analysed batch in one transaction (or to
a Parquet dataset, engine/sink.py), so an interrupted run leaves only whole
documents behind and a re-run picks up where it stopped.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from hudhud.engine.batching import batches as _batches
from hudhud.engine.worker import BATCH
from hudhud.engine.worker import analyze_batch as _analyze_batch
from hudhud.engine.worker import worker_analyze as _worker_analyze
from hudhud.engine.worker import worker_init as _worker_init
from hudhud.errors import HudhudError, InputError
from hudhud.model import Document, DocumentAnalysis

ENGINES = ("local", "ray")


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    skipped: int = 0  # same text as stored or read before, or a text a correction replaced
    duplicates: int = 0  # near-duplicates of a stored document: kept as its sources
    errors: list[str] = field(default_factory=list)
    resolve: dict = field(default_factory=dict)
    replaced: list[str] = field(default_factory=list)  # ids whose changed text replaced the document

    def to_dict(self) -> dict[str, Any]:
        return {"read": self.read, "stored": self.stored, "replaced": len(self.replaced),
                "replaced_ids": self.replaced, "skipped": self.skipped,
                "duplicates": self.duplicates, "errors": len(self.errors),
                "resolve": self.resolve}


def ingest(paths: Iterable[str], db: str, workers: int = 1, published: str | None = None,
           kb_paths: tuple[str, ...] = (), on_error: Callable[[str], None] | None = None,
           on_progress: Callable[[int], None] | None = None, *, engine: str = "local",
           address: str | None = None, out: str | None = None,
           near_duplicates: bool = True, on_notice: Callable[[str], None] | None = None
           ) -> IngestSummary:
    """Read, analyse and store every article under `paths`; then resolve actors across documents.

    `engine` "local" analyses here (`workers` > 1: a process pool), "ray" in Ray actors
    (on the cluster at `address`, else a local instance of `workers` CPUs). `out`
    "parquet://DIR" writes a Parquet dataset instead of the store `db` (no resolve).
    `near_duplicates` False stores wire copies as documents of their own.

    A record under a stored id (or one read earlier in the run) with the same text is
    skipped; with a changed text it replaces the document and all its records (the
    resolve then redoes what they touched), and `on_notice` gets a line naming it. A
    text that a later delivery already replaced is skipped (hudhud.store.texts), so
    reading the folder again does not undo a correction.
    """
    from hudhud.engine.dedup import Duplicate, NearDuplicates, fingerprint
    from hudhud.engine.sink import open_sink
    from hudhud.ingest import read_paths

    if engine not in ENGINES:
        raise HudhudError(f"unknown engine {engine!r}.", hint="use --engine local or --engine ray.",
                          code="H082")
    summary = IngestSummary()
    report = on_error or (lambda line: None)

    def fail(line: str) -> None:
        summary.errors.append(line)
        report(line)

    notice = on_notice or (lambda line: None)
    sink = open_sink(db, out)
    try:
        index = NearDuplicates() if near_duplicates else None
        if index is not None:
            index.add_stored(sink.fingerprints(index.settings.key))
        ledger = sink.ledger  # the text of every id stored or taken in this run
        copy_ids: set[str] = set()  # read in this run as a copy of another document
        # Corrections and fingerprints by (id, text): with batches in flight, a correction
        # can be read before the batch holding the text it corrects is written.
        replacing: set[tuple[str, int]] = set()
        prints: dict[tuple[str, int], Any] = {}
        copies: list[tuple[Document, Duplicate]] = []
        stored: set[str] = set()

        def fresh_documents() -> Iterator[Document]:
            for item in read_paths(list(paths), published=published):
                if isinstance(item, InputError):
                    summary.errors.append(str(item))
                    report(item.message)
                    continue
                summary.read += 1
                verdict = ledger.verdict(item.id, item.text)
                if verdict in ("same", "earlier") or item.id in copy_ids or sink.is_copy(item.id):
                    summary.skipped += 1
                    continue
                ledger.take(item.id, item.text)
                if verdict == "changed":
                    # The document itself under a new text, not a copy of another one.
                    replacing.add((item.id, hash(item.text)))
                    if index is not None:
                        prints[item.id, hash(item.text)] = fingerprint(item.text, index.settings)
                        index.replace(item.id, prints[item.id, hash(item.text)])
                    yield item
                    continue
                found = index.check(item.id, item.text) if index is not None else None
                if isinstance(found, Duplicate):
                    copy_ids.add(item.id)
                    copies.append((item, found))
                    continue
                if found is not None:
                    prints[item.id, hash(item.text)] = found
                yield item

        engine_batches = (_ray_analysed if engine == "ray" else _analysed)
        for docs, results in engine_batches(fresh_documents(), workers, kb_paths, address):
            good = []
            for doc, (data, error) in zip(docs, results):
                if error:
                    fail(error)
                else:
                    good.append((doc, DocumentAnalysis.from_dict(data)))
            # An id twice in a batch keeps its later text, and that text's fingerprint.
            batch_prints = {d.id: prints.get((d.id, hash(d.text))) for d, _ in good}
            done = sink.write(good, {k: v for k, v in batch_prints.items() if v is not None},
                              index.settings.key if index else "",
                              replace={d.id for d, _ in good if (d.id, hash(d.text)) in replacing})
            for line in done.errors:
                fail(line)
            last = {doc.id: doc for doc, _ in good}  # an id twice in a batch: the later text is kept
            for doc_id in done.replaced:
                summary.replaced.append(doc_id)
                notice(f"replaced {doc_id} (text changed): {last[doc_id].origin or doc_id}")
            stored.update(done.new)
            summary.stored += len(done.new)
            summary.skipped += len(good) - len(done.new) - len(done.replaced) - len(done.errors)
            for doc in docs:
                prints.pop((doc.id, hash(doc.text)), None)
                replacing.discard((doc.id, hash(doc.text)))
            copies = _record_copies(sink, copies, stored, summary, final=False)
            if on_progress:
                on_progress(len(docs))
        _record_copies(sink, copies, stored, summary, final=True, fail=fail)
        summary.resolve = sink.finish()
    finally:
        sink.close()
    return summary


def _record_copies(sink: Any, copies: list, stored: set[str], summary: IngestSummary,
                   final: bool, fail: Callable[[str], None] | None = None) -> list:
    """Write the copies whose original is stored (now or in an earlier run); keep the rest
    waiting for their original, which may still be in analysis."""
    ready, waiting = [], []
    for doc, dup in copies:
        if dup.of in stored or sink.known(dup.of):
            ready.append({"doc_id": dup.of, "source_id": doc.id, "url": doc.url, "title": doc.title,
                          "origin": doc.origin, "published": doc.published,
                          "similarity": dup.similarity})
        elif final and fail is not None:
            fail(f"{doc.origin or doc.id}: not stored: a copy of {dup.of}, which was not stored")
        else:
            waiting.append((doc, dup))
    if ready:
        sink.add_sources(ready)
        summary.duplicates += len(ready)
    return waiting


def _ray_analysed(docs: Iterable[Document], workers: int, kb_paths: tuple[str, ...],
                  address: str | None) -> Iterator[tuple[list[Document], list[tuple[dict | None, str | None]]]]:
    from hudhud.engine import ray_engine

    return ray_engine.analysed(docs, workers, kb_paths, address=address, batch_size=BATCH)


def _analysed(docs: Iterable[Document], workers: int, kb_paths: tuple[str, ...],
              address: str | None = None) -> Iterator[tuple[list[Document], list[tuple[dict | None, str | None]]]]:
    if workers <= 1:
        from hudhud.kb.actors import KnowledgeBase
        from hudhud.nlp.pipeline import load_nlp

        nlp = load_nlp()
        kb = KnowledgeBase.load(kb_paths) if kb_paths else KnowledgeBase.default()
        for batch in _batches(docs, BATCH):
            yield batch, _analyze_batch(batch, nlp, kb)
        return
    with make_pool(workers, kb_paths) as pool:
        yield from pool_batches(pool, docs, workers)


def make_pool(workers: int, kb_paths: tuple[str, ...] = ()) -> ProcessPoolExecutor:
    """`workers` processes, each loading the model and the KB once (in `worker.worker_init`),
    and each ending when this process does (engine/parent_watch.py)."""
    return ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                               initargs=(kb_paths, os.getpid()))


def pool_batches(pool: ProcessPoolExecutor, docs: Iterable[Document], workers: int,
                 task: Callable[[list[dict]], Any] = _worker_analyze, batch_size: int = BATCH,
                 in_flight: int | None = None) -> Iterator[tuple[list[Document], Any]]:
    """(batch, task result) pairs in input order, the batches analysed in `pool`.

    At most `in_flight` batches are out at once (default: two per worker, so each
    has its next one queued and memory stays flat on big inputs).
    """
    limit = in_flight or workers * 2
    pending: deque[tuple[list[Document], Any]] = deque()
    for batch in _batches(docs, batch_size):
        pending.append((batch, pool.submit(task, [d.to_dict() for d in batch])))
        while len(pending) >= limit:
            done_batch, fut = pending.popleft()
            yield done_batch, fut.result()
    while pending:
        done_batch, fut = pending.popleft()
        yield done_batch, fut.result()


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 2))


__all__ = ["ingest", "IngestSummary", "HudhudError"]
