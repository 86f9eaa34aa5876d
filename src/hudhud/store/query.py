"""Read queries over the store's views (hudhud.store.schema.VIEWS).

An `actor` filter names a global actor by id, name or any alias, compared
case-insensitively and also by normalised key ("Kata'ib Hizballah" finds
"Kataib Hizballah"). Before `resolve` has run, a document-level actor's own
name and aliases are matched instead. Every returned record keeps its
evidence: doc_id, sentence, start, end and the evidence text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from hudhud.errors import StoreError
from hudhud.resolve.key import name_key

_EVENT_COLS = (
    "id, doc_id, published, source, source_actor_id, source_name, type, cameo, target, "
    "target_actor_id, target_name, date, place, killed, wounded, goldstein, quad, pattern, "
    'reported_by, reported_by_actor_id, reported_by_name, sentence, start, "end", evidence'
)
_QUOTE_COLS = ('id, doc_id, published, speaker, speaker_actor_id, speaker_name, text, '
               'sentence, start, "end", evidence')
_AFFILIATION_COLS = (
    "id, doc_id, published, subject, subject_actor_id, subject_name, relation, object, "
    'object_actor_id, object_name, date, sentence, start, "end", evidence'
)
_ACTOR_COLS = "id, name, kind, country, kb_id, mentions, documents, aliases"
_ACTOR_ORDER = "mentions DESC, documents DESC, name, id"

# Global actors whose id, name or alias matches $q.
_MATCHING_IDS = """
    SELECT id FROM actors WHERE lower(id) = lower($q) OR lower(name) = lower($q)
    UNION SELECT actor_id FROM actor_aliases WHERE lower(alias) = lower($q) OR key = $qkey"""


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> list[dict]:
    cur = con.execute(sql, params)
    names = [c[0] for c in cur.description]
    out = []
    for row in cur.fetchall():
        out.append({n: v.isoformat() if isinstance(v, dt.date) else v
                    for n, v in zip(names, row)})
    return out


def _date(name: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{name} must be a date, got {value!r}.",
                         hint="Write dates as YYYY-MM-DD.") from exc


def _limit(sql: str, params: dict[str, Any], limit: int | None) -> str:
    if limit is None:
        return sql
    params["limit"] = int(limit)
    return sql + " LIMIT $limit"


def _actor_params(q: str) -> dict[str, Any]:
    return {"q": q, "qkey": name_key(q) or None}


def _hit(actor: str | None, actor_id: str | None, params: dict[str, Any]) -> str:
    """A CTE `hit(doc_id, id)`: the document-level actors that stand for the actor asked."""
    if actor_id is not None:
        params["actor_id"] = actor_id
        return "WITH hit AS (SELECT doc_id, id FROM doc_actors WHERE actor_id = $actor_id) "
    params.update(_actor_params(actor or ""))
    return f"""WITH hit AS (
        SELECT doc_id, id FROM doc_actors
        WHERE actor_id IN ({_MATCHING_IDS})
           OR (actor_id IS NULL AND (lower(name) = lower($q)
               OR list_contains(list_transform(aliases, lambda x: lower(x)), lower($q))))) """


def _role_filter(roles: tuple[str, ...]) -> str:
    return ("EXISTS (SELECT 1 FROM hit h WHERE h.doc_id = v.doc_id AND h.id IN ("
            + ", ".join(f"v.{r}" for r in roles) + "))")


def events(con: duckdb.DuckDBPyConnection, actor: str | None = None, type: str | None = None,
           since: str | None = None, until: str | None = None, limit: int | None = None, *,
           actor_id: str | None = None, roles: tuple[str, ...] = ("source", "target"),
           ) -> list[dict[str, Any]]:
    """Events, newest first. `since`/`until` compare the event date; an undated
    event counts by its document's published date (it cannot be later)."""
    params: dict[str, Any] = {}
    where, head = [], ""
    if actor is not None or actor_id is not None:
        head = _hit(actor, actor_id, params)
        where.append(_role_filter(roles))
    if type:
        params["type"] = type.upper()
        where.append("v.type = $type")
    if since:
        params["since"] = _date("since", since)
        where.append("(v.date >= $since OR (v.date IS NULL AND v.published >= $since))")
    if until:
        params["until"] = _date("until", until)
        where.append("(v.date <= $until OR (v.date IS NULL AND v.published <= $until))")
    sql = (head + f"SELECT {_EVENT_COLS} FROM events_v v"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY coalesce(v.date, v.published) DESC NULLS LAST, v.doc_id, v.seq")
    return _fetch(con, _limit(sql, params, limit), params)


def quotes(con: duckdb.DuckDBPyConnection, actor: str | None = None, since: str | None = None,
           limit: int | None = None, *, actor_id: str | None = None) -> list[dict[str, Any]]:
    """Quotes, newest document first; `since` compares the published date."""
    params: dict[str, Any] = {}
    where, head = [], ""
    if actor is not None or actor_id is not None:
        head = _hit(actor, actor_id, params)
        where.append(_role_filter(("speaker",)))
    if since:
        params["since"] = _date("since", since)
        where.append("v.published >= $since")
    sql = (head + f"SELECT {_QUOTE_COLS} FROM quotes_v v"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY v.published DESC NULLS LAST, v.doc_id, v.seq")
    return _fetch(con, _limit(sql, params, limit), params)


def affiliations(con: duckdb.DuckDBPyConnection, actor: str | None = None,
                 relation: str | None = None, limit: int | None = None, *,
                 actor_id: str | None = None, roles: tuple[str, ...] = ("subject", "object"),
                 ) -> list[dict[str, Any]]:
    params: dict[str, Any] = {}
    where, head = [], ""
    if actor is not None or actor_id is not None:
        head = _hit(actor, actor_id, params)
        where.append(_role_filter(roles))
    if relation:
        params["relation"] = relation.lower()
        where.append("v.relation = $relation")
    sql = (head + f"SELECT {_AFFILIATION_COLS} FROM affiliations_v v"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY v.published DESC NULLS LAST, v.doc_id, v.seq")
    return _fetch(con, _limit(sql, params, limit), params)


def places(con: duckdb.DuckDBPyConnection, limit: int | None = None) -> list[dict[str, Any]]:
    """Places over all documents: one row per GeoNames id (or per name and point
    when not geocoded to an id), with how many documents and mentions name it."""
    sql = """
        SELECT mode(name) AS name, min(lat) AS lat, min(lon) AS lon, mode(country) AS country,
               geonameid, mode(feature) AS feature, count(DISTINCT doc_id) AS documents,
               sum(greatest(mentions, 1))::BIGINT AS mentions
        FROM places_v
        GROUP BY coalesce(geonameid::VARCHAR,
                          lower(name) || '|' || coalesce(lat::VARCHAR, '') || '|'
                          || coalesce(lon::VARCHAR, '')), geonameid
        ORDER BY documents DESC, mentions DESC, name"""
    params: dict[str, Any] = {}
    return _fetch(con, _limit(sql, params, limit), params)


def actors(con: duckdb.DuckDBPyConnection, name: str | None = None, kind: str | None = None,
           country: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Global actors, most mentioned first. `name` is a case-insensitive search in the
    name and aliases (or the exact id)."""
    params: dict[str, Any] = {}
    where = []
    if name:
        params.update(_actor_params(name))
        where.append("""(lower(v.id) = lower($q) OR contains(lower(v.name), lower($q))
            OR EXISTS (SELECT 1 FROM actor_aliases al WHERE al.actor_id = v.id
                       AND (contains(lower(al.alias), lower($q)) OR al.key = $qkey)))""")
    if kind:
        params["kind"] = kind.lower()
        where.append("v.kind = $kind")
    if country:
        params["country"] = country.upper()
        where.append("v.country = $country")
    sql = (f"SELECT {_ACTOR_COLS} FROM actors_v v"
           + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {_ACTOR_ORDER}")
    return _fetch(con, _limit(sql, params, limit), params)


def find_actor(con: duckdb.DuckDBPyConnection, name_or_id: str) -> dict[str, Any] | None:
    """The global actor named `name_or_id`: an exact id first, then an actor of that
    name, else the most mentioned actor with it as an alias (after `split Iraq
    Baghdad`, the split-off "Baghdad" may have "Iraq" as an alias and more mentions,
    yet "Iraq" means Iraq). None when nothing matches (or before resolve)."""
    params = _actor_params(name_or_id)
    rows = _fetch(con, f"""SELECT {_ACTOR_COLS} FROM actors_v
        WHERE id IN ({_MATCHING_IDS})
        ORDER BY (lower(id) = lower($q)) DESC, (lower(name) = lower($q)) DESC, {_ACTOR_ORDER}
        LIMIT 1""", params)
    return rows[0] if rows else None


def actor_profile(con: duckdb.DuckDBPyConnection, name_or_id: str) -> dict[str, Any] | None:
    """Everything about one global actor, each record with its evidence sentence, read
    through the views. The reference for `Store.actor_profile` (hudhud.store.paged),
    which reads the same rows a page at a time from tables precomputed at resolve;
    this one joins the whole store (seconds at 100,000 documents)."""
    actor = find_actor(con, name_or_id)
    if actor is None:
        return None
    aid = actor["id"]
    affs = []
    for row in affiliations(con, actor_id=aid, roles=("subject", "object")):
        row["direction"] = "out" if row["subject_actor_id"] == aid else "in"
        affs.append(row)
    return {
        "actor": actor,
        "affiliations": affs,
        "events_as_source": events(con, actor_id=aid, roles=("source",)),
        "events_as_target": events(con, actor_id=aid, roles=("target",)),
        "quotes": quotes(con, actor_id=aid),
    }
