"""`Store`: one DuckDB file holding documents, their analyses and the global actors.

The documents table is the ledger of what is done: a document is written with
all its records in one transaction, or not at all, and a document id already
there is skipped. DuckDB allows one writing process per file, so a Store
opens exactly one connection and serialises its own use of it with a lock.

DuckDB locks the file while a connection is open: a writer excludes every
other process, a reader excludes writers. Opening waits up to `wait` seconds
for the file (then raises StoreBusy), and `release()` closes the connection
until the next use, so a long-lived reader (the web server) lets a writer in
between its requests. A writable open upgrades an older file in place
(hudhud.store.migrations).

A file is a hudhud store when its `meta` table names a schema version. Any
other DuckDB file that holds tables is another program's database: every open
refuses it, so no command adds hudhud's tables to it. A new store is created
only in a missing or empty file, and only when the caller allows it (`create`;
`hudhud ingest` does, `hudhud resolve` and the judgements do not).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ContextManager

import duckdb
import pyarrow as pa

from hudhud.errors import NO_STORE, NOT_A_STORE, StoreError
from hudhud.model import Document, DocumentAnalysis
from hudhud.store import migrations, paged, profiles, query, writes
from hudhud.store.codec import StoredAnalysis, decode, from_date
from hudhud.store.lock import LOCK_WAIT, connect
from hudhud.store.schema import (
    DOCUMENT_TABLES, SCHEMA_VERSION, TABLES, arrow_schema, columns, create_table_sql,
    create_views, quote_ident, views_key,
)
from hudhud.store.writes import Also, Retire

log = logging.getLogger(__name__)

_COUNTED = ("documents", "actors", "doc_actors", "mentions", "affiliations", "events",
            "quotes", "places")




def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Any:
    """The first value of a query. Fetches everything: DuckDB 2 refuses a new
    register() while a result is left half-read (as fetchone() leaves it)."""
    rows = con.execute(sql, list(params)).fetchall()
    return rows[0][0] if rows else None


class Store:
    """A hudhud DuckDB store. Use as a context manager, or call `close()`.

    `wait`: seconds to wait for a file another process has locked (default
    HUDHUD_LOCK_WAIT, 10) before StoreBusy. `create`: a writable open of a missing
    path, or of a DuckDB file with no table, makes it a new store (False: refuse it,
    as a read-only open does).
    """

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False, *,
                 wait: float | None = None, create: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.wait = LOCK_WAIT if wait is None else wait
        self.create = create
        self._lock = threading.RLock()
        self._db: duckdb.DuckDBPyConnection | None = None
        self._closed = False
        self._memory = str(path) == ":memory:"
        if (read_only or not create) and not self._memory and not self.path.exists():
            raise NO_STORE.error(f"no store at {self.path}.")
        if not read_only and not self._memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = self._connect()
        try:
            self._prepare()
        except BaseException:
            self._db.close()
            self._db = None
            self._closed = True
            raise

    # -- lifecycle ---------------------------------------------------------

    def _connect(self) -> duckdb.DuckDBPyConnection:
        return connect(self.path, self.read_only, self.wait)

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        con = self._db
        if con is not None:
            return con
        with self._lock:
            if self._closed:
                raise StoreError(f"the store {self.path} is closed.",
                                 hint="Open it again with hudhud.open().")
            if self._db is None:
                con = self._connect()
                try:
                    self._db = con
                    self._check_version()
                except BaseException:
                    self._db = None
                    con.close()
                    raise
            return self._db

    def release(self) -> None:
        """Close the connection (and so the file lock) until the store is next used.

        A server calls it when no request is running, so that another process
        can write in between. An in-memory store keeps its connection.
        """
        with self._lock:
            if self._db is not None and not self._memory:
                self._db.close()
                self._db = None

    def _kind_of_file(self) -> str:
        """"store" (a meta table with a schema version), "empty" (no table at all) or
        "foreign" (tables, but not hudhud's: another program's database)."""
        tables = {r[0] for r in self._con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        if not tables:
            return "empty"
        if "meta" in tables:
            try:
                if self._version() is not None:
                    return "store"
            except duckdb.Error:  # a table named meta, of another shape
                pass
        return "foreign"

    def _prepare(self) -> None:
        kind = self._kind_of_file()
        if kind == "foreign" or (kind == "empty" and (self.read_only or not self.create)):
            raise NOT_A_STORE.error(f"{self.path} is not a hudhud store.")
        if self.read_only:
            migrations.check_readable(self._version(), self.path)
            return
        with self.transaction():
            version = self._version() if kind == "store" else None
            if version is None:
                for table in TABLES:
                    self._con.execute(create_table_sql(table)).fetchall()
                migrations.create_lazy_tables(self)
                self._con.execute(
                    "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
                    [SCHEMA_VERSION]).fetchall()
            else:
                upgraded = migrations.upgrade(self, version)
                if upgraded:
                    log.info("%s: schema upgraded from version %s to %s",
                             self.path, version, SCHEMA_VERSION)
            self._check_version()
            # Views are replaced when they differ from this code's, so a fix to a
            # view reaches existing files without a schema bump. Only then: a
            # catalog write on every open would race with readers of the views.
            key = views_key()
            if scalar(self._con, "SELECT value FROM meta WHERE key = 'views'") != key:
                create_views(self._con)
                self._con.execute("INSERT OR REPLACE INTO meta VALUES ('views', ?)", [key]).fetchall()
            if version is None:  # the profile tables exist, empty, before the first resolve
                profiles.refresh_tables(self._con)

    def _version(self) -> str | None:
        return scalar(self._con, "SELECT value FROM meta WHERE key = 'schema_version'")

    def _check_version(self) -> None:
        version = self._version()
        if version != SCHEMA_VERSION:
            migrations.steps(version, self.path)  # newer or unknown: says so
            raise migrations.SchemaVersionError(
                f"{self.path} has schema version {version}, "
                f"this hudhud writes version {SCHEMA_VERSION}.",
                hint="Open it once for writing to upgrade it.")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The one connection, for other stages (resolve, export). Hold `lock` while using it."""
        return self._con

    @property
    def lock(self) -> ContextManager[Any]:
        """The store's re-entrant lock: one DuckDB connection serves one thread at a time."""
        return self._lock

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """BEGIN ... COMMIT, or ROLLBACK and re-raise on any error."""
        with self._lock:
            self._con.execute("BEGIN TRANSACTION").fetchall()
            try:
                yield self._con
            except BaseException:
                try:
                    self._con.execute("ROLLBACK").fetchall()
                except duckdb.Error:  # the failed statement may have ended it already
                    pass
                raise
            self._con.execute("COMMIT").fetchall()

    def insert_rows(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """Insert rows (dicts keyed by column) through one Arrow batch."""
        if not rows:
            return
        batch = pa.Table.from_pylist(list(rows), schema=arrow_schema(table))
        cols = ", ".join(quote_ident(c) for c in columns(table))
        with self._lock:
            self._con.register("_hudhud_batch", batch)
            try:
                self._con.execute(
                    f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _hudhud_batch").fetchall()
            finally:
                self._con.unregister("_hudhud_batch")

    # -- writing -----------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        with self._lock:
            return scalar(self._con, "SELECT count(*) FROM documents WHERE id = ?", [doc_id]) > 0

    def write(self, doc: Document, analysis: DocumentAnalysis, *, also: Also | None = None,
              replace: Collection[str] = (), retire: Retire | None = None) -> bool:
        """Store one document and all its records in one transaction.

        Returns False, writing nothing, when `doc.id` is already stored (and not in
        `replace`, hudhud.store.writes). Raises StoreError (and stores nothing of it)
        when the write fails. `also([doc])` runs inside the transaction, after the
        rows: what it writes (rows of other tables about the document) commits or
        rolls back with them.
        """
        self._check_writable()
        return writes.write_one(self, doc, analysis, also, replace, retire)

    def write_many(
        self,
        items: Iterable[tuple[Document, DocumentAnalysis]],
        batch_size: int = 200,
        on_error: Callable[[Document, StoreError], None] | None = None,
        *,
        also: Also | None = None,
        replace: Collection[str] = (),
        retire: Retire | None = None,
    ) -> int:
        """Store many documents, `batch_size` per transaction; returns how many were written.

        When a batch fails, its documents are written one by one, so each is
        still all-or-nothing; a failing one goes to `on_error` (default: a
        logged warning) and the others are kept. `also(documents)` runs inside
        each transaction with the documents it writes (see `write`). A stored id
        in `replace` is replaced by its new version, after `retire(ids)` in the
        same transaction (hudhud.store.writes); any other stored id is skipped.
        """
        self._check_writable()
        written = 0
        batch: list[tuple[Document, DocumentAnalysis]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                written += writes.write_batch(self, batch, on_error, also, replace, retire)
                batch = []
        if batch:
            written += writes.write_batch(self, batch, on_error, also, replace, retire)
        return written

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only.", hint="Open it without read_only.")

    # -- reading back --------------------------------------------------------

    def load(self, doc_ids: Sequence[str]) -> dict[str, StoredAnalysis]:
        """The stored documents among `doc_ids`, with analyses, in ingest order."""
        tables: dict[str, list[dict[str, Any]]] = {}
        with self._lock:
            for table in DOCUMENT_TABLES:
                cols = ", ".join(quote_ident(c) for c in columns(table))
                key = "id" if table == "documents" else "doc_id"
                order = "seq" if table == "documents" else "doc_id, seq"
                cur = self._con.execute(
                    f"SELECT {cols} FROM {table} WHERE {key} IN (SELECT unnest(?::VARCHAR[])) "
                    f"ORDER BY {order}", [list(doc_ids)])
                names = [c[0] for c in cur.description]
                tables[table] = [dict(zip(names, r)) for r in cur.fetchall()]
        return decode(tables)

    def analysis(self, doc_id: str) -> DocumentAnalysis | None:
        found = self.load([doc_id]).get(doc_id)
        return None if found is None else found.analysis

    def doc_ids(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._con.execute(
                "SELECT id FROM documents ORDER BY seq").fetchall()]

    def iter_analyses(self, batch_size: int = 200) -> Iterator[StoredAnalysis]:
        """Every stored document with its analysis, in ingest order, a batch at a time."""
        ids = self.doc_ids()
        for i in range(0, len(ids), batch_size):
            yield from self.load(ids[i:i + batch_size]).values()

    def documents(self) -> Iterator[Document]:
        ids = self.doc_ids()
        for i in range(0, len(ids), 500):
            with self._lock:
                rows = self._con.execute(
                    "SELECT id, text, title, url, published, origin FROM documents "
                    "WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY seq",
                    [ids[i:i + 500]]).fetchall()
            for r in rows:
                yield Document(id=r[0], text=r[1], title=r[2], url=r[3],
                               published=from_date(r[4]), origin=r[5])

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {t: scalar(self._con, f"SELECT count(*) FROM {t}") for t in _COUNTED}

    # -- queries (see hudhud.store.query) -------------------------------------

    def actors(self, name: str | None = None, kind: str | None = None,
               country: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return query.actors(self._con, name=name, kind=kind, country=country, limit=limit)

    def events(self, actor: str | None = None, type: str | None = None,
               since: str | None = None, until: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return query.events(self._con, actor=actor, type=type, since=since, until=until,
                                limit=limit)

    def quotes(self, actor: str | None = None, since: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return query.quotes(self._con, actor=actor, since=since, limit=limit)

    def affiliations(self, actor: str | None = None, relation: str | None = None,
                     limit: int | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return query.affiliations(self._con, actor=actor, relation=relation, limit=limit)

    def places(self, limit: int | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return query.places(self._con, limit=limit)

    def find_actor(self, name_or_id: str) -> dict[str, Any] | None:
        with self._lock:
            return query.find_actor(self._con, name_or_id)

    def actor_profile(self, name_or_id: str, limit: int | None = 50, offset: int = 0, *,
                      offsets: Mapping[str, int] | None = None) -> dict[str, Any] | None:
        """One actor (found as `find_actor` finds it) with the newest `limit` records of
        each list after the first `offset` (`offsets` per list: affiliations,
        events_as_source, events_as_target, quotes), and `totals` per list.
        `limit=None`: every record. Reads the tables `resolve` precomputes
        (hudhud.store.paged), so a page costs the same in any size of store."""
        with self._lock:
            return paged.actor_profile(self._con, name_or_id, limit, offset, offsets=offsets)

    def actor_timeline(self, actor_id: str) -> list[dict[str, Any]]:
        """The actor's events counted per (day, role, type), from the precomputed table."""
        with self._lock:
            return paged.timeline(self._con, actor_id)

    def refresh_profiles(self) -> dict[str, int]:
        """Rebuild the precomputed profiles (hudhud.store.profiles); `resolve` does it."""
        self._check_writable()
        return profiles.refresh(self)
