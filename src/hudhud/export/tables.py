"""CSV and Parquet export: one file per record kind, written by DuckDB's COPY.

Each record file has its doc_id and its evidence (sentence, start, end and
text); actor columns give the local id, the global actor id and its name. In
CSV, a text cell that starts like a spreadsheet formula is written as text
(hudhud.export.cells).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hudhud.export.cells import sql_cell
from hudhud.store import Store
from hudhud.store.schema import quote_ident
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


def _text_as_text(con: Any, sql: str) -> str:
    """`sql` with each text column passed through `sql_cell`, the rule of every CSV writer."""
    described = con.execute(f"DESCRIBE ({sql})").fetchall()
    cols = [sql_cell(quote_ident(name)) + " AS " + quote_ident(name) if kind == "VARCHAR"
            else quote_ident(name) for name, kind, *_ in described]
    return f"SELECT {', '.join(cols)} FROM ({sql})"


def write_tables(store: Store, fmt: str, path: str | Path) -> dict[str, Any]:
    """Write QUERIES as `<path>/<name>.<fmt>`; `path` is a directory, created if needed."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    with store.lock:
        con = store.connection
        for name, sql in QUERIES.items():
            target = folder / f"{name}.{fmt}"
            query = _text_as_text(con, sql) if fmt == "csv" else sql
            con.execute(f"COPY ({query}) TO ? {_OPTIONS[fmt]}", [str(target)]).fetchall()
            files.append(str(target))
        n = scalar(con, "SELECT count(*) FROM documents")
    return {"documents": n, "files": files}
