"""Chart geometry: bucket units, stacked bars, the actor's dot timeline."""

from __future__ import annotations

from hudhud.web.timeline import dots, stacked_bars


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


def test_dots_put_source_above_and_target_below():
    events = [
        {"id": "a", "day": "2020-01-01", "type": "ASSAULT", "source_actor_id": "me", "target_name": "B"},
        {"id": "b", "day": "2020-01-01", "type": "ACCUSE", "source_actor_id": "x", "source_name": "X"},
        {"id": "c", "day": "2021-01-01", "type": "ASSAULT", "source_actor_id": "me"},
        {"id": "d", "day": None, "type": "ASSAULT", "source_actor_id": "me"},
    ]
    chart = dots(events, "me")
    by_id = {d["id"]: d for d in chart["dots"]}
    assert set(by_id) == {"a", "b", "c"}  # undated events have no place on the axis
    assert by_id["a"]["y"] < chart["axis_y"] < by_id["b"]["y"]
    assert by_id["a"]["x"] < by_id["c"]["x"]
    assert by_id["a"]["href"] == "/events/a" and "→ B" in by_id["a"]["label"]
