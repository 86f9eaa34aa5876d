"""Stores of 1k, 10k and 100k documents for the query benchmark, and the queries timed on them.

A store is grown from a small template store (analysed documents, resolved) by
cloning: copy k of template document D becomes document ``D~k``, every record id
gets the same ``~k`` suffix, and its dates move ``k mod 365`` days on, so the
copies spread over a year. One ``INSERT ... SELECT`` per table over
``range(copies)`` writes a whole store; document actors keep the global actor of
their template (the one `resolve` would give them: same names, same KB ids), and
alias counts are multiplied by the number of copies; then the store is resolved
in full (`resolve(full=True)`: what resolve keeps for the next incremental one,
the event clusters and the precomputed actor profile). A grown store is kept in a
cache folder under a name that hashes the template, the schema version and
GROW_VERSION, so a repeated run reuses it and a change of either grows new ones.

`incremental_ingest` times what an analyst's daily update costs on such a store:
a copy of it takes a batch of new articles through `hudhud ingest`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import shutil
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hudhud.model import Document
from hudhud.store import SCHEMA_VERSION, Store
from hudhud.store.schema import DOCUMENT_TABLES, TABLES, columns, quote_ident

#: Part of a grown store's cache name: bump when `grow` leaves a different store
#: (2: resolved in full, with the tables incremental resolves keep).
GROW_VERSION = "2"

# Columns that name a document or a record: they get the copy's suffix. (A document
# actor's `id` is local to its document, which already tells the copies apart.)
_ID_COLUMNS = {"id", "doc_id", "place_id"}
_LOCAL_IDS = {("doc_actors", "id")}
_DATE_COLUMNS = {"published", "date", "analysis_published"}

#: The network an analyst's graph view loads: typed affiliation edges and event
#: dyads between global actors, with counts, first and last dates and Goldstein sums.
NETWORK_SQL = """
    SELECT subject_actor_id AS a, object_actor_id AS b, relation AS kind, count(*) AS n,
           min(coalesce(date, published)) AS first, max(coalesce(date, published)) AS last,
           NULL::DOUBLE AS goldstein
    FROM affiliations_v WHERE subject_actor_id IS NOT NULL AND object_actor_id IS NOT NULL
    GROUP BY ALL
    UNION ALL
    SELECT source_actor_id, target_actor_id, type, count(*),
           min(coalesce(date, published)), max(coalesce(date, published)), sum(goldstein)
    FROM events_v WHERE source_actor_id IS NOT NULL AND target_actor_id IS NOT NULL
    GROUP BY ALL
    ORDER BY n DESC"""


def template_key(template: Path) -> str:
    """A hash of the template's documents, analyses version and schema version: the
    cache name of its clones."""
    with Store(template, read_only=True) as store:
        rows = store.connection.execute(
            "SELECT id, version, (SELECT count(*) FROM events), (SELECT count(*) FROM mentions) "
            "FROM documents ORDER BY seq").fetchall()
    return hashlib.sha1(repr((SCHEMA_VERSION, GROW_VERSION, rows)).encode("utf-8")).hexdigest()[:12]


def _select(table: str, n_docs: int) -> str:
    out = []
    for name in columns(table):
        col = f"x.{quote_ident(name)}"
        if name in _ID_COLUMNS and (table, name) not in _LOCAL_IDS:
            out.append(f"{col} || '~' || k.range")
        elif name == "seq" and table == "documents":
            out.append(f"k.range * {n_docs} + d.rank")
        elif name in _DATE_COLUMNS:
            out.append(f"{col} + (k.range % 365)::INTEGER")
        else:
            out.append(col)
    return ", ".join(out)


def grow(template: Path, size: int, target: Path) -> Path:
    """Write a store of exactly `size` documents cloned from `template` into `target`."""
    target.unlink(missing_ok=True)
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with Store(partial) as store:
        con = store.connection
        con.execute(f"ATTACH '{str(template).replace(chr(39), chr(39) * 2)}' AS t (READ_ONLY)").fetchall()
        n_docs = con.execute("SELECT count(*) FROM t.documents").fetchall()[0][0]
        copies = math.ceil(size / n_docs)
        con.execute("CREATE TEMP TABLE d AS SELECT id, row_number() OVER (ORDER BY seq) AS rank "
                    "FROM t.documents").fetchall()
        for table in DOCUMENT_TABLES:
            key = "id" if table == "documents" else "doc_id"
            cols = ", ".join(quote_ident(c) for c in columns(table))
            con.execute(
                f"INSERT INTO {table} ({cols}) SELECT {_select(table, n_docs)} "
                f"FROM t.{table} x JOIN d ON d.id = x.{key} CROSS JOIN range({copies}) k "
                f"WHERE k.range * {n_docs} + d.rank <= {size}").fetchall()
        con.execute("INSERT INTO actors (id, name, kind, country, kb_id) "
                    "SELECT id, name, kind, country, kb_id FROM t.actors").fetchall()
        con.execute(f"INSERT INTO actor_aliases SELECT actor_id, alias, key, \"count\" * {copies} "
                    "FROM t.actor_aliases").fetchall()
        con.execute("DETACH t").fetchall()
        from hudhud.kb import canonical_names
        from hudhud.resolve import resolve

        resolve(store, kb_names=canonical_names(), full=True)  # as after an ingest
        con.execute("CHECKPOINT").fetchall()
    shutil.move(partial, target)
    return target


def grown_store(template: Path, size: int, cache_dir: Path) -> Path:
    """The cached clone of `template` with `size` documents, built on first use."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"bench-{template_key(template)}-{size}.duckdb"
    if not path.exists():
        grow(template, size, path)
    return path


