"""Mention rules on sentences written for these tests, each with a paraphrase."""

from __future__ import annotations

import pytest


def aliases(analysis):
    return {alias for a in analysis.actors for alias in a.aliases}


def places(analysis):
    return {p.name for p in analysis.places}


@pytest.mark.parametrize("text", [
    "Hezbollah warned it would not let Lebanon become a second Syria.",
    "Hezbollah warned it would not let Lebanon become another Syria.",
])
def test_a_country_in_a_comparison_is_not_an_actor(analyze_text, text):
    a = analyze_text(text)
    assert "Syria" not in aliases(a)


@pytest.mark.parametrize("text,name", [
    ("Washington condemned the Gorran movement on Monday.", "Gorran movement"),
    ("Tehran praised the Badr organization for its role.", "Badr organization"),
])
def test_lower_case_organisation_noun_completes_the_name(analyze_text, text, name):
    assert name in aliases(analyze_text(text))


@pytest.mark.parametrize("text", [
    "Dozens of Iranian-backed Iraqi militia fighters attacked a checkpoint near Tikrit.",
    "Hundreds of Iran-backed militia fighters stormed a checkpoint outside Tikrit.",
])
def test_unnamed_groups_are_actors_with_their_backers(analyze_text, text):
    a = analyze_text(text)
    by_id = {x.id: x for x in a.actors}
    links = {(by_id[f.subject].name, f.relation, by_id[f.object].name) for f in a.affiliations}
    assert any(r == "backed_by" and "fighters" in s for s, r, _ in links), links
    assert "Tikrit" in places(a)


@pytest.mark.parametrize("text,place", [
    ("Gunmen arrived in the subdistrict of Mandali on Friday.", "Mandali"),
    ("The fighters entered the town of Jalawla at dawn.", "Jalawla"),
])
def test_places_the_ner_misses(analyze_text, text, place):
    assert place in places(analyze_text(text))
