"""Chart geometry: bucket units, stacked bars, the actor's timeline of counts."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from hudhud.web.timeline import actor_bars, stacked_bars


def test_bucket_unit_follows_the_span():
    assert stacked_bars([("2020-01-01", "ASSAULT", 1), ("2020-01-20", "ACCUSE", 2)])["unit"] == "day"
    assert stacked_bars([("2020-01-01", "ASSAULT", 1), ("2020-09-20", "ASSAULT", 1)])["unit"] == "week"
    assert stacked_bars([("2014-06-11", "ASSAULT", 1), ("2024-04-02", "ASSAULT", 1)])["unit"] == "quarter"
    assert stacked_bars([("1950-01-01", "ASSAULT", 1), ("2024-04-02", "ASSAULT", 1)])["unit"] == "year"


def test_bars_stack_to_the_bucket_total():
    chart = stacked_bars([("2020-01-01", "ASSAULT", 3), ("2020-01-01", "ACCUSE", 1),
                          ("2020-01-05", "ACCUSE", 2)], height=200)
    first = [b for b in chart["bars"] if b["label"].startswith("2020-01-01")]
    assert sum(b["n"] for b in first) == 4 and chart["max"] == 4
    tallest = sum(b["h"] for b in first)
    assert abs(tallest - (chart["axis_y"] - chart["top"])) < 0.5
    assert chart["types"] == ["ASSAULT", "ACCUSE"]  # the most frequent first (3 vs 3: stable)


def test_no_series_no_bars():
    assert stacked_bars([])["bars"] == []


def test_actor_bars_put_source_above_and_target_below():
    days = [
        {"day": "2020-01-01", "role": "source", "type": "ASSAULT", "n": 3},
        {"day": "2020-01-01", "role": "source", "type": "ACCUSE", "n": 1},
        {"day": "2020-01-02", "role": "target", "type": "ASSAULT", "n": 2},
        {"day": "2020-01-20", "role": "source", "type": "ASSAULT", "n": 1},
        {"day": None, "role": "target", "type": "ACCUSE", "n": 5},
    ]
    chart = actor_bars(days, "me")
    assert chart["unit"] == "day" and chart["undated"] == 5
    assert chart["events"] == {"source": 5, "target": 7}
    above = [b for b in chart["bars"] if b["side"] == "source"]
    below = [b for b in chart["bars"] if b["side"] == "target"]
    assert sum(b["n"] for b in above) == 5 and sum(b["n"] for b in below) == 2
    assert all(b["y"] + b["h"] <= chart["axis_y"] + 0.05 for b in above)
    assert all(b["y"] >= chart["axis_y"] - 0.05 for b in below)
    jan1 = [b for b in above if b["label"].startswith("2020-01-01")]
    # Stacked: the two types of one day touch, the tallest bucket fills the half.
    assert {b["type"] for b in jan1} == {"ASSAULT", "ACCUSE"} and chart["max"] == 4
    assert abs(min(b["y"] for b in jan1) + sum(b["h"] for b in jan1) - chart["axis_y"]) < 0.2
    assert min(b["x"] for b in jan1) < min(b["x"] for b in above if b["label"].startswith("2020-01-20"))
    link = urlsplit(jan1[0]["href"])
    assert link.path == "/events"
    assert parse_qs(link.query) == {"actor": ["me"], "type": [jan1[0]["type"]],
                                    "since": ["2020-01-01"], "until": ["2020-01-01"]}


def test_actor_bars_buckets_cover_their_dates():
    days = [{"day": "2020-01-01", "role": "source", "type": "ASSAULT", "n": 1},
            {"day": "2021-06-15", "role": "target", "type": "ASSAULT", "n": 1}]
    chart = actor_bars(days, "me")
    assert chart["unit"] == "month"
    for b in chart["bars"]:
        q = parse_qs(urlsplit(b["href"]).query)
        assert q["since"][0].endswith("-01") and q["since"][0] <= q["until"][0]
    assert {parse_qs(urlsplit(b["href"]).query)["until"][0] for b in chart["bars"]} == {
        "2020-01-31", "2021-06-30"}


def test_no_dated_events_no_bars():
    chart = actor_bars([{"day": None, "role": "source", "type": "ASSAULT", "n": 2}], "me")
    assert chart["bars"] == [] and chart["undated"] == 2
    assert actor_bars([], "me")["bars"] == []
