"""Who owns the initiative an event is aimed at.

News reports reactions to an initiative more often than to its author by name:
"Iran denounced the vote", "Turkey opposed the referendum", "Netanyahu declared
support for Kurdish independence", "his forces would not allow it to happen". The
target of such an event is the actor behind the initiative, which the article
names somewhere: "the K.R.G.'s plan to hold a referendum", "the referendum by the
Kurdish government", "Erbil went ahead with the vote", "leaders who seek
independence". This module reads those statements once per document and answers,
for an initiative noun (or a pronoun pointing back at one), who owns it.

Evidence on the noun itself wins (a possessor, "of/by X", the subject of a holding
verb); then the owner the article gave the same initiative most recently before
(nouns of one family — referendum, vote, plebiscite — name one initiative, and
"independence referendum" joins two families); then a weak cue on the noun itself
(a modifier naming an actor). Word lists: data/lexicon/initiatives.yml.
"""

from __future__ import annotations

import functools
from typing import Any

from hudhud.extract.coref import Coref
from hudhud.extract.events.actors import subject_of
from hudhud.extract.events.lexicon import GRAMMAR, inflection_bases
from hudhud.extract.events.record import RULES
from hudhud.extract.mentions import metonym_identity
from hudhud.extract.phrases import np_key
from hudhud.kb.actors import KnowledgeBase
from hudhud.nlp.lexicon import load_yaml, word_set

INITIATIVES = "lexicon/initiatives.yml"


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    family = {str(w).lower(): name for name, words in load_yaml(INITIATIVES)["families"].items() for w in words}
    shells = word_set(INITIATIVES, "shell_nouns")
    nouns = word_set(INITIATIVES, "nouns") | shells | frozenset(family)
    return family, nouns, word_set(INITIATIVES, "holding_verbs"), word_set(INITIATIVES, "anaphors"), shells


def is_initiative(tok: Any) -> bool:
    return tok.pos_ in {"NOUN", "PROPN"} and _word(tok) in _lexicon()[1]


def _word(tok: Any) -> str:
    return tok.lemma_.lower() if tok.tag_ not in {"NNS", "NNPS"} else tok.lower_


def family_of(tok: Any) -> str:
    """The family of nouns that name one initiative or occasion ("vote" -> "ballot")."""
    return _lexicon()[0].get(_word(tok), _word(tok))


def _actor_key(tok: Any, coref: Coref) -> str | None:
    key = np_key(tok, coref)
    if key:
        return key
    m = coref.mention_at(tok)
    # "a plan by Erbil", "Iraqi Kurdistan's push": a place that acts is its government.
    if m is not None and m.key:
        return m.key
    if m is not None and m.role == "place":
        left = [c for c in tok.children if c.dep_ in {"amod", "compound"} and c.i < tok.i]
        name = tok.doc[left[0].i if left else tok.i:tok.i + 1].text
        return metonym_identity(name, KnowledgeBase.default()).key
    return None


