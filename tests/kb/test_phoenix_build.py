"""`hudhud kb build-base`: the Phoenix dictionaries into the committed index.

A made-up dictionary written for these tests shows each rule; the real files of
shared/ (when present) must rebuild the committed index byte for byte."""

from __future__ import annotations

import gzip
import os
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from hudhud.errors import HudhudError
from hudhud.kb.phoenix_agents import plural, read_agents
from hudhud.kb.phoenix_build import ACTOR_FILES, build_base, build_files, collect, gzip_bytes, manifest

COUNTRIES = """# Made-up records; the codes are real ISO and CAMEO codes.
KENYA_  [KEN]
+KENIA_
+KENYALAND_
+MOMBASA_
+LAKE_REGION_

ODERA_MWANGI_  # CountryInfo.txt
\t[KENELI 600101-021229]
\t[KENGOV 021230-080101]
\t[KENELI]

TOMAS_ALVARADO_  # CountryInfo.txt
\t[PERGOV 100101-120101]

TOMAS_ALVARADO_  # CountryInfo.txt
\t[CHLGOV 090101-110101]

HARBOUR_STAR_TRADING_ [MNCKEN]
+HST
"""
INTERNATIONAL = """LAKESIDE_COOPERATION_COUNCIL_ [IGOAFR]
+LCC
"""
MILITIAS = """RED_HERON_FRONT_ [PERREB]
+FRENTE_GARZA_ROJA_

RED_HERON_FRONT_ [PERREB]
+RHF
"""
AGENTS = """!PERSON! = MAN, MEN, WOMAN, WOMEN
LEGISLATOR [~LEG]
POLICE!PERSON! [~COP]
LAWMAN {LAWMEN} [~COP]
RIOT_POLICE {} [~COP]
PEACE_MONITOR [IGO~]
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    for name, text in zip(ACTOR_FILES, (COUNTRIES, INTERNATIONAL, MILITIAS)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    return tmp_path


def rows(files: dict[str, bytes], name: str = "actors.tsv.gz") -> dict[str, list[str]]:
    lines = gzip.decompress(files[name]).decode("utf-8").splitlines()[1:]
    return {line.split("\t")[0]: line.split("\t") for line in lines}


def names(row: list[str]) -> list[str]:
    return [item.split(";")[0] for item in row[4].split("|")]


def test_states_keep_their_spellings_not_their_towns(source):
    files, _ = build_files(source)
    assert names(rows(files)["country:KEN"]) == ["Kenya", "Kenia"]


def test_a_leader_keeps_country_and_dated_role(source):
    row = rows(build_files(source)[0])["phx-odera-mwangi"]
    assert row[1:4] == ["person", "KEN", "KENELI"]
    assert row[5] == "member_of;country:KEN;2002-12-30;2008-01-01;CAMEO KENGOV"


def test_a_name_two_records_share_is_left_out(source):
    stats: Counter[str] = Counter()
    entries, _ = collect(source, stats)
    assert not [e for e in entries if "Tomas Alvarado" in e.names]
    assert stats["names left out: shared by two records"] == 1
    assert stats["records left out: no name of their own"] == 2


def test_one_actor_listed_twice_is_one_entry(source):
    table = rows(build_files(source)[0])
    assert names(table["phx-red-heron-front"]) == ["Red Heron Front", "Frente Garza Roja", "RHF"]
    assert table["phx-red-heron-front"][1:3] == ["militia", "PER"]
    assert table["phx-lakeside-cooperation-council"][1] == "organisation"
    assert table["phx-harbour-star-trading"][1:3] == ["organisation", "KEN"]


def test_names_carry_their_key_and_their_tokens_when_they_differ(source):
    table = rows(build_files(source)[0])
    odera = table["phx-odera-mwangi"][4].split(";")
    assert odera[0] == "Odera Mwangi" and odera[1] and odera[2] == ""  # tokens = the lower-cased words


def test_agents_get_their_plurals_and_sectors(source):
    files, _ = build_files(source)
    table = {tuple(line.split("\t")[:2]): line.split("\t")[2]
             for line in gzip.decompress(files["agents.tsv.gz"]).decode().splitlines()[1:]}
    assert table[("legislators", "many")] == "LEG"
    assert table[("policewomen", "many")] == "COP" and table[("policeman", "one")] == "COP"
    assert table[("lawmen", "many")] == "COP"
    assert ("riot police", "one") in table and ("riot polices", "many") not in table
    assert table[("peace monitors", "many")] == "IGO"


@pytest.mark.parametrize("word, expected", [
    ("militant", "militants"), ("party", "parties"), ("witness", "witnesses"),
    ("policeman", "policemen"), ("envoy", "envoys"), ("church", "churches"),
])
def test_regular_plurals(word, expected):
    assert plural(word) == expected


def test_substitution_sets_expand_in_place():
    text = read_agents("!KIN! = SON, DAUGHTER\nFARMER!KIN! [~AGR]\n", str.split)
    assert "farmerson\tone\tAGR" in text and "farmerdaughters\tmany\tAGR" in text


def test_the_same_dictionaries_give_the_same_bytes(source, tmp_path):
    first, summary = build_files(source)
    second, _ = build_files(source)
    assert first == second
    out = tmp_path / "out"
    build_base(source, out)
    assert (out / "manifest.yml").read_text() == manifest(first, summary)
    assert gzip_bytes("x") == gzip_bytes("x")  # no time stamp in the gzip header


def test_a_missing_dictionary_is_named(tmp_path):
    with pytest.raises(HudhudError) as caught:
        build_files(tmp_path)
    assert caught.value.code == "H056" and "Phoenix.Countries.actors.txt" in str(caught.value)


def _phoenix() -> Path | None:
    root = Path(os.environ.get("HUDHUD_SHARED", Path(__file__).resolve().parents[3] / "shared"))
    folder = root / "external" / "phoenix"
    return folder if (folder / "Phoenix.Countries.actors.txt").exists() else None


@pytest.mark.skipif(_phoenix() is None, reason="the Phoenix dictionaries of shared/ are not here")
def test_rebuilding_from_the_dictionaries_gives_the_committed_index():
    files, summary = build_files(_phoenix())
    committed = resources.files("hudhud").joinpath("data", "kb", "phoenix")
    for name, data in files.items():
        assert committed.joinpath(name).read_bytes() == data, f"{name}: run `hudhud kb build-base`"
    assert committed.joinpath("manifest.yml").read_text("utf-8") == manifest(files, summary)
    assert summary["actors"] > 25_000 and summary["states"] > 200
