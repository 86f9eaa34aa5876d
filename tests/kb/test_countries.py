"""The country table: codes, names, aliases, demonyms, capitals, centroids."""

from __future__ import annotations

from collections import defaultdict
from importlib import resources

import pytest

from hudhud.kb.countries import Country, _forms, by_code, countries, country_key, lookup


def test_table_covers_iso_3166_1() -> None:
    table = countries()
    assert len(table) >= 249
    alpha2 = [c.alpha2 for c in table]
    alpha3 = [c.alpha3 for c in table]
    assert len(set(alpha2)) == len(alpha2)
    assert len(set(alpha3)) == len(alpha3)
    for c in table:
        # YAML 1.1 reads a bare NO (Norway) as false: codes must stay strings.
        assert isinstance(c.alpha2, str) and len(c.alpha2) == 2 and c.alpha2.isupper()
        assert isinstance(c.alpha3, str) and len(c.alpha3) == 3 and c.alpha3.isupper()
        assert -90 <= c.lat <= 90 and -180 <= c.lon <= 180
    assert by_code("NO").name == "Norway"


def test_data_file_names_its_sources() -> None:
    text = resources.files("hudhud").joinpath("data", "countries", "countries.yml").read_text("utf-8")
    header = text.split("countries:", 1)[0]
    for needle in ("GeoNames", "CC BY 4.0", "DSPL", "MIT", "Date:"):
        assert needle in header


@pytest.mark.parametrize(
    "code, lat, lon",
    [
        ("IQ", 33.223191, 43.679291),
        ("SY", 34.802075, 38.996815),
        ("LB", 33.854721, 35.862285),
        ("YE", 15.552727, 48.516388),
        ("IRN", 32.427908, 53.688046),
    ],
)
def test_centroids(code: str, lat: float, lon: float) -> None:
    country = by_code(code)
    assert country is not None
    assert (country.lat, country.lon) == pytest.approx((lat, lon), abs=1e-6)


@pytest.mark.parametrize(
    "surface, alpha3, via",
    [
        ("U.S.", "USA", "alias"),
        ("US", "USA", "alias"),
        ("USA", "USA", "alias"),
        ("the United States", "USA", "name"),
        ("United States of America", "USA", "alias"),
        ("America", "USA", "alias"),
        ("American", "USA", "demonym"),
        ("Americans", "USA", "plural"),
        ("Washington", "USA", "capital"),
        ("UK", "GBR", "alias"),
        ("U.K.", "GBR", "alias"),
        ("Britain", "GBR", "alias"),
        ("Great Britain", "GBR", "alias"),
        ("British", "GBR", "demonym"),
        ("Britons", "GBR", "plural"),
        ("UAE", "ARE", "alias"),
        ("Emirates", "ARE", "alias"),
        ("Emirati", "ARE", "demonym"),
        ("KSA", "SAU", "alias"),
        ("Saudi", "SAU", "demonym"),
        ("Saudis", "SAU", "plural"),
        ("Riyadh", "SAU", "capital"),
        ("Syria", "SYR", "name"),
        ("Syrian Arab Republic", "SYR", "alias"),
        ("Syrian", "SYR", "demonym"),
        ("Damascus", "SYR", "capital"),
        ("Iran", "IRN", "name"),
        ("Islamic Republic of Iran", "IRN", "alias"),
        ("Iranian", "IRN", "demonym"),
        ("Iranians", "IRN", "plural"),
        ("Tehran", "IRN", "capital"),
        ("Iraqi", "IRQ", "demonym"),
        ("Iraqis", "IRQ", "plural"),
        ("Baghdad", "IRQ", "capital"),
        ("Russia", "RUS", "name"),
        ("Moscow", "RUS", "capital"),
        ("South Korea", "KOR", "name"),
        ("North Korea", "PRK", "name"),
        ("Palestine", "PSE", "name"),
        ("Palestinian territories", "PSE", "alias"),
        ("Palestinian", "PSE", "demonym"),
        ("Palestinians", "PSE", "plural"),
        ("Turkey", "TUR", "name"),
        ("Türkiye", "TUR", "alias"),
        ("Turkiye", "TUR", "alias"),
        ("Turkish", "TUR", "demonym"),
        ("Turks", "TUR", "plural"),
        ("Ankara", "TUR", "capital"),
        ("Israeli", "ISR", "demonym"),
        ("Israelis", "ISR", "plural"),
        ("Jerusalem", "ISR", "capital"),
        ("Lebanese", "LBN", "demonym"),
        ("Beirut", "LBN", "capital"),
        ("Yemeni", "YEM", "demonym"),
        ("Sanaa", "YEM", "capital"),
        ("Sana'a", "YEM", "capital"),
        ("Kuwaiti", "KWT", "demonym"),
        ("Qatari", "QAT", "demonym"),
        ("French", "FRA", "demonym"),
        ("Paris", "FRA", "capital"),
        ("Chinese", "CHN", "demonym"),
        ("Beijing", "CHN", "capital"),
        ("Berlin", "DEU", "capital"),
        ("London", "GBR", "capital"),
        ("Georgia", "GEO", "name"),
        ("Jordan", "JOR", "name"),
        ("Chad", "TCD", "name"),
    ],
)
def test_lookup(surface: str, alpha3: str, via: str) -> None:
    match = lookup(surface)
    assert match is not None, surface
    assert (match.country.alpha3, match.via) == (alpha3, via)


@pytest.mark.parametrize(
    "surface, alpha3",
    [("IRAQ", "IRQ"), ("iraqi", "IRQ"), ("Iran's", "IRN"), ("Iran’s", "IRN"),
     ("the UK", "GBR"), ("U.S.A.", "USA"), ("  Syria ", "SYR"), ("the Netherlands", "NLD")],
)
def test_lookup_ignores_case_dots_the_and_possessive(surface: str, alpha3: str) -> None:
    match = lookup(surface)
    assert match is not None and match.country.alpha3 == alpha3


@pytest.mark.parametrize(
    "surface",
    ["Kurdistan", "Kurdish", "Kurds", "Arab", "Arabs", "us", "Us", "", "the", "Monday", "Europe"],
)
def test_lookup_rejects_non_states(surface: str) -> None:
    assert lookup(surface) is None


def test_by_code() -> None:
    assert by_code("IQ") is by_code("irq")
    assert by_code("XX") is None
    assert isinstance(by_code("SY"), Country)


def test_no_surface_form_is_claimed_by_two_countries() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for country in countries():
        for _, form in _forms(country):
            owners[country_key(form)].add(country.alpha2)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}


def test_demonyms_cover_the_table() -> None:
    with_demonym = [c for c in countries() if c.demonyms]
    assert len(with_demonym) >= 230
    for country in countries():
        for form in country.demonyms + country.plurals + country.capitals:
            assert form.strip() == form and form
