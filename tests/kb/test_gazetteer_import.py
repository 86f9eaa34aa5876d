"""`hudhud gazetteer import`: a GeoNames dump (synthetic, written here) into a user index."""

from __future__ import annotations

import gzip
import zipfile

import pytest

from hudhud.errors import HudhudError
from hudhud.kb import gazetteer as gazetteer_module
from hudhud.kb import gazetteer_build as build
from hudhud.kb.gazetteer import GAZETTEER_ENV, Gazetteer, user_index_path
from hudhud.kb.gazetteer_import import dump_entry, import_geonames, read_dump


def _row(geonameid: int, name: str, lat: float, lon: float, fclass: str, fcode: str,
         country: str = "IQ", admin1: str = "13", population: int = 0, alternates: str = "") -> str:
    """One line in the 19-column GeoNames format."""
    fields = [str(geonameid), name, name, alternates, str(lat), str(lon), fclass, fcode, country,
              "", admin1, "", "", "", str(population), "", "300", "Asia/Baghdad", "2024-01-01"]
    return "\t".join(fields)


DUMP = [
    _row(990001, "Qaryat Zarqa", 35.10, 44.20, "P", "PPL", alternates="Qaryat al-Zarqa,Zarqa Village,QZ"),
    _row(95446, "Erbil", 36.19, 44.01, "P", "PPLA", admin1="11", population=932800,
         alternates="Hewler City,https://en.wikipedia.org/wiki/Erbil"),
    _row(990002, "Qalat Sura", 35.20, 44.30, "S", "CSTL"),
    _row(990003, "Wadi Sura", 35.30, 44.40, "H", "WAD"),  # class H: not imported by default
    _row(990004, "Old Province", 35.0, 44.0, "A", "ADMH"),  # historical division: never
]


@pytest.fixture
def base(tmp_path):
    """A tiny base index instead of the shipped one, so the test runs in milliseconds."""
    entries = [
        build.Entry(geonameid=95446, name="Erbil", lat=36.19, lon=44.01, country="IQ",
                    feature="P.PPL", admin1="11", population=932800, source="g",
                    names=["Erbil", "Arbil"]),
        build.Entry(geonameid=99237, name="Iraq", lat=33.2, lon=43.7, country="IQ",
                    feature="A.PCLI", admin1=None, population=0, source="c", names=["Iraq"]),
        build.Entry(geonameid=6254925, name="Kentucky", lat=37.5, lon=-85.0, country="US",
                    feature="A.ADM1", admin1="KY", population=4_000_000, source="d",
                    names=["Kentucky"], abbreviations=["Ky."]),
    ]
    path = tmp_path / "base.tsv.gz"
    path.write_bytes(gzip.compress(build.index_text(entries, frozenset(), "base").encode()))
    return path


def _dump(tmp_path, name="IQ.txt"):
    path = tmp_path / name
    path.write_text("\n".join(DUMP) + "\n", encoding="utf-8")
    return path


def test_import_adds_new_places_and_merges_known_ones(tmp_path, base) -> None:
    out = import_geonames(_dump(tmp_path), out=tmp_path / "user.tsv.gz", base=base)
    gaz = Gazetteer.load(out)
    village = gaz.resolve("Qaryat al-Zarqa")
    assert village is not None and village.place.geonameid == 990001
    assert gaz.resolve("Zarqa Village").place.geonameid == 990001
    erbil = gaz.resolve("Hewler City").place  # the dump's name reaches the known place
    assert erbil.geonameid == 95446 and erbil.feature == "P.PPLA"
    assert gaz.resolve("Arbil").place.geonameid == 95446  # its old names stay
    assert len([p for p in gaz.candidates("Erbil") if p.geonameid == 95446]) == 1
    assert gaz.resolve("Qalat Sura").place.feature == "S.CSTL"
    assert gaz.resolve("Wadi Sura") is None and gaz.resolve("Old Province") is None
    assert gaz.resolve("Ky.").place.name == "Kentucky"  # abbreviations survive the rebuild
    assert not gaz.is_place_name("QZ")  # codes among alternate names are not names


def test_import_reads_zip_files_and_filters(tmp_path, base) -> None:
    archive = tmp_path / "IQ.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "not data\n")
        zf.writestr("IQ.txt", "\n".join(DUMP) + "\n")
    assert len(list(read_dump(archive))) == len(DUMP)
    out = import_geonames(archive, out=tmp_path / "u.tsv.gz", base=base, classes="PH",
                          min_population=100)
    gaz = Gazetteer.load(out)
    assert gaz.resolve("Qaryat Zarqa") is None  # population 0 < 100
    assert gaz.resolve("Wadi Sura") is not None  # class H asked for
    out = import_geonames(archive, out=tmp_path / "v.tsv.gz", base=base, countries=["SY"])
    assert Gazetteer.load(out).resolve("Qalat Sura") is None


def test_dump_rows_and_bad_input(tmp_path, base) -> None:
    assert dump_entry(DUMP[4].split("\t")) is None
    entry = dump_entry(DUMP[0].split("\t"))
    assert entry.names == ["Qaryat Zarqa", "Qaryat al-Zarqa", "Zarqa Village"]
    with pytest.raises(HudhudError):
        import_geonames(tmp_path / "missing.zip", out=tmp_path / "x.tsv.gz")
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(HudhudError):
        import_geonames(empty, out=tmp_path / "x.tsv.gz", base=base)


def test_default_prefers_the_user_index(tmp_path, base, monkeypatch) -> None:
    target = tmp_path / "cache" / "gazetteer.tsv.gz"
    monkeypatch.setenv(GAZETTEER_ENV, str(target))
    assert user_index_path() is None  # not written yet
    written = import_geonames(_dump(tmp_path), base=base)  # out defaults to the variable
    assert written == target and user_index_path() == target
    gazetteer_module._default.cache_clear()
    try:
        assert Gazetteer.default().resolve("Qaryat al-Zarqa") is not None
        assert Gazetteer.shipped().resolve("Qaryat al-Zarqa") is None
    finally:
        gazetteer_module._default.cache_clear()
