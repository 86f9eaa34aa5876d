"""Reading a verb of a spaCy parse through the CAMEO verb dictionary.

PETRARCH's patterns are flat ("* ROCKET (AT +)"); a dependency parse reads them as
the verb's neighbourhood. Words before `*` are looked for on the actor's side (the
logical subject: `nsubj`, or the `by` phrase of a passive, and the verb's left
adverbs and auxiliaries), words after it on the object's side (the logical object:
`dobj`, or the subject of a passive, particles, prepositions with their objects,
each noun with its compounds and modifiers). So "The militia fired rockets at the
airport" and "Rockets were fired at the airport by the militia" both match
`* ROCKET (AT +)`, with "airport" as the target. The pattern that matches the most
words wins; without one, the verb's own code, then its block's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the dictionary's classes; at run time it imports this module
    from hudhud.kb.verb_dictionary import Pattern, Verb, VerbDictionary

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
PASSIVE = frozenset({"nsubjpass", "csubjpass", "auxpass"})
# Children of the verb that belong to its actor's side when they come first ("will not", "strongly").
LEFT_PARTS = frozenset({"aux", "auxpass", "neg", "advmod", "npadvmod"})
# Children that open another clause or only join: never part of this verb's pattern.
OTHER_CLAUSE = frozenset({"punct", "cc", "conj", "advcl", "relcl", "mark", "parataxis", "intj", "meta", "dep",
                          "aux", "auxpass", "neg", "expl", "agent", *SUBJECTS})
# A noun's parts: "anti-aircraft batteries", "rockets and mortars", "talks with Iran".
NOUN_PARTS = frozenset({"compound", "amod", "nmod", "nummod", "poss", "quantmod", "appos", "conj",
                        "prep", "pobj", "pcomp", "prt", "dobj", "agent"})
PREPOSITIONS = frozenset({"prep", "agent", "dative", "prt", "advmod"})
TIMES = frozenset({"DATE", "TIME"})  # entity labels: "on Friday" names no target
MAX_DEPTH = 3


@dataclass(frozen=True)
class Prep:
    """`(AT +)`: the preposition "at" and what its object must be."""

    word: str
    objects: tuple = ()


@dataclass
class VerbMatch:
    """How the dictionary reads one verb: `code` is the source's act on the target, None
    when only the target acts (`[:173]`: "appeared before the court", the court tries)."""

    code: str | None
    reverse: str | None  # the target's act on the source ("042:043": a visit is hosted)
    pattern: str  # "* ROCKET (AT +) [194]" as the dictionary writes it, or "FIRE [190]"
    line: int  # the line of the dictionary file
    block: str
    words: int  # words of the pattern found in the parse (a compound verb's included)
    source: Any | None
    target: Any | None


@dataclass
class Clause:
    verb: Any
    subject: list  # logical subject
    surface: list  # surface subject
    object: list  # logical object
    before: list  # the actor's side
    after: list  # the object's side

    def __post_init__(self) -> None:
        # each side indexed by word form once, not once per pattern
        self.words = {"before": by_form(self.before), "after": by_form(self.after)}


def match(dictionary: VerbDictionary, verb: Any) -> VerbMatch | None:
    """The dictionary's reading of VERB, or None when it codes nothing there (no entry,
    a block without a code and no pattern, or a null pattern `[---]` that wins). Only
    verbs are read, as PETRARCH reads them: "the attack failed" holds none."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    entries = {id(v): v for key in (verb.lemma_.lower(), verb.lower_) for v in dictionary.by_word.get(key, ())}
    if not entries:
        return None
    clause = read_clause(verb)
    best: tuple | None = None
    # A candidate ranks by (words matched, markers filled, earlier entry, earlier pattern).
    for order, entry in enumerate(entries.values()):
        extra = compound_words(entry, verb)
        if extra is None:
            continue
        block = dictionary.blocks[entry.block]
        code = entry.code or block.code
        candidates: list[tuple] = [((extra, 0, -order, 0), code, f"{entry_text(entry)} [{code}]", entry.line,
                                    block.name, {}, [])]
        for number, pattern in enumerate(block.patterns, 1):
            found = match_pattern(pattern, clause, dictionary.alternatives)
            if found is not None:
                words, slots, used = found
                candidates.append(((extra + words, len(slots), -order, -number), pattern.code,
                                   f"{pattern.text} [{pattern.code}]", pattern.line, block.name, slots, used))
        best = max([best, *candidates] if best else candidates, key=lambda c: c[0])
    if best is None or best[1] == "---":
        return None
    rank, code, text, line, block_name, slots, used = best
    forward, _, reverse = code.partition(":")
    source = slots.get("$") or (clause.subject[0] if clause.subject else None)
    target = slots.get("+") or slots.get("%") or default_target(clause, used, dictionary.target_prepositions)
    return VerbMatch(forward or None, reverse or None, text, line, block_name, rank[0], source, target)


