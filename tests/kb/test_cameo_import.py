"""CAMEO / Phoenix dictionaries into KB entries: a snippet written for these
tests, and the real Phoenix files of shared/ when they are there."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from hudhud.kb.actors import KnowledgeBase
from hudhud.kb.cameo_import import import_cameo, run_import, split_code, write_kb_file

SNIPPET = """# Made-up actors, except the one the built-in KB already knows.
ZAGROS_DEFENCE_FRONT_ [IRNREB]
+ZDF

KARIM_FARHADI_  # CountryInfo.txt
+PRESIDENT_FARHADI
\t[IRQELI 650101-050430]
\t[IRQGOV 050501-101231] # Prime Minister
\t[IRQGOV >20110101]

LAYLA_HADDAD
LAYLA_AL_HADDAD
\t[LBNGOVLEG 090601-130601]
\t[LBNELI]

RIVERLAND_  [IRQ]
+RIVER_CITY

KATAIB_HEZBOLLAH_ [IRQREB]
+KATAIB_HIZBULLAH_

SILVER_CRESCENT_MEDIA_ [IRQMED]
+KH
+BAGHDAD_

GEORGIA_ [USRGEO]
+TBILISI_

SOUTHERN_LIONS_ [SYRREB]
+THE_LIONS
WESTERN_LIONS_ [LBNREB]
+THE_LIONS

ZAGROS_DEFENCE_FRONT_ [IRNREB]
+ZAGROS_DEFENDERS

RIVER_VALLEY_FUND_\t[NGOIRQDEV]
EASTERN_SHIELD_ [MEAREB]
"""


@pytest.fixture
def snippet(tmp_path):
    path = tmp_path / "test.actors.txt"
    path.write_text(SNIPPET, encoding="utf-8")
    return path


def _by_name(entries):
    return {e.name: e for e in entries}


def test_split_code():
    assert split_code("IRNGOVLEG") == ("IRN", ["GOV", "LEG"])
    assert split_code("NGOUSAHRI") == ("USA", ["NGO", "HRI"])
    assert split_code("IGOUNO") == (None, ["IGO", "UNO"])
    assert split_code("IMGMUSALQ") == (None, ["IMG", "MUS", "ALQ"])  # MUS: Muslim, not Mauritius


def test_entries_from_snippet(snippet):
    stats = Counter()
    entries = _by_name(import_cameo([snippet], stats=stats))
    zagros = entries["Zagros Defence Front"]
    assert (zagros.kind, zagros.country, zagros.cameo) == ("militia", "IRN", "IRNREB")
    assert zagros.aliases == ["ZDF", "Zagros Defenders"]  # the second listing was merged in
    assert zagros.id == "cameo-zagros-defence-front"
    karim = entries["Karim Farhadi"]
    assert karim.kind == "person" and karim.country == "IRQ" and karim.cameo == "IRQGOV"
    assert [(a.relation, a.object, a.start, a.end) for a in karim.affiliations] == [
        ("leads", "country:IRQ", "2005-05-01", "2010-12-31"),  # "# Prime Minister"
        ("member_of", "country:IRQ", "2011-01-01", None)]
    layla = entries["Layla Haddad"]
    assert layla.kind == "person" and layla.aliases == ["Layla Al Haddad"]
    assert layla.affiliations[0].object == "country:LBN"
    assert entries["Silver Crescent Media"].kind == "media"
    # "KH" is Kataib Hezbollah's; "Baghdad" stands for Iraq (the country table's).
    assert entries["Silver Crescent Media"].aliases == []
    assert entries["Southern Lions"].ambiguous == ["The Lions"]
    assert entries["Western Lions"].ambiguous == ["The Lions"]
    assert entries["River Valley Fund"].kind == "organisation"
    assert entries["River Valley Fund"].country == "IRQ"
    assert entries["Eastern Shield"].country is None
    assert "Riverland" not in entries and "Kataib Hezbollah" not in entries
    # Riverland has a bare country code; Georgia's USR (Soviet) code is no ISO
    # code, but its name is a state's.
    assert "Georgia" not in entries
    assert stats["skipped: states (hudhud's country table has them)"] == 2
    assert stats["aliases dropped: names of states"] == 1
    assert stats["skipped: already in the built-in KB"] == 1
    assert stats["aliases dropped: in the built-in KB"] == 1
    assert stats["merged: same name and code"] == 1
    assert stats["entries"] == len(entries) == 8


def test_country_filter(snippet):
    entries = import_cameo([snippet], countries=["irq"])
    assert {e.country for e in entries} == {"IRQ"}


@pytest.mark.parametrize("suffix", [".jsonl", ".yml"])
def test_written_file_loads_beside_the_builtin_kb(snippet, tmp_path, suffix):
    out = tmp_path / f"cameo{suffix}"
    result = write_kb_file(import_cameo([snippet]), out)
    assert result["entries"] == 8
    kb = KnowledgeBase.load([out])
    assert kb.get("kataib-hezbollah") is not None  # the built-in entry is untouched
    assert [e.id for e in kb.lookup("ZDF")] == ["cameo-zagros-defence-front"]
    assert len(kb.lookup("The Lions")) == 2 and kb.match("The Lions") is None
    karim = kb.get("cameo-karim-farhadi")
    assert [a.relation for a in kb.affiliations_of(karim.id, on="2008-06-01")] == ["leads"]


def test_bad_output_name(snippet, tmp_path):
    with pytest.raises(ValueError):
        write_kb_file(import_cameo([snippet]), tmp_path / "cameo.txt")


def _phoenix() -> Path | None:
    root = Path(os.environ.get("HUDHUD_SHARED", Path(__file__).resolve().parents[3] / "shared"))
    folder = root / "external" / "phoenix"
    return folder if (folder / "Phoenix.Countries.actors.txt").exists() else None


@pytest.mark.skipif(_phoenix() is None, reason="the Phoenix dictionaries of shared/ are not here")
def test_real_phoenix_files(tmp_path):
    folder = _phoenix()
    files = [folder / f"Phoenix.{n}.actors.txt" for n in ("Countries", "International", "MilNonState")]
    out = tmp_path / "cameo.jsonl"
    result = run_import(files, out, countries=["IRQ", "IRN", "SYR", "LBN", "YEM"])
    counts = result["counts"]
    assert counts["records read"] > 25000
    assert counts["skipped: already in the built-in KB"] > 10  # e.g. Hezbollah
    assert result["kinds"]["person"] > 300 and result["kinds"]["militia"] > 30
    assert result["loaded"] == len(KnowledgeBase.load(base=False)) + result["entries"]
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert all(r["id"].startswith("cameo-") for r in rows)
    dated = [a for r in rows for a in r.get("affiliations", []) if a.get("from")]
    assert dated and all(a["object"].startswith("country:") for a in dated)
