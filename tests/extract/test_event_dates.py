"""Statements take the day they were made: from the speaker's dated statement, the
occasion they were made at, or the statement they continue (hudhud.extract.events.dates)."""

from __future__ import annotations


def _dates(analysis, etype):
    return [e.date for e in analysis.events if e.type == etype]


def test_a_speakers_later_statement_shares_the_day_he_spoke(analyze_text):
    text = ("“We will not allow any foreign bases on our border,” Amir Hatami, Iran's defense "
            "minister, said on Tuesday. Hatami also accused Israel of meddling in Iraq.")
    analysis = analyze_text(text, published="2017-10-05")
    assert _dates(analysis, "ACCUSE") == ["2017-10-03"], analysis.events


def test_a_statement_made_during_a_dated_meeting_takes_its_day(analyze_text):
    text = ("Iranian and Turkish officials held talks in Ankara on Sept. 11. During the talks, "
            "Amir Hatami urged Turkey to close its border crossings.")
    analysis = analyze_text(text, published="2017-09-15")
    assert "2017-09-11" in _dates(analysis, "REQUEST"), analysis.events


def test_a_statement_made_as_a_dated_vote_was_held(analyze_text):
    text = ("The KRG held its independence referendum on Monday. “Baghdad must annul the result,” "
            "Harakat al-Nujaba said in a statement as Kurds were casting their ballots.")
    analysis = analyze_text(text, published="2017-09-28")
    assert "2017-09-25" in _dates(analysis, "REQUEST"), analysis.events


def test_the_meeting_is_the_one_with_the_same_people(analyze_text):
    text = ("Qasem Soleimani held meetings with PUK officials on Sept. 11. Gorran officials met "
            "American diplomats on Sept. 13. “We will not protect you,” Soleimani warned the PUK "
            "officials, a source briefed on the meeting said.")
    analysis = analyze_text(text, published="2017-09-15")
    threats = [e for e in analysis.events if e.type == "THREATEN"]
    assert threats and all(e.date == "2017-09-11" for e in threats), analysis.events


def test_a_continued_statement_takes_the_previous_sentences_day(analyze_text):
    text = ("Haider al-Abadi urged Kurdish leaders to cancel the vote on Sunday. His spokesman Saad al-Hadithi "
            "further called on the KRG to hand over the border crossings.")
    analysis = analyze_text(text, published="2017-09-26")
    assert _dates(analysis, "REQUEST") and all(d == "2017-09-24" for d in _dates(analysis, "REQUEST")), \
        analysis.events


def test_an_attack_told_without_a_day_stays_undated(analyze_text):
    text = ("Iranian and Turkish officials met in Ankara on Monday. During the meeting, officials "
            "said, militants attacked a checkpoint near Kirkuk.")
    analysis = analyze_text(text, published="2017-09-28")
    assert all(d is None for d in _dates(analysis, "ASSAULT")), analysis.events
