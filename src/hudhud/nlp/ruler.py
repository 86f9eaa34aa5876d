"""An entity ruler from the knowledge base and the country table.

Each pattern carries the KB id (or ``country:ISO3``) as its entity id, so an
entity the ruler found already says which actor it names. Short all-caps
acronyms match case-sensitively ("IS" the group, never "is" the verb).
"""

from __future__ import annotations

from typing import Any, Iterator

#: Ruler label for each KB kind (what spaCy's NER would have called it).
LABEL_OF_KIND = {
    "person": "PERSON",
    "state": "GPE",
}

APOSTROPHES = ("'", "’", "‘", "`")


def _variants(alias: str) -> set[str]:
    """The alias with each apostrophe style, since news mixes ' and ’."""
    out = {alias}
    if _is_short_acronym(alias) and "." not in alias and len(alias) > 1:
        out.add(".".join(alias) + ".")  # "KRG" is also written "K.R.G."
    if any(a in alias for a in APOSTROPHES):
        for a in APOSTROPHES:
            out.add("".join(a if ch in APOSTROPHES else ch for ch in alias))
    return out


def _is_short_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return len(letters) <= 4 and letters.isupper()


def kb_patterns() -> Iterator[dict[str, Any]]:
    """Entity-ruler patterns for every KB alias and every country name."""
    from hudhud.kb import countries as country_table
    from hudhud.kb.actors import KnowledgeBase

    for alias, entry in KnowledgeBase.default().surface_forms():
        label = LABEL_OF_KIND.get(entry.kind, "ORG")
        for variant in _variants(alias):
            yield _pattern(variant, label, entry.id)
    for country in country_table.countries():
        for name in {country.name, *country.aliases}:
            yield _pattern(name, "GPE", f"country:{country.alpha3}")
        for plural in country.plurals:
            yield _pattern(plural, "NORP", f"country:{country.alpha3}")
    from hudhud.nlp.lexicon import load_yaml

    for epithet, target in load_yaml("lexicon/metonyms.yml")["epithets"].items():
        yield _pattern(epithet, "GPE" if target.startswith("country:") else "ORG", target)


def _pattern(alias: str, label: str, ent_id: str) -> dict[str, Any]:
    if _is_short_acronym(alias):
        # Token pattern on the exact spelling: "IS", "KH", "U.S." stay case-sensitive.
        return {"label": label, "pattern": [{"ORTH": alias}], "id": ent_id}
    return {"label": label, "pattern": alias, "id": ent_id}


def add_entity_ruler(nlp: Any) -> Any:
    """Add the ruler before the statistical NER, which then keeps its spans."""
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="hudhud_kb_ruler",
        before="ner" if "ner" in nlp.pipe_names else None,
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": False},
    )
    ruler.add_patterns(list(kb_patterns()))
    return ruler
