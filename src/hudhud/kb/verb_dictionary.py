"""The CAMEO 2.0 verb dictionary (PETRARCH2's) as a base layer of event triggers.

Every verb pattern of the dictionary is a trigger with its CAMEO code: "fired rockets
at the airport" is `* ROCKET (AT +) [194]`, an artillery attack on the airport. The
index under `data/lexicon/cameo_verbs/` holds the dictionary as JSON lines, read from
the text once (`hudhud kb build-verbs`, `kb/petrarch_verbs.py`); this module loads it,
reads a spaCy verb through it (`match_cameo_pattern`, `match_verb`; the dependency
reading is `kb/verb_matcher.py`) and gives a code's PLOVER type (`plover_type`).
Curated triggers (data/lexicon/events.yml) are meant to win where both match.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, NamedTuple

from hudhud.kb import cameo, verb_matcher
from hudhud.kb.verb_matcher import Prep, VerbMatch

INDEX_FORMAT = "hudhud-cameo-verbs/1"
INDEX_DIR = ("data", "lexicon", "cameo_verbs")
INDEX_NAME = "index.jsonl"

# An element of a pattern, as stored: a marker "$" "+" "%" "^"; a tuple of words (one
# noun phrase, head last; "&weapon" names a synset); or a Prep.
Element = Any


@dataclass(frozen=True)
class Pattern:
    before: tuple[Element, ...]  # the subject's side of `*`
    after: tuple[Element, ...]  # the object's side
    code: str  # as written: "194", "042:043", ":173", "---"
    text: str  # "* &WEAPON (AT +)"
    line: int


@dataclass(frozen=True)
class Verb:
    """One verb of a block; `after` and `before` hold a compound verb's other words."""

    word: str  # "cut" of "+CUT_OFF"
    block: int
    code: str = ""  # "" = the block's code
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    line: int = 0


@dataclass
class Block:
    name: str
    code: str  # "---" = the bare verb codes nothing
    line: int
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    synsets: dict[str, tuple[tuple[str, ...], ...]]  # "&weapon" -> (("mortar",), ("machine", "gun"))
    blocks: list[Block]
    verbs: list[Verb]
    stats: Counter = field(default_factory=Counter)
    source_sha256: str = ""

    @functools.cached_property
    def by_word(self) -> dict[str, list[Verb]]:
        """Verb word or form -> its entries (a compound and a bare verb share a word)."""
        index: dict[str, list[Verb]] = {}
        for verb in self.verbs:
            for form in dict.fromkeys((verb.word, *verb.forms)):
                index.setdefault(form, []).append(verb)
        return index

    @functools.cached_property
    def alternatives(self) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        """Each noun phrase of a pattern -> the word sequences it stands for, longest first:
        with `&weapon` = {mortar, machine gun}, ("heavy", "&weapon") -> (("heavy", "machine",
        "gun"), ("heavy", "mortar"))."""
        table: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        for block in self.blocks:
            for pattern in block.patterns:
                for element in _noun_phrases(pattern.before + pattern.after):
                    if element not in table:
                        phrases: list[tuple[str, ...]] = [()]
                        for part in element:
                            options = self.synsets.get(part, ()) if part.startswith("&") else ((part,),)
                            phrases = [p + o for p in phrases for o in options if o]
                        # a plural head also reads as its singular: `* TALKS` finds "talk"
                        phrases += [p[:-1] + (verb_matcher.singular(p[-1]),) for p in phrases]
                        table[element] = tuple(sorted(set(phrases), key=lambda p: (-len(p), p)))
        return table

    @functools.cached_property
    def target_prepositions(self) -> frozenset[str]:
        """Prepositions whose object the dictionary marks as the target (`(INTO +)`, flat
        `ON +`) more often than as the source or as any words: "on", "with", not "in"
        (`(IN ^)` ten times, `IN +` twice) nor "from" (`(FROM ^)`, `(FROM $)`)."""
        marks: dict[str, Counter] = {}
        for pattern in (p for b in self.blocks for p in b.patterns):
            elements = pattern.before + pattern.after
            for element in elements:
                if isinstance(element, Prep):
                    marks.setdefault(element.word, Counter()).update(m for m in element.objects if m in {"+", "$", "^"})
            for element, mark in zip(elements, elements[1:]):
                if isinstance(element, tuple) and len(element) == 1 and mark in {"+", "$", "^"}:
                    marks.setdefault(element[0], Counter())[mark] += 1
        return frozenset(w for w, n in marks.items() if n["+"] > n["$"] + n["^"])


