"""Modality and factuality of a trigger, the PLOVER way: negation, future and condition
make an act a refusal, a promise or a threat ("will not allow" = REJECT, "would boycott" =
THREATEN); what is denied, planned, alleged, hoped for or only described is no event of
its own.
"""

from __future__ import annotations

import functools
from typing import Any

from hudhud.extract.events.lexicon import GRAMMAR, Trigger
from hudhud.extract.events.record import RULES
from hudhud.nlp.lexicon import load_yaml, term_set, word_set


def is_modal(verb: Any, modals: frozenset[str]) -> bool:
    tok = verb
    for _ in range(3):
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in modals for c in tok.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ == "if" for c in tok.children):
            return True
        if tok.dep_ in {"xcomp", "conj"} and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return False


def type_group(name: str) -> frozenset[str]:
    """A group of PLOVER types of the lexicon (event_rules.yml): "cooperative" types become a
    promise in the future or hypothetical, "conflictual" ones a threat; "verbal" ones are
    speech acts already, whose tense does not change them."""
    return term_set(RULES, f"{name}_types")


def modality(tok: Any, trig: Trigger, modals: frozenset[str]) -> tuple[str, str] | None:
    """The (type, cameo) a trigger codes once negation, future and condition are read; None: no event.

    "will not allow" → the entry's negated type (REJECT); "will visit" → AGREE (intent);
    "would boycott" / "will withdraw unless" → THREATEN; a denied or negated attack → nothing.
    """
    etype, cameo = trig.type, trig.cameo
    if is_negated(tok):
        return (trig.negated, "120" if trig.negated == "REJECT" else cameo) if trig.negated else None
    if etype is None:
        return None
    if not is_modal(tok, modals):
        return None if trig.modal_only else (etype, cameo)
    if trig.modal:
        return trig.modal, {"THREATEN": "138", "AGREE": "030"}.get(trig.modal, cameo)
    if etype in type_group("verbal"):
        return etype, cameo
    if etype in type_group("conflictual") or is_conditional(tok):
        return "THREATEN", "130"
    if etype in type_group("cooperative"):
        return "AGREE", "030"
    return etype, cameo


def is_conditional(verb: Any, markers: tuple[str, ...] = ("unless",)) -> bool:
    """"will withdraw unless ...": a condition makes a promise a threat ("would meet him if
    ..." stays an offer; for conflictual acts any condition is a threat)."""
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in markers for g in c.children)
               for c in verb.children)


def is_negated(verb: Any) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in word_set(GRAMMAR, "negators") for c in verb.children):
        return True
    # "failed to reach agreement": the head negates its complement.
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in load_yaml("lexicon/events.yml")["negating_heads"]


def intention(tok: Any, nested_type: str) -> tuple[str, str] | None:
    """"plans to impose restrictions" (THREATEN), "plans to send aid" (AGREE), "prepared to
    resume shelling" (MOBILIZE): the type an intention head codes for what it intends."""
    head = tok.head
    if tok.dep_ != "xcomp" or head.i == tok.i:
        return None
    data = load_yaml("lexicon/events.yml")
    lemma = head.lemma_.lower()
    if lemma not in data["intention_heads"] and lemma not in data["preparation_heads"]:
        return None
    if nested_type == "ASSAULT" and lemma in data["preparation_heads"]:
        return "MOBILIZE", "150"
    if nested_type in type_group("conflictual"):
        return "THREATEN", "130"
    if nested_type in type_group("cooperative"):
        return "AGREE", "030"
    return None


