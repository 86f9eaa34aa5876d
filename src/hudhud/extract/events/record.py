"""What an event rule yields before the analyzer turns it into an `Event` record,
and the groups of codes several rules read (data/lexicon/event_rules.yml).

A `RawEvent` still speaks in tokens and actor keys ("Iran struck Erbil": source
"country:IRN", target "kb:krg", trigger the token of "struck"); the analyzer gives
it actor ids, evidence offsets, a date, a place and a toll.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hudhud.nlp.lexicon import term_set

RULES = "lexicon/event_rules.yml"


def statement_roots() -> frozenset[str]:
    """CAMEO roots of what actors say (01–05, 09–13), as opposed to what they do."""
    return term_set(RULES, "statement_roots")


def is_statement(cameo: str) -> bool:
    return cameo[:2] in statement_roots()


def casualty_types() -> frozenset[str]:
    """Types whose records carry a toll (ASSAULT, COERCE)."""
    return term_set(RULES, "casualty_types")


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
