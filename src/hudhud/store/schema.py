"""The DuckDB schema: tables, their columns and the read views built on them.

Columns are declared once, as data, so the DDL, the Arrow batches that
`Store.write` inserts and the row codec all agree on names, order and types.
Every record table carries its evidence as (sentence, start, end, evidence):
`documents.text[start:end] == evidence`.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

import pyarrow as pa

from hudhud.model import EVENT_TYPES, RELATIONS

if TYPE_CHECKING:
    import duckdb

#: Bump when a table changes shape, with a step in hudhud.store.migrations that
#: brings the previous version forward; a newer version is refused.
SCHEMA_VERSION = "3"

_EVIDENCE = (("sentence", "INTEGER"), ("start", "INTEGER"), ("end", "INTEGER"))

#: table -> ((column, SQL type), ...). `seq` keeps the order the analysis gave.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "meta": (("key", "VARCHAR"), ("value", "VARCHAR")),
    "documents": (
        ("id", "VARCHAR"), ("seq", "BIGINT"), ("title", "VARCHAR"), ("url", "VARCHAR"),
        ("published", "DATE"), ("text", "VARCHAR"), ("origin", "VARCHAR"),
        ("version", "VARCHAR"), ("analysis_published", "DATE"),
        ("sentences", "INTEGER[][]"), ("ingested_at", "TIMESTAMP"),
    ),
    "doc_actors": (
        ("doc_id", "VARCHAR"), ("id", "VARCHAR"), ("seq", "INTEGER"), ("name", "VARCHAR"),
        ("kind", "VARCHAR"), ("country", "VARCHAR"), ("kb_id", "VARCHAR"),
        ("aliases", "VARCHAR[]"), ("actor_id", "VARCHAR"),
    ),
    "mentions": (
        ("id", "VARCHAR"), ("doc_id", "VARCHAR"), ("actor", "VARCHAR"), ("seq", "INTEGER"),
        *_EVIDENCE, ("text", "VARCHAR"),
    ),
    "affiliations": (
        ("id", "VARCHAR"), ("doc_id", "VARCHAR"), ("seq", "INTEGER"), ("subject", "VARCHAR"),
        ("relation", "VARCHAR"), ("object", "VARCHAR"), ("date", "DATE"),
        *_EVIDENCE, ("evidence", "VARCHAR"),
    ),
    "events": (
        ("id", "VARCHAR"), ("doc_id", "VARCHAR"), ("seq", "INTEGER"), ("source", "VARCHAR"),
        ("type", "VARCHAR"), ("cameo", "VARCHAR"), ("target", "VARCHAR"), ("date", "DATE"),
        ("place", "VARCHAR"), ("killed", "INTEGER"), ("wounded", "INTEGER"),
        ("goldstein", "DOUBLE"), ("quad", "INTEGER"), ("pattern", "VARCHAR"),
        ("reported_by", "VARCHAR"), *_EVIDENCE, ("evidence", "VARCHAR"),
    ),
    "quotes": (
        ("id", "VARCHAR"), ("doc_id", "VARCHAR"), ("seq", "INTEGER"), ("speaker", "VARCHAR"),
        ("text", "VARCHAR"), *_EVIDENCE, ("evidence", "VARCHAR"),
    ),
    # A place's evidence columns repeat its first mention, so every record
    # table can be read the same way; all mentions are in place_mentions.
    "places": (
        ("id", "VARCHAR"), ("doc_id", "VARCHAR"), ("seq", "INTEGER"), ("name", "VARCHAR"),
        ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("country", "VARCHAR"), ("geonameid", "BIGINT"),
        ("feature", "VARCHAR"), ("admin1", "VARCHAR"), ("confidence", "DOUBLE"),
        *_EVIDENCE, ("evidence", "VARCHAR"),
    ),
    "place_mentions": (
        ("id", "VARCHAR"), ("doc_id", "VARCHAR"), ("place_id", "VARCHAR"), ("seq", "INTEGER"),
        *_EVIDENCE, ("text", "VARCHAR"),
    ),
    # Global actors: refilled by hudhud.resolve after each ingest. `mentions` and
    # `documents` are counted by hudhud.store.profiles.refresh at the end of resolve.
    "actors": (
        ("id", "VARCHAR"), ("name", "VARCHAR"), ("kind", "VARCHAR"),
        ("country", "VARCHAR"), ("kb_id", "VARCHAR"), ("mentions", "BIGINT"),
        ("documents", "BIGINT"),
    ),
    "actor_aliases": (
        ("actor_id", "VARCHAR"), ("alias", "VARCHAR"), ("key", "VARCHAR"), ("count", "BIGINT"),
    ),
}

#: Tables that hold one document's analysis, in the order a write fills them.
DOCUMENT_TABLES = (
    "documents", "doc_actors", "mentions", "affiliations", "events",
    "quotes", "places", "place_mentions",
)


def _in_list(values: tuple[str, ...]) -> str:
    # DDL cannot take parameters; these come from hudhud.model constants.
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


_CONSTRAINTS: dict[str, tuple[str, ...]] = {
    "meta": ("PRIMARY KEY (key)",),
    "documents": ("PRIMARY KEY (id)",),
    "doc_actors": ("PRIMARY KEY (doc_id, id)",),
    "mentions": ("PRIMARY KEY (id)",),
    "affiliations": ("PRIMARY KEY (id)", f"CHECK (relation IN ({_in_list(RELATIONS)}))"),
    "events": ("PRIMARY KEY (id)", f"CHECK (type IN ({_in_list(EVENT_TYPES)}))"),
    "quotes": ("PRIMARY KEY (id)",),
    "places": ("PRIMARY KEY (id)",),
    "place_mentions": ("PRIMARY KEY (id)",),
    "actors": ("PRIMARY KEY (id)",),
    "actor_aliases": ("PRIMARY KEY (actor_id, alias)",),
}

_ARROW = {
    "VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()), "INTEGER[][]": pa.list_(pa.list_(pa.int32())),
}


def quote_ident(name: str) -> str:
    """Quote a column name: `end` is a reserved word in SQL."""
    return '"' + name.replace('"', '""') + '"'


def columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of `table`, so a batch fails on a bad value before SQL sees it."""
    return pa.schema([(name, _ARROW[sql]) for name, sql in TABLES[table]])


