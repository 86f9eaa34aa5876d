import datetime

import pytest

from hudhud.ingest.docid import document_id, normalise_date, text_id


def test_same_text_same_id_whatever_the_spacing_and_case():
    a = text_id("Turkish jets struck targets near Qandil.")
    b = text_id("  turkish JETS struck\n targets near   Qandil. ")
    assert a == b and len(a) == 16
    assert a != text_id("Turkish jets struck targets near Sinjar.")


def test_given_id_wins_and_is_a_string():
    assert document_id(42, "text") == "42"
    assert document_id(" abc-1 ", "text") == "abc-1"
    assert document_id("", "some text") == text_id("some text")
    assert document_id(None, "some text") == text_id("some text")
    assert document_id({"nested": 1}, "some text") == text_id("some text")


@pytest.mark.parametrize("value", [
    "2017-09-28", "2017-09-28T10:00:00Z", "2017-09-28T23:30:00-05:00", "2017-09-28 10:00",
    "20170928", "28 September 2017", "Sep 28, 2017", "Thursday, September 28, 2017",
    "Thu, 28 Sep 2017 10:00:00 +0000", "28 Sept. 2017", "2017/09/28",
    datetime.date(2017, 9, 28), datetime.datetime(2017, 9, 28, 22, 0),
])
def test_dates(value):
    assert normalise_date(value) == "2017-09-28"


@pytest.mark.parametrize("value", [
    None, "", "   ", "yesterday", "3 days ago", "September", "28 Sep", "not a date",
    "2017-13-45", "0001-01-01", True, 2017, [2017],
])
def test_unreadable_dates_are_none(value):
    assert normalise_date(value) is None


def test_unix_timestamps():
    assert normalise_date(1506592800) == "2017-09-28"
    assert normalise_date(1506592800000) == "2017-09-28"
