"""Run the grouping over a store: global actors, event clusters and the actor profile.

The global layer is what grouping every document actor gives (hudhud.resolve.group),
whatever was resolved before: running it twice gives the same tables, and a
judgement or a new document that changes old groups changes them everywhere. It
is computed in one transaction, in one of two ways with the same result
(tests/resolve/test_profile_update.py):

- incrementally, the common case: grouping reads one weighted row per distinct
  document actor (hudhud.resolve.signatures) after adding the new ones, only the
  document actors whose global actor changes are rewritten, the actors' counts
  move by what the changed documents add and take, and only the profile lists
  (hudhud.resolve.profile_update) and the stretches of event clusters
  (hudhud.resolve.event_update) that hold a changed record are redone;
- in full, when the store was never resolved by this version or its tables do
  not add up: every document actor is counted and linked afresh, the profile is
  rebuilt and every event reclustered.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hudhud.errors import StoreError
from hudhud.resolve import event_update, events, profile_update, signatures
from hudhud.resolve.group import GlobalActor, group
from hudhud.resolve.key import name_key
from hudhud.store import profiles

if TYPE_CHECKING:  # the store imports resolve.key, so no import cycle at run time
    import duckdb

    from hudhud.store import Store

Counts = dict[str, tuple[int, int]]


def _doc_counts(con: "duckdb.DuckDBPyConnection") -> Counts:
    """(mentions, documents) per global actor within the documents of `_hudhud_count_docs`."""
    out: dict[str, list[int]] = {}
    # Both sides narrowed first: joined whole, the mentions cost as much for one document
    # as for all.
    for actor, n in con.execute("""
            WITH m AS (SELECT doc_id, actor FROM mentions
                       WHERE doc_id IN (SELECT doc_id FROM _hudhud_count_docs)),
                 d AS (SELECT doc_id, id, actor_id FROM doc_actors
                       WHERE doc_id IN (SELECT doc_id FROM _hudhud_count_docs))
            SELECT d.actor_id, count(*) FROM m JOIN d ON d.doc_id = m.doc_id AND d.id = m.actor
            WHERE d.actor_id IS NOT NULL GROUP BY 1""").fetchall():
        out.setdefault(actor, [0, 0])[0] = int(n)
    for actor, n in con.execute("""
            SELECT actor_id, count(DISTINCT doc_id) FROM doc_actors
            WHERE doc_id IN (SELECT doc_id FROM _hudhud_count_docs) AND actor_id IS NOT NULL
            GROUP BY 1""").fetchall():
        out.setdefault(actor, [0, 0])[1] = int(n)
    return {a: (m, d) for a, (m, d) in out.items()}


def _write_actors(store: "Store", actors: list[GlobalActor], before: Counts, after: Counts
                  ) -> list[str]:
    """Refill `actors` (counts moved by what the changed documents take and add) and
    `actor_aliases`; returns the ids of the actors whose name changed."""
    con = store.connection
    old = {a: (name, m or 0, d or 0) for a, name, m, d in con.execute(
        "SELECT id, name, mentions, documents FROM actors").fetchall()}
    rows, alias_rows = [], []
    for a in actors:
        _, m, d = old.get(a.id, (None, 0, 0))
        m += after.get(a.id, (0, 0))[0] - before.get(a.id, (0, 0))[0]
        d += after.get(a.id, (0, 0))[1] - before.get(a.id, (0, 0))[1]
        rows.append({"id": a.id, "name": a.name, "kind": a.kind, "country": a.country,
                     "kb_id": a.kb_id, "mentions": m, "documents": d})
        alias_rows += [{"actor_id": a.id, "alias": s, "key": name_key(s), "count": n}
                       for s, n in sorted(a.aliases.items())]
    con.execute("DELETE FROM actor_aliases").fetchall()
    con.execute("DELETE FROM actors").fetchall()
    store.insert_rows("actors", rows)
    store.insert_rows("actor_aliases", alias_rows)
    return sorted(a.id for a in actors if a.id in old and old[a.id][0] != a.name)


class _Clock:
    def __init__(self, into: dict[str, Any] | None) -> None:
        self.into, self.last = into, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.into is not None:
            self.into[stage] = round(self.into.get(stage, 0.0) + now - self.last, 3)
        self.last = now


def _resolve(store: "Store", kb_names: Mapping[str, str] | None,
             judgements: list[tuple[str, str, str]], clock: _Clock, full: bool) -> dict[str, int]:
    con = store.connection
    full = full or not signatures.is_valid(con) or not profiles.is_current(con)
    signatures.add(con, rebuild=full)
    weighted = signatures.load(con)
    clock.lap("read")
    actors = group(weighted, kb_names, judgements)
    clock.lap("group")
    moved = signatures.plan(con, {m.id: a.id for a in actors for m in a.members}, rebuild=full)
    con.execute("""CREATE OR REPLACE TEMP TABLE _hudhud_new_docs AS
        SELECT DISTINCT doc_id FROM _hudhud_sig_da WHERE actor_id IS NULL""").fetchall()
    con.execute("""CREATE OR REPLACE TEMP TABLE _hudhud_count_docs AS
        SELECT doc_id FROM _hudhud_new_docs UNION SELECT doc_id FROM _hudhud_moved""").fetchall()
    before = {} if full else _doc_counts(con)
    signatures.apply(con)
    after = {} if full else _doc_counts(con)
    renamed = _write_actors(store, actors, before, after)
    clock.lap("link")
    if full:
        profiles.refresh_tables(con)
        clock.lap("profile")
        clusters = events.cluster_all(con)
        clock.lap("cluster")
    else:
        profile_update.mark_affected(con)
        in_sync = events.in_sync(con)
        old_events = event_update.rows_of(con, "_hudhud_aff_events") if in_sync else {}
        clock.lap("profile")
        stats = profile_update.update(con, renamed)
        full = stats["mode"] == "full"
        if clock.into is not None and not full:
            tables = [v for v in stats.values() if isinstance(v, dict)]
            for prefix, keys in (("lists_", ("rewritten", "extended")), ("rows_", ("added", "removed"))):
                clock.into.update({prefix + k: sum(t[k] for t in tables) for k in keys})
        clock.lap("profile")
        if in_sync:
            event_update.recluster(con, old_events, "_hudhud_aff_events")
            clusters = events.summary(con)
        else:
            clusters = events.cluster_all(con)
        clock.lap("cluster")
    if clock.into is not None:
        clock.into.update(mode="full" if full else "incremental", moved=moved, renamed=len(renamed))
    total = sum(a.weight for a in weighted)
    return {"actors": len(actors), "doc_actors": total, "merged": total - len(actors),
            "event_clusters": clusters["clusters"]}


def resolve(store: "Store", kb_names: Mapping[str, str] | None = None, *, full: bool = False,
            timings: dict[str, Any] | None = None) -> dict[str, int]:
    """Group every document-level actor into global actors, cluster the events and
    bring the actor profile up to date, in one transaction.

    Fills `actors` (with their counts), `actor_aliases`, `doc_actors.actor_id`,
    `event_clusters` and the profile tables. `kb_names` maps a kb_id to its
    canonical name; without it a kb actor takes the name its documents give it most
    often. `full` recomputes everything as for a store never resolved (the result is
    the same; it takes longer). Returns {actors, doc_actors, merged, event_clusters};
    `timings`, when given, receives the seconds of each stage (read, group, link,
    profile, cluster), the mode (incremental or full), how many document actors
    moved to another actor and how many actors were renamed, and, when
    incremental, how many profile lists were rewritten or extended and how many
    profile rows were added and removed.
    """
    if store.read_only:
        raise StoreError(f"{store.path} is open read-only.",
                         hint="Resolve needs a writable store.")
    from hudhud.resolve import judgement

    clock = _Clock(timings)
    with store.lock:
        judgements = judgement.load(store)
        with store.transaction() as con:
            result = _resolve(store, kb_names, judgements, clock, full)
            for name in ("_hudhud_new_docs", "_hudhud_count_docs"):
                con.execute(f"DROP TABLE IF EXISTS {name}").fetchall()
            signatures.drop_temp(con)
            profile_update.drop_temp(con)
    return result
