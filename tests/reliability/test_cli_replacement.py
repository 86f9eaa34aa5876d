"""A corrected text under a known id replaces the document and all its records; the
same text is skipped; a text that was corrected is never put back; and a run killed
while it replaces documents resumes to the store of an uninterrupted run.

How: the store keeps the digest of every text each id has had (store/texts.py); a
changed text is analysed and written in place of the old version, both in one batch
transaction (store/writes.py), and the resolve redoes what the old records touched
(resolve/retire.py, profile_update.mark_affected). The summary names each one:
"replaced c2 (text changed): b.jsonl:1".
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
from pathlib import Path

import duckdb
import reliability_helpers as rel

GROUPS = ["the Hurras militia", "Saraya fighters", "the border brigade", "tribal gunmen",
          "the river battalion", "masked attackers"]
SITES = ["a grain silo", "a water station", "a police post", "a bus depot", "a power line"]
TOWNS = ["Hit", "Baiji", "Haditha", "Tal Afar", "Qaim", "Rutba", "Balad"]


def report(i: int, killed: int, corrected: bool = False) -> dict:
    """One short dispatch of this file's own; `corrected` changes its toll, its target and
    adds a sentence, as a news agency's correction would."""
    r = random.Random(i)
    group, site, town = r.choice(GROUPS), r.choice(SITES), r.choice(TOWNS)
    if corrected:
        site = r.choice([s for s in SITES if s != site])
    text = (f"Dispatch {i}: {group} stormed {site} outside {town} on Tuesday, killing {killed} "
            f"guards, the district mayor said. \"They came at night,\" a resident told reporters.")
    if corrected:
        text += f" An earlier version of this report gave a wrong toll for {town}."
    return {"id": f"c{i}", "published": "2023-06-13", "text": text}


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def ingest(args: list[str], cwd: Path) -> rel.Run:
    run = rel.run_cli(["ingest", *args], cwd=cwd)
    assert run.returncode == 0, run.stderr[-2000:]
    return run