def _noun_phrases(elements: tuple) -> list[tuple[str, ...]]:
    out = []
    for element in elements:
        if isinstance(element, Prep):
            out += _noun_phrases(element.objects)
        elif isinstance(element, tuple):
            out.append(element)
    return out


class CameoMatch(NamedTuple):
    """`match_cameo_pattern`'s answer: the CAMEO code, the pattern, the target token."""

    code: str
    pattern: str
    target: Any | None


# --- the committed index: JSON lines, one synset or block a line ---

def _element(data: Any) -> Element:
    if isinstance(data, dict):
        return Prep(data["prep"], tuple(_element(e) for e in data["objects"]))
    return tuple(data) if isinstance(data, list) else data


def read_index(lines: list[str]) -> VerbDictionary:
    """The dictionary from the lines `kb/petrarch_verbs.index_lines` wrote."""
    header = json.loads(lines[0])
    if header.get("format") != INDEX_FORMAT:
        raise ValueError(f"not a {INDEX_FORMAT} index")
    synsets: dict[str, tuple[tuple[str, ...], ...]] = {}
    blocks: list[Block] = []
    verbs: list[Verb] = []
    for line in lines[1:]:
        row = json.loads(line)
        if "synset" in row:
            synsets[row["synset"]] = tuple(tuple(p) for p in row["phrases"])
            continue
        number = len(blocks)
        blocks.append(Block(row["block"], row["code"], row["line"], [
            Pattern(tuple(_element(e) for e in before), tuple(_element(e) for e in after), code, text, at)
            for before, after, code, text, at in row["patterns"]]))
        verbs += [Verb(word, number, code, tuple(after), tuple(before), tuple(forms), at)
                  for word, code, after, before, forms, at in row["verbs"]]
    return VerbDictionary(synsets, blocks, verbs, Counter(header.get("counts", {})), header.get("sha256", ""))


@functools.lru_cache(maxsize=1)
def verb_dictionary() -> VerbDictionary:
    """The committed index, loaded once per process."""
    text = resources.files("hudhud").joinpath(*INDEX_DIR, INDEX_NAME).read_text("utf-8")
    return read_index(text.splitlines())


# --- the public reading of a verb ---

def match_verb(token: Any, dictionary: VerbDictionary | None = None) -> VerbMatch | None:
    """The dictionary's full reading of a verb token: codes both ways, source, target."""
    return verb_matcher.match(dictionary or verb_dictionary(), token)


def match_cameo_pattern(token: Any, dictionary: VerbDictionary | None = None) -> CameoMatch | None:
    """(CAMEO code, pattern, target token or None) for a verb token, or None.

    The most specific pattern of the verb's block wins (most words found among the
    verb's dependents), else the verb's own code, else the block's. None also when the
    winning reading codes only the target's act (`[:173]`); `match_verb` gives that one.
    """
    found = match_verb(token, dictionary)
    if found is None or found.code is None:
        return None
    return CameoMatch(found.code, found.pattern, found.target)


@functools.lru_cache(maxsize=1)
def _plover_table() -> dict[str, str]:
    """The OEDA CAMEO->PLOVER table (data/ontology/cameo_to_plover_2021.txt): "0874" -> RETREAT."""
    text = resources.files("hudhud").joinpath("data", "ontology", "cameo_to_plover_2021.txt").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        code, sep, rest = line.split("#", 1)[0].partition(":")
        kind = rest.split(",", 1)[0].strip()
        if sep and kind and code.strip().isdigit() and len(code.strip()) > 2:
            table.setdefault(code.strip(), cameo.PLOVER_RENAMES.get(kind, kind))
    return table


def plover_type(code: str) -> str | None:
    """The PLOVER type of a CAMEO code: the OEDA table's for the code or its nearest
    parent ("0874" RETREAT, "163" COERCE), else the root's (`kb.cameo.PLOVER_OF_ROOT`).
    None for a public statement (root 01: "said", "commented"): the OEDA table gives it
    no type, and as a trigger it would turn every "X said that ..." into an event."""
    if code.startswith("01"):
        return None
    table = _plover_table()
    for n in range(len(code), 2, -1):
        if code[:n] in table:
            return table[code[:n]]
    return cameo.PLOVER_OF_ROOT.get(code[:2])
