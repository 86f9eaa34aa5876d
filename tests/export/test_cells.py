"""No CSV that hudhud writes has a cell a spreadsheet would run as a formula: the CLI's
`hudhud export --format csv` and the web's downloads follow one rule
(hudhud.export.cells)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from hudhud.cli import app
from hudhud.export import cells
from hudhud.model import Actor, Document, DocumentAnalysis, Event, Evidence, Quote
from hudhud.resolve import resolve
from hudhud.store import Store

HOSTILE = ['=HYPERLINK("http://example.invalid/x","open me")', "=cmd|' /C calc'!A0",
           "+SUM(1,2)", "-2+3", "@ECHO", "\t=1+1", "\r=1+1"]


def hostile_store(path: Path) -> None:
    """One document whose id, title, URL, text, actor names, quote and evidence start
    like formulas."""
    text = (f"{HOSTILE[0]} said the group. {HOSTILE[1]} denied it. "
            f"\"{HOSTILE[2]} is our answer,\" {HOSTILE[3]} told reporters.")

    def ev(phrase: str) -> Evidence:
        start = text.index(phrase)
        return Evidence(sentence=0, start=start, end=start + len(phrase), text=phrase)

    doc = Document(id=HOSTILE[1], text=text, title=HOSTILE[0], url=HOSTILE[4], published="2024-03-01",
                   origin=HOSTILE[5])
    a = DocumentAnalysis(doc_id=doc.id, published="2024-03-01", version="test",
                         sentences=[(0, len(text))])
    a.actors = [Actor(id="x", name=HOSTILE[1], aliases=[HOSTILE[1]], kind="militia",
                      mentions=[ev(HOSTILE[1])]),
                Actor(id="y", name=HOSTILE[3], aliases=[HOSTILE[3]], kind="person",
                      mentions=[ev(HOSTILE[3])])]
    a.events = [Event(source="x", type="ACCUSE", cameo="112", target="y", evidence=ev(HOSTILE[0]),
                      pattern=HOSTILE[6], goldstein=-2.0, quad=3)]
    a.quotes = [Quote(speaker="y", text=HOSTILE[2] + " is our answer,", evidence=ev(HOSTILE[2]))]
    with Store(path) as store:
        store.write(doc, a)
        resolve(store)


def test_the_cli_csv_export_defuses_every_formula(tmp_path):
    db = tmp_path / "s.duckdb"
    hostile_store(db)
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    seen = []
    for path in sorted((tmp_path / "out").glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                for value in row:
                    if value.startswith(cells.FORMULA_STARTS):
                        float(value)  # only a number may start so (-2.0 is a Goldstein score)
                    seen.append(value)
    for value in HOSTILE:
        assert "'" + value in seen, value
    assert "-2.0" in seen


def test_both_writers_write_the_same_cells():
    from hudhud.web.downloads import to_csv

    values = [*HOSTILE, "plain", "", None, -3, 4.5, "O'Brien", ["=a", "b"]]
    rows = [{"v": v} for v in values]
    web = list(csv.reader(io.StringIO(to_csv(rows, ("v",)), newline="")))[1:]
    assert [r[0] if r else "" for r in web] == ["" if cells.cell(v) is None else str(cells.cell(v))
                                                for v in values]
    import duckdb

    con = duckdb.connect()
    texts = [v for v in values if isinstance(v, str)]
    got = [r[0] for r in con.execute(f"SELECT {cells.sql_cell('v')} FROM unnest(?) t(v)", [texts]).fetchall()]
    assert got == [cells.cell(v) for v in texts]
