"""The offline gazetteer: keys, the shipped index, resolution cases, the build."""

from __future__ import annotations

import gzip
import os
from importlib import resources

import pytest
import yaml

from hudhud.kb import gazetteer_build as build
from hudhud.kb.countries import by_code
from hudhud.kb.gazetteer import (
    INDEX_FILE,
    Gazetteer,
    GeoPlace,
    distance_km,
    place_key,
)

DATA = resources.files("hudhud").joinpath("data", "gazetteer")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.shipped()  # not a user index the developer may have imported


# --- keys ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("al-Anbar", "Anbar"),
        ("Al Anbar", "anbar"),
        ("As Sulaymaniyah", "Sulaymaniyah"),
        ("ash-Shirqat", "Shirqat"),
        ("Deir ez-Zor", "Deir Zor"),
        ("Deir ez Zor", "Deir-ez-Zor"),
        ("Ras al-Ain", "Ras el Ain"),
        ("Sana’a", "Sana'a"),
        ("Sana'a", "Sanaa"),
        ("Ma`rib", "Marib"),
        ("ʿAnah", "Anah"),
        ("Şanlıurfa", "Sanliurfa"),
        ("K-1", "K1"),
        ("The Hague", "Hague"),
        ("Plymouth Co.", "Plymouth County"),
    ],
)
def test_place_key_unifies_spellings(a: str, b: str) -> None:
    assert place_key(a) == place_key(b)


def test_place_key_keeps_a_lone_article_word() -> None:
    assert place_key("Al") == "al"
    assert place_key("Tal Afar") != place_key("Afar")


# --- resolution against the shipped index ----------------------------------------

