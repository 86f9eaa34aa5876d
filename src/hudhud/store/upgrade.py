"""`hudhud migrate`: upgrade a store file in place.

Kept apart from `migrations` (the steps a writable open runs) because it opens a
`Store`, which itself imports the migrations: here the dependency goes one way.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from hudhud.errors import StoreError
from hudhud.store.schema import SCHEMA_VERSION
from hudhud.store.store import Store


def upgrade_file(path: str | os.PathLike[str]) -> tuple[str | None, str]:
    """Upgrade the store at `path` in place: (its version before, its version now).

    What a `hudhud migrate --db FILE` command would call; any writable open
    does the same.
    """
    if not Path(path).exists():
        raise StoreError(f"no store at {path}.", hint="Check --db.")
    con = duckdb.connect(str(path), read_only=True)
    try:
        found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    except duckdb.Error as exc:
        raise StoreError(f"{path} is not a hudhud store ({exc.__class__.__name__}).",
                         hint="Check --db.") from exc
    finally:
        con.close()
    before = found[0][0] if found else None
    Store(path).close()
    return before, SCHEMA_VERSION
