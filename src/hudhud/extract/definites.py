"""Definite descriptions that point back: "the rebels" after "Houthi rebels".

News names a group once in full ("Houthi rebels", "ADF militants", "Kanak protesters")
and then by its bare noun with "the" ("the rebels stormed the palace"). The mention
finder makes an unnamed actor of every such noun; here a bare definite one takes the key
of the latest earlier actor whose name ends in the same noun. The first "the protesters"
of a text, with nothing before it, stays an actor of its own.
"""

from __future__ import annotations

from typing import Any

from hudhud.extract.mentions import Mention
from hudhud.nlp.lexicon import nouns

__all__ = ["link_definite_groups"]


def link_definite_groups(doc: Any, mentions: list[Mention]) -> None:
    """Re-key, in place, bare definite group mentions ("the rebels") to the group they repeat."""
    last_by_noun: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.role != "actor" or not m.key:
            continue
        words = m.text.lower().split()
        bare = len(words) == 1 and m.key.startswith("group:") and m.start > 0 \
            and doc[m.start - 1].lower_ in nouns("definite_determiners")
        earlier = last_by_noun.get(words[-1]) if words else None
        if bare and earlier is not None and earlier.key != m.key:
            m.key, m.kind, m.country, m.name, m.kb_id = earlier.key, earlier.kind, earlier.country, earlier.name, earlier.kb_id
            m.alias = False  # "the rebels" is no name of the Houthis
        elif words and len(words) > 1:
            last_by_noun[words[-1]] = m
