"""What grouping reads, kept per distinct document actor rather than per document.

Grouping (hudhud.resolve.group) looks at a document actor's kb_id, name, kind,
country and aliases, and counts how often each alias is mentioned. A year of
news holds the same actor in thousands of documents: "Iran" with the same
aliases in every one. So resolve keeps one row per *signature* (those five
fields; sig is a hash of them) with the number of document actors it stands for
(`n`), where it first occurs (`first`, in the (doc_id, seq) order grouping reads
documents in) and the global actor it went to, and one row per (signature,
surface) with the summed mention counts. Grouping the signatures, each weighted
by `n`, gives the global actors that grouping every document actor gives
(tests/resolve/test_signatures.py checks it).

A resolve adds only the document actors that have no global actor yet (the new
documents'); a document replaced by a corrected text takes its old document
actors out first (`retire`, in the transaction of the replacement). The tables
are trusted only while their total `n` equals the
number of linked document actors and the meta key `resolved_doc_actors`
(written in the same transaction); otherwise they are rebuilt from every
document actor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pyarrow as pa

from hudhud.resolve.group import DocActor

if TYPE_CHECKING:
    import duckdb

TABLES = (
    """CREATE TABLE IF NOT EXISTS resolve_signatures (
        sig VARCHAR PRIMARY KEY, kb_id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR,
        aliases VARCHAR[], n BIGINT NOT NULL, "first" STRUCT(doc_id VARCHAR, seq INTEGER),
        actor_id VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS resolve_surfaces (
        sig VARCHAR, surface VARCHAR, n BIGINT NOT NULL, PRIMARY KEY (sig, surface))""",
)

META_KEY = "resolved_doc_actors"

# The fields grouping reads, as grouping reads them: an empty kb_id, kind or country
# counts as none, and aliases are a set of non-empty names.
_NORMAL = """nullif(kb_id, '') AS kb_id, name, nullif(kind, '') AS kind,
    nullif(country, '') AS country,
    list_sort(list_distinct(list_filter(coalesce(aliases, []::VARCHAR[]), lambda s: s <> '')))
      AS aliases"""
_SIG = "md5(to_json({'k': kb_id, 'n': name, 'd': kind, 'c': country, 'a': aliases}))"

#: The signature of each row of `doc_actors` (a subquery; `where` filters doc_actors).
def normalised(where: str = "TRUE") -> str:
    return f"""(SELECT doc_id, id, seq, actor_id, *, {_SIG} AS sig FROM (
        SELECT doc_id, id, seq, actor_id, {_NORMAL} FROM doc_actors WHERE {where}))"""


def _scalar(con: "duckdb.DuckDBPyConnection", sql: str) -> object:
    return con.execute(sql).fetchall()[0][0]


def is_valid(con: "duckdb.DuckDBPyConnection") -> bool:
    """Whether the tables describe exactly the document actors linked so far."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}
    if "resolve_signatures" not in tables or "resolve_surfaces" not in tables:
        return False
    stored = con.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchall()
    total = _scalar(con, "SELECT coalesce(sum(n), 0) FROM resolve_signatures")
    linked = _scalar(con, "SELECT count(*) FROM doc_actors WHERE actor_id IS NOT NULL")
    return bool(stored) and stored[0][0] == str(total) == str(linked)


def add(con: "duckdb.DuckDBPyConnection", rebuild: bool) -> None:
    """Count the unlinked document actors into the tables (or, with `rebuild`, every
    one, into emptied tables). Leaves `_hudhud_sig_da` (doc_id, id, sig) naming the
    document actors counted, for `plan` and `apply`."""
    for sql in TABLES:
        con.execute(sql).fetchall()
    if rebuild:
        con.execute("DELETE FROM resolve_surfaces").fetchall()
        con.execute("DELETE FROM resolve_signatures").fetchall()
    where = "TRUE" if rebuild else "actor_id IS NULL"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _hudhud_sig_da AS SELECT * FROM {normalised(where)}"
                ).fetchall()
    # A signature's old global actor: the one all its document actors have, if they agree.
    con.execute("""
        INSERT INTO resolve_signatures
        SELECT sig, any_value(kb_id), any_value(name), any_value(kind), any_value(country),
               any_value(aliases), count(*), min({'doc_id': doc_id, 'seq': seq}),
               CASE WHEN count(DISTINCT actor_id) = 1 AND count(actor_id) = count(*)
                    THEN any_value(actor_id) END
        FROM _hudhud_sig_da GROUP BY sig
        ON CONFLICT (sig) DO UPDATE SET n = n + excluded.n, "first" = least("first", excluded."first")
        """).fetchall()
    # Each alias counts its mentions in the document, at least once (as _doc_actors did).
    con.execute("""
        INSERT INTO resolve_surfaces
        WITH u AS (SELECT doc_id, id, sig, unnest(aliases) AS surface FROM _hudhud_sig_da),
             m AS (SELECT doc_id, actor, text, count(*) AS n FROM mentions
                   WHERE text IS NOT NULL AND doc_id IN (SELECT doc_id FROM _hudhud_sig_da)
                   GROUP BY ALL)
        SELECT u.sig, u.surface, sum(greatest(1, coalesce(m.n, 0)))
        FROM u LEFT JOIN m ON m.doc_id = u.doc_id AND m.actor = u.id AND m.text = u.surface
        GROUP BY ALL
        ON CONFLICT (sig, surface) DO UPDATE SET n = n + excluded.n""").fetchall()


