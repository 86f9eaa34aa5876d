"""Temporal expressions in news text, resolved against the publication date.

Fills `Event.date` (FORMAT.md: the day the event happened, "on Monday" being
the most recent Monday on or before the publication date). Explicit dates
("Sept. 25, 2017", "25 September") resolve alone; weekdays and relative days
("yesterday", "late on Sunday") need `published`; "two days later" counts from
the previous resolved date of the same text. Rough periods ("last week", "in
2014") keep their granularity with no day. The words live in
data/lexicon/dates.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from hudhud.nlp.lexicon import load_yaml


@dataclass
class DateMention:
    """A temporal expression: `text == source[start:end]`; `date` is YYYY-MM-DD when the day is known."""

    start: int
    end: int
    text: str
    date: str | None
    granularity: str  # one of the lexicon's `granularities` (dates.yml): day, week, month, year


def _words() -> Any:
    return load_yaml("lexicon/dates.yml")


def _alt(words: list[str], upper: bool = True) -> str:
    """A regex alternation, longest first, also matching the ALL-CAPS form of headlines."""
    forms = set(words) | ({w.upper() for w in words} if upper else set())
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    return {s.casefold(): int(n) for n, spellings in _words()["months"].items() for s in spellings}


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(kind, pattern) in priority order: an earlier kind wins an overlap."""
    w = _words()
    full = [s[0] for s in w["months"].values()]
    abbrev = [a for s in w["months"].values() for a in s[1:]]
    month = rf"(?P<mon>(?:{_alt(full)})\b|(?:{_alt(abbrev)})(?:\.|\b))"
    weekday = rf"(?P<wd>{_alt(w['weekdays'])})\b"
    part = rf"(?:\s+(?i:{_alt(w['day_parts'], False)})\b)?"
    ordinal = _alt(w["ordinal_suffixes"], False)
    day = rf"(?P<day>[0-3]?\d)(?:{ordinal})?\b"
    year = r"(?P<year>(?:19|20)\d\d)\b"
    lead_wd = rf"(?:(?:{_alt(w['weekdays'])}),?\s+)?"

    def ci(words: list[str]) -> str:  # a phrase list matched in any case
        return rf"(?i:\b(?:{_alt(list(words), False)})\b)"

    count = rf"(?P<count>{_alt(list(w['counts']), False)}|\d{{1,2}})"
    return [
        ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>\d\d)-(?P<day>\d\d)\b")),
        ("month_day", re.compile(rf"(?<!\w){lead_wd}{month}\s*{day}(?!\s*%)(?:,?\s+{year})?")),
        ("day_month", re.compile(rf"(?<!\w){lead_wd}(?:the\s+)?{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?")),
        ("month_year", re.compile(rf"(?<!\w){month},?\s+{year}")),
        ("month", re.compile(rf"(?:(?P<pre>\b(?i:{_alt(w['month_prepositions'], False)}))[\s-]+)?"
                             rf"(?<!\w){month}")),
        ("weekday", re.compile(rf"(?:(?P<mod>\b(?i:{_alt(w['weekday_modifiers'], False)}))\s+(?:on\s+)?)?"
                               rf"(?:(?P<rel>\b(?i:{_alt(w['weekday_relatives'], False)}))\s+)?{weekday}(?:['’]s\b)?{part}")),
        ("relative_day", re.compile(rf"(?P<rel>{ci(w['relative_days'])}){part}")),
        ("vague", re.compile(rf"(?P<rel>{ci(w['vague_periods'])})")),
        ("anchored", re.compile(rf"(?P<rel>{ci(w['anchored_days'])})(?P<tail>\s+\w+)?")),
        ("counted", re.compile(rf"(?i:\b{count}\s+(?P<unit>{_alt(list(w['units']), False)})\s+"
                               rf"(?P<dir>{_alt(list(w['directions']), False)})\b)(?P<tail>\s+\w+)?")),
        ("ordinal", re.compile(rf"\bon\s+(?P<ord>the\s+(?P<day>[0-3]?\d)(?:{ordinal})\b)")),
        ("year", re.compile(rf"(?:\b(?i:{_alt(w['year_prepositions'], False)})[\s-]+){year}(?![-–]\d)")),
    ]


@dataclass
class _Candidate:
    kind: str
    start: int
    end: int
    match: re.Match[str]


def _candidates(text: str) -> list[_Candidate]:
    taken: list[_Candidate] = []
    blocked: list[tuple[int, int]] = []  # names such as "the March 14 alliance": no date inside
    for kind, pattern in _patterns():
        for m in pattern.finditer(text):
            start, end = _span(kind, m)
            if any(start < e and s < end for s, e in blocked + [(c.start, c.end) for c in taken]):
                continue
            if _starts_name(kind, m, text):
                blocked.append((start, end))
            elif _acceptable(kind, m):
                taken.append(_Candidate(kind, start, end, m))
    return sorted(taken, key=lambda c: c.start)


def _span(kind: str, m: re.Match[str]) -> tuple[int, int]:
    """The expression itself: without a leading preposition ("in May" -> "May") or a checked tail word."""
    if kind in ("month", "year"):
        return m.start("mon" if kind == "month" else "year"), m.end()
    if kind == "ordinal":
        return m.start("ord"), m.end()
    if kind in ("anchored", "counted"):
        return m.start(), m.end("rel" if kind == "anchored" else "dir")
    return m.start(), m.end()


