"""An actor profile that stays fast on big stores: filter first, then name, newest `limit` first.

`hudhud.store.query.actor_profile` reads the views of hudhud.store.schema, which
join every record to its document and to three document actors and three global
actors before the actor filter applies; `find_actor` counts every actor's mentions
to rank one. On 100,000 documents that costs seconds per profile (BENCHMARKS.md).
Here each query first picks the actor's own rows (``doc_actors.actor_id = $aid``,
then the records whose role columns name those document actors), keeps the newest
`limit`, and only then joins names. With `limit=None` the rows, their columns and
their order are those of `query.actor_profile` (tests/store/test_paged.py checks it).
"""

from __future__ import annotations

from typing import Any

import duckdb

from hudhud.store.query import _fetch, _actor_params

_MATCHING = """
    SELECT id FROM actors WHERE lower(id) = lower($q) OR lower(name) = lower($q)
    UNION SELECT actor_id FROM actor_aliases WHERE lower(alias) = lower($q) OR key = $qkey"""

_FIND = f"""
    WITH cand AS ({_MATCHING}),
    h AS (SELECT doc_id, id, actor_id FROM doc_actors WHERE actor_id IN (SELECT id FROM cand)),
    -- The semi-join first: joined directly, DuckDB builds its hash table on all mentions.
    c AS (SELECT doc_id, actor, count(*) AS n FROM mentions
          WHERE (doc_id, actor) IN (SELECT doc_id, id FROM h) GROUP BY ALL),
    m AS (SELECT h.actor_id, sum(c.n) AS n FROM c JOIN h ON h.doc_id = c.doc_id AND h.id = c.actor
          GROUP BY 1),
    dd AS (SELECT actor_id, count(DISTINCT doc_id) AS n FROM h GROUP BY 1),
    al AS (SELECT actor_id, list({{'alias': alias, 'count': "count"}} ORDER BY "count" DESC, alias)
                  AS aliases
           FROM actor_aliases WHERE actor_id IN (SELECT id FROM cand) GROUP BY 1)
    SELECT a.id, a.name, a.kind, a.country, a.kb_id, coalesce(m.n, 0)::BIGINT AS mentions,
           coalesce(dd.n, 0) AS documents, coalesce(al.aliases, []) AS aliases
    FROM actors a JOIN cand ON cand.id = a.id LEFT JOIN m ON m.actor_id = a.id
    LEFT JOIN dd ON dd.actor_id = a.id LEFT JOIN al ON al.actor_id = a.id
    ORDER BY (lower(a.id) = lower($q)) DESC, mentions DESC, documents DESC, a.name, a.id LIMIT 1"""

# kind -> (table, actor columns, other columns, order, names joined for each actor column)
_KINDS: dict[str, tuple[str, tuple[str, ...], str, str]] = {
    "events": ("events", ("source", "target", "reported_by"),
               "r.id, r.doc_id, r.published, r.source, {source}, r.type, r.cameo, r.target, {target}, "
               "r.date, r.place, r.killed, r.wounded, r.goldstein, r.quad, r.pattern, "
               'r.reported_by, {reported_by}, r.sentence, r.start, r."end", r.evidence',
               "coalesce(r.date, r.published) DESC NULLS LAST, r.doc_id, r.seq"),
    "quotes": ("quotes", ("speaker",),
               'r.id, r.doc_id, r.published, r.speaker, {speaker}, r.text, r.sentence, r.start, '
               'r."end", r.evidence',
               "r.published DESC NULLS LAST, r.doc_id, r.seq"),
    "affiliations": ("affiliations", ("subject", "object"),
                     "r.id, r.doc_id, r.published, r.subject, {subject}, r.relation, r.object, "
                     '{object}, r.date, r.sentence, r.start, r."end", r.evidence',
                     "r.published DESC NULLS LAST, r.doc_id, r.seq"),
}


def records(con: duckdb.DuckDBPyConnection, kind: str, actor_id: str, roles: tuple[str, ...],
            limit: int | None = None) -> list[dict[str, Any]]:
    """The records of `kind` whose `roles` name the global actor, newest first, at most `limit`."""
    table, actor_cols, select, order = _KINDS[kind]
    hit = " OR ".join(f"(x.doc_id, x.{r}) IN (SELECT doc_id, id FROM hit)" for r in roles)
    names = {c: f"n_{c}.actor_id AS {c}_actor_id, coalesce(n_{c}.name, r.{c}) AS {c}_name"
             for c in actor_cols}
    joins = " ".join(f"LEFT JOIN da n_{c} ON n_{c}.doc_id = r.doc_id AND n_{c}.id = r.{c}"
                     for c in actor_cols)
    params: dict[str, Any] = {"aid": actor_id}
    cut = ""
    if limit is not None:
        params["limit"] = int(limit)
        cut = " LIMIT $limit"
    sql = f"""
        WITH hit AS (SELECT doc_id, id FROM doc_actors WHERE actor_id = $aid),
        r AS (SELECT x.*, doc.published FROM {table} x JOIN documents doc ON doc.id = x.doc_id
              WHERE {hit} ORDER BY {order.replace('r.', 'x.').replace('x.published', 'doc.published')}{cut}),
        da AS (SELECT d.doc_id, d.id, d.actor_id, coalesce(a.name, d.name) AS name
               FROM doc_actors d LEFT JOIN actors a ON a.id = d.actor_id
               WHERE d.doc_id IN (SELECT doc_id FROM r))
        SELECT {select.format(**names)} FROM r {joins} ORDER BY {order}"""
    return _fetch(con, sql, params)


def find_actor(con: duckdb.DuckDBPyConnection, name_or_id: str) -> dict[str, Any] | None:
    """As `query.find_actor`, counting mentions for the matching actors only."""
    rows = _fetch(con, _FIND, _actor_params(name_or_id))
    return rows[0] if rows else None


def actor_profile(con: duckdb.DuckDBPyConnection, name_or_id: str,
                  limit: int | None = 50) -> dict[str, Any] | None:
    """`query.actor_profile` with at most `limit` records of each kind (the newest)."""
    actor = find_actor(con, name_or_id)
    if actor is None:
        return None
    aid = actor["id"]
    affs = records(con, "affiliations", aid, ("subject", "object"), limit)
    for row in affs:
        row["direction"] = "out" if row["subject_actor_id"] == aid else "in"
    return {
        "actor": actor,
        "affiliations": affs,
        "events_as_source": records(con, "events", aid, ("source",), limit),
        "events_as_target": records(con, "events", aid, ("target",), limit),
        "quotes": records(con, "quotes", aid, ("speaker",), limit),
    }


__all__ = ["actor_profile", "find_actor", "records"]