def create_table_sql(table: str) -> str:
    parts = [f"{quote_ident(name)} {sql}" for name, sql in TABLES[table]]
    parts += _CONSTRAINTS.get(table, ())
    return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(parts)})"


#: Read views: each record with the names of its actors (the global actor's
#: name once resolved, the document's own name before that).
VIEWS: dict[str, str] = {
    # The counts are stored by hudhud.store.profiles.refresh (every resolve), so
    # listing or finding actors reads no mention.
    "actors_v": """
        WITH al AS (SELECT actor_id,
                           list({'alias': alias, 'count': "count"} ORDER BY "count" DESC, alias)
                             AS aliases
                    FROM actor_aliases GROUP BY actor_id)
        SELECT a.id, a.name, a.kind, a.country, a.kb_id,
               coalesce(a.mentions, 0) AS mentions, coalesce(a.documents, 0) AS documents,
               coalesce(al.aliases, []) AS aliases
        FROM actors a LEFT JOIN al ON al.actor_id = a.id""",
    "mentions_v": """
        SELECT m.id, m.doc_id, m.actor, d.actor_id, coalesce(a.name, d.name) AS actor_name,
               m.sentence, m.start, m."end", m.text
        FROM mentions m JOIN doc_actors d ON d.doc_id = m.doc_id AND d.id = m.actor
        LEFT JOIN actors a ON a.id = d.actor_id""",
    "affiliations_v": """
        SELECT f.id, f.doc_id, doc.published, f.subject, s.actor_id AS subject_actor_id,
               coalesce(sa.name, s.name, f.subject) AS subject_name, f.relation,
               f.object, o.actor_id AS object_actor_id,
               coalesce(oa.name, o.name, f.object) AS object_name, f.date,
               f.sentence, f.start, f."end", f.evidence, f.seq
        FROM affiliations f JOIN documents doc ON doc.id = f.doc_id
        LEFT JOIN doc_actors s ON s.doc_id = f.doc_id AND s.id = f.subject
        LEFT JOIN actors sa ON sa.id = s.actor_id
        LEFT JOIN doc_actors o ON o.doc_id = f.doc_id AND o.id = f.object
        LEFT JOIN actors oa ON oa.id = o.actor_id""",
    "events_v": """
        SELECT e.id, e.doc_id, doc.published, e.source, s.actor_id AS source_actor_id,
               coalesce(sa.name, s.name, e.source) AS source_name, e.type, e.cameo,
               e.target, t.actor_id AS target_actor_id,
               coalesce(ta.name, t.name, e.target) AS target_name, e.date, e.place,
               e.killed, e.wounded, e.goldstein, e.quad, e.pattern, e.reported_by,
               r.actor_id AS reported_by_actor_id,
               coalesce(ra.name, r.name, e.reported_by) AS reported_by_name,
               e.sentence, e.start, e."end", e.evidence, e.seq
        FROM events e JOIN documents doc ON doc.id = e.doc_id
        LEFT JOIN doc_actors s ON s.doc_id = e.doc_id AND s.id = e.source
        LEFT JOIN actors sa ON sa.id = s.actor_id
        LEFT JOIN doc_actors t ON t.doc_id = e.doc_id AND t.id = e.target
        LEFT JOIN actors ta ON ta.id = t.actor_id
        LEFT JOIN doc_actors r ON r.doc_id = e.doc_id AND r.id = e.reported_by
        LEFT JOIN actors ra ON ra.id = r.actor_id""",
    "quotes_v": """
        SELECT q.id, q.doc_id, doc.published, q.speaker, s.actor_id AS speaker_actor_id,
               coalesce(sa.name, s.name, q.speaker) AS speaker_name, q.text,
               q.sentence, q.start, q."end", q.evidence, q.seq
        FROM quotes q JOIN documents doc ON doc.id = q.doc_id
        LEFT JOIN doc_actors s ON s.doc_id = q.doc_id AND s.id = q.speaker
        LEFT JOIN actors sa ON sa.id = s.actor_id""",
    "places_v": """
        SELECT p.id, p.doc_id, p.name, p.lat, p.lon, p.country, p.geonameid, p.feature,
               p.admin1, p.confidence,
               (SELECT count(*) FROM place_mentions pm WHERE pm.place_id = p.id) AS mentions,
               p.sentence, p.start, p."end", p.evidence, p.seq
        FROM places p""",
}


def create_views(con: "duckdb.DuckDBPyConnection") -> str:
    """(Re)create every view of VIEWS; returns the hash of their SQL (meta `views`)."""
    for name, sql in VIEWS.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}").fetchall()
    return views_key()


def views_key() -> str:
    """A hash of the views' SQL: a file whose meta `views` differs gets them anew."""
    return hashlib.sha1(json.dumps(VIEWS, sort_keys=True).encode()).hexdigest()[:16]
