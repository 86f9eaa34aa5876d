"""Where an ingest writes: a DuckDB store, or a Parquet dataset (`--out parquet://DIR`).

Both take analysed documents in batches from the driver and know which ids are
done and with which text (`ledger`, hudhud.store.texts), so a re-run skips them
and a corrected text is told apart. The store replaces such a document with all
its records in the batch's transaction; a Parquet dataset, which only grows,
reports it as an error. The store also resolves actors at the end; a
Parquet dataset has one folder per store table (``DIR/events/part-*.parquet``,
the same columns as the store) that DuckDB reads with
``read_parquet('DIR/events/*.parquet')`` and Spark with ``spark.read.parquet``,
and `load_parquet` copies into a store, where `hudhud resolve` groups the actors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from hudhud.engine.dedup import Fingerprint
from hudhud.errors import PARQUET_NO_REPLACE, HudhudError, StoreError
from hudhud.model import Document, DocumentAnalysis
from hudhud.resolve.retire import retire_documents
from hudhud.store import sources, texts
from hudhud.store.codec import encode
from hudhud.store.schema import DOCUMENT_TABLES, arrow_schema
from hudhud.store.texts import TextLedger

PARQUET_SCHEME = "parquet://"


class Written(NamedTuple):
    """What a sink did with a batch."""

    new: list[str]       # ids stored for the first time
    replaced: list[str]  # ids whose document a changed text replaced (with all its records)
    errors: list[str]    # one line per document not written


def _fingerprint_rows(ids: Iterable[str], prints: dict[str, Fingerprint], key: str) -> list[dict]:
    return [{"doc_id": i, "settings": key, "shingles": prints[i].shingles,
             "hashvalues": prints[i].hashvalues()} for i in ids if i in prints]


class StoreSink:
    """Writes to a hudhud DuckDB store, one transaction per batch (documents, records,
    fingerprints and text digests together; a replaced document's old rows go in the
    same one). The file is opened only for each write and the final resolve, so
    `hudhud serve` answers in between; the ids and texts already done are kept in memory."""

    def __init__(self, db: str) -> None:
        self.db = db
        with self._open() as store:
            sources.ensure_tables(store)
            self.ledger = texts.load(store)
            con = store.connection
            self._copy_ids = {r[0] for r in con.execute("SELECT source_id FROM doc_sources").fetchall()}
        self._done = set(self.ledger.current) | self._copy_ids

    def _open(self):
        from hudhud.store import Store

        return Store(self.db)

    def known(self, doc_id: str) -> bool:
        """Stored, or recorded as a copy of a stored document."""
        return doc_id in self._done

    def is_copy(self, doc_id: str) -> bool:
        """Recorded as a copy of another document (its own text is not kept)."""
        return doc_id in self._copy_ids

    def fingerprints(self, key: str) -> Iterable[tuple[str, int, Any]]:
        with self._open() as store:
            return list(sources.fingerprints(store, key))

    def write(self, items: Sequence[tuple[Document, DocumentAnalysis]],
              prints: dict[str, Fingerprint], key: str, replace: Collection[str] = ()) -> Written:
        """Store the batch; a stored id in `replace` gets its new text and records."""
        failed: dict[str, str] = {}

        def note(doc: Document, exc: StoreError) -> None:
            failed[doc.id] = f"{doc.origin or doc.id}: {exc.message}"

        with self._open() as store:
            con = store.connection

            def retire(ids: Sequence[str]) -> None:  # before the old rows go, same transaction
                retire_documents(con, ids)
                sources.remove_fingerprints(store, ids)

            def also(docs: Sequence[Document]) -> None:  # after the rows, same transaction
                sources.add_fingerprints(store, _fingerprint_rows([d.id for d in docs], prints, key))
                ids = {d.id for d in docs}
                texts.record(con, [(d.id, d.text) for d in docs], replaced=ids & set(replace),
                             earlier=self.ledger.earlier(ids))

            with store.lock:
                before = {r[0] for r in con.execute(
                    "SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                    [[d.id for d, _ in items]]).fetchall()}
            store.write_many(items, batch_size=max(1, len(items)), on_error=note, also=also,
                             replace=replace, retire=retire)
        done = list(dict.fromkeys(d.id for d, _ in items if d.id not in failed))
        self._done.update(done)
        return Written([i for i in done if i not in before],
                       [i for i in done if i in replace], list(failed.values()))

    def add_sources(self, rows: Sequence[dict[str, Any]]) -> None:
        with self._open() as store:
            sources.add_sources(store, rows)
        self._done.update(r["source_id"] for r in rows)
        self._copy_ids.update(r["source_id"] for r in rows)

    def finish(self) -> dict:
        from hudhud.kb import canonical_names
        from hudhud.resolve import resolve

        with self._open() as store:
            return resolve(store, kb_names=canonical_names())

    def close(self) -> None:
        pass


class ParquetSink:
    """Writes the store's document tables as a Parquet dataset, a file per table per flush."""

    def __init__(self, folder: str, flush_every: int = 1000) -> None:
        self.folder = Path(folder)
        self.flush_every = flush_every
        self.folder.mkdir(parents=True, exist_ok=True)
        self.ledger = TextLedger(dict(self._read_column("documents", "id, md5(text)")))
        self._copy_ids = set(self._read_column("doc_sources", "source_id"))
        self._done = set(self.ledger.current) | self._copy_ids
        self._seq = len(self._read_column("documents", "id"))
        self._copies = len(self._read_column("doc_sources", "source_id"))
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._pending_docs = 0

    def _files(self, table: str) -> list[Path]:
        return sorted((self.folder / table).glob("*.parquet"))

    def _read_column(self, table: str, column: str, where: str = "") -> list[Any]:
        if not self._files(table):
            return []
        pattern = str(self.folder / table / "*.parquet").replace("'", "''")
        return [r[0] if len(r) == 1 else r for r in duckdb.sql(
            f"SELECT {column} FROM read_parquet('{pattern}') {where}").fetchall()]

    def known(self, doc_id: str) -> bool:
        return doc_id in self._done

    def is_copy(self, doc_id: str) -> bool:
        return doc_id in self._copy_ids

    def fingerprints(self, key: str) -> Iterable[tuple[str, int, Any]]:
        quoted = key.replace("'", "''")
        return self._read_column("doc_fingerprints", "doc_id, shingles, hashvalues",
                                 f"WHERE settings = '{quoted}'")

    def _add(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        self._rows.setdefault(table, []).extend(rows)

    def write(self, items: Sequence[tuple[Document, DocumentAnalysis]],
              prints: dict[str, Fingerprint], key: str, replace: Collection[str] = ()) -> Written:
        """Append the batch; a changed text of a document the dataset holds is an error
        line (files already written are never rewritten)."""
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        written, errors = [], []
        for doc, analysis in items:
            if doc.id in replace and doc.id in self._done:
                errors.append(str(PARQUET_NO_REPLACE.error(
                    f"{doc.origin or doc.id}: a changed text of {doc.id}, which the Parquet "
                    "dataset holds; not written.")))
                continue
            if doc.id in self._done:
                continue
            try:
                rows = encode(doc, analysis, self._seq + 1, now)
                for table, table_rows in rows.items():  # fail here, not at flush time
                    pa.Table.from_pylist(table_rows, schema=arrow_schema(table))
            except Exception as exc:  # noqa: BLE001 - one bad analysis spoils nothing else
                errors.append(f"{doc.origin or doc.id}: not written ({exc})")
                continue
            self._seq += 1
            for table, table_rows in rows.items():
                self._add(table, table_rows)
            self._done.add(doc.id)
            written.append(doc.id)
        self._add("doc_fingerprints", _fingerprint_rows(written, prints, key))
        self._pending_docs += len(written)
        if self._pending_docs >= self.flush_every:
            self.flush()
        return Written(written, [], errors)

    def add_sources(self, rows: Sequence[dict[str, Any]]) -> None:
        fresh = [r for r in rows if r["source_id"] not in self._done]
        self._done.update(r["source_id"] for r in fresh)
        self._copy_ids.update(r["source_id"] for r in fresh)
        self._add("doc_sources", sources.source_rows(fresh, self._copies))
        self._copies += len(fresh)

    def flush(self) -> None:
        """Write what is buffered: one new file per table, named by its count and last seq."""
        for table in (*DOCUMENT_TABLES, *sources.SOURCE_TABLES):
            rows = self._rows.get(table, [])
            if not rows and self._files(table):
                continue  # an empty file only once, so every table can be read
            schema = (sources.arrow_schema(table) if table in sources.SOURCE_TABLES
                      else arrow_schema(table))
            out = self.folder / table
            out.mkdir(exist_ok=True)
            n = len(self._files(table))
            pq.write_table(pa.Table.from_pylist(rows, schema=schema),
                           out / f"part-{n:06d}-{self._seq:09d}.parquet")
        self._rows = {}
        self._pending_docs = 0

    def finish(self) -> dict:
        self.flush()
        return {}

    def close(self) -> None:
        self.flush()


def open_sink(db: str, out: str | None) -> StoreSink | ParquetSink:
    """The store at `db`, or the Parquet dataset `out` names (``parquet://DIR``)."""
    if not out:
        return StoreSink(db)
    if not out.startswith(PARQUET_SCHEME) or not out[len(PARQUET_SCHEME):]:
        raise HudhudError(f"unknown output {out!r}.", hint="write --out parquet://DIR, or leave "
                          "--out out to write to the --db store.", code="H081")
    return ParquetSink(out[len(PARQUET_SCHEME):])


def load_parquet(folder: str, db: str) -> dict[str, int]:
    """Copy a Parquet dataset written by `ParquetSink` into a store, skipping documents
    the store has; run `hudhud resolve` afterwards. Returns the rows added per table."""
    from hudhud.store import Store
    from hudhud.store.schema import columns, quote_ident

    added: dict[str, int] = {}
    with Store(db) as store:
        sources.ensure_tables(store)
        con = store.connection
        with store.transaction():
            con.execute("CREATE OR REPLACE TEMP TABLE _hudhud_had AS SELECT id FROM documents").fetchall()
            base = con.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchall()[0][0]
            for table in (*DOCUMENT_TABLES, *sources.SOURCE_TABLES):
                if not sorted((Path(folder) / table).glob("*.parquet")):
                    continue
                pattern = str(Path(folder) / table / "*.parquet").replace("'", "''")
                names = (columns(table) if table not in sources.SOURCE_TABLES
                         else [n for n, _ in sources.SOURCE_TABLES[table]])
                cols = ", ".join(quote_ident(c) for c in names)
                select = cols.replace('"seq"', f"{int(base)} + row_number() OVER (ORDER BY seq)") \
                    if table == "documents" else cols
                key = "id" if table == "documents" else "doc_id"
                before = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
                con.execute(f"INSERT INTO {table} ({cols}) SELECT {select} FROM read_parquet('{pattern}') "
                            f"WHERE {key} NOT IN (SELECT id FROM _hudhud_had) ON CONFLICT DO NOTHING").fetchall()
                added[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] - before
            con.execute("DROP TABLE _hudhud_had").fetchall()
    return added
