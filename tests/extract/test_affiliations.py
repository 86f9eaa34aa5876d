"""Affiliation patterns on sentences written for these tests."""

from __future__ import annotations

import pytest


def links(analysis):
    by_id = {a.id: a for a in analysis.actors}
    return {(by_id[f.subject].name, f.relation, by_id[f.object].name) for f in analysis.affiliations}


def has(analysis, subj, rel, obj):
    return any(subj.lower() in s.lower() and r == rel and obj.lower() in o.lower() for s, r, o in links(analysis))


@pytest.mark.parametrize("text,subj,rel,obj", [
    ("Yahya Saree, the spokesman of the Houthis, said the drones hit Abqaiq.", "Saree", "spokesperson_of", "Houthi"),
    ("Mohammed Abdulsalam, spokesperson for Ansar Allah, rejected the talks.", "Abdulsalam", "spokesperson_of", "Ansar"),
    ("Hadi al-Amiri, the leader of the Badr Organization, visited Diyala.", "Amiri", "leads", "Badr"),
    ("Abu Fadak, a commander of Kataib Hezbollah, spoke to the crowd.", "Abu Fadak", "member_of", "Kataib"),
    ("KRG Prime Minister Masrour Barzani met the envoy.", "Masrour", "leads", "KRG"),
    ("US Ambassador Matthew Tueller met Iraqi leaders.", "Tueller", "member_of", "US"),
])
def test_role_patterns(analyze_text, text, subj, rel, obj):
    a = analyze_text(text)
    assert has(a, subj, rel, obj), links(a)


@pytest.mark.parametrize("text", [
    "The Iranian-backed Kataib Hezbollah fired rockets at the base.",
    "Kataib Hezbollah, an Iran-sponsored militia, fired rockets at the base.",
    "Kataib Hezbollah, which is backed by Iran, fired rockets at the base.",
])
def test_backing_paraphrases(analyze_text, text):
    a = analyze_text(text)
    assert has(a, "Kata", "backed_by", "Iran"), links(a)


@pytest.mark.parametrize("text", [
    "Kataib Hezbollah, a unit within the Popular Mobilization Forces, denied the claim.",
    "Kataib Hezbollah, a faction of the Popular Mobilization Forces, denied the claim.",
])
def test_part_of_paraphrases(analyze_text, text):
    a = analyze_text(text)
    assert has(a, "Kata", "part_of", "Popular"), links(a)