#: (name, focus countries, feature hint) -> expected point; a match is within 25 km,
#: as in the project's scoring of places.
CASES = [
    ("Kirkuk", "IQ", None, 35.468, 44.392),
    ("Kirkuk", "", None, 35.468, 44.392),
    ("Erbil", "IQ", None, 36.191, 44.009),
    ("Hawler", "IQ", None, 36.191, 44.009),
    ("Arbil", "", None, 36.191, 44.009),
    ("Sulaymaniyah", "IQ", None, 35.565, 45.433),
    ("Sulaimaniyah", "IQ", None, 35.565, 45.433),
    ("Slemani", "IQ", None, 35.565, 45.433),
    ("Sulaimani", "", None, 35.565, 45.433),
    ("As Sulaymaniyah", "IQ", None, 35.565, 45.433),
    ("Mandali", "IQ", None, 33.748, 45.555),
    ("Diyala", "IQ", "province", 33.88, 45.07),
    ("Diyala", "IQ", None, 33.88, 45.07),
    ("Baghdad", "", None, 33.341, 44.401),
    ("Mosul", "IQ", None, 36.335, 43.119),
    ("Mawsil", "IQ", None, 36.335, 43.119),
    ("Tikrit", "IQ", None, 34.616, 43.679),
    ("Fallujah", "IQ", None, 33.349, 43.786),
    ("Ramadi", "IQ", None, 33.421, 43.308),
    ("Basra", "", None, 30.509, 47.780),
    ("Dohuk", "IQ", None, 36.866, 42.988),
    ("Duhok", "IQ", None, 36.866, 42.988),
    ("Karkuk", "IQ", None, 35.468, 44.392),
    ("Nineveh", "IQ", "province", 36.23, 42.24),
    ("Salah al-Din", "IQ", None, 34.53, 43.48),
    ("al-Anbar", "IQ", None, 32.56, 41.92),
    ("Raqqa", "SY", None, 35.953, 39.008),
    ("Deir ez-Zor", "SY", None, 35.336, 40.141),
    ("Idlib", "SY", None, 35.931, 36.634),
    ("Aleppo", "", None, 36.201, 37.161),
    ("Damascus", "", None, 33.510, 36.291),
    ("Beirut", "", None, 33.893, 35.502),
    ("Sanaa", "", None, 15.355, 44.206),
    ("Aden", "YE", None, 12.780, 45.039),
    ("Hodeidah", "", None, 14.798, 42.955),
    ("Tehran", "", None, 35.694, 51.422),
    ("Ankara", "", None, 39.920, 32.854),
    ("Qamishli", "SY", None, 37.052, 41.231),
    ("Kobani", "SY", None, 36.891, 38.353),
    ("Tal Afar", "IQ", None, 36.379, 42.448),
    ("Makhmour", "IQ", None, 35.776, 43.580),
    ("Jalawla", "IQ", None, 34.27, 45.16),
    ("Amerli", "IQ", None, 34.72, 44.59),
    ("Bashiqa", "IQ", None, 36.45, 43.35),
    ("Hammam al-Alil", "IQ", None, 36.16, 43.26),
    ("Tuz Khurmatu", "IQ", None, 34.888, 44.633),
    ("Albu Kamal", "SY", None, 34.452, 40.919),
    ("Abu Kamal", "SY", None, 34.452, 40.919),
    ("al-Qaim", "IQ", None, 34.393, 40.989),
    # bases and airports
    ("K1 air base", "IQ", None, 35.51, 44.28),
    ("K-1", "IQ", None, 35.51, 44.28),
    ("Ain al-Asad", "IQ", None, 33.79, 42.44),
    ("Balad", "IQ", "air base", 33.94, 44.36),
    ("Camp Taji", "IQ", None, 33.53, 44.26),
    ("al-Tanf", "SY", None, 33.50, 38.63),
    ("Harir air base", "IQ", None, 36.53, 44.34),
    ("Erbil", "IQ", "air base", 36.24, 43.96),
    ("Baghdad International Airport", "IQ", None, 33.26, 44.23),
    ("Camp Victory", "IQ", None, 33.29, 44.25),
    ("Hmeimim", "SY", None, 35.40, 35.95),
    ("T-4 airbase", "SY", None, 34.52, 37.63),
    # border crossings
    ("Ibrahim Khalil", "IQ", None, 37.14, 42.57),
    ("Fishkhabour", "IQ", None, 37.07, 42.38),
    ("Rabia", "IQ", None, 36.80, 42.10),
    ("Al-Qaim border crossing", "IQ", None, 34.43, 40.95),
    ("Nasib", "SY", None, 32.55, 36.21),
    ("Bab al-Hawa", "SY", None, 36.23, 36.66),
    ("Bab al-Salama", "SY", None, 36.63, 37.05),
    ("Parviz Khan", "IQ", None, 34.41, 45.55),
    ("Bashmaq", "IQ", None, 35.63, 46.02),
    ("Haji Omaran", "IQ", None, 36.67, 45.05),
    # countries take their centroid
    ("Iraq", "", None, 33.223, 43.679),
    ("Syria", "", None, 34.802, 38.997),
    ("Lebanon", "", None, 33.855, 35.862),
    ("Yemen", "", None, 15.553, 48.516),
]


@pytest.mark.parametrize("name, focus, hint, lat, lon", CASES)
def test_resolve_cases(gaz: Gazetteer, name: str, focus: str, hint: str | None,
                       lat: float, lon: float) -> None:
    match = gaz.resolve(name, focus_countries=tuple(c for c in focus.split(",") if c),
                        feature_hint=hint)
    assert match is not None, name
    assert 0.0 <= match.confidence <= 1.0
    assert match.candidates >= 1
    d = distance_km(match.place.lat, match.place.lon, lat, lon)
    assert d <= 25.0, f"{name} -> {match.place} is {d:.0f} km off"


def test_city_beats_its_same_named_division_unless_hinted(gaz: Gazetteer) -> None:
    kinds = {p.feature for p in gaz.candidates("Kirkuk")}
    assert {"A.ADM1", "P.PPL"} <= kinds
    assert gaz.resolve("Kirkuk").place.feature_class == "P"
    assert gaz.resolve("Kirkuk", feature_hint="the province").place.feature == "A.ADM1"
    assert gaz.resolve("Kirkuk", feature_hint="governorate").place.feature == "A.ADM1"
    assert gaz.resolve("Kirkuk province").place.feature == "A.ADM1"
    assert gaz.resolve("Kirkuk").confidence > 0.9


