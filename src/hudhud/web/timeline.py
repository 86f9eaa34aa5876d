"""Chart geometry for the templates: the overview's stacked bars of event types
over time and an actor's dot timeline (events as source above the axis, as
target below). Computed here and drawn as inline SVG by Jinja, so the charts
need no JavaScript and each dot is a plain link to its event.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any
from urllib.parse import quote

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


def dots(events: list[dict[str, Any]], actor_id: str, width: int = 1200) -> dict[str, Any]:
    """An actor's events as dots on a time axis: as source above, as target below,
    stacked away from the axis when they fall on the same few pixels."""
    dated = [e for e in events if e.get("day")]
    chart: dict[str, Any] = {"width": width, "height": 60, "dots": [], "ticks": [], "axis_y": 30}
    if not dated:
        return chart
    days = [dt.date.fromisoformat(e["day"]) for e in dated]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    left, right, r = 12, 12, 5
    def x_of(d: dt.date) -> float:
        return left + (d - first).days / span * (width - left - right) if last > first else width / 2
    stacks: Counter[tuple[int, str]] = Counter()
    placed = []
    for e, d in zip(dated, days):
        side = "source" if e.get("source_actor_id") == actor_id else "target"
        x = x_of(d)
        cell = (int(x // (2 * r + 1)), side)
        placed.append((e, x, side, stacks[cell]))
        stacks[cell] += 1
    depth = max(stacks.values())
    half = 14 + depth * (2 * r + 2)
    axis = half
    for e, x, side, k in placed:
        off = 12 + k * (2 * r + 2)
        y = axis - off if side == "source" else axis + off
        other = e.get("target_name") if side == "source" else e.get("source_name")
        chart["dots"].append({
            "x": round(x, 1), "y": y, "r": r, "type": e["type"], "id": e["id"], "side": side,
            "href": f"/events/{quote(e['id'], safe='')}",
            "label": f"{e['day']} {e['type']} {'→' if side == 'source' else '←'} {other or '?'}"})
    unit, buckets = _buckets(first, last)
    year_ticks = unit in ("quarter", "year") or span > 730
    seen, ticks = set(), []
    for b in buckets:
        key = b.year if year_ticks else (b.year, b.month)
        if key in seen or b < first:
            continue
        seen.add(key)
        ticks.append({"x": round(x_of(b), 1), "label": str(b.year) if year_ticks else b.strftime("%Y-%m")})
    every = max(1, len(ticks) // 8)
    chart.update(height=2 * half + 16, axis_y=axis, ticks=ticks[::every],
                 first=first.isoformat(), last=last.isoformat())
    return chart