def load(con: "duckdb.DuckDBPyConnection") -> list[DocActor]:
    """One weighted DocActor per signature (its id is the signature), in the order of
    their first document actors."""
    surfaces: dict[str, dict[str, int]] = {}
    for sig, surface, n in con.execute(
            "SELECT sig, surface, n FROM resolve_surfaces ORDER BY sig, surface").fetchall():
        surfaces.setdefault(sig, {})[surface] = int(n)
    out = []
    for sig, name, kind, country, kb_id, n in con.execute(
            'SELECT sig, name, kind, country, kb_id, n FROM resolve_signatures ORDER BY "first", sig'
            ).fetchall():
        out.append(DocActor(doc_id="", id=sig, name=name, kind=kind, country=country, kb_id=kb_id,
                            surfaces=surfaces.get(sig) or {name: int(n)}, weight=int(n)))
    return out


def plan(con: "duckdb.DuckDBPyConnection", actor_of: Mapping[str, str], rebuild: bool) -> int:
    """Record each signature's new global actor (`actor_of`: sig -> actor id) and fill
    `_hudhud_moved` (doc_id, id, old, new) with the linked document actors whose actor
    changes; returns how many. `apply` then changes them."""
    con.register("_hudhud_links", pa.table(
        {"sig": list(actor_of), "actor_id": list(actor_of.values())},
        schema=pa.schema([("sig", pa.string()), ("actor_id", pa.string())])))
    try:
        con.execute("""CREATE OR REPLACE TEMP TABLE _hudhud_sig_changed AS
            SELECT s.sig, s.actor_id AS old, l.actor_id AS new FROM resolve_signatures s
            JOIN _hudhud_links l USING (sig) WHERE s.actor_id IS DISTINCT FROM l.actor_id""").fetchall()
        con.execute("""UPDATE resolve_signatures SET actor_id = c.new FROM _hudhud_sig_changed c
                       WHERE resolve_signatures.sig = c.sig""").fetchall()
    finally:
        con.unregister("_hudhud_links")
    if rebuild:
        # Every document actor was counted afresh: compare each with its signature's actor.
        con.execute("""CREATE OR REPLACE TEMP TABLE _hudhud_moved AS
            SELECT d.doc_id, d.id, d.actor_id AS old, s.actor_id AS new FROM _hudhud_sig_da d
            JOIN resolve_signatures s USING (sig)
            WHERE d.actor_id IS NOT NULL AND d.actor_id IS DISTINCT FROM s.actor_id""").fetchall()
    else:
        # A signature's document actors all had its old actor, so only those can move.
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _hudhud_moved AS
            SELECT d.doc_id, d.id, c.old, c.new
            FROM {normalised("actor_id IN (SELECT old FROM _hudhud_sig_changed)")} d
            JOIN _hudhud_sig_changed c ON c.sig = d.sig AND c.old = d.actor_id""").fetchall()
    return int(str(_scalar(con, "SELECT count(*) FROM _hudhud_moved")))


def apply(con: "duckdb.DuckDBPyConnection") -> None:
    """Point the moved and the new document actors at their global actors, and record
    how many document actors the tables now describe."""
    con.execute("""UPDATE doc_actors SET actor_id = m.new FROM _hudhud_moved m
                   WHERE doc_actors.doc_id = m.doc_id AND doc_actors.id = m.id""").fetchall()
    con.execute("""UPDATE doc_actors SET actor_id = l.actor_id FROM (
                       SELECT d.doc_id, d.id, s.actor_id FROM _hudhud_sig_da d
                       JOIN resolve_signatures s USING (sig) WHERE d.actor_id IS NULL) l
                   WHERE doc_actors.doc_id = l.doc_id AND doc_actors.id = l.id""").fetchall()
    total = _scalar(con, "SELECT coalesce(sum(n), 0) FROM resolve_signatures")
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [META_KEY, str(total)]).fetchall()


def retire(con: "duckdb.DuckDBPyConnection", docs_table: str) -> None:
    """Take the linked document actors of the documents in `docs_table` (doc_id), about to
    be replaced, out of the tables, as if they had never been counted: their signatures'
    `n` and surface counts go down (a signature left with none goes), a `first` that was
    theirs moves to the next document actor, and the meta key follows. A store whose
    tables do not add up loses its meta key instead, so the next resolve rebuilds them."""
    if not is_valid(con):
        con.execute("DELETE FROM meta WHERE key = ?", [META_KEY]).fetchall()
        return
    gone = f"actor_id IS NOT NULL AND doc_id IN (SELECT doc_id FROM {docs_table})"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _hudhud_sig_gone AS SELECT * FROM {normalised(gone)}"
                ).fetchall()
    # The same sums `add` counted them with.
    con.execute("""
        UPDATE resolve_surfaces SET n = resolve_surfaces.n - g.n FROM (
            WITH u AS (SELECT doc_id, id, sig, unnest(aliases) AS surface FROM _hudhud_sig_gone),
                 m AS (SELECT doc_id, actor, text, count(*) AS n FROM mentions
                       WHERE text IS NOT NULL AND doc_id IN (SELECT doc_id FROM _hudhud_sig_gone)
                       GROUP BY ALL)
            SELECT u.sig, u.surface, sum(greatest(1, coalesce(m.n, 0))) AS n
            FROM u LEFT JOIN m ON m.doc_id = u.doc_id AND m.actor = u.id AND m.text = u.surface
            GROUP BY ALL) g
        WHERE resolve_surfaces.sig = g.sig AND resolve_surfaces.surface = g.surface""").fetchall()
    con.execute("""UPDATE resolve_signatures SET n = resolve_signatures.n - g.n
                   FROM (SELECT sig, count(*) AS n FROM _hudhud_sig_gone GROUP BY sig) g
                   WHERE resolve_signatures.sig = g.sig""").fetchall()
    con.execute("DELETE FROM resolve_surfaces WHERE n <= 0").fetchall()
    con.execute("DELETE FROM resolve_signatures WHERE n <= 0").fetchall()
    # A signature's document actors all link to its actor: the next first is among those
    # of the actors whose signatures had their first in a retired document (rarely any).
    stay = (f"""actor_id IN (SELECT actor_id FROM resolve_signatures
                           WHERE "first".doc_id IN (SELECT doc_id FROM {docs_table}))
               AND doc_id NOT IN (SELECT doc_id FROM {docs_table})""")
    con.execute(f"""UPDATE resolve_signatures SET "first" = f."first" FROM (
            SELECT sig, min({{'doc_id': doc_id, 'seq': seq}}) AS "first" FROM {normalised(stay)}
            GROUP BY sig) f
        WHERE resolve_signatures.sig = f.sig
          AND resolve_signatures."first".doc_id IN (SELECT doc_id FROM {docs_table})""").fetchall()
    total = _scalar(con, "SELECT coalesce(sum(n), 0) FROM resolve_signatures")
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [META_KEY, str(total)]).fetchall()
    con.execute("DROP TABLE _hudhud_sig_gone").fetchall()


def drop_temp(con: "duckdb.DuckDBPyConnection") -> None:
    for name in ("_hudhud_sig_da", "_hudhud_sig_changed", "_hudhud_moved"):
        con.execute(f"DROP TABLE IF EXISTS {name}").fetchall()


__all__ = ["META_KEY", "TABLES", "add", "apply", "drop_temp", "is_valid", "load", "normalised", "plan",
           "retire"]