def test_countries_beat_towns_of_the_same_name(gaz: Gazetteer) -> None:
    for name in ("Lebanon", "Jordan", "Kuwait", "Georgia"):
        match = gaz.resolve(name)
        assert match is not None and match.place.feature == "A.PCLI", name


def test_focus_and_nearness_pick_the_local_namesake(gaz: Gazetteer) -> None:
    assert gaz.resolve("Tripoli").place.country == "LY"
    assert gaz.resolve("Tripoli", focus_countries=["LB"]).place.country == "LB"
    assert gaz.resolve("Tripoli", focus_countries=["LBN"]).place.country == "LB"
    assert gaz.resolve("Tripoli", near=[(33.89, 35.50)]).place.country == "LB"


def test_fuzzy_only_within_focus_and_for_long_names(gaz: Gazetteer) -> None:
    assert gaz.resolve("Tikreet") is None  # no focus: no fuzzy guess
    match = gaz.resolve("Tikreet", focus_countries=["IQ"])
    assert match is not None and match.place.country == "IQ"
    assert distance_km(match.place.lat, match.place.lon, 34.616, 43.679) < 25
    assert match.confidence < 0.95
    assert gaz.resolve("Hitt", focus_countries=["IQ"]) is None  # too short to guess


@pytest.mark.parametrize(
    "word",
    ["The", "Monday", "Comment", "President", "Kurdistan", "Middle East", "Hamas",
     "Police", "January", "", "  "],
)
def test_ordinary_words_are_not_places(gaz: Gazetteer, word: str) -> None:
    assert gaz.resolve(word) is None
    assert gaz.resolve(word, focus_countries=["IQ"]) is None
    assert not gaz.is_place_name(word)


def test_is_place_name(gaz: Gazetteer) -> None:
    assert gaz.is_place_name("Kirkuk")
    assert gaz.is_place_name("al-Qaim")
    assert not gaz.is_place_name("Nowhereville Upon Nothing")


def test_place_fields(gaz: Gazetteer) -> None:
    place = gaz.resolve("Erbil").place
    assert isinstance(place, GeoPlace)
    assert place.geonameid == 95446 and place.country == "IQ" and place.admin1 == "11"
    assert place.feature == "P.PPL" and place.population > 1_000_000
    assert gaz.resolve("Baghdad").place.feature == "P.PPLC"
    assert gaz.resolve("Iraq").place.feature == "A.PCLI"


# --- the committed index ------------------------------------------------------------


def test_committed_index_matches_its_inputs() -> None:
    with gzip.open(str(DATA.joinpath(INDEX_FILE)), "rt", encoding="utf-8") as fh:
        head = fh.readline().rstrip("\n").split("\t")
    assert head[0] == "#hudhud-gazetteer"
    assert head[2] == build.inputs_hash(), (
        "the gazetteer inputs changed: run `python -m hudhud.kb.gazetteer_build`")


@pytest.mark.skipif(not os.environ.get("HUDHUD_SLOW_TESTS"), reason="rebuilds the index (~25 s)")
def test_committed_index_is_what_the_build_writes() -> None:
    committed = gzip.decompress(DATA.joinpath(INDEX_FILE).read_bytes()).decode("utf-8")
    assert build.build_text() == committed


