"""Writing analysed documents into a store: each document with all its records in
one transaction, a batch of them at a time.

The documents table is the ledger of what is done: a document id already stored
is skipped, unless the caller names it in `replace` (a corrected text delivered
under a known id, hudhud.store.texts). A replaced document keeps its place
(`seq`); inside the batch's transaction `retire(ids)` first lets the caller undo
what it derived from the old records (the resolve's counts, the near-duplicate
fingerprint), then every row of the old version goes and the new rows come in.
So a kill at any point leaves the old version or the new one, never a mix.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from hudhud.errors import StoreError
from hudhud.model import Document, DocumentAnalysis
from hudhud.store.codec import encode
from hudhud.store.schema import DOCUMENT_TABLES

if TYPE_CHECKING:
    from hudhud.store import Store

log = logging.getLogger(__name__)

Items = Sequence[tuple[Document, DocumentAnalysis]]
#: Writes more rows with a batch of documents, in the same transaction.
Also = Callable[[Sequence[Document]], None]
#: Undoes, in the same transaction, what was derived from the stored documents about to be replaced.
Retire = Callable[[Sequence[str]], None]
OnError = Callable[[Document, StoreError], None]


def _stored_seqs(store: "Store", ids: Collection[str]) -> dict[str, int]:
    return dict(store.connection.execute(
        "SELECT id, seq FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [list(ids)]).fetchall())


def _rows(store: "Store", items: Items, seqs: Mapping[str, int]) -> None:
    """Insert the rows of `items`; a replaced one takes its old `seqs` entry, the new
    ones the next free places in their order. Inside a transaction, so an encoding
    error counts as a failed write too."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    seq = store.connection.execute("SELECT coalesce(max(seq), 0) + 1 FROM documents").fetchall()[0][0]
    merged: dict[str, list[dict[str, Any]]] = {t: [] for t in DOCUMENT_TABLES}
    for doc, analysis in items:
        if analysis.doc_id != doc.id:
            raise ValueError(f"analysis is for {analysis.doc_id!r}, not {doc.id!r}")
        place = seqs.get(doc.id)
        if place is None:
            place, seq = seq, seq + 1
        for table, rows in encode(doc, analysis, place, now).items():
            merged[table].extend(rows)
    for table in DOCUMENT_TABLES:
        store.insert_rows(table, merged[table])


def _delete(store: "Store", ids: Sequence[str]) -> None:
    for table in DOCUMENT_TABLES:
        key = "id" if table == "documents" else "doc_id"
        store.connection.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))",
                                 [list(ids)]).fetchall()


def _commit(store: "Store", items: Items, seqs: Mapping[str, int], also: Also | None,
            retire: Retire | None) -> None:
    """Write `items` in one transaction, replacing the stored documents of `seqs`."""
    with store.transaction():
        if seqs:
            if retire is not None:
                retire(list(seqs))
            _delete(store, list(seqs))
        _rows(store, items, seqs)
        if also is not None:
            also([doc for doc, _ in items])


def write_one(store: "Store", doc: Document, analysis: DocumentAnalysis, also: Also | None = None,
              replace: Collection[str] = (), retire: Retire | None = None) -> bool:
    """`Store.write`: False, writing nothing, when `doc.id` is stored and not in `replace`."""
    with store.lock:
        seqs = _stored_seqs(store, [doc.id])
        if seqs and doc.id not in replace:
            return False
        try:
            _commit(store, [(doc, analysis)], seqs, also, retire)
        except Exception as exc:
            raise StoreError(f"document {doc.id!r} was not stored: {exc}",
                             hint="The analysis has a bad record; see the message.") from exc
        return True


def write_batch(store: "Store", batch: Items, on_error: OnError | None, also: Also | None = None,
                replace: Collection[str] = (), retire: Retire | None = None) -> int:
    """One transaction for the batch; when it fails, one per document, so a bad one
    (reported to `on_error`) spoils nothing else. Returns how many were written.

    An id twice in the batch is written once: the first time, or, for an id in
    `replace`, the last text in the first one's place (a later delivery wins)."""
    with store.lock:
        stored = _stored_seqs(store, [d.id for d, _ in batch])
        fresh: list[tuple[Document, DocumentAnalysis]] = []
        place: dict[str, int] = {}
        for doc, analysis in batch:
            if doc.id in place:
                if doc.id in replace:
                    fresh[place[doc.id]] = (doc, analysis)
                continue
            if doc.id in stored and doc.id not in replace:
                continue
            place[doc.id] = len(fresh)
            fresh.append((doc, analysis))
        if not fresh:
            return 0
        try:
            _commit(store, fresh, {i: s for i, s in stored.items() if i in place}, also, retire)
            return len(fresh)
        except Exception:  # noqa: BLE001 - written one by one below, each error reported
            pass
        written = 0
        for doc, analysis in fresh:
            try:
                written += write_one(store, doc, analysis, also, replace, retire)
            except StoreError as exc:
                if on_error is None:
                    log.warning("%s", exc)
                else:
                    on_error(doc, exc)
        return written


__all__ = ["Also", "Retire", "write_batch", "write_one"]