def doc_states(db: Path) -> dict[str, tuple[str, tuple]]:
    """doc_id -> (MD5 of its text, (table, rows) of each record table that has some)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows: dict[str, dict[str, int]] = {d: {} for (d,) in con.execute("SELECT id FROM documents").fetchall()}
        for table in ("doc_actors", "mentions", "affiliations", "events", "quotes", "places"):
            for doc_id, n in con.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY 1").fetchall():
                rows[doc_id][table] = n
        return {d: (h, tuple(sorted(rows[d].items())))
                for d, h in con.execute("SELECT id, md5(text) FROM documents").fetchall()}
    finally:
        con.close()


def prints(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT doc_id, hashvalues FROM doc_fingerprints").fetchall())
    finally:
        con.close()


def evidence_slices_the_text(db: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, column in (("events", "evidence"), ("quotes", "evidence"), ("mentions", "text")):
            bad = con.execute(f"""SELECT r.doc_id, r.{column} FROM {table} r JOIN documents d
                ON d.id = r.doc_id WHERE substr(d.text, r.start + 1, r."end" - r.start) <> r.{column}
                """).fetchall()
            assert not bad, (table, bad[:3])
    finally:
        con.close()


def test_a_changed_text_replaces_the_document_and_is_named(tmp_path):
    db = tmp_path / "s.duckdb"
    first = write(tmp_path / "a.jsonl", [report(i, 3) for i in range(4)])
    summary = json.loads(ingest([str(first), "--db", str(db), "--json"], tmp_path).stdout)
    assert summary["stored"] == 4 and summary["replaced"] == 0
    old, old_prints = doc_states(db), prints(db)

    fixed = report(2, 5, corrected=True)
    second = write(tmp_path / "b.jsonl", [fixed, report(3, 3)])
    run = ingest([str(second), "--db", str(db)], tmp_path)
    lines = run.stderr.splitlines()
    assert f"replaced c2 (text changed): {second}:1" in [line.strip() for line in lines], lines
    assert any("stored 0, replaced 1, skipped 1" in line for line in lines), lines
    now = doc_states(db)
    assert now["c2"][0] == hashlib.md5(fixed["text"].encode()).hexdigest()
    assert prints(db)["c2"] != old_prints["c2"], "the near-duplicate fingerprint follows the text"
    assert {k: v for k, v in prints(db).items() if k != "c2"} == {k: v for k, v in old_prints.items() if k != "c2"}
    assert {k: v for k, v in now.items() if k != "c2"} == {k: v for k, v in old.items() if k != "c2"}
    evidence_slices_the_text(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        told = [r[0] for r in con.execute("SELECT evidence FROM events WHERE doc_id = 'c2'").fetchall()]
        assert told and all("killing 5" in e or "5 guards" in e or "stormed" in e for e in told), told
        assert not con.execute("SELECT count(*) FROM events WHERE doc_id = 'c2' AND evidence LIKE "
                               "'%killing 3 %'").fetchall()[0][0]
    finally:
        con.close()

    # The folder read again, both deliveries in it: nothing changes, the correction stays.
    before = rel.store_contents(db)
    again = json.loads(ingest([str(first), str(second), "--db", str(db), "--json"], tmp_path).stdout)
    assert again["replaced"] == 0 and again["stored"] == 0 and again["skipped"] == 6, again
    assert rel.store_contents(db) == before

    # Two corrections in one run: the later one is kept, and named.
    third = write(tmp_path / "c.jsonl", [report(1, 7, corrected=True), report(0, 2),
                                         report(1, 8, corrected=True)])
    summary = json.loads(ingest([str(third), "--db", str(db), "--json"], tmp_path).stdout)
    assert sorted(summary["replaced_ids"]) == ["c0", "c1"], summary
    assert doc_states(db)["c1"][0] == hashlib.md5(report(1, 8, True)["text"].encode()).hexdigest()
    evidence_slices_the_text(db)


def kill_at(args: list[str], cwd: Path, after: float) -> bool:
    proc = subprocess.Popen([rel.HUDHUD, *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        rel.kill(proc)
        return True


def test_killed_replacing_runs_resume_to_the_same_store(tmp_path):
    # These dispatches are alike enough to pass for wire copies of each other: every
    # one is stored here as a document of its own.
    def ingest(args: list[str], cwd: Path) -> rel.Run:
        return globals()["ingest"]([*args, "--no-near-duplicates"], cwd)

    first = write(tmp_path / "first.jsonl", [report(i, 2 + i % 5) for i in range(60)])
    # Every old one corrected, between new ones over ten batches; one corrected twice.
    later = []
    for i in range(60, 300):
        later.append(report(i, 4))
        if i % 4 == 0:
            later.append(report(i // 4 - 15, 9, corrected=True))
    later.append(report(0, 11, corrected=True))
    second = write(tmp_path / "second.jsonl", later)

    ref = tmp_path / "ref.duckdb"
    ingest([str(first), "--db", str(ref)], tmp_path)
    after_first = doc_states(ref)
    shutil.copy(ref, tmp_path / "start.duckdb")
    run = ingest([str(second), "--db", str(ref), "--json"], tmp_path)
    summary = json.loads(run.stdout)
    assert summary["replaced"] == 61 and summary["stored"] == 240, summary
    want, after_second = rel.store_contents(ref), doc_states(ref)
    # c0's first correction is in the first batch, its second in the last: a kill in
    # between leaves the first one, whole.
    mid = tmp_path / "mid.duckdb"
    shutil.copy(tmp_path / "start.duckdb", mid)
    ingest([str(write(tmp_path / "c0.jsonl", [report(0, 9, corrected=True)])), "--db", str(mid)], tmp_path)
    valid = {d: {after_first.get(d), s} for d, s in after_second.items()}
    valid["c0"].add(doc_states(mid)["c0"])

    db = tmp_path / "killed.duckdb"
    shutil.copy(tmp_path / "start.duckdb", db)
    r = random.Random(7)
    history = []
    for _ in range(2):
        after = r.uniform(0.45, 0.95) * run.seconds
        killed = kill_at(["ingest", str(second), "--db", str(db), "--no-near-duplicates"], tmp_path, after)
        # Every document is whole: its first version with all its records, or its last.
        states = doc_states(db)
        for doc_id, state in states.items():
            assert state in valid[doc_id], (doc_id, history)
        history.append({"after_s": round(after, 2), "killed": killed,
                        "changed": sum(s != after_first.get(d) for d, s in states.items())})
    print(f"reference run {run.seconds:.1f} s; kills {history}")
    ingest([str(second), "--db", str(db)], tmp_path)
    got = rel.store_contents(db)
    assert set(got) == set(want)
    for table in want:
        changed = sorted(set(got[table]["rows"]) ^ set(want[table]["rows"]))[:4]
        assert got[table]["count"] == want[table]["count"] and not changed, (table, changed, history)


WORDS = ("convoy ministry river checkpoint drone ceasefire council harbour pipeline border "
         "province mayor governor bridge market clinic refinery airport barracks village "
         "tribe envoy summit rocket mortar patrol curfew protest strike negotiation").split()


def distinct(i: int, note: str = "") -> dict:
    """A text no other one here copies (its words drawn at random), so each is stored."""
    r = random.Random(1000 + i)
    words = " ".join(r.choice(WORDS) for _ in range(45))
    return {"id": f"p{i}", "published": "2023-07-01", "text": f"Item {i}: {words}. {note}".strip()}


def test_a_correction_read_ahead_by_the_pool_keeps_its_fingerprint(tmp_path):
    # With two workers the reader runs batches ahead of the writer: p1's correction is
    # read before the batch holding its first text is written.
    from hudhud.engine.dedup import fingerprint

    records = [distinct(i) for i in range(70)]
    records.insert(45, distinct(1, "Corrected: the convoy was turned back."))
    db = tmp_path / "s.duckdb"
    summary = json.loads(ingest([str(write(tmp_path / "p.jsonl", records)), "--db", str(db),
                                 "--workers", "2", "--json"], tmp_path).stdout)
    assert summary["stored"] == 70 and summary["replaced_ids"] == ["p1"], summary
    stored = prints(db)
    assert sorted(stored) == sorted(r["id"] for r in records[:45] + records[46:])
    for record in records[:1] + records[2:45] + records[45:]:
        assert stored[record["id"]] == fingerprint(record["text"]).hashvalues(), record["id"]
