"""A state does not act on itself: "Turkey" and "Turkish warplanes" are one side.

A state and its armed forces are separate actors (GUIDELINES: "Iraq" and "the Iraqi
army"), so the coder can name one as the other's target when a sentence mixes them:
"Ankara said Turkish jets hit camps in the mountains" must not become Turkey attacking
its own jets. An event whose source and target are the same state, or that state and
its military, is dropped. Other pairs of one country stay: police arresting protesters,
a government sacking its army chief, a ministry rebuking a militia of the same state.
"""

from __future__ import annotations

from typing import Any

from hudhud.kb import countries as country_table

__all__ = ["drop_same_side"]

_KEY_KINDS = ("country", "military")  # keys that carry their state: "military:TUR"


def drop_same_side(events: list[Any], mentions: list[Any]) -> list[Any]:
    """RawEvents without those whose source and target are one state's government and army.

    A knowledge-base military counts as its state's when the text names it by the state
    ("Turkish warplanes", "the Kenyan army"), not when it names a force of its own that
    serves a region or faction of that country (the Peshmerga, a national guard)."""
    national: dict[str, str] = {}
    for m in mentions:
        if m.key and m.kind == "military" and m.country and m.role == "actor":
            first = m.text.split()[0] if m.text.split() else ""
            found = country_table.lookup(first)
            if found is not None and found.country.alpha3 == m.country:
                national[m.key] = m.country

    def state_of(key: str) -> str | None:
        kind, _, rest = key.partition(":")
        return rest if kind in _KEY_KINDS else national.get(key)

    return [e for e in events if not (e.target and state_of(e.source) and state_of(e.source) == state_of(e.target))]
