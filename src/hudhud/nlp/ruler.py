"""Entity rulers from the knowledge base and the country table.

Each pattern carries the KB id (or ``country:ISO3``) as its entity id, so an
entity the ruler found already says which actor it names. Short all-caps
acronyms match case-sensitively ("IS" the group, never "is" the verb).

Two components, curated first: spaCy's entity ruler over the curated KB, the
country table and the epithets; then `BaseNameMatcher` over the ~29,000 names
of the Phoenix base layer, which takes only spans nobody has taken. The base
names come with their tokens precomputed (`hudhud.kb.phoenix_build`), so the
matcher is a dictionary built in a fraction of a second, where the entity
ruler would tokenise every pattern at start-up (about a minute for these).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

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

    for alias, entry in KnowledgeBase.default().surface_forms(base=False):
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
    # Phrase patterns compare LOWER, which only the tokenizer sets: adding them with
    # the other components off skips running tagger and parser over 4,000 patterns.
    with nlp.select_pipes(enable=["hudhud_kb_ruler"]):
        ruler.add_patterns(list(kb_patterns()))
    add_base_matcher(nlp)
    return ruler


#: Entity label of a base-layer name by the kind of what it names.
BASE_LABEL = {"person": "PERSON", "state": "GPE"}


@dataclass(frozen=True)
class _Target:
    id: str  # a base entry id or "country:XXX"
    label: str
    acronym: bool  # "IMF", "ETA": matched only in capitals


def _folded(word: str) -> str:
    """News mixes ' and ’ ("People’s"): the matcher compares one form."""
    return word.replace("’", "'").replace("‘", "'") if "’" in word or "‘" in word else word


class BaseNameMatcher:
    """Finds the base layer's names in a Doc: the longest name starting at each token.

    A match must be written as a name: each word of four letters or more starts
    with a capital ("Shining Path", "Revolutionary Front for Liberty"; never "we
    will win"), and an acronym is in capitals ("IMF", not "imf"). A token sequence
    two targets share is matched by neither.
    """

    def __init__(self, names: Iterable[Any], kinds: dict[str, str]) -> None:
        self.phrases: dict[tuple[str, ...], _Target | None] = {}
        self.longest: dict[str, int] = {}
        for name in names:
            tokens = tuple(_folded(t) for t in name.tokens)
            if not tokens:
                continue
            kind = "state" if name.target.startswith("country:") else kinds.get(name.target, "")
            target = _Target(name.target, BASE_LABEL.get(kind, "ORG"),
                             name.surface.isupper() and len(name.surface.replace(".", "")) <= 5)
            old = self.phrases.get(tokens, target)
            self.phrases[tokens] = target if old is not None and old.id == target.id else None
            self.longest[tokens[0]] = max(self.longest.get(tokens[0], 0), len(tokens))

    @staticmethod
    def _written_as_name(words: Any, acronym: bool) -> bool:
        texts = [t.text for t in words if t.is_alpha]
        if acronym:
            return bool(texts) and all(t.isupper() for t in texts)
        return any(t[0].isupper() for t in texts) and all(t[0].isupper() for t in texts if len(t) >= 4)

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span

        lowers = [_folded(t.lower_) for t in doc]
        # A state's name inside a longer name is part of that name ("Revolutionary Armed
        # Forces of Colombia", "Bank of Japan"): only other entities are off limits.
        taken: set[int] = set()
        inner: set[int] = set()  # token i where a state's name goes on from token i - 1
        for ent in doc.ents:
            if ent.ent_id_.startswith("country:"):
                inner.update(range(ent.start + 1, ent.end))
            else:
                taken.update(range(ent.start, ent.end))
        found, i, n = [], 0, len(doc)
        while i < n:
            longest = self.longest.get(lowers[i], 0) if i not in taken else 0
            step = 1
            for size in range(min(longest, n - i), 0, -1):
                target = self.phrases.get(tuple(lowers[i:i + size]))
                if target is None or taken.intersection(range(i, i + size)) or \
                        i in inner or i + size in inner:  # would cut "United States" in two
                    continue
                if self._written_as_name(doc[i:i + size], target.acronym):
                    found.append(Span(doc, i, i + size, label=target.label, span_id=target.id))
                    step = size
                break
            i += step
        if found:
            doc.set_ents(found, default="unmodified")  # the rest stays for the NER to fill
        return doc


def make_base_matcher(nlp: Any, name: str) -> BaseNameMatcher:
    from hudhud.kb.actors import KnowledgeBase

    kb = KnowledgeBase.default()
    names = kb.base_names()
    kinds = {n.target: kb.kind_of(n.target) or "" for n in names if not n.target.startswith("country:")}
    return BaseNameMatcher(names, kinds)


def add_base_matcher(nlp: Any) -> Any:
    """Add the base-layer matcher after the curated ruler (curated spans win)."""
    from spacy.language import Language

    if not Language.has_factory("hudhud_base_names"):
        Language.factory("hudhud_base_names", func=make_base_matcher)
    after = "hudhud_kb_ruler" if "hudhud_kb_ruler" in nlp.pipe_names else None
    return nlp.add_pipe("hudhud_base_names", after=after)
