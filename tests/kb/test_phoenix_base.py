"""The Phoenix base layer under the curated knowledge base: who it adds, who it
leaves to the curated entries, and what it never matches. Sentences are written
for these tests; the people and groups named are in the Phoenix dictionaries."""

from __future__ import annotations

import time

import pytest

from hudhud.kb import phoenix
from hudhud.kb.actors import KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


def only(kb: KnowledgeBase, name: str):
    found = kb.lookup(name)
    assert len(found) == 1, (name, [e.id for e in found])
    return found[0]


# ---- the knowledge base ------------------------------------------------------------


@pytest.mark.parametrize("name, country", [
    ("Evo Morales", "BOL"),  # South America
    ("Michelle Bachelet", "CHL"),
    ("Goodluck Jonathan", "NGA"),  # Africa
    ("Mwai Kibaki", "KEN"),
    ("Angela Merkel", "DEU"),  # Europe
    ("Susilo Bambang Yudhoyono", "IDN"),  # Asia
    ("Manmohan Singh", "IND"),
    ("Kevin Rudd", "AUS"),  # Oceania
    ("Hugo Chavez", "VEN"),  # the Caribbean coast
])
def test_leaders_of_every_region_are_people_of_their_country(kb, name, country):
    entry = only(kb, name)
    assert (entry.kind, entry.country) == ("person", country)
    assert entry.id.startswith("phx-")


def test_a_leaders_dated_role_holds_in_its_years_only(kb):
    entry = only(kb, "Mwai Kibaki")
    during = kb.affiliations_of(entry.id, on="2005-06-01")
    assert [(a.relation, a.object) for a in during] == [("member_of", "country:KEN")]
    assert during[0].start == "2002-12-30" and during[0].role == "CAMEO KENGOV"
    assert kb.affiliations_of(entry.id, on="1995-06-01") == []


@pytest.mark.parametrize("name, kind, country", [
    ("ASEAN", "organisation", None),
    ("IMF", "organisation", None),
    ("International Monetary Fund", "organisation", None),
    ("World Bank", "organisation", None),
    ("ECOWAS", "organisation", None),
    ("Organization of American States", "organisation", None),
    ("Shining Path", "militia", "PER"),  # armed groups of MilNonState
    ("Boko Haram", "militia", "NGA"),
    ("LTTE", "militia", "LKA"),
    ("Zapatista Army of National Liberation", "militia", "MEX"),
])
def test_international_bodies_and_armed_groups(kb, name, kind, country):
    entry = only(kb, name)
    assert (entry.kind, entry.country) == (kind, country)


def test_curated_entries_win(kb):
    assert only(kb, "Bashar al-Assad").id == "bashar-al-assad"
    assert only(kb, "Hizballah").id == "hezbollah"
    # Phoenix lists Hezbollah too; the curated entry is that actor, so the record is left out.
    assert kb.get("phx-hezbollah") is None
    assert not [n for n in kb.base_names() if n.target == "phx-hezbollah"]


def test_a_users_entry_wins_over_the_base_layer(tmp_path):
    path = tmp_path / "mine.yml"
    path.write_text("- {id: president-morales, name: Evo Morales, kind: person, country: BOL}\n",
                    encoding="utf-8")
    mine = KnowledgeBase.load([path])
    assert [e.id for e in mine.lookup("Evo Morales")] == ["president-morales"]
    assert mine.get("phx-evo-morales") is None


def test_the_base_layer_can_be_left_out():
    assert KnowledgeBase.load(base=False).lookup("Evo Morales") == []
    assert KnowledgeBase.load(builtin=False).lookup("Evo Morales") == []


def test_stop_listed_names_and_offices_are_never_base_names(kb):
    for word in ("Youth", "Google", "Organization", "Senate"):
        assert kb.lookup(word) == [], word
    surfaces = {n.surface.lower() for n in kb.base_names()}
    assert "us president" not in surfaces and "youth" not in surfaces


def test_state_spellings_name_the_state_and_towns_do_not(kb):
    targets = {n.surface: n.target for n in kb.base_names() if n.target.startswith("country:")}
    assert targets["Kenia"] == "country:KEN"
    assert targets["Belgique"] == "country:BEL"
    # The same Phoenix records list towns and regions coded as the state.
    assert "Mombasa" not in targets and "South Australia" not in targets and "Gaza" not in targets
    # Names the country table has stay the country table's.
    assert "Kenya" not in targets and "Nairobi" not in targets


