"""The knowledge base: actors (kb.actors), countries (kb.countries), places
(kb.gazetteer), name matching (kb.names) and the CAMEO table (kb.cameo)."""
