"""Which text each stored document id has, and which texts it had before.

A source may deliver a document again under the same id: unchanged (a re-run, a
feed polled twice), or corrected ("at least 12 killed" became "at least 14").
The ingest must skip the first and replace the document for the second
(hudhud.engine.pipeline), and not undo a correction when the folder holding both
deliveries is read again. So the store keeps, in ``doc_texts``, the MD5 of every
text a document id has had: one row in state ``current`` (the stored text) and
one in state ``replaced`` for each text a later delivery replaced.

A delivery under a stored id is then:

- ``same``: its text is the current one; skipped;
- ``earlier``: a text the id had before a correction; skipped, the correction stays;
- ``changed``: any other text; it replaces the document and all its records.

The table is created on first use, so stores written before it open unchanged; the
current rows of documents stored without it (by an older hudhud, `Store.write`,
`load_parquet`) are filled in when an ingest starts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Literal

import duckdb

if TYPE_CHECKING:
    from hudhud.store import Store

TABLE = """CREATE TABLE IF NOT EXISTS doc_texts (
    doc_id VARCHAR NOT NULL, text_md5 VARCHAR NOT NULL, state VARCHAR NOT NULL,
    seen_at TIMESTAMP, PRIMARY KEY (doc_id, text_md5))"""

Verdict = Literal["new", "same", "earlier", "changed"]


def text_md5(text: str) -> str:
    """The MD5 of a text's UTF-8 bytes, as DuckDB's md5() gives it for the stored text."""
    return hashlib.md5(text.encode("utf-8", "surrogatepass")).hexdigest()


class TextLedger:
    """The current and the replaced texts of every stored id, in memory for one ingest.

    >>> ledger.verdict("c7", "Rockets hit the base; 12 killed.")   # stored so: "same"
    >>> ledger.verdict("c7", "Rockets hit the base; 14 killed.")   # "changed"
    >>> ledger.take("c7", "Rockets hit the base; 14 killed.")      # now current
    >>> ledger.verdict("c7", "Rockets hit the base; 12 killed.")   # "earlier"
    """

    def __init__(self, current: dict[str, str] | None = None,
                 replaced: dict[str, set[str]] | None = None) -> None:
        self.current = current or {}   # doc_id -> MD5 of its text
        self.replaced = replaced or {}  # doc_id -> MD5s of the texts it had before

    def verdict(self, doc_id: str, text: str) -> Verdict:
        known = self.current.get(doc_id)
        if known is None:
            return "new"
        digest = text_md5(text)
        if digest == known:
            return "same"
        return "earlier" if digest in self.replaced.get(doc_id, ()) else "changed"

    def take(self, doc_id: str, text: str) -> None:
        """`text` is now the id's current text (a new document, or a correction)."""
        old = self.current.get(doc_id)
        digest = text_md5(text)
        if old is not None and old != digest:
            self.replaced.setdefault(doc_id, set()).add(old)
        self.current[doc_id] = digest

    def earlier(self, doc_ids: Collection[str]) -> list[tuple[str, str]]:
        """(doc_id, MD5) of the texts `doc_ids` had before their current one."""
        return [(d, h) for d in doc_ids for h in sorted(self.replaced.get(d, ()))]


def ensure_table(store: "Store") -> None:
    with store.lock:
        store.connection.execute(TABLE).fetchall()


def load(store: "Store") -> TextLedger:
    """The ledger of a writable store, after recording the current text of every stored
    document the table does not list yet (all of them, the first time)."""
    ensure_table(store)
    with store.lock:
        con = store.connection
        con.execute("""INSERT INTO doc_texts
            SELECT id, md5(text), 'current', ingested_at FROM documents d
            WHERE NOT EXISTS (SELECT 1 FROM doc_texts t
                              WHERE t.doc_id = d.id AND t.state = 'current')
            ON CONFLICT (doc_id, text_md5) DO UPDATE SET state = 'current'""").fetchall()
        rows = con.execute("SELECT doc_id, text_md5, state FROM doc_texts").fetchall()
    replaced: dict[str, set[str]] = {}
    for d, h, s in rows:
        if s != "current":
            replaced.setdefault(d, set()).add(h)
    return TextLedger({d: h for d, h, s in rows if s == "current"}, replaced)


def record(con: duckdb.DuckDBPyConnection, docs: Sequence[tuple[str, str]],
           replaced: Collection[str] = (), earlier: Collection[tuple[str, str]] = ()) -> None:
    """Inside a write's transaction: (doc_id, text) of the documents written are their
    current texts; the texts the `replaced` ids had until now, and the (doc_id, MD5)
    pairs of `earlier` (texts replaced within the run, before any was stored), are
    replaced ones."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    if replaced:
        con.execute("UPDATE doc_texts SET state = 'replaced' WHERE state = 'current' "
                    "AND doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(replaced)]).fetchall()
    if earlier:
        con.executemany("INSERT INTO doc_texts VALUES (?, ?, 'replaced', ?) ON CONFLICT DO NOTHING",
                        [[d, h, now] for d, h in earlier])
    if docs:
        con.executemany("INSERT INTO doc_texts VALUES (?, ?, 'current', ?) ON CONFLICT (doc_id, text_md5) "
                        "DO UPDATE SET state = 'current'", [[d, text_md5(t), now] for d, t in docs])


__all__ = ["TABLE", "TextLedger", "Verdict", "ensure_table", "load", "record", "text_md5"]
