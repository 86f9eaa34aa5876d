"""Crash safety: `hudhud ingest` killed with SIGKILL at random points and run
again ends with exactly the store of an uninterrupted run: the same documents,
records, copies, fingerprints and resolved actors, no duplicates, and at every
kill point no half-written document (a document is there with all its records,
or not at all).

How: the documents table is the ledger (a stored id is skipped by the next run),
and each batch of documents is written with all its records in one transaction.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import duckdb
import pytest
import reliability_helpers as rel

ACTORS = ["Kataib Hezbollah", "the Houthis", "Hezbollah", "Iraqi forces", "the Syrian army",
          "Islamic State fighters", "Turkish forces", "the Kurdish Peshmerga"]
PLACES = ["Mosul", "Aleppo", "Sanaa", "Baalbek", "Tikrit", "Kirkuk", "Hodeidah", "Deir ez-Zor"]
TARGETS = ["an army checkpoint", "a police station", "a supply convoy", "an air base",
           "a border post", "a fuel depot"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(i: int) -> dict:
    r = random.Random(i)
    actor, place, target, day = r.choice(ACTORS), r.choice(PLACES), r.choice(TARGETS), r.choice(DAYS)
    other = r.choice([a for a in ACTORS if a != actor])
    text = (f"Dispatch {i}. {actor} attacked {target} near {place} on {day}, killing {r.randint(2, 30)} "
            f"people, officials said. \"We will answer this,\" a spokesman for {other} told reporters "
            f"in {r.choice(PLACES)}. {other} condemned the attack and said {actor} was backed by "
            f"{r.choice(['Iran', 'Turkey', 'Russia', 'the United States'])}. Report number {i * 7919}.")
    return {"id": f"a{i:03d}", "published": f"2020-0{1 + i % 9}-1{i % 10}", "text": text}


def corpus() -> list[dict]:
    """96 short articles, a few wire copies of earlier ones (stored as their sources),
    a repeated record and a bad one."""
    items = [article(i) for i in range(96)]
    for n, i in enumerate((3, 40, 77)):
        copy = dict(items[i], id=f"copy{n}")
        copy["text"] = copy["text"].replace("told reporters", "told journalists")
        items.insert(i + 20 + n, copy)
    items.insert(50, dict(items[10]))  # the same record twice in one file: stored once
    items.insert(60, {"id": "bad", "text": 42})
    return items


#: The tables that hold a document's analysis (beside `documents` itself).
RECORD_TABLES = ("doc_actors", "mentions", "affiliations", "events", "quotes", "places",
                 "place_mentions")


def document_records(db: Path) -> tuple[set[str], dict[str, dict[str, int]]]:
    """The stored document ids, and doc_id -> {table: rows} over every table with a doc_id."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t "
            "ON t.table_name = c.table_name WHERE c.column_name = 'doc_id' "
            "AND t.table_type = 'BASE TABLE'").fetchall()]
        docs = {r[0] for r in con.execute("SELECT id FROM documents").fetchall()}
        rows: dict[str, dict[str, int]] = {}
        for table in tables:
            for doc_id, n in con.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY 1").fetchall():
                rows.setdefault(doc_id, {})[table] = n
        return docs, rows
    finally:
        con.close()


def check_whole_documents(db: Path, reference: tuple[set[str], dict]) -> int:
    """No half-written document: each stored one has all the records of the
    uninterrupted run, and no record points to a document that is not stored."""
    docs, rows = document_records(db)
    want_docs, want_rows = reference
    assert docs <= want_docs, docs - want_docs
    for doc_id, tables in rows.items():
        assert doc_id in docs, f"rows of {doc_id} in {sorted(tables)}, but no such document"
    for doc_id in docs:
        got = {t: n for t, n in rows.get(doc_id, {}).items() if t in RECORD_TABLES}
        want = {t: n for t, n in want_rows.get(doc_id, {}).items() if t in RECORD_TABLES}
        assert got == want, (doc_id, got, want)
    return len(docs)


def unprinted(db: Path) -> set[str]:
    """Stored documents without a fingerprint (every article here has enough words for one)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute(
            "SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM doc_fingerprints)").fetchall()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The corpus file, and the store of an uninterrupted CLI run: its contents, its
    records per document and how long the run took."""
    tmp = tmp_path_factory.mktemp("crash")
    path = tmp / "corpus.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in corpus()), encoding="utf-8")
    run = rel.run_cli(["ingest", str(path), "--db", str(tmp / "ref.duckdb"), "--json"], cwd=tmp)
    assert run.returncode == 0, run.stderr[-2000:]
    summary = json.loads(run.stdout)
    assert summary["stored"] == 96 and summary["duplicates"] == 3 and summary["errors"] == 1, summary
    return path, rel.store_contents(tmp / "ref.duckdb"), document_records(tmp / "ref.duckdb"), run.seconds


def kill_at(args: list[str], cwd: Path, after: float) -> bool:
    """Start `hudhud ARGS`, SIGKILL it `after` seconds later; False if it had ended."""
    proc = subprocess.Popen([rel.HUDHUD, *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        rel.kill(proc)
        return True


SEEDS = [11, 12, 13, 14] if rel.SLOW else [11]
KILLS = 3


@pytest.mark.parametrize("seed", SEEDS)
def test_killed_runs_resume_to_the_same_store(reference, tmp_path, seed):
    path, want, want_records, seconds = reference
    db = tmp_path / "killed.duckdb"
    r = random.Random(seed)
    history = []
    for _ in range(KILLS):
        # Loading the model takes the first seconds; the writes come after it.
        after = r.uniform(0.45, 1.0) * seconds
        killed = kill_at(["ingest", str(path), "--db", str(db)], tmp_path, after)
        stored = check_whole_documents(db, want_records) if db.exists() else None
        history.append({"after_s": round(after, 2), "killed": killed, "documents": stored})
        # Documents and their near-duplicate fingerprints commit together: no document is
        # ever stored without the fingerprint that stops a later copy of it.
        assert not (stored and unprinted(db)), history
    print(f"seed {seed}: reference run {seconds:.1f} s; kills {history}")
    run = rel.run_cli(["ingest", str(path), "--db", str(db), "--json"], cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    got = rel.store_contents(db)
    assert set(got) == set(want), history
    for table in want:
        assert got[table]["count"] == want[table]["count"], (table, history)
        extra = sorted(set(got[table]["ids"]) - set(want[table]["ids"]))[:5]
        missing = sorted(set(want[table]["ids"]) - set(got[table]["ids"]))[:5]
        assert not extra and not missing, (table, "extra", extra, "missing", missing, history)
        changed = sorted(set(got[table]["rows"]) ^ set(want[table]["rows"]))[:4]
        assert not changed, (table, "rows that differ", changed, history)


def test_documents_and_their_fingerprints_commit_together(tmp_path, monkeypatch):
    # Deterministic twin of a SIGKILL between two commits: the fingerprint insert
    # fails. Either the documents roll back with it, or they were never apart.
    from hudhud.engine.pipeline import ingest
    from hudhud.store import sources

    def broken(*args, **kwargs):
        raise RuntimeError("the process dies here")

    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(article(i)) + "\n" for i in range(4)), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    monkeypatch.setattr(sources, "add_fingerprints", broken)
    try:
        ingest([str(path)], str(db))
    except RuntimeError:
        pass
    assert db.exists()
    assert not unprinted(db), "documents committed without their fingerprints"
