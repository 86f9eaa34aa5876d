"""Threads of one process that open the same store at the same moment (a server's
request and its ingest job) wait for each other instead of failing: DuckDB reports the
race as "Unique file handle conflict ... already attached", which clears as soon as the
other side is done, like another process's lock."""

from __future__ import annotations

import threading

import duckdb

from hudhud.store import Store
from hudhud.store.lock import locked

# What DuckDB 1.x raises when one thread attaches a file another is closing or opening.
RACE = ('Resource In Use Error: Unique file handle conflict: Cannot attach "s" - the database '
        'file "/tmp/s.duckdb" is already attached by database "s"')


def test_the_race_is_waited_out_like_a_lock():
    assert locked(duckdb.IOException(RACE))
    assert locked(duckdb.IOException('IO Error: Could not set lock on file "s.duckdb"'))
    assert not locked(duckdb.IOException("IO Error: The file is not a valid DuckDB database file"))


def test_threads_opening_one_store_together_all_get_in(tmp_path):
    # Without the wait, about one run in two lost some opens to the race.
    path = tmp_path / "s.duckdb"
    Store(path).close()
    errors: list[str] = []

    def work() -> None:
        for _ in range(150):
            try:
                with Store(path, wait=10) as store:
                    store.counts()
            except Exception as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(str(exc)[:200])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