def entry_text(entry: Verb) -> str:
    return "_".join([*entry.before, "+" + entry.word if entry.before or entry.after else entry.word,
                     *entry.after]).upper()


def read_clause(verb: Any) -> Clause:
    """The verb's actor side and object side, passive voice undone."""
    kids = list(verb.children)
    surface = [c for c in kids if c.dep_ in SUBJECTS]
    if not surface and verb.dep_ in {"xcomp", "conj"}:  # "vowed to strike", "shelled and killed"
        surface = [c for c in verb.head.children if c.dep_ in SUBJECTS - {"nsubjpass", "csubjpass"}]
    passive = any(c.dep_ in PASSIVE for c in kids)
    agent = [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if passive:
        subject, obj = agent, [s for s in surface if s.dep_ in {"nsubjpass", "csubjpass"}]
    else:  # a dative "to" is a preposition ("granted a loan to Zambia"), a dative noun an object;
        # the parser may hang the object under the particle ("saw off the frigates": off > pobj)
        subject, obj = surface, [c for c in kids if c.dep_ in {"dobj", "dative", "attr", "oprd"} and c.pos_ != "ADP"]
        obj += [g for c in kids if c.dep_ == "prt" for g in c.children if g.dep_ == "pobj"]
    before = expand(subject) + [c for c in kids if c.i < verb.i and c.dep_ in LEFT_PARTS]
    after = expand(obj + [c for c in kids if c.dep_ not in OTHER_CLAUSE and c not in obj
                          and (c.i > verb.i or c.dep_ in {"prep", "prt"})])
    return Clause(verb, subject, surface, obj, before, after)


def expand(roots: list) -> list:
    """Each token with its noun parts, down to MAX_DEPTH arcs (clauses are left out)."""
    seen: dict[int, Any] = {}
    frontier = [(t, 0) for t in roots]
    while frontier:
        tok, depth = frontier.pop()
        if tok.i in seen:
            continue
        seen[tok.i] = tok
        if depth < MAX_DEPTH and tok.dep_ not in {"ccomp", "xcomp"}:
            frontier += [(g, depth + 1) for g in tok.children if g.dep_ in NOUN_PARTS]
    return list(seen.values())


def singular(word: str) -> str:
    """A plural's naive singular, for a lemmatiser that leaves a capitalised noun alone
    ("Rockets were fired": lemma "Rockets") or a pattern written in the plural ("TALKS")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def forms(tok: Any) -> set[str]:
    """"fired" -> {fired, fire}; "Rockets" -> {rockets, rocket}; the parts of
    "cease - fire" also read "cease-fire"."""
    doc, start, end = tok.doc, tok.i, tok.i
    while start >= 2 and doc[start - 1].text == "-" and not (doc[start - 2].whitespace_ or doc[start - 1].whitespace_):
        start -= 2
    while end + 2 < len(doc) and doc[end + 1].text == "-" and not (doc[end].whitespace_ or doc[end + 1].whitespace_):
        end += 2
    return {tok.lower_, tok.lemma_.lower(), singular(tok.lower_), doc[start:end + 1].text.lower()}


def compound_words(entry: Verb, verb: Any) -> int | None:
    """How many other words of a compound verb the parse holds ("called off": 1), None if not all."""
    doc = verb.doc
    near_after = [t for t in doc[verb.i + 1: verb.i + 1 + 2 * len(entry.after)] if t.text != "-"]
    near_before = [t for t in doc[max(0, verb.i - 2 * len(entry.before)): verb.i] if t.text != "-"]
    kids = list(verb.children)
    for words, near, side in ((entry.after, near_after, 1), (entry.before, near_before, -1)):
        places = [c for c in kids if (c.i - verb.i) * side > 0] + near
        if not all(any(w in forms(t) for t in places) for w in words):
            return None
    return len(entry.after) + len(entry.before)


def match_pattern(pattern: Pattern, clause: Clause, alternatives: dict) -> tuple[int, dict, list] | None:
    """(words matched, the tokens of `$` `+` `%`, tokens the words matched) or None."""
    words, slots, used = 0, {}, []
    for side, elements in (("before", pattern.before), ("after", pattern.after)):
        tokens = getattr(clause, side)
        last = None
        for element in elements:
            if element == "^":
                continue
            if element in {"$", "+", "%"}:
                filler = _marker(element, side, clause, last)
                if filler is None:
                    return None
                slots[element] = filler
                continue
            found = (_match_prep(element, tokens, alternatives) if isinstance(element, Prep)
                     else _match_words(element, clause.words[side], alternatives))
            if found is None:
                return None
            words += found[0]
            last = found[1]
            used += found[2]
            slots.update(found[3])
    return words, slots, used


def _marker(marker: str, side: str, clause: Clause, last: Any) -> Any | None:
    """`$` and `+` after a preposition ("FROM $ TO +") are its object; elsewhere the
    object (after the verb) or the subject (before it); `%` a subject with a partner."""
    if side == "after":
        if last is not None and last.dep_ in {"prep", "agent", "dative"}:
            return next((g for g in last.children if g.dep_ in {"pobj", "pcomp"}), None)
        return clause.object[0] if clause.object else None
    if marker == "%":
        return next((c for s in clause.subject for c in s.children if c.dep_ == "conj"), None)
    if marker == "+":
        return clause.surface[0] if clause.surface else None
    return clause.subject[0] if clause.subject else None


def by_form(tokens: list) -> dict[str, list]:
    """Word form -> the tokens that have it."""
    index: dict[str, list] = {}
    for tok in tokens:
        for form in forms(tok):
            index.setdefault(form, []).append(tok)
    return index


def _match_words(element: tuple, words: dict[str, list], alternatives: dict) -> tuple | None:
    """The longest phrase of the element whose head is among WORDS (`by_form`), its modifiers before it."""
    for phrase in alternatives[element]:  # longest first
        for tok in words.get(phrase[-1], ()):
            left = tok.doc[tok.left_edge.i: tok.i]
            if all(any(w in forms(m) for m in left) for w in phrase[:-1]):
                return len(phrase), tok, [tok], {}
    return None


def _match_prep(element: Prep, tokens: list, alternatives: dict) -> tuple | None:
    best = None
    for prep in (t for t in tokens if t.dep_ in PREPOSITIONS and element.word in forms(t)):
        objects = [g for g in prep.children if g.dep_ in {"pobj", "pcomp"}]
        inner = expand(objects)
        words, used, slots = 1, [prep], {}
        for part in element.objects:
            if part in {"+", "$"}:
                if not objects:
                    break
                slots[part] = objects[0]
            elif part not in {"^", "%"}:
                found = _match_words(part, by_form(inner), alternatives)
                if found is None:
                    break
                words, used = words + found[0], used + found[2]
        else:
            if best is None or words > best[0]:
                best = (words, prep, used, slots)
    return best


def default_target(clause: Clause, used: list, target_preps: frozenset[str]) -> Any | None:
    """No `+` in the pattern: the object of a preposition it names, unless the pattern's
    words took that object ("fired batteries AT Russia": Russia; "placed him IN
    DETENTION": him); else the object its words did not take ("fired rockets": no
    target); else the object of a preposition the dictionary gives targets to ("imposed
    SANCTIONS on Japan": TARGET_PREPS holds "on"; "near Gao" is no target); else the
    object of the pattern's preposition after all ("fired AT THE CONVOY"), else the
    object its words named ("arrested the LEADER")."""
    taken = {t.i for t in used}
    objects = [g for p in used if p.dep_ in {"prep", "agent", "dative"} for g in p.children
               if g.dep_ == "pobj" and g.ent_type_ not in TIMES]
    free = [o for o in objects if o.i not in taken] + [o for o in clause.object if o.i not in taken]
    free += [g for p in clause.after if p.dep_ in {"prep", "dative"} and p.lower_ in target_preps
             for g in p.children if g.dep_ == "pobj" and g.i not in taken and g.ent_type_ not in TIMES]
    return (free or objects or clause.object or [None])[0]
