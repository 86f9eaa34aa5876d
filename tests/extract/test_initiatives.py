"""Reactions to an initiative are aimed at whoever is behind it (hudhud.extract.events.initiatives).

Each case states the owner one way and reacts to the initiative another way; the
paraphrases vary the owner statement, the noun and the reaction."""

from __future__ import annotations


import pytest

from hudhud_event_checks import has_event as has, triples as events_of


@pytest.mark.parametrize("text,source,etype", [
    # the owner holds it; the reaction names another noun of the same family
    ("The Kurdistan Regional Government held a referendum on independence on Monday. "
     "Iran denounced the vote.", "Iran", "ACCUSE"),
    ("The Kurdistan Regional Government staged a plebiscite last month. Turkey opposed the ballot.",
     "Turkey", "REJECT"),
    ("The KRG went ahead with the vote despite warnings. Iraq condemned the referendum.",
     "Iraq", "ACCUSE"),
    # the owner in the noun's own phrase
    ("Jordan criticized the referendum organised by the KRG.", "Jordan", "ACCUSE"),
    ("Egypt rejected the KRG's plan to hold an independence referendum.", "Egypt", "REJECT"),
    # a linked family: "independence referendum" ties independence to the referendum's owner
    ("The KRG held an independence referendum in September. Israel declared support for "
     "Kurdish independence.", "Israel", "SUPPORT"),
    # a pronoun pointing back at the initiative just named
    ("The KRG announced a referendum on secession. Baghdad rejected it the next day.",
     "Baghdad", "REJECT"),
])
def test_a_reaction_to_an_initiative_targets_its_owner(analyze_text, text, source, etype):
    analysis = analyze_text(text, published="2017-10-01")
    assert has(analysis, source, etype, "krg"), events_of(analysis)


def test_without_an_owner_the_target_stays_empty(analyze_text):
    analysis = analyze_text("Turkey condemned the referendum.", published="2017-10-01")
    assert has(analysis, "Turkey", "ACCUSE", None), events_of(analysis)


def test_each_initiative_keeps_its_own_owner(analyze_text):
    text = ("Israel announced a plan to annex the valley. The KRG held a referendum on independence. "
            "Jordan condemned the annexation plan, and Iran denounced the vote.")
    analysis = analyze_text(text, published="2020-06-01")
    assert has(analysis, "Iran", "ACCUSE", "krg"), events_of(analysis)
    assert not has(analysis, "Iran", "ACCUSE", "Israel"), events_of(analysis)


@pytest.mark.parametrize("text", [
    "Qais al-Khazali accused the KRG of executing a foreign project and warned that his "
    "fighters would not allow it to happen.",
    "Khazali charged the KRG with pursuing a secession plan and vowed that his men would not allow it to go ahead.",
])
def test_the_accused_owns_what_he_is_accused_of_doing(analyze_text, text):
    analysis = analyze_text(text, published="2017-09-20")
    assert any(e.type in {"THREATEN", "REJECT"} and e.target is not None
               and has(analysis, "Khazali", e.type, "krg") for e in analysis.events), events_of(analysis)


@pytest.mark.parametrize("text", [
    "Iranian leaders found another reason to oppose the referendum held by the KRG.",
    "Iranian leaders seized the opportunity to oppose the referendum held by the KRG.",
])
def test_an_infinitive_after_reason_or_opportunity_belongs_to_the_clause_subject(analyze_text, text):
    analysis = analyze_text(text, published="2017-10-01")
    assert has(analysis, "Iran", "REJECT", "krg"), events_of(analysis)


@pytest.mark.parametrize("text,source,etype", [
    ("Turkey voiced its opposition to the referendum held by the KRG.", "Turkey", "REJECT"),
    ("Iran condemned the vote that the KRG organised.", "Iran", "ACCUSE"),
])
def test_an_initiative_held_by_someone_belongs_to_them(analyze_text, text, source, etype):
    analysis = analyze_text(text, published="2017-10-01")
    assert has(analysis, source, etype, "krg"), events_of(analysis)


def test_a_hope_about_a_stance_is_no_event(analyze_text):
    analysis = analyze_text("Husseini expressed the hope that Turkey is sincere in its opposition to "
                            "the referendum held by the KRG.", published="2017-10-01")
    assert not has(analysis, "Turkey", "REJECT", "krg"), events_of(analysis)
