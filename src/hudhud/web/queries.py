"""SQL the web pages need beyond hudhud.store.query: filtered events with map
points, graph edges, event counts over time, full-text search, one event or
document and every record of a document.

Each function takes the store's DuckDB connection (hold `store.lock`) and
reads its result whole with fetchall().
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from hudhud.web.filters import HOSTILE_TYPES, Filters

#: One point per place name in a document, to put an event on the map.
_PLACE_OF = """(SELECT doc_id, lower(name) AS k, min(id) AS place_id, any_value(lat) AS lat,
                       any_value(lon) AS lon
                FROM places WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY 1, 2)"""

_EVENT_SELECT = f"""
    SELECT v.id, v.doc_id, v.published, coalesce(v.date, v.published) AS day, v.date, v.type,
           v.cameo, v.source_actor_id, v.source_name, v.target_actor_id, v.target_name,
           v.reported_by_actor_id, v.reported_by_name, v.place, p.lat, p.lon, v.killed,
           v.wounded, v.goldstein, v.quad, v.sentence, v.start, v."end", v.evidence
    FROM events_v v LEFT JOIN {_PLACE_OF} p ON p.doc_id = v.doc_id AND p.k = lower(v.place)"""


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None
          ) -> list[dict[str, Any]]:
    """Rows as dicts, dates as ISO strings (the JSON the API returns)."""
    cur = con.execute(sql, params or {})
    names = [c[0] for c in cur.description]
    return [{n: _plain(v) for n, v in zip(names, row)} for row in cur.fetchall()]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _day_range(f: Filters, params: dict[str, Any], day: str) -> list[str]:
    where = []
    if f.since:
        params["since"] = f.since
        where.append(f"{day} >= $since")
    if f.until:
        params["until"] = f.until
        where.append(f"{day} <= $until")
    return where


def events(con: duckdb.DuckDBPyConnection, f: Filters, actor_id: str | None = None,
           limit: int = 100, offset: int = 0, located: bool = False
           ) -> tuple[int, list[dict[str, Any]]]:
    """(how many match, one page of them): events newest first, each with the
    point of its place when the place was geocoded in the same document."""
    params: dict[str, Any] = {}
    where = _day_range(f, params, "coalesce(v.date, v.published)")
    if actor_id:
        params["actor_id"] = actor_id
        where.append("(v.source_actor_id = $actor_id OR v.target_actor_id = $actor_id)")
    if f.type:
        params["types"] = list(f.type)
        where.append("list_contains($types, v.type)")
    if located:
        where.append("p.lat IS NOT NULL")
    sql = _EVENT_SELECT + (" WHERE " + " AND ".join(where) if where else "")
    total = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()[0][0]
    params.update(limit=limit, offset=offset)
    rows = fetch(con, sql + " ORDER BY day DESC NULLS LAST, v.doc_id, v.seq LIMIT $limit OFFSET $offset",
                 params)
    return total, rows


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    rows = fetch(con, _EVENT_SELECT + " WHERE v.id = $id", {"id": event_id})
    return rows[0] if rows else None


def event_series(con: duckdb.DuckDBPyConnection, actor_id: str | None = None
                 ) -> list[tuple[str, str, int]]:
    """(day, type, count) of all events, or of one actor's, for the charts."""
    params: dict[str, Any] = {}
    where = "WHERE coalesce(date, published) IS NOT NULL"
    if actor_id:
        params["a"] = actor_id
        where += " AND (source_actor_id = $a OR target_actor_id = $a)"
    rows = con.execute(f"""SELECT coalesce(date, published) AS day, type, count(*) FROM events_v
                           {where} GROUP BY 1, 2 ORDER BY 1, 2""", params).fetchall()
    return [(d.isoformat(), t, int(n)) for d, t, n in rows]


