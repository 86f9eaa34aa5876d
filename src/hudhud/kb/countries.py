"""The country table: ISO 3166-1 countries with the names news uses for them.

Data: ``hudhud/data/countries/countries.yml`` (GeoNames codes and names, a
country-centroid table, and hudhud's own aliases, demonyms and capitals; the
file header names the sources and licences).

`lookup` answers "which state does this surface form denote?" for actor and
place extraction: "Iraqi" (demonym), "Iraqis" (plural), "Baghdad" (capital used
as a metonym: "Baghdad said"), "U.S." / "US" / "the United States" (aliases).
Matching ignores case, dots, diacritics, a leading "the" and a possessive "'s",
with one exception: short all-capital aliases (US, UK, UAE, KSA, DRC...) only
match text written in capitals, so the pronoun "us" is not the United States.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from normality import ascii_text

#: Which list a surface form came from, strongest first: when two countries
#: claim one key, the stronger list wins (a name beats a capital).
VIA_ORDER = ("name", "alias", "demonym", "plural", "capital")

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u02bb`\u00b4"})
_POSSESSIVE = re.compile(r"'s?$")
_NON_WORD = re.compile(r"[^a-z0-9']+")
#: An alias like "US" or "DPRK": matched only in capitals (see module docstring).
_CAPS_ONLY = re.compile(r"^[A-Z]{2,4}$")


@dataclass(frozen=True)
class Country:
    """One ISO 3166-1 country or territory."""

    alpha2: str
    alpha3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    plurals: tuple[str, ...]
    capitals: tuple[str, ...]
    lat: float
    lon: float
    geonameid: int | None


@dataclass(frozen=True)
class CountryMatch:
    """A country found for a surface form, and which list matched ('name', 'alias', ...)."""

    country: Country
    via: str


def country_key(surface: str) -> str:
    """The matching key of a surface form: "the U.S.'s" -> "us", "Türkiye" -> "turkiye"."""
    text = ascii_text(surface.translate(_APOSTROPHES)) or ""
    text = text.casefold().replace(".", "").strip()
    text = _POSSESSIVE.sub("", text)
    words = [w.strip("'") for w in _NON_WORD.split(text)]
    words = [w for w in words if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _is_caps_only(form: str) -> bool:
    return bool(_CAPS_ONLY.match(form.replace(".", "")))


@lru_cache(maxsize=1)
def countries() -> list[Country]:
    """All countries of the table, sorted by alpha-2 code (loaded once)."""
    text = resources.files("hudhud").joinpath("data", "countries", "countries.yml").read_text("utf-8")
    rows = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["countries"]
    return [
        Country(
            alpha2=row["alpha2"],
            alpha3=row["alpha3"],
            name=row["name"],
            aliases=tuple(row.get("aliases") or ()),
            demonyms=tuple(row.get("demonyms") or ()),
            plurals=tuple(row.get("plurals") or ()),
            capitals=tuple(row.get("capitals") or ()),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            geonameid=row.get("geonameid"),
        )
        for row in rows
    ]


def _forms(country: Country) -> list[tuple[str, str]]:
    """(via, surface form) pairs of one country, strongest list first."""
    return (
        [("name", country.name)]
        + [("alias", a) for a in country.aliases]
        + [("demonym", d) for d in country.demonyms]
        + [("plural", p) for p in country.plurals]
        + [("capital", c) for c in country.capitals]
    )


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, CountryMatch], dict[str, CountryMatch], dict[str, Country]]:
    """(key -> match, caps-only key -> match, code -> country)."""
    rank = {via: i for i, via in enumerate(VIA_ORDER)}
    plain: dict[str, CountryMatch] = {}
    caps: dict[str, CountryMatch] = {}
    codes: dict[str, Country] = {}
    for country in countries():
        codes[country.alpha2] = country
        codes[country.alpha3] = country
        for via, form in _forms(country):
            table = caps if _is_caps_only(form) else plain
            key = country_key(form)
            old = table.get(key)
            # Stronger list wins; on a tie the first country (by code) keeps it.
            if key and (old is None or rank[via] < rank[old.via]):
                table[key] = CountryMatch(country, via)
    return plain, caps, codes


def lookup(surface: str) -> CountryMatch | None:
    """The country a surface form denotes, or None.

    "Iraqi" -> IRQ via demonym, "Tehran" -> IRN via capital, "U.S." -> USA via
    alias; "Kurdistan", "Kurdish" and "Arab" -> None (no state).
    """
    plain, caps, _ = _index()
    key = country_key(surface)
    if not key:
        return None
    stripped = surface.strip()
    if stripped.lower().startswith("the "):
        stripped = stripped[4:]
    if _is_caps_only(_POSSESSIVE.sub("", stripped.translate(_APOSTROPHES)).strip()):
        hit = caps.get(key)
        if hit is not None:
            return hit
    return plain.get(key)


def by_code(code: str) -> Country | None:
    """The country of an ISO alpha-2 or alpha-3 code (any case), or None."""
    return _index()[2].get(code.strip().upper())