def is_suppressed(verb: Any, suppressing: frozenset[str]) -> bool:
    """"denied attacking", "plans to strike", "vowed to retaliate": not an event of its own.

    An infinitive that completes a noun ("no option but to retreat", "an attempt
    to convince") is a possibility, not an event.
    """
    if verb.dep_ in {"acl", "relcl", "advcl", "xcomp"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        if verb.head.lemma_.lower() in load_yaml("lexicon/events.yml")["attempt_nouns"]:
            # "an attempt to convince": the attempt is the act, unless the attempt is itself
            # only asked for or planned ("called on Baghdad to step up efforts to fight").
            noun = verb.head
            holder = noun.head.head if noun.dep_ == "pobj" else noun.head
            return holder.i != noun.i and holder.pos_ in {"VERB", "AUX"} and is_suppressed(holder, suppressing)
        if verb.head.pos_ in {"NOUN", "PROPN"} or verb.dep_ == "advcl":
            return True
    to_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if to_infinitive and verb.dep_ == "conj" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.head.children):
        return True  # "will have no option but to retreat": a possibility joined to a finite verb
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and verb.head.pos_ in {"ADP", "ADJ", "NOUN"} \
            and verb.head.lemma_.lower() not in load_yaml("lexicon/events.yml")["attempt_nouns"]:
        return True  # "no option but to retreat", "ready to strike"
    if _alleged(verb):
        return True
    tok = verb
    for _ in range(3):
        if tok.dep_ in {"xcomp", "ccomp", "pcomp", "advcl"} and tok.head.i != tok.i:
            if tok.head.lemma_.lower() in suppressing or tok.head.lower_ in suppressing:
                return True
            tok = tok.head
        else:
            break
    return False


def _alleged(verb: Any) -> bool:
    """"We have evidence showing that X is cooperating with Israel", "reports that X attacked":
    what evidence or a claim is said to show is an allegation (the accusation is the event)."""
    words = load_yaml("lexicon/events.yml")["allegation"]
    if verb.dep_ not in {"ccomp", "acl"}:
        return False
    head = verb.head
    if head.pos_ in {"NOUN", "PROPN"}:
        return head.lemma_.lower() in words["nouns"] or head.lower_ in words["nouns"]
    if head.lemma_.lower() in words["verbs"]:
        holder = head.head if head.dep_ == "acl" else next(
            (c for c in head.children if c.dep_ == "nsubj"), None)
        return holder is not None and (holder.lemma_.lower() in words["nouns"] or holder.lower_ in words["nouns"])
    return False


@functools.lru_cache(maxsize=1)
def _force_words() -> frozenset[str]:
    data = load_yaml("lexicon/events.yml")
    hostile = type_group("force")
    words = {str(w).lower() for e in data["verbs"] if e.get("type") in hostile or e.get("modal") == "THREATEN"
             for w in (e["lemma"] if isinstance(e["lemma"], list) else [e["lemma"]])}
    words |= {str(w).lower() for t in load_yaml(RULES)["force_reference_types"]
              for w in data["event_reference_nouns"][t]}
    return frozenset(words | {str(w).lower() for w in data["force_words"]})


def about_force(tok: Any) -> bool:
    """Does a warning speak of force ("would face a harsh response", "Iran would defend")?"""
    words = _force_words()
    return any(t.lemma_.lower() in words or t.lower_ in words for t in tok.subtree if t.i != tok.i)


def is_stative(tok: Any) -> bool:
    """"is opposed to", "is committed to": a passive form with no agent that states a stance."""
    return (tok.lemma_.lower() in word_set(RULES, "stance_participles")
            and any(c.dep_ == "nsubjpass" for c in tok.children)
            and not any(c.dep_ == "agent" for c in tok.children)
            and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children))


def describes(tok: Any) -> bool:
    """A verb that describes a noun rather than tells what it did: a participle modifying it
    ("allied with Tehran") or a relative clause in the perfect ("which has backed Erbil")."""
    if tok.dep_ in {"acl", "amod"} and tok.tag_ == "VBN":
        return True
    return tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children)


def is_future(tok: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in word_set(GRAMMAR, "future_auxiliaries") for c in tok.children)


def contended(tok: Any) -> bool:
    """A noun inside what someone argues or alleges ("argued that Israel, with U.S. support,
    aims ...") is part of the claim, not a reported act."""
    words = load_yaml("lexicon/events.yml")["imputed_aims"]["speech"]
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return False
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in words:
            return True
        node = node.head
    return False


def hoped(tok: Any) -> bool:
    """"expressed the hope that Turkey is sincere in its opposition": a hope, not a report."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return False
        if node.dep_ in {"ccomp", "acl"} and node.head.lemma_.lower() in word_set(RULES, "hope_verbs"):
            return True
        node = node.head
    return False


def is_obligation(tok: Any) -> bool:
    words = load_yaml("lexicon/events.yml")["obligation"]["auxiliaries"]
    if not any(c.dep_ == "aux" and c.lower_ in words for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    # "we must", "you should" are no appeal to a third party ("US" the country is).
    return subj is not None and not (subj.pos_ == "PRON" and subj.lower_ in word_set(GRAMMAR, "non_third_party_pronouns"))
