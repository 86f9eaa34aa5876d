"""CSV and Parquet export: one file per record kind, written by DuckDB's COPY.

Each record file has its doc_id and its evidence (sentence, start, end and
text); actor columns give the local id, the global actor id and its name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hudhud.store import Store
from hudhud.store.store import scalar

#: file name -> query. Names are global once resolve has run.
QUERIES: dict[str, str] = {
    "documents": """SELECT id AS doc_id, title, url, published, origin, version,
                           ingested_at, text FROM documents ORDER BY seq""",
    "actors": """SELECT id, name, kind, country, kb_id, mentions, documents,
                        array_to_string(list_transform(aliases, lambda x: x.alias), ' | ') AS aliases
                 FROM actors_v ORDER BY mentions DESC, documents DESC, name, id""",
    "mentions": """SELECT v.doc_id, v.id, v.actor, v.actor_id, v.actor_name, v.sentence,
                          v.start, v."end", v.text AS evidence
                   FROM mentions_v v JOIN documents d ON d.id = v.doc_id
                   ORDER BY d.seq, v.start, v.id""",
    "affiliations": """SELECT v.* EXCLUDE (seq) FROM affiliations_v v
                       JOIN documents d ON d.id = v.doc_id ORDER BY d.seq, v.seq""",
    "events": """SELECT v.* EXCLUDE (seq) FROM events_v v
                 JOIN documents d ON d.id = v.doc_id ORDER BY d.seq, v.seq""",
    "quotes": """SELECT v.* EXCLUDE (seq) FROM quotes_v v
                 JOIN documents d ON d.id = v.doc_id ORDER BY d.seq, v.seq""",
    "places": """SELECT v.* EXCLUDE (seq) FROM places_v v
                 JOIN documents d ON d.id = v.doc_id ORDER BY d.seq, v.seq""",
}

_OPTIONS = {"csv": "(FORMAT csv, HEADER true)", "parquet": "(FORMAT parquet)"}


def write_tables(store: Store, fmt: str, path: str | Path) -> dict[str, Any]:
    """Write QUERIES as `<path>/<name>.<fmt>`; `path` is a directory, created if needed."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    with store.lock:
        con = store.connection
        for name, sql in QUERIES.items():
            target = folder / f"{name}.{fmt}"
            con.execute(f"COPY ({sql}) TO ? {_OPTIONS[fmt]}", [str(target)]).fetchall()
            files.append(str(target))
        n = scalar(con, "SELECT count(*) FROM documents")
    return {"documents": n, "files": files}
