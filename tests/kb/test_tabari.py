"""The TABARI actor-dictionary reader, on snippets written for these tests."""

from __future__ import annotations

import pytest

from hudhud.kb.tabari import parse_date, phrase_names, read_actors

SNIPPET = """# A dictionary written for hudhud's tests; the actors are made up.
<!-- an XML comment
     over two lines -->

ZAGROS_DEFENCE_FRONT_ [IRNREB]  # trailing comment
+ZDF
+ZAGROS_FRONT+_FRONT_OF_THE_ZAGROS_

KARIM_FARHADI_  # CountryInfo.txt
+PRESIDENT_FARHADI
\t[IRQELI 650101-050430]
\t[IRQGOV 050501-101231] # Prime Minister
\t[IRQGOV >20110101]
\t[IRQGOV < 650101]
\t[IRQGOV 120101-110101]
\t[IRQGOV 1920030320-20060520]
\t[---]

LAYLA_HADDAD
LAYLA_AL_HADDAD
\t[LBNGOVLEG 090601-130601]
\t[LBNELI]

ACME_TRADING_\t[MNCIRQ <100101][MNCSYR]\tTrading $5,000
Source: not a phrase
313_ [IRQREB]
"""


def test_parse_date():
    assert parse_date("130803") == "2013-08-03"
    assert parse_date("650101") == "1965-01-01"  # two-digit years above 30 are 19xx
    assert parse_date("300101") == "2030-01-01"
    assert parse_date("19890604") == "1989-06-04"
    assert parse_date("1920030320") is None
    assert parse_date("890231") is None  # no 31 February


@pytest.mark.parametrize("phrase, names", [
    ("ABU_MUSAB_AL-ZARQAWI_", ["Abu Musab Al-Zarqawi"]),
    ("NORTHERN_RIVER_BRIGADES_(NRB)_", ["Northern River Brigades", "NRB"]),
    ('SAMIR_"THE_FOX"_NAJJAR_', ["Samir Najjar"]),
    ("KARIM_FARHADI (ACTING_", ["Karim Farhadi"]),
    ("AL_`ADL_", ["Al 'Adl"]),
    ("UN_", ["UN"]),  # short acronyms stay in capitals: the KB matches them case-sensitively
    ("U.N._", ["U.N."]),
    ("PKK_WING", ["PKK Wing"]),
    ("JAN_NOV\x1aAK", ["Jan Novak"]),
    ("Source: not a phrase", []),
    ("313_", []),
])
def test_phrase_names(phrase, names):
    assert phrase_names(phrase) == names


def test_read_actors():
    actors, stats = read_actors(SNIPPET, "test.actors")
    assert [a.phrases[0] for a in actors] == [
        "ZAGROS_DEFENCE_FRONT_", "KARIM_FARHADI_", "LAYLA_HADDAD", "ACME_TRADING_"]
    zagros, karim, layla, acme = actors
    assert zagros.codes == ["IRNREB"] and zagros.origin == "test.actors:5"
    assert zagros.phrases[1:] == ["ZDF", "ZAGROS_FRONT", "_FRONT_OF_THE_ZAGROS_"]
    assert karim.note == "CountryInfo.txt"
    assert [(r.code, r.start, r.end) for r in karim.roles] == [
        ("IRQELI", "1965-01-01", "2005-04-30"), ("IRQGOV", "2005-05-01", "2010-12-31"),
        ("IRQGOV", "2011-01-01", None), ("IRQGOV", None, "1965-01-01")]
    assert karim.roles[1].note == "Prime Minister"
    # A primary phrase with no code yet shares the codes of the next one (PETRARCH).
    assert layla.phrases == ["LAYLA_HADDAD", "LAYLA_AL_HADDAD"] and layla.codes == ["LBNELI"]
    # TABARI's older inline form: several codes on the primary line, remarks after them.
    assert acme.codes == ["MNCSYR"] and acme.roles[0].end == "2010-01-01"
    assert stats == {"bad date restrictions": 2, "null codes": 1, "unreadable lines": 2}


def test_synonym_before_any_record():
    actors, stats = read_actors("+ORPHAN\nREAL_NAME [IRQGOV]\n")
    assert len(actors) == 1 and stats["synonyms without a record"] == 1