def incremental_ingest(db: Path, docs: Sequence[Document], folder: Path) -> dict[str, Any]:
    """Seconds to ingest `docs` (new articles) into a copy of the store `db`: once end to
    end with `hudhud ingest` in one process (read, analyse, write, resolve), then a
    second batch of the same texts under other ids, stage by stage (analyse, write,
    and the stages of the resolve, hudhud.resolve.resolve's `timings`)."""
    from hudhud.engine import pipeline
    from hudhud.kb import canonical_names
    from hudhud.kb.actors import KnowledgeBase
    from hudhud.model import DocumentAnalysis
    from hudhud.nlp.pipeline import load_nlp
    from hudhud.resolve import resolve

    copy = folder / "incremental.duckdb"
    shutil.copy(db, copy)
    corpus = folder / "new.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for i, d in enumerate(docs):
            out.write(json.dumps(dataclasses.replace(d, id=f"new-{i}").to_dict()) + "\n")
    nlp, kb = load_nlp(), KnowledgeBase.default()  # loaded once, as in a running ingest
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    start = time.perf_counter()
    # Near-duplicate detection off: the bench's articles are copies of stored ones.
    summary = pipeline.ingest([str(corpus)], str(copy), workers=1, near_duplicates=False)
    seconds = time.perf_counter() - start
    again = [dataclasses.replace(d, id=f"again-{i}") for i, d in enumerate(docs)]
    stages: dict[str, Any] = {}
    start = time.perf_counter()
    analysed = [(d, DocumentAnalysis.from_dict(r))
                for d, (r, _) in zip(again, pipeline._analyze_batch(again, nlp, kb)) if r]
    stages["analyse"] = round(time.perf_counter() - start, 3)
    with Store(copy) as store:
        start = time.perf_counter()
        store.write_many(analysed)
        stages["write"] = round(time.perf_counter() - start, 3)
        start = time.perf_counter()
        resolve(store, kb_names=canonical_names(), timings=stages)
        stages["resolve"] = round(time.perf_counter() - start, 3)
    copy.unlink()
    return {"docs": summary.stored, "seconds": round(seconds, 2),
            "load_avg_1min": round(load, 2) if load is not None else None, "stages": stages}


def _timed(fn: Callable[[], Any], repeats: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return times, result


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return {"p50": round(statistics.median(ordered), 2), "p95": round(p95, 2), "n": len(ordered)}


def network(store: Store) -> list[Any]:
    """The edges of the web workbench's network page (all actors, default filters);
    NETWORK_SQL where the web extra is not importable."""
    try:
        from hudhud.web.filters import Filters
        from hudhud.web.graph import graph_data
    except ImportError:
        with store.lock:
            return store.connection.execute(NETWORK_SQL).fetchall()
    return graph_data(store, Filters())["edges"]


def profile_actors(store: Store, how_many: int) -> list[str]:
    """Global actors to profile, spread over the range of mention counts, most mentioned first."""
    ids = [r[0] for r in store.connection.execute(
        "SELECT id FROM actors_v ORDER BY mentions DESC, id").fetchall()]
    if len(ids) <= how_many:
        return ids
    step = len(ids) / how_many
    return [ids[int(i * step)] for i in range(how_many)]


def query_latency(db: Path, repeats: int = 20) -> dict[str, Any]:
    """p50/p95 (ms) of the actor profile as the web page and `hudhud show` read it
    (`Store.actor_profile`, 50 records of each list), the same page half-way down each
    actor's lists, the full profile (`limit=None`, every record), an event filter (one
    type in a 30-day window, 100 rows) and the network page's query."""
    with Store(db, read_only=True) as store:
        con = store.connection
        actors = profile_actors(store, repeats)
        first = con.execute("SELECT min(published) FROM documents").fetchall()[0][0]
        since = first.isoformat() if first else None
        until = (first.toordinal() + 30) if first else None
        until_iso = type(first).fromordinal(until).isoformat() if first else None
        store.actor_profile(actors[0])  # warm the caches once, as a running server would be

        page_times, deep_times, full_times, sizes = [], [], [], []
        for aid in actors:
            t, prof = _timed(lambda aid=aid: store.actor_profile(aid, limit=50), 1)
            page_times += t
            middle = {part: n // 2 for part, n in prof["totals"].items()}
            deep_times += _timed(lambda aid=aid, middle=middle: store.actor_profile(
                aid, limit=50, offsets=middle), 1)[0]
            sizes.append(sum(prof["totals"].values()))
        for aid in actors:
            full_times += _timed(lambda aid=aid: store.actor_profile(aid, limit=None), 1)[0]
        event_times, events = _timed(
            lambda: store.events(type="ASSAULT", since=since, until=until_iso, limit=100), repeats)
        network_times, edges = _timed(lambda: network(store), max(3, repeats // 4))
        documents = con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
        records = sum(con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                      for t in DOCUMENT_TABLES if t in TABLES)
    return {
        "documents": documents, "rows": records,
        "store_mb": round(Path(db).stat().st_size / 2**20, 1),
        "actor_profile": {**_summary(page_times), "records_max": max(sizes, default=0)},
        "actor_profile_deep": _summary(deep_times),
        "actor_profile_full": _summary(full_times),
        "event_filter": {**_summary(event_times), "records": len(events)},
        "network": {**_summary(network_times), "edges": len(edges)},
    }


__all__ = ["GROW_VERSION", "NETWORK_SQL", "grow", "grown_store", "incremental_ingest",
           "query_latency", "template_key"]