def _starts_name(kind: str, m: re.Match[str], text: str) -> bool:
    """A month-day followed by "alliance", "revolution"...: "the March 14 alliance" is a name."""
    if kind not in ("month_day", "day_month"):
        return False
    after = text[m.end():].split(None, 1)
    return bool(after) and after[0].strip(".,;:").casefold() in _words()["name_followers"]


def _acceptable(kind: str, m: re.Match[str]) -> bool:
    w = _words()
    if kind in ("month_day", "day_month"):
        return 1 <= int(m.group("day")) <= 31
    if kind == "month":
        mon = m.group("mon").rstrip(".")
        if mon.casefold() not in {s[0].casefold() for s in w["months"].values()}:
            return False  # an abbreviation alone is no month
        ambiguous = {a.casefold() for a in w["ambiguous_months"]}
        return mon.casefold() not in ambiguous or m.group("pre") is not None
    return True


def _parse(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def _make(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _future_cue() -> re.Pattern[str]:
    return re.compile(rf"(?i:\b(?:{_alt(_words()['future_cues'], False)})\b)")


def _future_window(text: str) -> int:
    w = _words()
    return w["future_window_days_with_cue"] if _future_cue().search(text) else w["future_window_days"]


def _month_day(mo: int, d: int, published: date | None, window: int) -> date | None:
    """The latest date with this month and day that is not more than `window` days after publication."""
    if published is None:
        return None
    limit = published + timedelta(days=window)
    options = [x for x in (_make(published.year + k, mo, d) for k in (1, 0, -1, -2)) if x and x <= limit]
    return options[0] if options else None


def _weekday(wd: int, rel: str, published: date | None) -> date | None:
    """The most recent such weekday on or before publication; "last" skips publication day, "next" looks ahead."""
    if published is None:
        return None
    back = (published.weekday() - wd) % 7
    if rel == "next":
        return published + timedelta(days=(wd - published.weekday()) % 7 or 7)
    if rel == "last" and back == 0:
        back = 7
    return published - timedelta(days=back)


def _resolve(c: _Candidate, text: str, published: date | None, anchor: date | None) -> tuple[date | None, str]:
    w, m, kind = _words(), c.match, c.kind
    months = _month_numbers()
    if kind == "iso":
        return _make(int(m["year"]), int(m["m"]), int(m["day"])), "day"
    if kind in ("month_day", "day_month"):
        mo, d = months[m["mon"].rstrip(".").casefold()], int(m["day"])
        if m["year"]:
            return _make(int(m["year"]), mo, d), "day"
        return _month_day(mo, d, published, _future_window(text)), "day"
    if kind in ("month_year", "month"):
        return None, "month"
    if kind == "year":
        return None, "year"
    if kind == "weekday":
        wd = [x.casefold() for x in w["weekdays"]].index(m["wd"].casefold())
        return _weekday(wd, (m["rel"] or "").casefold(), published), "day"
    if kind == "relative_day":
        offset = w["relative_days"][" ".join(m["rel"].casefold().split())]
        return (published + timedelta(days=offset) if published else None), "day"
    if kind == "vague":
        return None, w["vague_periods"][" ".join(m["rel"].casefold().split())]
    if kind == "anchored":
        # "the day before the vote" counts from the vote, which this text has not dated.
        if m["tail"] and m["rel"].casefold().split()[-1] in ("before", "after"):
            return None, "day"
        offset = w["anchored_days"][" ".join(m["rel"].casefold().split())]
        return (anchor + timedelta(days=offset) if anchor else None), "day"
    if kind == "counted":
        unit = w["units"][m["unit"].casefold()]
        if unit is None:
            return None, "year" if m["unit"].casefold().startswith("year") else "month"
        count = m["count"].casefold()
        n = int(count) if count.isdigit() else w["counts"][" ".join(count.split())]
        direction = m["dir"].casefold()
        base = published if direction == "ago" else anchor
        if direction in ("before", "after") and m["tail"]:
            base = None  # "two days after the strike": the strike's day is not this text's anchor
        return (base + timedelta(days=w["directions"][direction] * n * unit) if base else None), "day"
    if kind == "ordinal":
        return _ordinal(int(m["day"]), published, _future_window(text)), "day"
    raise AssertionError(kind)


def _ordinal(d: int, published: date | None, window: int) -> date | None:
    """"On the 25th": that day of the publication month, or of the month before."""
    if published is None:
        return None
    limit = published + timedelta(days=window)
    prev = published.replace(day=1) - timedelta(days=1)
    for y, mo in ((published.year, published.month), (prev.year, prev.month)):
        candidate = _make(y, mo, d)
        if candidate and candidate <= limit:
            return candidate
    return None


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Every temporal expression of `text`, in text order, resolved against `published` (YYYY-MM-DD)."""
    pub = _parse(published)
    anchor: date | None = None
    mentions = []
    for c in _candidates(text):
        resolved, granularity = _resolve(c, text, pub, anchor)
        if resolved is not None and granularity == "day":
            anchor = resolved
        mentions.append(DateMention(c.start, c.end, text[c.start:c.end], resolved.isoformat() if resolved else None,
                                    granularity))
    return mentions
