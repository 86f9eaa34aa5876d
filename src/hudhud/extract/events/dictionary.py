"""The CAMEO 2.0 verb dictionary as the base layer under hudhud's own triggers.

hudhud's curated lexicon (data/lexicon/events.yml) knows a few hundred verbs well,
with their exclusions; PETRARCH2's dictionary (kb/verb_dictionary.py, MIT) knows
about 1,800 verbs and 4,400 patterns: "expelled the ambassador", "shelled the
town", "lodged a complaint with". A verb the curated lexicon has no entry for is
read through the dictionary, and its pattern becomes a trigger like any other, so
the same rules decide who acts, whom it is aimed at and whether it happened.
Curated entries win: a verb the curated lexicon lists is never read here, so its
exclusions ("narrowly beat", "fired the coach") hold.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from hudhud.extract.events.lexicon import Trigger, default_targets
from hudhud.kb.cameo import PLOVER_OF_ROOT
from hudhud.kb.verb_dictionary import match_verb
from hudhud.nlp.lexicon import load_yaml

__all__ = ["dictionary_trigger"]


def dictionary_trigger(tok: Any, words_required: bool = False) -> Trigger | None:
    """The trigger the verb dictionary gives a verb token, or None (no pattern, a code with
    no PLOVER type such as the 01 public statements, or a code the dictionary nulls).
    `words_required`: only a pattern that found words of its own besides the verb ("fired
    rockets at", not the bare "fire" of the explosives block) — for verbs the curated
    lexicon lists but whose curated entries did not match this use."""
    found = match_verb(tok)
    if found is None or found.code is None or (words_required and found.words < 1):
        return None
    code = found.code
    settings = _settings()
    bare_ok = code[:2] >= settings["bare_verb_min_root"] or (
        code[:2] >= settings["aimed_verb_min_root"] and found.target is not None)
    if not bare_ok and not _content_words(found.pattern, tok.lemma_):
        # "led by", "heads the coalition", "revealed that", "plans to": a verb of talk or
        # cooperation read with no object of the pattern is too often not an act at all;
        # verbs of force ("shelled", "ousted", "besieged") are acts by themselves, and verbs of
        # conflict are when aimed at something ("declined the invitation", not "prices declined").
        return None
    etype = _type_of(code)
    if etype is None:
        return None
    targets = default_targets()
    target = found.target
    if target is not None and target.dep_ == "pobj" and target.head.dep_ == "prep":
        targets = (target.head.lower_, *default_targets())  # "fired shells into Lebanon"
    return Trigger(frozenset({tok.lemma_.lower()}), etype, code, targets=targets,
                   name=f"cameo:{found.pattern}")


def dictionary_exclusions() -> frozenset[str]:
    """Verbs whose dictionary reading hudhud does not take: speech and reporting verbs
    (what is said is coded from the said clause) and verbs of everyday news that the
    dictionary codes too broadly (events.yml `dictionary_exclusions`)."""
    return frozenset(_settings()["exclusions"])


def _type_of(code: str) -> str | None:
    """The PLOVER type of a code as FORMAT.md reads it: the root decides ("163" embargo is
    SANCTION), except root 08, split between CONCEDE and RETREAT as FORMAT.md splits it."""
    if code.startswith("01"):
        return None  # public statements: "said", "commented"
    if code.startswith("08"):
        return "RETREAT" if code.startswith(tuple(_settings()["retreat_prefixes"])) else "CONCEDE"
    return PLOVER_OF_ROOT.get(code[:2])


@functools.lru_cache(maxsize=1)
def _settings() -> dict[str, Any]:
    return load_yaml("lexicon/events.yml")["verb_dictionary"]


def _content_words(pattern: str, lemma: str) -> list[str]:
    """The words of a pattern besides its verb and its prepositions: "* PROTEST [110]" has
    PROTEST, "* (FOR) [042]" and "LEAD [060]" have none."""
    words = re.findall(r"&?[A-Za-z][A-Za-z_'-]*", pattern.split("[", 1)[0])
    skip = set(_settings()["function_words"]) | {lemma.lower()}
    return [w for w in words if w.lower().lstrip("&") not in skip]
