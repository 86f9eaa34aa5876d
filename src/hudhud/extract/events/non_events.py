"""What looks like an event and is not: questions, sport results, and harm done by nature.

- A question asks whether something will happen: "Would Ankara really close the strait?"
  codes nothing (GUIDELINES: questions are not coded). Read from the sentence's closing
  question mark.
- A sport result reads like a fight: "Ghana beat Nigeria 2-1", "Fiji crushed Samoa 41-10".
  A score (two numbers joined by a dash) in the trigger's clause marks it.
- Nature and disease are no actors: "Cyclone Mona flattened villages", "cholera has killed
  200 people", "floods swept away bridges". A source whose words name a hazard is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from hudhud.extract.coref import Coref
from hudhud.extract.events.record import RawEvent
from hudhud.nlp.lexicon import load_yaml

__all__ = ["drop_non_events"]

_SCORE = re.compile(r"^\d{1,3}[-\u2013]\d{1,3}$")  # "2-1", "41–10": the shape of a score


def drop_non_events(doc: Any, events: list[RawEvent], coref: Coref) -> list[RawEvent]:
    """`events` without those told as questions, sport results or acts of nature."""
    hazards = frozenset(load_yaml("lexicon/events.yml")["hazard_words"])
    hazard_keys = {m.key for m in coref.mentions if m.key and set(m.text.lower().split()) & hazards}
    out = []
    for e in events:
        trigger = doc[e.trigger]
        sent = trigger.sent
        if sent.text.rstrip().rstrip("\"'\u201d\u2019").endswith("?"):
            continue
        if _has_score(trigger):
            continue
        if e.source in hazard_keys or _names_hazard(e.source, hazards):
            continue
        out.append(e)
    return out


def _has_score(trigger: Any) -> bool:
    """A score hangs on the verb ("beat Nigeria 2-1", "won 41–10"), as one token or as
    number, dash, number; a toll range ("killed 10-15 people") hangs on its noun instead."""
    doc = trigger.doc
    for c in trigger.children:
        if c.pos_ != "NUM" or c.dep_ not in {"npadvmod", "dobj", "advmod", "prep"}:
            continue
        if _SCORE.match(c.text):
            return True
        if c.i + 2 < len(doc) and doc[c.i + 1].text in {"-", "\u2013"} and doc[c.i + 2].like_num:
            return True
    return False


def _names_hazard(key: str, hazards: frozenset[str]) -> bool:
    """A key built from a phrase ("group:cholera") whose words name a hazard."""
    _, _, rest = key.partition(":")
    return bool(set(rest.replace("-", " ").split()) & hazards)