def edges(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    """Graph edges between global actors: affiliations per (subject, relation,
    object) and events per (source, type, target), each with its count and its
    five newest pieces of evidence. Kind and country filter both ends.

    Read from the actor profile's tables (hudhud.store.profiles, refilled at every
    resolve), whose rows are the views' rows already joined to their actors: each
    affiliation once as its subject's "out", each event once as its source's. The
    same edges as from the views, in half the time or less on a big store."""
    parts, params = [], {}
    node_where = []
    if f.kind:
        params["kinds"] = list(f.kind)
        node_where.append("list_contains($kinds, {a}.kind)")
    if f.country:
        params["countries"] = list(f.country)
        node_where.append("list_contains($countries, {a}.country)")
    for layer, label, src, dst, view, default in (
        ("affiliations", "relation", "subject_actor_id", "object_actor_id",
         "(SELECT * FROM profile_affiliations WHERE direction = 'out')", ()),
        ("events", "type", "source_actor_id", "target_actor_id",
         "(SELECT * FROM profile_events WHERE role = 'source')", HOSTILE_TYPES),
    ):
        if not f.shows(layer):
            continue
        chosen = f.relation if layer == "affiliations" else f.event_types(default)
        where = [f"v.{src} IS NOT NULL", f"v.{dst} IS NOT NULL", f"v.{src} <> v.{dst}"]
        if chosen:
            params[f"{layer}_labels"] = list(chosen)
            where.append(f"list_contains(${layer}_labels, v.{label})")
        where += _day_range(f, params, "coalesce(v.date, v.published)")
        where += [w.format(a="s") for w in node_where] + [w.format(a="o") for w in node_where]
        parts.append(f"""
            SELECT '{layer}' AS layer, v.{label} AS label, v.{src} AS source, v.{dst} AS target,
                   count(*) AS count, min(coalesce(v.date, v.published)) AS first,
                   max(coalesce(v.date, v.published)) AS last,
                   list({{'id': v.id, 'doc_id': v.doc_id, 'day': coalesce(v.date, v.published),
                          'evidence': v.evidence}}
                        ORDER BY coalesce(v.date, v.published) DESC NULLS LAST, v.id)[1:5]
                     AS evidence
            FROM {view} v JOIN actors s ON s.id = v.{src} JOIN actors o ON o.id = v.{dst}
            WHERE {' AND '.join(where)}
            GROUP BY v.{label}, v.{src}, v.{dst}""")
    if not parts:
        return []
    return fetch(con, " UNION ALL ".join(parts) + " ORDER BY count DESC, layer, label, source, target",
                 params)


def actors_by_id(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[dict[str, Any]]:
    return fetch(con, """SELECT id, name, kind, country, kb_id, mentions, documents FROM actors_v
                         WHERE list_contains($ids, id) ORDER BY mentions DESC, name""",
                 {"ids": ids})


def places(con: duckdb.DuckDBPyConnection, f: Filters | None = None, name: str | None = None,
           limit: int = 1000) -> list[dict[str, Any]]:
    """Geocoded places, one per GeoNames id (else per name), with the documents naming
    them; `f` keeps the documents published in its date range, `name` is a substring."""
    params: dict[str, Any] = {"limit": limit}
    where = ["p.lat IS NOT NULL", "p.lon IS NOT NULL"]
    if f is not None:
        where += _day_range(f, params, "d.published")
    if name:
        params["name"] = name.lower()
        where.append("contains(lower(p.name), $name)")
    return fetch(con, f"""
        SELECT mode(p.name) AS name, min(p.lat) AS lat, min(p.lon) AS lon,
               mode(p.country) AS country, p.geonameid, count(DISTINCT p.doc_id) AS documents,
               list(DISTINCT p.doc_id ORDER BY p.doc_id)[1:5] AS doc_ids,
               min(d.published) AS first, max(d.published) AS last
        FROM places p JOIN documents d ON d.id = p.doc_id
        WHERE {' AND '.join(where)}
        GROUP BY coalesce(p.geonameid::VARCHAR, lower(p.name)), p.geonameid
        ORDER BY documents DESC, name LIMIT $limit""", params)


def search_documents(con: duckdb.DuckDBPyConnection, terms: list[str], limit: int = 20
                     ) -> list[dict[str, Any]]:
    """Documents whose title or text holds every term (case-insensitive), most hits
    first, with a window of text around the first hit of the first term."""
    params: dict[str, Any] = {"limit": limit}
    where, score = [], []
    for i, term in enumerate(terms):
        params[f"t{i}"] = term.lower()
        hay = "lower(coalesce(d.title, '') || ' ' || d.text)"
        where.append(f"contains({hay}, $t{i})")
        score.append(f"(length({hay}) - length(replace({hay}, $t{i}, ''))) // length($t{i})")
    return fetch(con, f"""
        SELECT d.id, d.title, d.published, {' + '.join(score)} AS hits,
               greatest(instr(lower(d.text), $t0) - 90, 1) AS at,
               substr(d.text, greatest(instr(lower(d.text), $t0) - 90, 1), 240) AS snippet
        FROM documents d WHERE {' AND '.join(where)}
        ORDER BY hits DESC, d.published DESC NULLS LAST, d.id LIMIT $limit""", params)


def document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    rows = fetch(con, "SELECT id, title, url, published, text FROM documents WHERE id = $id",
                 {"id": doc_id})
    return rows[0] if rows else None


def document_records(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    """Every record of one document with its span: actor mentions, place mentions,
    affiliations, events and quotes, in text order."""
    return fetch(con, """
        SELECT 'mention' AS kind, m.id, m.start, m."end", m.sentence, m.text AS text,
               m.actor_name AS label, m.actor_id AS actor_id, NULL AS detail
        FROM mentions_v m WHERE m.doc_id = $d
        UNION ALL
        SELECT 'place', pm.id, pm.start, pm."end", pm.sentence, pm.text, p.name, NULL,
               p.country
        FROM place_mentions pm JOIN places p ON p.id = pm.place_id WHERE pm.doc_id = $d
        UNION ALL
        SELECT 'affiliation', a.id, a.start, a."end", a.sentence, a.evidence,
               a.subject_name || ' ' || a.relation || ' ' || a.object_name, a.subject_actor_id,
               a.relation
        FROM affiliations_v a WHERE a.doc_id = $d
        UNION ALL
        SELECT 'event', e.id, e.start, e."end", e.sentence, e.evidence,
               coalesce(e.source_name, '?') || ' ' || e.type || ' ' || coalesce(e.target_name, '?'),
               e.source_actor_id, e.type
        FROM events_v e WHERE e.doc_id = $d
        UNION ALL
        SELECT 'quote', q.id, q.start, q."end", q.sentence, q.evidence,
               coalesce(q.speaker_name, 'unattributed'), q.speaker_actor_id, NULL
        FROM quotes_v q WHERE q.doc_id = $d
        ORDER BY start, "end" DESC, kind, id""", {"d": doc_id})


def date_range(con: duckdb.DuckDBPyConnection) -> tuple[str | None, str | None]:
    """The first and last day any event or document carries."""
    row = con.execute("""SELECT least(min(coalesce(e.date, e.published)), min(d.published)),
                                greatest(max(coalesce(e.date, e.published)), max(d.published))
                         FROM documents d LEFT JOIN events_v e ON e.doc_id = d.id""").fetchall()[0]
    return tuple(v.isoformat() if v else None for v in row)  # type: ignore[return-value]
