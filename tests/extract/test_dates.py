"""find_dates: temporal expressions resolved against the publication date.

The sentences are written for these tests. Calendar anchors: 2017-09-25 was a
Monday, 2017-09-28 a Thursday, 2018-01-01 a Monday.
"""

import pytest

from hudhud.extract.dates import DateMention, find_dates


def resolved(text, published):
    return [(m.text, m.date, m.granularity) for m in find_dates(text, published)]


CASES = [
    # explicit dates
    ("Rockets hit the base on September 25, 2017, the ministry said.", None,
     [("September 25, 2017", "2017-09-25", "day")]),
    ("Talks opened on 3 October 2016 in Geneva.", "2017-09-28", [("3 October 2016", "2016-10-03", "day")]),
    ("The ceasefire began at midnight on 2018-02-24.", None, [("2018-02-24", "2018-02-24", "day")]),
    ("Voting took place on the 25th of September.", "2017-09-28", [("the 25th of September", "2017-09-25", "day")]),
    ("On Monday, September 25, voters queued.", "2017-09-28", [("Monday, September 25", "2017-09-25", "day")]),
    # month-day without year: the publication year, or the year before
    ("Demonstrators gathered Sept. 11 in the square.", "2017-09-15", [("Sept. 11", "2017-09-11", "day")]),
    ("The strike of Sep 14 destroyed a bridge.", "2017-09-15", [("Sep 14", "2017-09-14", "day")]),
    ("Clashes on Dec. 30 left a village empty.", "2018-01-03", [("Dec. 30", "2017-12-30", "day")]),
    ("The convoy left on Jan. 2.", "2017-12-28", [("Jan. 2", "2018-01-02", "day")]),
    ("The siege of June 20 ended in talks.", "2017-06-24", [("June 20", "2017-06-20", "day")]),
    ("The referendum on September 25 divided the region.", "2017-09-15", [("September 25", "2017-09-25", "day")]),
    ("The committee met on November 20.", "2017-10-04", [("November 20", "2016-11-20", "day")]),
    ("The committee met on October 3.", "2017-10-04", [("October 3", "2017-10-03", "day")]),
    # ... unless the sentence speaks of the future
    ("The council will vote on November 20.", "2017-10-04", [("November 20", "2017-11-20", "day")]),
    ("Elections are scheduled for Jan. 30.", "2017-11-15", [("Jan. 30", "2018-01-30", "day")]),
    ("Leaders gathered ahead of the Sept. 25 referendum.", "2017-09-15", [("Sept. 25", "2017-09-25", "day")]),
    ("Leaders gathered ahead of the Sept. 25 referendum.", "2017-10-02", [("Sept. 25", "2017-09-25", "day")]),
    # weekdays: the most recent one on or before publication
    ("Gunmen stormed a police station on Monday.", "2017-09-28", [("Monday", "2017-09-25", "day")]),
    ("Gunmen stormed a police station on Monday.", "2017-09-25", [("Monday", "2017-09-25", "day")]),
    ("Gunmen stormed a police station on Tuesday.", "2017-09-25", [("Tuesday", "2017-09-19", "day")]),
    ("Gunmen stormed a police station on Sunday.", "2018-01-01", [("Sunday", "2017-12-31", "day")]),
    ("Monday's vote passed calmly.", "2017-09-28", [("Monday's", "2017-09-25", "day")]),
    ("A drone was downed late on Sunday.", "2017-09-28", [("late on Sunday", "2017-09-24", "day")]),
    ("Shelling resumed on Tuesday night.", "2017-09-28", [("Tuesday night", "2017-09-26", "day")]),
    ("Troops advanced early Wednesday.", "2017-09-28", [("early Wednesday", "2017-09-27", "day")]),
    ("Mourners marched on Saturday evening.", "2017-09-28", [("Saturday evening", "2017-09-23", "day")]),
    ("The envoy arrived last Thursday.", "2017-09-28", [("last Thursday", "2017-09-21", "day")]),
    ("Last Wednesday the envoy left.", "2017-09-28", [("Last Wednesday", "2017-09-27", "day")]),
    ("The envoy will return next Monday.", "2017-09-28", [("next Monday", "2017-10-02", "day")]),
    ("THURSDAY: markets reopened.", "2017-09-30", [("THURSDAY", "2017-09-28", "day")]),
    # days relative to publication
    ("The minister spoke today.", "2017-09-28", [("today", "2017-09-28", "day")]),
    ("Sirens sounded tonight across the city.", "2017-09-28", [("tonight", "2017-09-28", "day")]),
    ("Police said this morning that two suspects fled.", "2017-09-28", [("this morning", "2017-09-28", "day")]),
    ("The bridge was closed yesterday.", "2018-01-01", [("yesterday", "2017-12-31", "day")]),
    ("Airstrikes continued last night.", "2017-03-01", [("last night", "2017-02-28", "day")]),
    ("Overnight, militants retreated.", "2017-09-28", [("Overnight", "2017-09-27", "day")]),
    ("Yesterday morning the guards changed.", "2017-09-28", [("Yesterday morning", "2017-09-27", "day")]),
    ("Three weeks ago the town fell.", "2017-10-10", [("Three weeks ago", "2017-09-19", "day")]),
    # rough periods: granularity, no day
    ("Fighting flared last week.", "2017-09-28", [("last week", None, "week")]),
    ("In recent days the militia dug trenches.", "2017-09-28", [("In recent days", None, "week")]),
    ("Earlier this month the border closed.", "2017-09-28", [("Earlier this month", None, "month")]),
    ("The deal collapsed last month.", "2017-09-28", [("last month", None, "month")]),
    ("The group seized the dam in 2014.", "2017-09-28", [("2014", None, "year")]),
    ("Elections were held in May.", "2017-09-28", [("May", None, "month")]),
    ("Talks stalled in mid-September.", "2017-09-28", [("September", None, "month")]),
    ("Oil exports fell in March 2016.", "2017-09-28", [("March 2016", None, "month")]),
    # relative to the previous date of the text
    ("The army entered the city on March 3. Two days later it withdrew.", "2017-04-01",
     [("March 3", "2017-03-03", "day"), ("Two days later", "2017-03-05", "day")]),
    ("Rebels took the hill on Friday; the next day they lost it.", "2017-09-28",
     [("Friday", "2017-09-22", "day"), ("the next day", "2017-09-23", "day")]),
    ("The bombing came on 10 July 2016. A week earlier, leaflets had warned residents.", None,
     [("10 July 2016", "2016-07-10", "day"), ("A week earlier", "2016-07-03", "day")]),
    ("Two days later the checkpoint reopened.", "2017-09-28", [("Two days later", None, "day")]),
    ("The deal was signed two days after the vote.", "2017-09-28", [("two days after", None, "day")]),
    ("Police were on alert the day before the march.", "2017-09-28", [("the day before", None, "day")]),
    # no publication date: only explicit full dates resolve
    ("On Sunday, troops moved; on 4 August 2019 they withdrew.", None,
     [("Sunday", None, "day"), ("4 August 2019", "2019-08-04", "day")]),
    ("Dozens were arrested yesterday and on Sept. 3.", None, [("yesterday", None, "day"), ("Sept. 3", None, "day")]),
]


