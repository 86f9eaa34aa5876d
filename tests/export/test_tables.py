import duckdb
import pytest

from hudhud.export import export
from hudhud.resolve import resolve

EXPECTED = {"documents": 3, "actors": 7, "mentions": 13, "affiliations": 4, "events": 3,
            "quotes": 1, "places": 2}
READ = {"csv": "read_csv", "parquet": "read_parquet"}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_one_file_per_kind_with_row_counts(filled, tmp_path, fmt):
    resolve(filled)
    folder = tmp_path / "out" / fmt
    out = export(filled, fmt, folder)
    assert out["documents"] == 3
    assert sorted(out["files"]) == sorted(str(folder / f"{k}.{fmt}") for k in EXPECTED)
    con = duckdb.connect()
    for kind, n in EXPECTED.items():
        path = str(folder / f"{kind}.{fmt}")
        assert con.execute(f"SELECT count(*) FROM {READ[fmt]}(?)", [path]).fetchall()[0][0] == n
        cols = [c[0] for c in con.execute(f"DESCRIBE SELECT * FROM {READ[fmt]}(?)",
                                          [path]).fetchall()]
        if kind != "actors":
            assert "doc_id" in cols
        if kind not in ("actors", "documents"):
            assert {"sentence", "start", "end", "evidence"} <= set(cols)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_values_survive(filled, tmp_path, fmt):
    resolve(filled)
    export(filled, fmt, tmp_path)
    con = duckdb.connect()
    aliases = con.execute(f"SELECT aliases FROM {READ[fmt]}(?) WHERE kb_id = 'Q30'",
                          [str(tmp_path / f"actors.{fmt}")]).fetchall()[0][0]
    assert aliases == "US | American forces"
    ev = con.execute(
        f"SELECT source_name, target_name, evidence, start, \"end\" FROM {READ[fmt]}(?) "
        "WHERE type = 'ASSAULT'", [str(tmp_path / f"events.{fmt}")]).fetchall()[0]
    assert ev[:2] == ("Kataib Hezbollah", "United States")
    assert ev[2] == "Kataib Hezbollah fired rockets at a US base near Erbil on Saturday."
    assert (ev[3], ev[4]) == (0, 67)
    text = con.execute(f"SELECT text FROM {READ[fmt]}(?) WHERE doc_id = 'd1'",
                       [str(tmp_path / f"documents.{fmt}")]).fetchall()[0][0]
    assert text[ev[3]:ev[4]] == ev[2]
