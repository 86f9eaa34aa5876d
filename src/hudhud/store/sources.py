"""Where each stored article was also seen, and the fingerprints that tell it.

Two tables beside the schema of hudhud.store.schema, created on first use so
stores written before them open unchanged:

- ``doc_sources``: one row per near-duplicate copy (a wire copy, a re-post) of a
  stored document: the copy's own id, URL, title, origin and date, its estimated
  similarity, when it was seen and a running number. The copy's text is not
  analysed or stored again.
- ``doc_fingerprints``: the MinHash of each stored document
  (hudhud.engine.dedup), so a copy arriving in a later run is caught too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from hudhud.store.schema import quote_ident

if TYPE_CHECKING:
    from hudhud.store import Store

#: table -> ((column, SQL type), ...), and its key.
SOURCE_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "doc_sources": (
        ("doc_id", "VARCHAR"), ("source_id", "VARCHAR"), ("url", "VARCHAR"),
        ("title", "VARCHAR"), ("origin", "VARCHAR"), ("published", "DATE"),
        ("similarity", "DOUBLE"), ("seen_at", "TIMESTAMP"), ("seq", "BIGINT"),
    ),
    "doc_fingerprints": (
        ("doc_id", "VARCHAR"), ("settings", "VARCHAR"), ("shingles", "INTEGER"),
        ("hashvalues", "UBIGINT[]"),
    ),
}
_KEYS = {"doc_sources": "PRIMARY KEY (doc_id, source_id)", "doc_fingerprints": "PRIMARY KEY (doc_id)"}
_ARROW = {"VARCHAR": pa.string(), "DATE": pa.date32(), "DOUBLE": pa.float64(), "BIGINT": pa.int64(),
          "TIMESTAMP": pa.timestamp("us"), "INTEGER": pa.int32(), "UBIGINT[]": pa.list_(pa.uint64())}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(name, _ARROW[sql]) for name, sql in SOURCE_TABLES[table]])


def _exists(store: "Store", table: str) -> bool:
    rows = store.connection.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]).fetchall()
    return bool(rows[0][0])


def ensure_tables(store: "Store") -> None:
    """Create the two tables in a writable store (no-op when they are there)."""
    with store.lock:
        for table, cols in SOURCE_TABLES.items():
            parts = [f"{quote_ident(n)} {t}" for n, t in cols] + [_KEYS[table]]
            store.connection.execute(
                f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(parts)})").fetchall()


def _insert(store: "Store", table: str, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    batch = pa.Table.from_pylist(list(rows), schema=arrow_schema(table))
    cols = ", ".join(quote_ident(n) for n, _ in SOURCE_TABLES[table])
    with store.lock:
        store.connection.register("_hudhud_sources", batch)
        try:
            store.connection.execute(
                f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _hudhud_sources "
                "ON CONFLICT DO NOTHING").fetchall()
        finally:
            store.connection.unregister("_hudhud_sources")


def add_sources(store: "Store", rows: Sequence[dict[str, Any]]) -> None:
    """Record copies: dicts with doc_id (the stored document), source_id, url, title,
    origin, published (YYYY-MM-DD or None) and similarity. A repeated copy is ignored."""
    ensure_tables(store)
    with store.lock:
        # `seq` keeps the order copies arrived in (a parallel insert does not).
        base = store.connection.execute(
            "SELECT coalesce(max(seq), 0) FROM doc_sources").fetchall()[0][0]
        _insert(store, "doc_sources", source_rows(rows, base))


def source_rows(rows: Sequence[dict[str, Any]], base: int) -> list[dict[str, Any]]:
    """`rows` as doc_sources rows: dates parsed, `seen_at` now, `seq` from `base` + 1."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    return [{**r, "published": dt.date.fromisoformat(r["published"]) if r.get("published") else None,
             "seen_at": r.get("seen_at") or now, "seq": base + i + 1} for i, r in enumerate(rows)]


def add_fingerprints(store: "Store", rows: Sequence[dict[str, Any]]) -> None:
    """Keep fingerprints: dicts with doc_id, settings (DedupSettings.key), shingles (count),
    hashvalues."""
    ensure_tables(store)
    _insert(store, "doc_fingerprints", rows)


def remove_fingerprints(store: "Store", doc_ids: Sequence[str]) -> None:
    """Forget the fingerprints of documents about to get a new text (in its transaction)."""
    with store.lock:
        if _exists(store, "doc_fingerprints"):
            store.connection.execute("DELETE FROM doc_fingerprints WHERE doc_id IN "
                                     "(SELECT unnest(?::VARCHAR[]))", [list(doc_ids)]).fetchall()


def fingerprints(store: "Store", settings: str) -> Iterator[tuple[str, int, list[int]]]:
    """Stored (doc_id, shingle count, hash values) made with these settings."""
    with store.lock:
        if not _exists(store, "doc_fingerprints"):
            return iter(())
        # In ingest order, so the earliest copy of an article stays the one others point to.
        rows = store.connection.execute(
            "SELECT f.doc_id, f.shingles, f.hashvalues FROM doc_fingerprints f "
            "JOIN documents d ON d.id = f.doc_id WHERE f.settings = ? ORDER BY d.seq",
            [settings]).fetchall()
    return iter(rows)


def sources(store: "Store", doc_id: str) -> list[dict[str, Any]]:
    """Every place a stored document was seen: the document itself first (similarity 1.0),
    then its copies in the order they arrived. Empty when `doc_id` is not stored."""
    with store.lock:
        con = store.connection
        cur = con.execute("SELECT id, url, title, origin, published FROM documents WHERE id = ?",
                          [doc_id])
        own = cur.fetchall()
        if not own:
            return []
        out = [{"source_id": own[0][0], "url": own[0][1], "title": own[0][2], "origin": own[0][3],
                "published": own[0][4].isoformat() if own[0][4] else None, "similarity": 1.0}]
        if _exists(store, "doc_sources"):
            for sid, url, title, origin, pub, sim in con.execute(
                    "SELECT source_id, url, title, origin, published, similarity FROM doc_sources "
                    "WHERE doc_id = ? ORDER BY seq", [doc_id]).fetchall():
                out.append({"source_id": sid, "url": url, "title": title, "origin": origin,
                            "published": pub.isoformat() if pub else None, "similarity": sim})
    return out


def source_ids(store: "Store", ids: Sequence[str]) -> set[str]:
    """Those of `ids` already recorded as copies of a stored document."""
    with store.lock:
        if not ids or not _exists(store, "doc_sources"):
            return set()
        return {r[0] for r in store.connection.execute(
            "SELECT source_id FROM doc_sources WHERE source_id IN (SELECT unnest(?::VARCHAR[]))",
            [list(ids)]).fetchall()}


__all__ = ["SOURCE_TABLES", "add_fingerprints", "add_sources", "ensure_tables", "fingerprints",
           "remove_fingerprints", "source_ids", "sources"]
