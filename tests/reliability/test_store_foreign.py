"""hudhud writes its tables only into a store of its own or a new file: a DuckDB file of
another program is refused by every command, byte for byte untouched, and the commands
that judge or resolve a store refuse a path where there is none rather than create one.

How: `Store` tells a hudhud store (a meta table with a schema version) from an empty file
and from a foreign one, which every open refuses (H034); `resolve` and the judgements
open with `create=False` (H031 for a missing path or an empty file). Only `ingest`
(and `demo`) may create a store.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest
import reliability_helpers as rel

ARTICLE = {"id": "f1", "published": "2022-02-02",
           "text": "Iran condemned the drone strike on the port of Latakia on Tuesday."}


def foreign(path: Path) -> Path:
    """Another program's database: two tables, one of them named meta."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE invoices (id INTEGER, amount DECIMAL(10, 2))")
    con.execute("INSERT INTO invoices VALUES (1, 12.50), (2, 99.00)")
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('owner', 'accounts')")
    con.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def tables(path: Path) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall())
    finally:
        con.close()


COMMANDS = [["ingest", "{src}"], ["resolve"], ["resolve", "--full"], ["actors", "merge", "Iran", "Syria"],
            ["actors", "split", "Iran", "Tehran"], ["actors"], ["events"], ["show", "Iran"],
            ["export", "--format", "csv", "-o", "{out}"], ["migrate"]]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_foreign_duckdb_file_is_refused_untouched(tmp_path, args):
    db = foreign(tmp_path / "accounts.duckdb")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    before = digest(db)
    args = [a.format(src=src, out=tmp_path / "out") for a in args]
    run = rel.run_cli([*args, "--db", str(db)], cwd=tmp_path)
    assert run.returncode == 1, (args, run.stderr)
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "is not a hudhud store" in lines[0], lines
    assert digest(db) == before and tables(db) == ["invoices", "meta"]


@pytest.mark.parametrize("args", [["resolve"], ["actors", "merge", "Iran", "Syria"],
                                  ["actors", "split", "Iran", "Tehran"]], ids=lambda a: " ".join(a[:2]))
def test_judging_or_resolving_needs_a_store(tmp_path, args):
    missing = tmp_path / "typo.duckdb"
    run = rel.run_cli([*args, "--db", str(missing)], cwd=tmp_path)
    assert run.returncode == 1 and run.stderr.startswith("Error [H031]: no store at"), run.stderr
    assert not missing.exists()
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    before = digest(empty)
    run = rel.run_cli([*args, "--db", str(empty)], cwd=tmp_path)
    assert run.returncode == 1 and "Error [H034]" in run.stderr, run.stderr
    assert digest(empty) == before and tables(empty) == []


def test_ingest_still_creates_a_new_store(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    db = tmp_path / "new" / "store.duckdb"
    run = rel.run_cli(["ingest", str(src), "--db", str(db), "--json"], cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["stored"] == 1
    assert rel.run_cli(["resolve", "--db", str(db)], cwd=tmp_path).returncode == 0
