"""The knowledge base: actors (kb.actors), countries (kb.countries), places
(kb.gazetteer), name matching (kb.names) and the CAMEO table (kb.cameo)."""

from __future__ import annotations


def canonical_names(kb: object | None = None) -> dict[str, str]:
    """KB id -> canonical name, for the built-in actors and every state ("country:IRN" -> "Iran")."""
    from hudhud.kb import countries
    from hudhud.kb.actors import KnowledgeBase

    kb = kb or KnowledgeBase.default()
    names = kb.canonical_names()
    names.update({f"country:{c.alpha3}": c.name for c in countries.countries()})
    return names