def test_curated_files_are_valid(gaz: Gazetteer) -> None:
    stopwords = build.load_stopwords()
    for name in ("adm1.yml", "supplement.yml", "stopwords.txt"):
        text = DATA.joinpath(name).read_text("utf-8")
        assert "Source" in text and "Licence" in text and "Date:" in text, name
    divisions = yaml.safe_load(DATA.joinpath("adm1.yml").read_text("utf-8"))["divisions"]
    supplement = yaml.safe_load(DATA.joinpath("supplement.yml").read_text("utf-8"))
    for row in divisions + supplement["places"]:
        assert row["country"] == "" or by_code(row["country"]) is not None, row
        assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180, row
        # a curated main name must stay findable: no stopword may swallow it
        assert place_key(row["name"]) not in stopwords, row["name"]
        assert gaz.is_place_name(row["name"]), row["name"]
    covered = {row["country"] for row in divisions}
    assert {"IQ", "SY", "IR", "LB", "YE", "TR", "SA", "IL", "PS", "JO", "KW", "EG", "LY"} <= covered
    for row in supplement["extend"]:
        ids = {p.geonameid for p in gaz.candidates(row["aliases"][0])}
        assert row["geonameid"] in ids, row["name"]
    for row in supplement["drop"]:
        for alias in row["aliases"]:
            assert row["geonameid"] not in {p.geonameid for p in gaz.candidates(alias)}
    abbreviations = yaml.safe_load(DATA.joinpath("abbreviations.yml").read_text("utf-8"))
    for row in abbreviations["abbreviations"]:
        for form in row["abbreviations"]:
            assert isinstance(form, str), row  # YAML reads a bare ON or NO as a boolean
            assert row["geonameid"] in {p.geonameid for p in gaz.candidates(form)}, form


# --- the build, on small inputs -----------------------------------------------------


def _entry(name: str, country: str, lat: float, lon: float, feature: str = "P.PPL",
           population: int = 0, source: str = "g", names: tuple[str, ...] = ()) -> build.Entry:
    return build.Entry(geonameid=None, name=name, lat=lat, lon=lon, country=country,
                       feature=feature, admin1=None, population=population, source=source,
                       names=[name, *names])


def test_index_text_round_trip_and_determinism() -> None:
    entries = [
        _entry("Springfield", "US", 39.8, -89.6, population=114_000),
        _entry("Springfield", "US", 37.2, -93.3, population=169_000, names=("Queen City",)),
        _entry("Monday", "US", 39.0, -82.0, population=900),
        _entry("Zubair Field", "IQ", 30.4, 47.6, feature="S.OILF", source="s", names=("ZF",)),
        _entry("Qatar", "QA", 25.35, 51.18, feature="A.PCLI", source="c"),
    ]
    stopwords = frozenset({place_key("Monday")})
    text = build.index_text(entries, stopwords, "testhash")
    assert text == build.index_text(list(reversed(entries)), stopwords, "testhash")
    gaz = Gazetteer.from_text(text)
    assert not gaz.is_place_name("Monday")  # stopword: dropped from the index
    assert gaz.resolve("Springfield").place.lat == pytest.approx(37.2)  # larger wins
    assert gaz.resolve("Springfield", near=[(39.7, -89.7)]).place.lat == pytest.approx(39.8)
    assert gaz.resolve("ZF").place.feature == "S.OILF"  # curated keys may be short
    assert gaz.resolve("Qatar").place.feature == "A.PCLI"
    assert gaz.resolve("Springfeld", focus_countries=["US"]).place.country == "US"


def test_build_rejects_a_supplement_for_the_wrong_place() -> None:
    entries = [build.Entry(geonameid=7, name="Kirkuk", lat=35.5, lon=44.4, country="IQ",
                           feature="P.PPL", admin1=None, population=1, source="g",
                           names=["Kirkuk"])]
    with pytest.raises(ValueError):
        build.apply_supplement(entries, {"extend": [{"geonameid": 7, "name": "Mosul",
                                                     "aliases": ["Mawsil"]}]})
    new = build.apply_supplement(entries, {
        "extend": [{"geonameid": 7, "name": "Kirkuk", "aliases": ["Karkuk"]}],
        "places": [{"name": "K1", "country": "IQ", "lat": 35.5, "lon": 44.3,
                    "feature": "S.AIRB"}],
    })
    assert entries[0].names == ["Kirkuk", "Karkuk"]
    assert [e.name for e in new] == ["K1"] and new[0].source == "s"


# --- worldwide names, GeoNames ids, abbreviations ------------------------------------