@pytest.mark.parametrize("text, published, expected", CASES)
def test_find_dates(text, published, expected):
    assert resolved(text, published) == expected


NEGATIVES = [
    "Militants may attack the airport, officials warned.",
    "May God protect the city, the cleric said.",
    "Thousands joined a march on the parliament building.",
    "The March 14 alliance rejected the proposal.",
    "Veterans of the 26 September Revolution gathered.",
    "At least 25 fighters crossed 100 kilometers of desert.",
    "The militia has 2017 members, a commander claimed.",
    "Ammunition prices rose by 25 percent.",
    "Monks from the Mar Elias monastery fled.",
    "Abbreviations alone such as Sept or Oct are no dates.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_false_dates(text):
    assert find_dates(text, "2017-09-28") == []


def test_offsets_point_into_the_text():
    text = "Late on Sunday, and again on Oct. 1, 2017, shells fell; the following day was quiet."
    mentions = find_dates(text, "2017-10-04")
    assert all(isinstance(m, DateMention) and text[m.start:m.end] == m.text for m in mentions)
    assert [m.date for m in mentions] == ["2017-10-01", "2017-10-01", "2017-10-02"]


def test_invalid_calendar_day_has_no_date():
    assert resolved("The rally of February 30 never happened.", "2017-09-28") == [("February 30", None, "day")]


def test_bad_published_date_is_treated_as_missing():
    assert resolved("They met on Monday.", "not-a-date") == [("Monday", None, "day")]
