"""What an event rule yields before the analyzer turns it into an `Event` record,
and the groups of codes several rules read.

A `RawEvent` still speaks in tokens and actor keys ("Iran struck Erbil": source
"country:IRN", target "kb:krg", trigger the token of "struck"); the analyzer gives
it actor ids, evidence offsets, a date, a place and a toll.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CASUALTY_TYPES = {"ASSAULT", "COERCE"}
#: CAMEO roots of what actors say (01–05, 09–13), as opposed to what they do.
STATEMENT_ROOTS = {"01", "02", "03", "04", "05", "09", "10", "11", "12", "13"}


@dataclass
class RawEvent:
    source: str
    target: str | None
    type: str
    cameo: str
    trigger: int  # token index
    start: int  # evidence token span
    end: int
    pattern: str
    reported_by: str | None = None
    extra: dict = field(default_factory=dict)
