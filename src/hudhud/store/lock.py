"""Opening a store file that another process may hold.

DuckDB locks the file while a connection is open: a writer excludes every other
process, a reader excludes writers. `connect` retries for a while (the other
side is usually a short request or a write batch) and then raises StoreBusy,
which the web answers with 503 and Retry-After rather than an error.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb

from hudhud.errors import StoreError

#: Seconds to wait for a file another process has locked, unless told otherwise.
LOCK_WAIT = float(os.environ.get("HUDHUD_LOCK_WAIT", "10"))


class StoreBusy(StoreError):
    """Another process holds the store file (a writer, or a reader while we write)."""

    code = "H032"
    status = 503  # the web answers "try again shortly", not "broken"


def locked(exc: duckdb.Error) -> bool:
    """Another process's lock, or (in this process) a connection opened with the
    other read_only setting, or one another thread is opening or closing at this
    moment ("Unique file handle conflict ... already attached": a server's request
    and its ingest job opening the file together); each clears when the other side
    lets go."""
    text = str(exc)
    return ("Could not set lock" in text or "different configuration" in text
            or "Unique file handle conflict" in text)


def connect(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A connection to `path`, waiting up to `wait` seconds for another process's lock."""
    deadline = time.monotonic() + wait
    pause = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            if not locked(exc):
                raise StoreError(f"cannot open the store {path}: {exc}",
                                 hint="Check that the file is a DuckDB store written by hudhud.") from exc
            left = deadline - time.monotonic()
            if left <= 0:
                first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise StoreBusy(f"the store {path} is in use ({first})",
                                hint="A DuckDB file takes one writer at a time: wait for the other "
                                     "process (a `hudhud ingest`?) to finish, then try again.") from exc
            time.sleep(min(pause, left))
            pause = min(pause * 2, 0.25)