def test_loading_the_base_layer_costs_under_a_second():
    phoenix._rows.cache_clear()  # a cold start: read and parse the index again
    start = time.process_time()
    KnowledgeBase.load(base=False)
    curated = time.process_time() - start
    start = time.process_time()
    full = KnowledgeBase.load()
    both = time.process_time() - start
    assert len(full.base_names()) > 25_000
    assert both - curated < 1.0


def test_a_damaged_index_is_refused():
    with pytest.raises(Exception) as caught:
        phoenix._read("sectors.yml")  # a file the manifest gives no checksum for
    assert getattr(caught.value, "code", None) == "H057"
    assert "sectors.yml" in str(caught.value)


# ---- in text, with the real pipeline ------------------------------------------------


def actor(analysis, name):
    found = [a for a in analysis.actors if a.name == name or name in a.aliases]
    assert found, (name, [(a.name, a.kb_id) for a in analysis.actors])
    return found[0]


@pytest.mark.parametrize("text, name, kind, country", [
    ("Officials in Addis Ababa said Mwai Kibaki would arrive on Tuesday.", "Mwai Kibaki", "person", "KEN"),
    ("Kevin Rudd told reporters that Canberra would back the new fund.", "Kevin Rudd", "person", "AUS"),
    ("Bolivian President Evo Morales hosted Michelle Bachelet for talks on water rights.",
     "Michelle Bachelet", "person", "CHL"),
    ("Brazilian President Luiz Inacio Lula da Silva flew to Maputo for the summit.",
     "Luiz Inacio Lula da Silva", "person", "BRA"),
    ("Susilo Bambang Yudhoyono asked ASEAN to send monitors to the border.", "ASEAN", "organisation", None),
    ("Angela Merkel praised the African Union for its patient mediation.", "African Union", "organisation", None),
    ("The IMF approved a second loan to Ghana on Friday.", "IMF", "organisation", None),
    ("Shining Path fighters ambushed an army patrol in the Apurimac valley.", "Shining Path", "militia", "PER"),
    ("Boko Haram gunmen stormed a market in Maiduguri before dawn.", "Boko Haram", "militia", "NGA"),
    ("The Revolutionary Armed Forces of Colombia released three soldiers.",
     "Revolutionary Armed Forces of Colombia", "militia", "COL"),
])
def test_base_names_are_found_in_text(analyze_text, text, name, kind, country):
    found = actor(analyze_text(text, published="2010-05-04"), name)
    assert (found.kind, found.country) == (kind, country)
    assert found.kb_id


@pytest.mark.parametrize("text, name, kind, country", [
    ("Colombian legislators rejected the pension reform.", "Colombia", "state", "COL"),
    ("Kenyan policemen detained six traders at the market.", "Kenyan policemen", "military", "KEN"),
    ("Filipino guerrillas ambushed a convoy near the coast.", "Filipino guerrillas", "militia", "PHL"),
    ("Indian farmers blocked the highway for a third day.", "Indian farmers", "group", "IND"),
])
def test_role_nouns_of_the_agents_file_give_kind_and_country(analyze_text, text, name, kind, country):
    found = actor(analyze_text(text, published="2012-03-01"), name)
    assert (found.kind, found.country) == (kind, country)


def test_a_curated_name_in_text_stays_curated(analyze_text):
    analysis = analyze_text("Hizballah fired rockets across the frontier.", published="2012-03-01")
    assert [a.kb_id for a in analysis.actors] == ["hezbollah"]


def test_stop_listed_lower_case_and_ambiguous_names_do_not_fire(analyze_text):
    text = ("The youth wing said the imf plan would fail. Youth leaders chanted that we will win, "
            "and Paradise hotel staff went on strike.")
    analysis = analyze_text(text, published="2012-03-01")
    assert [a.kb_id for a in analysis.actors if (a.kb_id or "").startswith("phx-")] == []


def test_a_capital_stays_the_country_tables_metonym(analyze_text):
    analysis = analyze_text("Nairobi said the border with its neighbour would stay closed.", published="2012-03-01")
    found = actor(analysis, "Nairobi")
    assert (found.kind, found.country, found.kb_id) == ("state", "KEN", "country:KEN")
