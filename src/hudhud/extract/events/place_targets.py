"""Whom an attack with no named target hits: the state whose territory it lands in.

News often names where a strike landed and not whom it was aimed at: "Pakistani
jets bombed hideouts inside Afghanistan", "Ethiopian artillery shelled towns in
Eritrea", "the drones struck a depot near Kyiv". Event coders (PETRARCH, GDELT,
ICEWS) code such a report as an attack on the state of that territory, and so
does hudhud, under three conditions that keep it from firing on the near misses:

- the event is a physical attack (its type is listed in the lexicon's
  `place_target.types`) and nothing in the sentence named a target actor;
- the place sits in the trigger's own clause ("shelled towns in Eritrea"), not in
  a clause of its own ("shelled towns, residents who fled to Eritrea said");
- the attacker is a state's or has a country, and the place's state is not its own
  ("Kenyan police raided homes in Mombasa" is a raid at home, with no foreign target;
  "gunmen killed seven people in Jos" names no state as the target).

A place named as the target itself ("seized Goma", "captured the capital") is
left to the target rules: the place is never an actor, its state is.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any, Iterable

from hudhud.kb import countries as country_table
from hudhud.nlp.lexicon import load_yaml

__all__ = ["place_targets"]


@functools.lru_cache(maxsize=1)
def _settings() -> dict[str, Any]:
    return load_yaml("lexicon/place_target.yml")


def place_targets(doc: Any, events: list[Any], place_matches: Iterable[tuple[Any, Any]],
                  countries: dict[str, str | None]) -> list[Any]:
    """`events` (RawEvents) with an empty target given the state of the place the attack
    landed in. `countries` maps actor keys to their ISO3 country (`Coref.countries`).

    RETURNS: the events, with `target` filled where the rule applies (others unchanged)."""
    settings = _settings()
    types = set(settings["types"])
    deps = set(settings["place_deps"])
    state_of_token: dict[int, str] = {}
    for mention, match in place_matches:
        country = country_table.by_code(match.place.country or "")
        if country is not None:
            state_of_token.update({i: country.alpha3 for i in range(mention.start, mention.end)})
    if not state_of_token:
        return events
    out = []
    for e in events:
        if e.target is None and e.type in types:
            state = _landing_state(doc[e.trigger], state_of_token, deps)
            own = countries.get(e.source) or _key_country(e.source)
            if state and own and state != own:
                e = replace(e, target=f"country:{state}", pattern=f"{e.pattern}+place_target")
        out.append(e)
    return out


def _landing_state(trigger: Any, state_of_token: dict[int, str], deps: set[str]) -> str | None:
    """The state of the first place in the trigger's own clause (no verb in between)."""
    for tok in trigger.subtree:
        if tok.i not in state_of_token or tok.dep_ not in deps:
            continue
        node = tok.head
        while node.i != trigger.i and node.i != node.head.i:
            if node.pos_ in {"VERB", "AUX"}:
                break
            node = node.head
        if node.i == trigger.i:
            return state_of_token[tok.i]
    return None


def _key_country(key: str) -> str | None:
    """'country:ISR' and 'military:ISR' carry their state in the key."""
    kind, _, rest = key.partition(":")
    return rest if kind in {"country", "military"} and len(rest) == 3 else None
