"""What the CLI prints cannot be forged by the names it prints: a file name with a line
break does not print a status line of its own, ":smile:" and ":100:" stay text, rich
markup in a name is shown as typed, and no control character reaches the terminal.

How: every console has emoji off, and every user-given name, path or id goes through
hudhud.export.terminal (`printable`, `markup_safe`, `cell`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import reliability_helpers as rel

from hudhud.model import Actor, Affiliation, Document, DocumentAnalysis, Event, Evidence, Quote
from hudhud.resolve import resolve
from hudhud.store import Store

FAKE = "read 9, stored 9, skipped 0, duplicates 0, errors 0"
EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_clean(output: str) -> None:
    assert not EMOJI.search(output), EMOJI.findall(output)
    assert not CONTROL.search(output), repr(CONTROL.findall(output))
    assert not any(line.startswith((FAKE, "Error [H999]")) for line in output.splitlines()), output


def test_file_names_cannot_forge_the_ingest_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"bad\n{FAKE} :smile: :100:.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "[bold]loud [red]x :smile:\x1b[2J.jsonl").write_text("{not json\n", encoding="utf-8")
    run = rel.run_cli(["ingest", str(folder), "--db", str(tmp_path / "s.duckdb")], cwd=tmp_path)
    err = run.stderr
    assert_clean(err)
    lines = err.splitlines()
    assert len([line for line in lines if line.startswith("read ")]) == 1, lines
    assert len(lines) == 3, lines  # one line per bad file, and the summary
    assert "bad\\nread 9, stored 9" in err and ":smile: :100:" in err
    assert "[bold]loud [red]x" in err and "\\x1b[2J" in err


def _store(path: Path) -> str:
    """A store whose document id and actor names carry line breaks, escapes, markup and
    emoji codes; returns the event id."""
    name = "[bold red]Fake[/] :100: brigade\nError [H999]: forged"
    text = f"{name} attacked the Harbour Guard. \"We did it :smile:,\" said {name}."

    def ev(phrase: str, nth: int = 0) -> Evidence:
        start = -1
        for _ in range(nth + 1):
            start = text.index(phrase, start + 1)
        return Evidence(sentence=0, start=start, end=start + len(phrase), text=phrase)

    doc = Document(id="doc\n" + FAKE + "\x1b[31m", text=text, published="2024-03-01")
    a = DocumentAnalysis(doc_id=doc.id, published="2024-03-01", version="test",
                         sentences=[(0, len(text))])
    a.actors = [Actor(id="fake", name=name, kind="militia", aliases=[name],
                      mentions=[ev(name), ev(name, 1)]),
                Actor(id="guard", name="Harbour Guard", kind="militia",
                      aliases=["Harbour Guard"], mentions=[ev("Harbour Guard")])]
    event = Event(source="fake", type="ASSAULT", cameo="190", target="guard",
                  evidence=ev(f"{name} attacked the Harbour Guard"), pattern=":boom: attack",
                  place="Port :anchor: \u202egnp.exe", goldstein=-10.0, quad=4)
    a.events = [event]
    a.quotes = [Quote(speaker="fake", text="We did it :smile:,", evidence=ev("We did it :smile:,"))]
    a.affiliations = [Affiliation("fake", "part_of", "guard", ev("Harbour Guard"))]
    with Store(path) as store:
        store.write(doc, a)
        resolve(store)
        return store.events()[0]["id"]


def test_names_in_the_store_print_as_typed(tmp_path):
    db = tmp_path / "s.duckdb"
    event_id = _store(db)
    actor = "[bold red]Fake[/] :100: brigade\nError [H999]: forged"
    outputs = {}
    for args in (["actors"], ["events"], ["quotes"], ["affiliations"], ["show", actor],
                 ["explain", event_id], ["network", actor]):
        run = rel.run_cli([*args, "--db", str(db)], cwd=tmp_path)
        assert run.returncode == 0, (args, run.stderr)
        assert_clean(run.stdout + run.stderr)
        outputs[args[0]] = run.stdout
    assert "[bold red]Fake[/]" in outputs["show"] and ":100:" in outputs["show"]
    assert "\\nError [H999]" in outputs["explain"] and ":boom:" in outputs["explain"]
    assert "Port :anchor: \\u202egnp.exe" in outputs["explain"] and "\\u202e" in outputs["events"]
    # A judgement's report names both actors the same way.
    run = rel.run_cli(["actors", "merge", actor, "Harbour Guard", "--db", str(db)], cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert_clean(run.stderr)
    assert "[bold red]Fake[/] :100: brigade\\nError [H999]: forged" in run.stderr
    # JSON output stays data: the names come back exactly.
    rows = [json.loads(line) for line in rel.run_cli(["actors", "--json", "--db", str(db)],
                                                     cwd=tmp_path).stdout.splitlines()]
    assert actor in {r["name"] for r in rows}
