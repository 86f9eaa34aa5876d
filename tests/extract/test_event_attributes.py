"""Event mentions that report one event become one record; distinct events stay apart."""

from __future__ import annotations

from hudhud.extract.events import merge_mentions
from hudhud.model import Event, Evidence


def _event(source, etype, target, date=None, place=None, killed=None, start=0):
    return Event(source, etype, "19", target, Evidence(0, start, start + 5, "x" * 5),
                 date=date, place=place, killed=killed)


def test_same_dyad_and_type_merge_and_keep_the_richest_mention():
    lead = _event("us", "ASSAULT", "kh", start=0)
    detail = _event("us", "ASSAULT", "kh", date="2024-02-02", place="Qaim", start=50)
    toll = _event("us", "ASSAULT", "kh", killed=16, start=90)
    merged = merge_mentions([lead, detail, toll])
    assert len(merged) == 1
    only = merged[0]
    assert only.evidence.start == 50  # the mention that tells the most
    assert (only.date, only.place, only.killed) == ("2024-02-02", "Qaim", 16)


def test_different_dates_or_places_are_different_events():
    a = _event("isis", "ASSAULT", None, date="2014-06-10", place="Mosul")
    b = _event("isis", "ASSAULT", None, date="2014-06-11")
    c = _event("isis", "ASSAULT", None, date="2014-06-10", place="Tikrit")
    assert len(merge_mentions([a, b, c])) == 3


def test_different_type_or_target_never_merge():
    events = [_event("iran", "ACCUSE", "usa"), _event("iran", "THREATEN", "usa"),
              _event("iran", "ACCUSE", "isr"), _event("iran", "ACCUSE", None)]
    assert len(merge_mentions(events)) == 4


def test_the_higher_toll_wins():
    first = _event("x", "ASSAULT", "y", killed=5)
    later = _event("x", "ASSAULT", "y", killed=12)
    assert merge_mentions([first, later])[0].killed == 12


def test_an_article_retelling_its_lead_gives_one_event(analyze_text):
    text = ("Iran accused Israel of sabotage on Sunday. Later in the day, Iran again accused "
            "Israel of sabotage, a state broadcaster said.")
    analysis = analyze_text(text, published="2021-04-12")
    accusations = [e for e in analysis.events if e.type == "ACCUSE"]
    assert len(accusations) == 1, accusations
    assert accusations[0].date == "2021-04-11"


def test_an_untargeted_toll_joins_the_targeted_strike_it_tells(analyze_text):
    text = ("American airstrikes on Kataib Hezbollah bases in western Iraq on Sunday killed at least "
            "24 fighters and wounded 50 others, Iraqi officials said.")
    analysis = analyze_text(text, published="2019-12-30")
    assaults = [e for e in analysis.events if e.type == "ASSAULT"]
    assert len(assaults) == 1, assaults
    assert (assaults[0].killed, assaults[0].wounded) == (24, 50)
    assert assaults[0].target is not None


def test_a_toll_in_the_next_sentence_joins_but_another_strike_does_not(analyze_text):
    text = ("Israel struck Hezbollah positions in southern Lebanon on Monday. The strikes killed "
            "four fighters. Israel also struck targets near Damascus.")
    analysis = analyze_text(text, published="2023-10-17")
    assaults = [e for e in analysis.events if e.type == "ASSAULT"]
    assert any(e.target is not None and e.killed == 4 for e in assaults), assaults
    assert len(assaults) == 2, assaults


def test_today_in_a_quotation_is_not_the_publication_day(analyze_text):
    text = ("“Today Iran and Iraq have agreed to secure the border,” the Iraqi foreign minister "
            "Fuad Hussein told reporters in Tehran on Sunday.")
    analysis = analyze_text(text, published="2021-03-02")
    agreements = [e for e in analysis.events if e.type == "AGREE"]
    assert agreements and all(e.date == "2021-02-28" for e in agreements), agreements


def test_a_statement_happens_where_its_verb_says_not_where_its_object_lies(analyze_text):
    agreed = analyze_text("The United States and Turkey agreed in Ankara to a ceasefire in Syria.",
                          published="2019-10-18")
    assert {e.place for e in agreed.events if e.type == "AGREE"} == {"Ankara"}, agreed.events
    met = analyze_text("Erdogan met Pence in Ankara on Thursday.", published="2019-10-18")
    assert [e.place for e in met.events] == ["Ankara"], met.events
    struck = analyze_text("Israel struck Hezbollah positions in Lebanon.", published="2019-10-18")
    assert [e.place for e in struck.events] == ["Lebanon"], struck.events


def test_a_toll_told_later_belongs_to_the_attack_told_first(analyze_text):
    text = ("Saudi Arabia began bombing Houthi positions in Yemen late on Wednesday. The kingdom's "
            "ambassador announced the operation in Washington. Medical officials said the raids killed "
            "at least 18 civilians.")
    analysis = analyze_text(text, published="2015-03-26")
    assaults = [e for e in analysis.events if e.type == "ASSAULT"]
    assert [(e.killed, e.wounded) for e in assaults] == [(18, None)], assaults


def test_a_toll_of_a_named_attacker_is_not_moved(analyze_text):
    text = ("Israel struck Gaza on Monday. Hamas fighters killed three soldiers near the border on Tuesday.")
    analysis = analyze_text(text, published="2023-10-18")
    israel = [e for e in analysis.events if e.type == "ASSAULT" and e.source == "israel"]
    assert israel and israel[0].killed is None, analysis.events
