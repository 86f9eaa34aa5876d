"""The CLI as a user runs it: real files, a real DuckDB store, typer's runner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from hudhud.cli import app

runner = CliRunner()
TEXT = ("Kataib Hezbollah, an Iranian-backed militia, fired rockets at the K1 base near Kirkuk on Friday. "
        "“We will answer every attack,” said Abu Mahdi al-Muhandis, the militia's founder.")


def test_ingest_query_show_export(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a1", "published": "2019-12-29", "text": TEXT}) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", str(src), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["actors", "--db", db, "--json"])
    names = [json.loads(line)["name"] for line in result.stdout.splitlines()]
    assert "Kataib Hezbollah" in names
    result = runner.invoke(app, ["events", "--db", db, "--json", "--type", "assault"])
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and events[0]["date"] == "2019-12-27"
    assert runner.invoke(app, ["show", "Kataib Hezbollah", "--db", db]).exit_code == 0
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["export", "--db", db, "--format", "jsonl", "-o", str(out)]).exit_code == 0
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert record["doc_id"] == "a1" and record["quotes"]


def test_unknown_actor_is_a_one_line_error(tmp_path):
    db = str(tmp_path / "s.duckdb")
    src = tmp_path / "a.txt"
    src.write_text("Iran condemned the strike.", encoding="utf-8")
    runner.invoke(app, ["ingest", str(src), "--db", db])
    result = runner.invoke(app, ["show", "Nobody At All", "--db", db])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error [H050]") and "\n" not in result.output.strip()


def test_explain_shows_sentence_and_pattern(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "x1", "published": "2019-12-29", "text": TEXT}) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    runner.invoke(app, ["ingest", str(src), "--db", db])
    event = json.loads(runner.invoke(app, ["events", "--db", db, "--json"]).stdout.splitlines()[0])
    result = runner.invoke(app, ["explain", event["id"], "--db", db, "--json"])
    data = json.loads(result.stdout)
    assert data["pattern"] == event["pattern"] and data["why"]
    assert data["sentence"]["text"].startswith("Kataib Hezbollah")
    assert data["cameo"]["goldstein"] is not None
    assert runner.invoke(app, ["explain", "nope", "--db", db]).exit_code == 1


def test_migrate_brings_an_old_store_forward(tmp_path):
    import gzip
    import shutil
    from pathlib import Path

    fixture = Path(__file__).parent / "reliability" / "fixtures" / "store-v1.duckdb.gz"
    db = tmp_path / "old.duckdb"
    with gzip.open(fixture) as src, open(db, "wb") as dst:
        shutil.copyfileobj(src, dst)
    result = runner.invoke(app, ["migrate", "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = runner.invoke(app, ["actors", "--db", str(db), "--json"]).stdout.splitlines()
    assert rows


def test_show_pages_each_list(tmp_path):
    text = ("Iran condemned Israel on Monday. Iran accused Israel of sabotage on Tuesday. "
            "Iran threatened Israel on Wednesday.")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a1", "published": "2021-04-16", "text": text}) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", str(src), "--db", db]).exit_code == 0
    full = json.loads(runner.invoke(app, ["show", "Iran", "--db", db, "--json", "--limit", "0"]).stdout)
    everything = full["events_as_source"]
    assert len(everything) == full["totals"]["events_as_source"] >= 2
    pages = []
    for offset in range(len(everything)):
        page = json.loads(runner.invoke(app, ["show", "Iran", "--db", db, "--json", "--limit", "1",
                                              "--offset", str(offset)]).stdout)
        assert page["totals"] == full["totals"]
        pages += page["events_as_source"]
    assert [e["id"] for e in pages] == [e["id"] for e in everything]
    shown = runner.invoke(app, ["show", "Iran", "--db", db, "--limit", "1"]).stdout
    assert f"1–1 of {len(everything)}" in shown


def test_resolve_full_gives_what_the_incremental_resolve_gave(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a1", "published": "2019-12-29", "text": TEXT}) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", str(src), "--db", db]).exit_code == 0
    before = runner.invoke(app, ["actors", "--db", db, "--json"]).stdout
    assert runner.invoke(app, ["resolve", "--db", db, "--full"]).exit_code == 0
    assert runner.invoke(app, ["actors", "--db", db, "--json"]).stdout == before


SPLIT_TEXTS = [
    {"id": "s1", "published": "2021-03-02", "text": "Baghdad summoned the Turkish ambassador on Tuesday "
     "after drones struck a village near Sinjar. Iraq said the strike broke its sovereignty."},
    {"id": "s2", "published": "2021-03-05", "text": "Iraq signed a grain deal with Jordan on Friday, the "
     "trade ministry said."},
    {"id": "s3", "published": "2021-03-07", "text": "Baghdad hosted a football final on Sunday as crowds "
     "filled the stadium downtown."},
]


def test_split_of_a_knowledge_base_alias_moves_its_documents(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(t) + "\n" for t in SPLIT_TEXTS), encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", str(src), "--db", db]).exit_code == 0

    def actors() -> dict:
        rows = runner.invoke(app, ["actors", "--db", db, "--json"]).stdout.splitlines()
        return {r["name"]: r for r in map(json.loads, rows)}

    before = actors()
    assert before["Iraq"]["documents"] == 3 and "Baghdad" not in before  # the KB links all three
    result = runner.invoke(app, ["actors", "split", "Iraq", "Baghdad", "--db", db])
    assert result.exit_code == 0, result.output
    assert "2 document actors moved" in result.output
    after = actors()
    assert after["Iraq"]["documents"] == 1 and after["Iraq"]["kb_id"] == "country:IRQ"
    assert after["Baghdad"]["documents"] == 2 and after["Baghdad"]["kb_id"] is None
    shown = json.loads(runner.invoke(app, ["show", "Iraq", "--db", db, "--json"]).stdout)
    assert {e["doc_id"] for e in shown["events_as_source"]} <= {"s2"}
    # Every later resolve keeps it, incremental or full.
    assert runner.invoke(app, ["resolve", "--db", db, "--full"]).exit_code == 0
    assert actors() == after
    # A split that would change nothing says why, and records nothing.
    for actor, alias, code in (("Iraq", "Jordan", "H055"), ("Iraq", "Iraq", "H055"),
                               ("trade ministry", "Trade Ministry", "H058")):
        result = runner.invoke(app, ["actors", "split", actor, alias, "--db", db])
        assert result.exit_code == 1 and result.output.startswith(f"Error [{code}]"), result.output
    assert actors() == after