def _strong_owner(tok: Any, coref: Coref) -> str | None:
    """An owner the noun's own phrase states."""
    for child in tok.children:
        if child.dep_ == "poss":
            key = _actor_key(child, coref)
            if key:
                return key
        if child.dep_ in {"prep", "agent"} and child.lower_ in {"of", "by"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and not is_initiative(pobj):
                    key = _actor_key(pobj, coref)
                    if key:
                        return key
        if child.dep_ in {"acl", "relcl"} and _holds(child):
            # "the referendum held by the KRG", "the vote that Erbil organised"
            for grand in child.children:
                if grand.dep_ == "agent" or (grand.dep_ == "nsubj" and grand.tag_ not in {"WDT", "WP"}):
                    pobj = next((p for p in grand.children if p.dep_ == "pobj"), grand)
                    key = _actor_key(pobj, coref)
                    if key:
                        return key
    return _holder(tok, coref)


def _holder(tok: Any, coref: Coref) -> str | None:
    """The subject of the verb that holds the noun: "X held a referendum", "X went ahead
    with the vote", "leaders who seek independence", "X's plan to hold a referendum"."""
    verb = tok.head
    if tok.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head  # "went ahead with the vote", "pressed on with its plan"
    elif tok.dep_ not in {"dobj", "nsubjpass"}:
        return None
    if verb.pos_ not in {"VERB", "AUX"} or not _holds(verb):
        return None
    if verb.dep_ in {"acl", "xcomp"} and is_initiative(verb.head):
        owner = _strong_owner(verb.head, coref)  # "the K.R.G.'s plan to hold a referendum"
        if owner:
            return owner
    if verb.dep_ == "pcomp" and verb.head.lower_ in word_set(RULES, "holder_preps"):
        # "accused the K.R.G. of executing a project", "charged X with pursuing a plan":
        # the one accused carries it out.
        accused = next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
        key = _actor_key(accused, coref) if accused is not None else None
        if key:
            return key
    keys, passive = subject_of(verb, coref)
    return keys[0] if keys and not passive else None


def _holds(verb: Any) -> bool:
    verbs = _lexicon()[2]
    if verb.lemma_.lower() in verbs:
        return True
    return any(w in verbs for w in inflection_bases(verb.lower_))


def _weak_owner(tok: Any, coref: Coref) -> str | None:
    for child in tok.children:
        if child.dep_ in {"amod", "compound", "nmod"}:
            m = coref.mention_at(child)
            if m is not None and m.key and m.role != "place":
                return m.key
    return None


def _linked(tok: Any) -> list[Any]:
    """Initiative nouns that qualify this one: "independence referendum", "push for independence"."""
    out = [c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"} and is_initiative(c)]
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in word_set(INITIATIVES, "link_preps"):
            out += [p for p in prep.children if p.dep_ == "pobj" and is_initiative(p)]
    for verb in tok.children:  # "the plan to hold a referendum"
        if verb.dep_ in {"acl", "xcomp"}:
            out += [o for o in verb.children if o.dep_ == "dobj" and is_initiative(o)]
    return out


def initiative_owners(doc: Any, coref: Coref) -> dict[int, str]:
    """Initiative noun or anaphor token -> the actor key that owns it."""
    families: dict[str, str] = {}  # family -> the family it was joined to

    def root(f: str) -> str:
        while f in families:
            f = families[f]
        return f

    nouns = [t for t in doc if is_initiative(t)]
    for tok in nouns:
        for other in _linked(tok):
            a, b = root(family_of(tok)), root(family_of(other))
            if a != b:
                families[b] = a
    owners: dict[int, str] = {}
    last_owner: dict[str, str] = {}  # family -> owner stated most recently
    first_owner: dict[str, str] = {}
    strong = {t.i: _strong_owner(t, coref) for t in nouns}
    for tok in nouns:
        if strong[tok.i]:
            first_owner.setdefault(root(family_of(tok)), strong[tok.i])
    recent: list[tuple[int, str]] = []  # (token, owner) of initiatives named so far
    _, _, _, anaphors, shells = _lexicon()
    for tok in doc:
        if tok.i not in strong and tok.lower_ not in anaphors:
            continue
        last = recent[-1] if recent and doc[recent[-1][0]].sent.start >= _previous_sentence_start(tok) else None
        if tok.i in strong:
            fam = root(family_of(tok))
            owner = strong[tok.i]
            if not owner and last and _word(tok) in shells and any(
                    c.dep_ == "det" and c.lower_ in word_set(GRAMMAR, "demonstratives") for c in tok.children):
                owner = last[1]  # "will oppose this move": the initiative just named
            owner = owner or last_owner.get(fam) or first_owner.get(fam) or _weak_owner(tok, coref)
            if strong[tok.i]:
                last_owner[fam] = strong[tok.i]
            if owner:
                owners[tok.i] = owner
                recent.append((tok.i, owner))
        elif tok.lower_ in anaphors and tok.pos_ == "PRON" and coref.key_at(tok) is None and last:
            # "... accused the K.R.G. of executing a project and vowed not to allow it":
            # the last initiative named in this or the previous sentence.
            owners[tok.i] = last[1]
    return owners


def _previous_sentence_start(tok: Any) -> int:
    sent = tok.sent
    if sent.start == 0:
        return 0
    return tok.doc[sent.start - 1].sent.start
