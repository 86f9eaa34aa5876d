"""Forward migrations: a store written by an older hudhud opens in a newer one.

`meta.schema_version` says which shape a file has. `MIGRATIONS[n]` turns a
version-n store into version n+1; `upgrade` runs every step from the file's
version to `SCHEMA_VERSION` inside the transaction that opens a writable store,
so a failed step leaves the file as it was. Migrations only add or reshape:
no record is dropped. A read-only open of an older file cannot write the steps,
so it is refused with a hint (`hudhud resolve --db FILE` opens it writable
once, which upgrades it in place); a file from a newer hudhud is always refused.

History:

- 1: the tables of hudhud.store.schema.TABLES.
- 2: the tables other stages used to create on first use (analysts' judgements,
  event clusters, document sources and fingerprints) are part of every store,
  so read-only readers can rely on them.
- 3: the precomputed actor profile (hudhud.store.profiles): `actors.mentions` and
  `actors.documents`, and the tables profile_events, profile_affiliations,
  profile_quotes, profile_segments and profile_days, filled by the same refresh
  that every resolve runs (a few seconds per 100,000 documents).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from hudhud.errors import StoreError
from hudhud.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from hudhud.store import Store

CURRENT = int(SCHEMA_VERSION)


class SchemaVersionError(StoreError):
    """The file's schema version is one this hudhud cannot open (as asked)."""

    code = "H033"


def create_lazy_tables(store: "Store") -> None:
    """The tables of version 2 (empty; existing ones are left alone)."""
    # Imported here: these modules import the store package themselves.
    from hudhud.resolve import events, judgement
    from hudhud.store import sources

    con = store.connection
    con.execute(judgement.TABLE).fetchall()
    con.execute(events.TABLE).fetchall()
    sources.ensure_tables(store)


def add_profile_tables(store: "Store") -> None:
    """Version 3: the actors' counts and the profile tables, filled from the records."""
    from hudhud.store import profiles
    from hudhud.store.schema import create_views

    con = store.connection
    for column in ("mentions", "documents"):
        con.execute(f"ALTER TABLE actors ADD COLUMN IF NOT EXISTS {column} BIGINT").fetchall()
    # actors_v now reads the new columns; the other views are those the refresh reads.
    create_views(con)
    profiles.refresh_tables(con)


#: from-version -> the step to from-version + 1.
MIGRATIONS: dict[int, Callable[["Store"], None]] = {
    1: create_lazy_tables,
    2: add_profile_tables,
}


def parse(version: object) -> int | None:
    try:
        return int(str(version))
    except ValueError:
        return None


def steps(version: object, path: object) -> list[int]:
    """The from-versions to run, in order, to bring `version` to CURRENT.

    Raises SchemaVersionError for a newer or unknown version.
    """
    found = parse(version)
    if found is not None and found > CURRENT:
        raise SchemaVersionError(
            f"{path} has schema version {version}, newer than this hudhud (version {CURRENT}).",
            hint="Upgrade hudhud (pip install -U hudhud) to open it.")
    if found is None or any(n not in MIGRATIONS for n in range(found, CURRENT)):
        raise SchemaVersionError(
            f"{path} has schema version {version}, and this hudhud (version {CURRENT}) "
            "knows no upgrade from it.", hint="Ingest again into a new store file.")
    return list(range(found, CURRENT))


def upgrade(store: "Store", version: object) -> list[int]:
    """Run the steps from `version` to CURRENT on `store` (inside the caller's
    transaction) and stamp the new version. Returns the from-versions run."""
    todo = steps(version, store.path)
    for n in todo:
        MIGRATIONS[n](store)
    if todo:
        store.connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                                 [SCHEMA_VERSION]).fetchall()
    return todo


def check_readable(version: object, path: object) -> None:
    """Refuse, with a hint, a read-only open of a file that is not at CURRENT."""
    todo = steps(version, path)
    if todo:
        raise SchemaVersionError(
            f"{path} has schema version {version}, written by an older hudhud; "
            f"this one reads version {CURRENT} and cannot upgrade a file opened read-only.",
            hint=f"Open it once for writing to upgrade it in place (`hudhud resolve --db {path}`), "
                 "or open a copy.")


__all__ = ["CURRENT", "MIGRATIONS", "SchemaVersionError", "add_profile_tables", "check_readable",
           "create_lazy_tables", "steps", "upgrade"]
