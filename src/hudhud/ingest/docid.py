"""Document ids and publication dates.

A document keeps the id its record gives. Otherwise the id is a hash of its
normalised text, so the same article read twice (from a JSONL dump and from its
saved page) gets the same id and the store can tell it has seen it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_tz
from typing import Any

from hudhud.ingest.clean import replace_surrogates
from hudhud.model import stable_id

# Years outside this range are typing errors or epoch-zero defaults, not news.
_YEARS = range(1800, 2200)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_]|[+-]\d\d:?\d\d|Z)")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")

# dateparser settings: absolute dates only (no "yesterday", which would depend on
# the day hudhud runs), day, month and year all required, and English only, so it
# never loads every locale or guesses a language.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "DATE_ORDER": "DMY",
}


def text_id(text: str) -> str:
    """The id of a text: a hash of it casefolded with whitespace collapsed."""
    return stable_id(" ".join(text.casefold().split()))


def document_id(given: Any, text: str) -> str:
    """The record's own id (as a string) when it has one, else `text_id(text)`."""
    if isinstance(given, bool) or not isinstance(given, (str, int)):
        return text_id(text)
    given = replace_surrogates(str(given)).strip()  # a lone surrogate cannot be stored
    return given or text_id(text)


def normalise_date(value: Any) -> str | None:
    """A publication date as YYYY-MM-DD, or None when it cannot be read.

    Accepts ISO dates and datetimes ("2017-09-28T10:00:00Z": the date as written,
    not converted to UTC), RFC 2822 ("Thu, 28 Sep 2017 10:00:00 +0000", RSS),
    written dates ("28 September 2017", "Sep 28, 2017"), date/datetime objects and
    Unix timestamps. Relative dates ("yesterday") give None.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _checked(value.date())
    if isinstance(value, date):
        return _checked(value)
    if isinstance(value, (int, float)):
        return _from_timestamp(value)
    if not isinstance(value, str) or not value.strip():
        return None
    return _from_string(value.strip())


def _from_string(value: str) -> str | None:
    for pattern in (_ISO, _COMPACT):
        match = pattern.match(value)
        if match:
            return _checked_parts(*map(int, match.groups()))
    rfc = parsedate_tz(value)
    if rfc is not None and _YEAR.search(value):
        return _checked_parts(rfc[0], rfc[1], rfc[2])
    if not _YEAR.search(value):
        return None  # no four-digit year: "28 Sep" or "3 days ago" cannot be dated
    import dateparser  # slow import; only some inputs need it

    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return _checked(parsed.date()) if parsed else None


def _from_timestamp(value: float) -> str | None:
    if value > 1e11:  # milliseconds, as JavaScript writes them
        value /= 1000
    if value < 1e8:  # 2017 is a year, not a second of 1970
        return None
    try:
        return _checked(datetime.fromtimestamp(value, tz=timezone.utc).date())
    except (OverflowError, OSError, ValueError):
        return None


def _checked_parts(year: int, month: int, day: int) -> str | None:
    try:
        return _checked(date(year, month, day))
    except ValueError:
        return None


def _checked(day: date) -> str | None:
    return day.isoformat() if day.year in _YEARS else None
