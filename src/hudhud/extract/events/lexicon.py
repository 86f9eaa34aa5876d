"""Event triggers: the verb and noun entries of data/lexicon/events.yml, and matching a
token to the first entry whose conditions hold (a preposition, an object, a modifier: "hunger strike" is a protest).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from hudhud.extract.events.record import RULES
from hudhud.nlp.lexicon import load_yaml, word_set

GRAMMAR = "lexicon/grammar.yml"


@dataclass(frozen=True)
class Trigger:
    lemmas: frozenset[str]
    type: str | None
    cameo: str
    prep: str | None = None
    objects: frozenset[str] = frozenset()
    targets: tuple[str, ...] = ()  # the lexicon's default_targets when the entry names none
    negated: str | None = None
    modal: str | None = None
    modal_only: bool = False
    requires_target: bool = False
    crowd: str | None = None  # the type when a crowd is the subject ("protesters stormed")
    modifiers: frozenset[str] = frozenset()  # a noun's modifier must be one of these
    speaker_source: bool = False  # "They will pay a heavy price": the speaker threatens the subject
    claims: bool = False  # "X claimed the attack": X did what the earlier event did
    deep_against: bool = False  # "marched ..., chanting slogans against X": "against" anywhere in the clause
    mutual: bool = False  # "X and Y signed a pact": each acts on the other
    asks: bool = False  # a that-clause must ask, not assert ("insisted that it had been paused")
    unless: frozenset[str] = frozenset()  # words among the trigger's children that cancel it
    needs_object: bool = False  # "Jansen asked." is a question, "asked Iraq to act" a request
    needs_conflict: bool = False  # with no target, a warning must be about force, not the weather
    active_only: bool = False  # "the furnaces are equipped with doors": no agent, no act
    workers: str | None = None  # the type when workers are the subject ("crew are preparing to strike")
    gerund_ok: bool = False  # an -ing clause stands in for the object list ("committed to opening up")
    sources: tuple[str, ...] = ()
    name: str = ""


@functools.lru_cache(maxsize=1)
def default_targets() -> tuple[str, ...]:
    """Where a trigger looks for its target when its entry names none (event_rules.yml):
    the object, then "against", "on", "at"..."""
    return tuple(load_yaml(RULES)["default_targets"])


@functools.lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, list[Trigger]], dict[str, list[Trigger]], dict, frozenset[str], frozenset[str]]:
    data = load_yaml("lexicon/events.yml")
    targets = default_targets()

    def build(entries: list[dict], kind: str) -> dict[str, list[Trigger]]:
        index: dict[str, list[Trigger]] = {}
        for e in entries:
            lemmas = e["lemma"] if isinstance(e["lemma"], list) else [e["lemma"]]
            trig = Trigger(
                lemmas=frozenset(lemmas), type=e.get("type"), cameo=str(e["cameo"]), prep=e.get("prep"),
                objects=frozenset(e.get("object", [])), targets=tuple(e.get("target", targets)),
                negated=e.get("negated"), modal=e.get("modal"), modal_only=bool(e.get("modal_only")),
                requires_target=bool(e.get("requires_target")), crowd=e.get("crowd"),
                modifiers=frozenset(e.get("modifier", [])),
                speaker_source=bool(e.get("speaker_source")), claims=bool(e.get("claims")),
                deep_against=bool(e.get("deep_against")), mutual=bool(e.get("mutual")), asks=bool(e.get("asks")),
                unless=frozenset(e.get("unless", [])), needs_object=bool(e.get("needs_object")),
                needs_conflict=bool(e.get("needs_conflict")), active_only=bool(e.get("active_only")),
                workers=e.get("workers"), gerund_ok=bool(e.get("gerund_ok")),
                sources=tuple(e.get("source", ())),
                name=f"{kind}:{'/'.join(lemmas[:2])}" + (f"+{e['prep']}" if e.get("prep") else "")
                + (f"+obj({next(iter(e['object']))}...)" if e.get("object") else ""),
            )
            for lemma in lemmas:
                index.setdefault(lemma, []).append(trig)
        for triggers in index.values():  # specific patterns first
            triggers.sort(key=lambda t: -(bool(t.prep) + bool(t.objects) + bool(t.modifiers)))
        return index

    return (build(data["verbs"], "verb"), build(data["nouns"], "noun"), data["copular_accusation"],
            frozenset(data["suppressing_heads"]), frozenset(data["modal_auxiliaries"]))


def inflection_bases(word: str) -> list[str]:
    """Base forms a verb form may have: the small model's lemmatizer misses some
    ("waged" -> "wag", "staged" -> "stag")."""
    out = []
    for end, add in load_yaml(GRAMMAR)["inflections"]:
        if word.endswith(end) and len(word) > len(end) + 2:
            out.append(word[: -len(end)] + add)
    return out


@functools.lru_cache(maxsize=1)
def attack_nouns() -> frozenset[str]:
    return frozenset(load_yaml("lexicon/events.yml")["event_reference_nouns"]["ASSAULT"])


@functools.lru_cache(maxsize=1)
def crowd_nouns() -> frozenset[str]:
    return frozenset(load_yaml("lexicon/events.yml")["crowd_nouns"])


def match_trigger(tok: Any, triggers: list[Trigger]) -> Trigger | None:
    for trig in triggers:
        # "pulled back", "called off": the parser tags the particle prt or advmod.
        if trig.prep and not any(c.lower_ == trig.prep and c.dep_ in {"prep", "prt", "advmod"} for c in tok.children):
            # An exclusion ("condemned to defeat": no event) also holds when the parser hangs
            # the preposition elsewhere but it follows the verb.
            follows = tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == trig.prep
            if not (trig.type is None and trig.negated is None and follows):
                continue
        if trig.objects:
            objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass", "oprd", "attr", "acomp", "ccomp"}]
            objs += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            objs += [g for o in list(objs) for g in o.children if g.dep_ in {"compound", "oprd", "amod"}]  # "Operation Peace Spring"
            # "called X, the president of Y, a puppet": the parser hangs the predicate on X
            apposed = [g for o in objs if o.dep_ in {"dobj", "oprd"} for g in o.children if g.dep_ == "appos"]
            objs += apposed + [g for a in apposed for g in a.children if g.dep_ == "appos"]
            objs += [g for o in list(objs) if o.lower_ in word_set(RULES, "quantity_nouns") for p in o.children
                     if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]  # "hundreds of strikes"
            objs += [c for c in tok.children if c.dep_ in {"prt", "advmod"}]  # "took over"
            gerund = any(g.dep_ == "pcomp" and g.tag_ == "VBG" for c in tok.children if c.dep_ == "prep"
                         for g in c.children)  # "is committed to opening up the economy"
            if not any(o.lemma_.lower() in trig.objects or o.lower_ in trig.objects for o in objs) \
                    and not (trig.gerund_ok and gerund):
                continue
        if trig.asks and _asserts(tok):
            continue
        near = [*tok.children, *(g for c in tok.children if c.dep_ == "prep" for g in c.children)]
        if trig.unless and any(c.lower_ in trig.unless for c in near):
            continue  # "narrowly beat", "fought the project in court"
        if trig.needs_object and not any(
                c.dep_ in {"dobj", "xcomp", "dative"} or (c.dep_ == "prep" and c.lower_ == "for")
                or (c.dep_ == "ccomp" and not any(m.lower_ in {"if", "whether"} for m in c.children))
                for c in tok.children):
            continue  # "Jansen asked.", "asked if the army will move", "ask about Putin"
        if trig.active_only and any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children) \
                and not any(c.dep_ == "agent" for c in tok.children):
            continue
        return trig
    return None


def _asserts(tok: Any) -> bool:
    """Is the verb's that-clause a statement of fact ("had been paused", "was illegal") rather
    than a demand ("that Turkey withdraw", "that the embassy be shut")?"""
    for clause in (c for c in tok.children if c.dep_ == "ccomp"):
        if clause.tag_ in {"VBD", "VBZ"}:
            return True
        if any(a.dep_ in {"aux", "auxpass"} and a.lower_ in word_set(GRAMMAR, "perfect_auxiliaries")
               for a in clause.children):
            return True
    return False


def match_noun_trigger(tok: Any, triggers: list[Trigger]) -> Trigger | None:
    """The first noun entry whose modifier constraint holds ("hunger strike" is a protest)."""
    for trig in triggers:
        if trig.prep and not any(c.dep_ == "prep" and c.lower_ == trig.prep for c in tok.children):
            continue
        if trig.modifiers:
            mods = {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound", "nmod", "nummod"}}
            mods |= {w for c in tok.children if c.dep_ in {"amod", "compound"} for w in c.lower_.split("-")}
            if not mods & trig.modifiers:
                continue
        return trig
    return None
