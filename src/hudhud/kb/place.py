"""A place of the gazetteer and the small questions every place resolver asks of one:
its name key ("al-Sulaymaniyah" -> "sulaymaniyah"), its kind (a country, a province, a
town), how far it lies from another, and what kind a feature word ("province",
"city") asks for. `gazetteer` looks names up with them and `gazetteer_context`
weighs a document's places together with them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from normality import ascii_text

from hudhud.kb.countries import by_code

#: Arabic articles as they are transliterated ("al-", "ash-", "ez-").
_ARTICLES = frozenset("al el ul il as ad ash ar an at az ez es ed er en et us ud ur ut".split())
_MARKS = str.maketrans({c: "" for c in "'\u2019\u2018\u02bc\u02bb\u02bf\u02be`\u00b4\u2032"})
_TOKEN = re.compile(r"[a-z0-9]+")

#: Feature hints a caller may give (a word of the hint is enough) -> what they prefer.
HINTS = {
    "city": "P", "town": "P", "village": "P", "suburb": "P", "neighbourhood": "P",
    "neighborhood": "P", "capital": "P",
    "province": "ADM1", "governorate": "ADM1", "region": "ADM1", "state": "ADM1",
    "county": "ADM2", "parish": "ADM2", "borough": "ADM2",
    "country": "PCLI", "continent": "CONT",
    "base": "S", "airbase": "S", "airport": "S", "camp": "S", "crossing": "S", "border": "S",
}


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
    if len(kept) > 1 and kept[-1] == "co":
        kept[-1] = "county"  # "Plymouth Co." is Plymouth County
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


def alpha2(code: str) -> str:
    """Focus countries may come as alpha-3 ("IRQ"); the index keys on alpha-2."""
    code = code.strip().upper()
    if len(code) == 3:
        country = by_code(code)
        return country.alpha2 if country is not None else code
    return code


def hint_kind(feature_hint: str | None) -> str | None:
    if not feature_hint:
        return None
    for word in re.findall(r"[a-z]+", feature_hint.casefold()):
        if word in HINTS:
            return HINTS[word]
    return None


def place_kind(place: GeoPlace) -> str:
    """PCLI, CONT, ADM1, ADM2, or the feature class (P, S, H, T, L)."""
    code = place.feature_code
    if code.startswith("PCL"):
        return "PCLI"
    if code in ("ADM1", "ADM2", "CONT"):
        return code
    return place.feature_class
