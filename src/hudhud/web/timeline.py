"""Chart geometry for the templates: the overview's stacked bars of event types
over time and an actor's timeline (its events per day, week, month… as source
above the axis, as target below). Computed here and drawn as inline SVG by
Jinja, so the charts need no JavaScript and each bar is a plain link: to the
events it counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any
from urllib.parse import urlencode

#: (unit, the most buckets it may make): the finest unit that fits is used.
_UNITS = (("day", 62), ("week", 62), ("month", 62), ("quarter", 62), ("year", 10_000))


def _floor(day: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def _next(day: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=1)
    if unit == "week":
        return day + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    m = day.month - 1 + months
    return dt.date(day.year + m // 12, m % 12 + 1, 1)


def _buckets(first: dt.date, last: dt.date) -> tuple[str, list[dt.date]]:
    for unit, most in _UNITS:
        out: list[dt.date] = []
        day = _floor(first, unit)
        while day <= last and len(out) <= most:
            out.append(day)
            day = _next(day, unit)
        if len(out) <= most:
            return unit, out
    raise AssertionError("the year unit always fits")


def _label(day: dt.date, unit: str) -> str:
    if unit in ("day", "week"):
        return day.isoformat()
    if unit == "month":
        return day.strftime("%Y-%m")
    if unit == "quarter":
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def stacked_bars(series: list[tuple[str, str, int]], width: int = 760, height: int = 200
                 ) -> dict[str, Any]:
    """Bars of events per time bucket, stacked by type; `series` is (day, type, count)."""
    chart: dict[str, Any] = {"width": width, "height": height, "bars": [], "ticks": [],
                             "types": [], "unit": None, "max": 0}
    if not series:
        return chart
    days = [dt.date.fromisoformat(d) for d, _, _ in series]
    unit, buckets = _buckets(min(days), max(days))
    index = {b: i for i, b in enumerate(buckets)}
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for day, (_, type_, n) in zip(days, series):
        counts[index[_floor(day, unit)]][type_] += n
    totals: Counter[str] = Counter()
    for c in counts.values():
        totals.update(c)
    order = [t for t, _ in totals.most_common()]
    top = max(sum(c.values()) for c in counts.values())
    left, bottom, plot_h = 30, 22, height - 30
    step = (width - left) / len(buckets)
    for i, c in sorted(counts.items()):
        y = float(height - bottom)
        for t in order:
            if not c[t]:
                continue
            h = c[t] / top * plot_h
            y -= h
            chart["bars"].append({"x": round(left + i * step + step * 0.1, 1), "y": round(y, 1),
                                  "w": round(max(step * 0.8, 1.0), 1), "h": round(h, 1), "type": t,
                                  "n": c[t], "label": f"{_label(buckets[i], unit)}: {c[t]} {t}"})
    every = max(1, len(buckets) // 8)
    # A label needs about 45 px; one that would run off the right edge is left out.
    chart["ticks"] = [{"x": round(left + i * step, 1), "label": _label(b, unit)}
                      for i, b in enumerate(buckets)
                      if i % every == 0 and left + i * step <= width - 45]
    chart.update(unit=unit, types=order, max=top, axis_y=height - bottom, left=left,
                 top=height - bottom - plot_h)
    return chart


def _end(day: dt.date, unit: str) -> dt.date:
    return _next(day, unit) - dt.timedelta(days=1)


def actor_bars(days: list[dict[str, Any]], actor_id: str, width: int = 1200,
               height: int = 160) -> dict[str, Any]:
    """An actor's events per time bucket, as source above the axis and as target
    below, stacked by type. `days` are the counts per (day, role, type) that
    `Store.actor_timeline` reads, so the chart covers every event of the actor, not
    the page of them the lists show. Each bar links to the events page filtered to
    the actor, the type and the bucket's dates."""
    dated = [d for d in days if d.get("day")]
    chart: dict[str, Any] = {
        "width": width, "height": height, "bars": [], "ticks": [], "axis_y": height // 2,
        "unit": None, "max": 0, "types": [],
        "undated": sum(d["n"] for d in days if not d.get("day")),
        "events": {"source": sum(d["n"] for d in days if d["role"] == "source"),
                   "target": sum(d["n"] for d in days if d["role"] == "target")}}
    if not dated:
        return chart
    when = [dt.date.fromisoformat(d["day"]) for d in dated]
    unit, buckets = _buckets(min(when), max(when))
    index = {b: i for i, b in enumerate(buckets)}
    counts: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for d, day in zip(dated, when):
        counts[(index[_floor(day, unit)], d["role"])][d["type"]] += d["n"]
        totals[d["type"]] += d["n"]
    order = [t for t, _ in totals.most_common()]
    top = max(sum(c.values()) for c in counts.values())
    left, axis = 12, (height - 16) // 2  # 16 px under the chart for the tick labels
    half = axis - 14  # room for the side labels
    step = (width - 2 * left) / len(buckets)
    for (i, role), c in sorted(counts.items()):
        edge = float(axis)
        start, end = buckets[i], _end(buckets[i], unit)
        for t in order:
            if not c[t]:
                continue
            h = max(c[t] / top * half, 1.0)
            y = edge - h if role == "source" else edge
            edge = y if role == "source" else edge + h
            arrow = "→" if role == "source" else "←"
            chart["bars"].append({
                "x": round(left + i * step + step * 0.1, 1), "y": round(y, 1),
                "w": round(max(step * 0.8, 1.0), 1), "h": round(h, 1), "type": t, "n": c[t],
                "side": role,
                "href": "/events?" + urlencode({"actor": actor_id, "type": t,
                                               "since": start.isoformat(),
                                               "until": end.isoformat()}),
                "label": f"{_label(start, unit)}: {c[t]} {t} {arrow}"})
    every = max(1, len(buckets) // 8)
    chart["ticks"] = [{"x": round(left + i * step, 1), "label": _label(b, unit)}
                      for i, b in enumerate(buckets)
                      if i % every == 0 and left + i * step <= width - 45]
    chart.update(unit=unit, types=order, max=top, axis_y=axis, tick_y=height - 3,
                 first=min(when).isoformat(), last=max(when).isoformat())
    return chart
