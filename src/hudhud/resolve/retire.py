"""Before a stored document is replaced by a corrected text, take back what the
resolve derived from its old records, so the next resolve can stay incremental.

A resolve keeps running totals: each actor's `mentions` and `documents`, and the
signature counts grouping reads (hudhud.resolve.signatures). They were summed
over the old document actors, which the replacement deletes; here, in the
replacement's transaction, they are subtracted. The rest needs no bookkeeping:
the new version's document actors are unlinked, so the next resolve treats the
document as new, and its old profile rows and event clusters (still listed
under its doc_id) are among the records that resolve redoes
(hudhud.resolve.profile_update.mark_affected), which drops the ones gone.

`retire_documents` is what `Store.write_many(..., retire=...)` takes, bound to
the store's connection (hudhud.engine.sink does it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pyarrow as pa

from hudhud.resolve import signatures

if TYPE_CHECKING:
    import duckdb

_DOCS = "_hudhud_retired_docs"


def retire_documents(con: "duckdb.DuckDBPyConnection", doc_ids: Sequence[str]) -> None:
    """Subtract the stored documents `doc_ids` from the actors' counts and the
    signature tables, inside the caller's transaction (before their rows go)."""
    con.register("_hudhud_ids", pa.table({"doc_id": list(doc_ids)},
                                         schema=pa.schema([("doc_id", pa.string())])))
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {_DOCS} AS SELECT DISTINCT doc_id FROM _hudhud_ids"
                    ).fetchall()
    finally:
        con.unregister("_hudhud_ids")
    # As hudhud.resolve.resolver counts them: every mention of a linked document actor,
    # and each document once per actor it names.
    con.execute(f"""
        UPDATE actors SET mentions = coalesce(actors.mentions, 0) - c.mentions,
                          documents = coalesce(actors.documents, 0) - c.documents
        FROM (SELECT d.actor_id,
                     count(m.id) AS mentions, count(DISTINCT d.doc_id) AS documents
              FROM doc_actors d LEFT JOIN mentions m ON m.doc_id = d.doc_id AND m.actor = d.id
              WHERE d.doc_id IN (SELECT doc_id FROM {_DOCS}) AND d.actor_id IS NOT NULL
              GROUP BY 1) c
        WHERE actors.id = c.actor_id""").fetchall()
    signatures.retire(con, _DOCS)
    con.execute(f"DROP TABLE {_DOCS}").fetchall()


__all__ = ["retire_documents"]