@pytest.mark.parametrize(
    "name, geonameid, feature",
    [
        ("Canada", 6251999, "A.PCLI"),
        ("Turkish", 298795, "A.PCLI"),  # a demonym names its country
        ("Texas", 4736286, "A.ADM1"),
        ("Alberta", 5883102, "A.ADM1"),
        ("Queensland", 2152274, "A.ADM1"),
        ("Hunan", 1806691, "A.ADM1"),  # GeoNames calls it "Hunan Sheng"
        ("Europe", 6255148, "L.CONT"),
        ("Ky.", 6254925, "A.ADM1"),
        ("KY", 6254925, "A.ADM1"),
        ("B.C.", 5909050, "A.ADM1"),
        ("Singapore", 1880251, "A.PCLI"),  # the country before its capital
        ("Idlib", 169389, "P.PPL"),  # a curated division gives way to its capital
    ],
)
def test_worldwide_names_keep_real_geonames_ids(gaz: Gazetteer, name: str, geonameid: int,
                                                 feature: str) -> None:
    match = gaz.resolve(name)
    assert match is not None, name
    assert (match.place.geonameid, match.place.feature) == (geonameid, feature)


def test_curated_divisions_take_the_geonames_id(gaz: Gazetteer) -> None:
    place = gaz.resolve("Kirkuk", feature_hint="province").place
    assert place.feature == "A.ADM1" and place.geonameid is not None
    assert distance_km(place.lat, place.lon, 35.33, 43.94) < 1  # the curated point stays


def test_abbreviations_need_their_dot(gaz: Gazetteer) -> None:
    assert gaz.is_place_name("Ill.") and gaz.resolve("Ill.").place.name == "Illinois"
    assert not gaz.is_place_name("ill")
    assert gaz.resolve("ill") is None
    plain = gaz.resolve("Ind")  # no dot: not the abbreviation
    assert plain is None or plain.place.name != "Indiana"


def test_counties_and_their_bare_names(gaz: Gazetteer) -> None:
    county = gaz.resolve("Metcalfe County").place
    assert county.feature == "A.ADM2" and county.country == "US" and county.admin1 == "KY"
    assert gaz.resolve("Metcalfe", feature_hint="county").place == county
    assert gaz.resolve("Cairns").place.feature == "P.PPL"  # the city before its council area


def test_famous_places_beat_divisions_named_after_them(gaz: Gazetteer) -> None:
    assert gaz.resolve("Gaza").place.country == "PS"  # not Mozambique's Gaza province
    assert gaz.resolve("Red Sea").place.feature == "H.SEA"


# --- document-level resolution -----------------------------------------------------------


def _doc(gaz: Gazetteer, text: str, *names: str) -> list:
    """resolve_document over the first occurrence of each name (or of "name@n", the n-th)."""
    mentions = []
    for name in names:
        name, _, nth = name.partition("@")
        at = -1
        for _ in range(int(nth or 1)):
            at = text.index(name, at + 1)
        mentions.append((name, at, at + len(name)))
    return gaz.resolve_document(mentions, text)


def test_comma_pattern_picks_the_namesake_inside_the_division(gaz: Gazetteer) -> None:
    text = "The fair in Springfield, Illinois, drew crowds. Later Springfield voted."
    a, b, c = _doc(gaz, text, "Springfield", "Illinois", "Springfield@2")
    assert (a.place.country, a.place.admin1) == ("US", "IL")
    assert b.place.feature == "A.ADM1" and c.place == a.place  # one sense per document
    alone = gaz.resolve("Springfield").place
    assert alone.admin1 != "IL"  # without the state, the larger Springfield wins


def test_comma_pattern_reads_abbreviations_from_the_text(gaz: Gazetteer) -> None:
    (paris,) = _doc(gaz, "He grew up in Paris, Tex. and moved away.", "Paris")
    assert (paris.place.country, paris.place.admin1) == ("US", "TX")
    (paris,) = _doc(gaz, "Talks in Paris, officials said.", "Paris")
    assert paris.place.country == "FR"


