"""Helpers the event tests share: an analysis's events as (source, type, target) names,
and whether an event with given names is among them. Loaded by path (tests are not a
package under --import-mode=importlib)."""

from __future__ import annotations


def triples(analysis):
    by_id = {a.id: a for a in analysis.actors}

    def name(i):
        if i is None:
            return None
        a = by_id[i]
        return a.kb_id or a.name

    return {(name(e.source), e.type, name(e.target)) for e in analysis.events}


def has_event(analysis, source_word, etype, target_word):
    by_id = {a.id: a for a in analysis.actors}

    def matches(i, word):
        if word is None:
            return i is None
        if i is None:
            return False
        a = by_id[i]
        return any(word.lower() in n.lower() for n in [a.name, *a.aliases, a.kb_id or ""])

    return any(e.type == etype and matches(e.source, source_word) and matches(e.target, target_word)
               for e in analysis.events)