def test_comma_pattern_also_decides_the_division(gaz: Gazetteer) -> None:
    text = "Atlanta, Georgia, is hot."
    atlanta, georgia = _doc(gaz, text, "Atlanta", "Georgia")
    assert georgia.place.feature == "A.ADM1" and georgia.place.country == "US"
    assert gaz.resolve("Georgia").place.feature == "A.PCLI"


def test_a_list_is_not_a_comma_pattern(gaz: Gazetteer) -> None:
    text = "Ties with Russia, U.S. officials said, are strained."
    (russia,) = _doc(gaz, text, "Russia")
    assert russia.place.feature == "A.PCLI"


def test_other_places_of_the_document_decide(gaz: Gazetteer) -> None:
    text = ("Police in London said the man was taken to hospital in Toronto. "
            "Ontario police and Canada's health agency were told.")
    london, toronto, ontario, canada = _doc(gaz, text, "London", "Toronto", "Ontario", "Canada")
    assert london.place.country == "CA" and london.place.admin1 == ontario.place.admin1
    assert toronto.place.country == "CA" and canada.place.feature == "A.PCLI"
    (london,) = _doc(gaz, "Police in London said the man was arrested.", "London")
    assert london.place.country == "GB"


def test_text_cues_give_the_feature(gaz: Gazetteer) -> None:
    text = "Shelling hit Kirkuk province, then the city of Kirkuk."
    province, city = _doc(gaz, text, "Kirkuk", "Kirkuk@2")
    assert province.place.feature == "A.ADM1" and city.place.feature_class == "P"


def test_resolve_document_keeps_order_and_unknowns(gaz: Gazetteer) -> None:
    text = "From Nowhereville Upon Nothing to Mosul."
    unknown, mosul = _doc(gaz, text, "Nowhereville Upon Nothing", "Mosul")
    assert unknown is None and mosul.place.country == "IQ"
    assert gaz.resolve_document([], "") == []
    matches = gaz.resolve_document([("Mosul", 0, 5)], "", focus_countries=["IRQ"], hints=[None])
    assert matches[0].place.country == "IQ" and 0 < matches[0].confidence <= 1


def test_resolve_document_on_a_small_index() -> None:
    entries = [
        _entry("Springfield", "US", 39.80, -89.64, population=114_000),
        _entry("Springfield", "US", 37.21, -93.29, population=170_000),
        _entry("Illinois", "US", 40.0, -89.2, feature="A.ADM1", source="d"),
        _entry("Missouri", "US", 38.5, -92.5, feature="A.ADM1", source="d"),
        _entry("Peoria", "US", 40.69, -89.59, population=113_000),
    ]
    for entry, admin1 in zip(entries, ("IL", "MO", "IL", "MO", "IL")):
        entry.admin1 = admin1
    gaz = Gazetteer.from_text(build.index_text(entries, frozenset(), "t"))
    assert gaz.resolve("Springfield").place.admin1 == "MO"
    text = "Springfield and Peoria"
    springfield, _ = gaz.resolve_document([("Springfield", 0, 11), ("Peoria", 16, 22)], text)
    assert springfield.place.admin1 == "IL"  # near Peoria
    text = "Springfield, Missouri"
    springfield, state = gaz.resolve_document([("Springfield", 0, 11), ("Missouri", 13, 21)], text)
    assert springfield.place.admin1 == "MO" and state.place.name == "Missouri"


def test_text_cue_words() -> None:
    from hudhud.kb.gazetteer_context import text_cue

    text = "In Diyala province and the city of Mosul; in the Hunan city of Yueyang; Metcalfe County."
    at = text.index
    assert text_cue(text, at("Diyala"), at("Diyala") + 6) == "province"
    assert text_cue(text, at("Mosul"), at("Mosul") + 5) == "city"
    assert text_cue(text, at("Hunan"), at("Hunan") + 5) is None  # Hunan holds the city
    assert text_cue(text, at("Metcalfe"), at("Metcalfe") + 8) == "county"
