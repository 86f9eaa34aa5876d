"""Who acts: the actor keys of a trigger's subject or "by" agent, climbing xcomp and conj
chains ("continue to threaten"), and when the speaker of a quotation or report stands for
a state ("Iran and Turkey will not allow ...," the Iranian minister said).
"""

from __future__ import annotations

from typing import Any

from hudhud.extract.coref import Coref
from hudhud.extract.events.lexicon import GRAMMAR, crowd_nouns
from hudhud.extract.events.record import RULES
from hudhud.extract.phrases import np_key
from hudhud.extract.quotes import speech_verbs
from hudhud.kb import countries
from hudhud.nlp.lexicon import load_yaml, nouns, term_set, word_set

SUBJECTS = {"nsubj", "csubj"}


def conjuncts(tok: Any) -> list[Any]:
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


def keys_of(tok: Any, coref: Coref) -> list[str]:
    """Actor keys of a phrase and its conjuncts ("Tehran, Baghdad and the community")."""
    if tok.lower_ in word_set(GRAMMAR, "group_pronouns") and tok.dep_ in SUBJECTS and tok.head.dep_ == "ccomp":
        # "Egypt, Jordan and Sudan said they were ready": all of those who said it.
        speech = tok.head.head
        said_by = next((c for c in speech.children if c.dep_ in SUBJECTS and c.i != tok.i), None)
        lo, hi = sorted((tok.i, speech.i))
        quoted = any(t.text in term_set(GRAMMAR, "quote_marks") for t in tok.doc[lo:hi])  # in a quotation "they" is others
        if said_by is not None and said_by.pos_ != "PRON" and not quoted \
                and speech.lemma_.lower() in speech_verbs():
            found = keys_of(said_by, coref)
            if found:
                return found

    envoys = _sent_from(tok, coref)
    if envoys:
        return envoys
    out = []
    for n, t in enumerate(conjuncts(tok)):
        key = np_key(t, coref)
        if n == 0 and not key:
            return []  # "flights to Erbil and Sulaymaniyah and the military ...": a list of places
        if key and key not in out:
            out.append(key)
        if key:
            # "American and Iranian officials": one noun, two states.
            for mod in t.children:
                for other in mod.conjuncts if mod.dep_ in {"amod", "compound"} else ():
                    m = coref.mention_at(other)
                    other_key = m.key if m is not None and m.role != "place" else None
                    if m is not None and other_key == key:
                        # One mention spans "American and Iranian officials": each demonym its state.
                        other_key = _demonym_key(other)
                    if other_key and other_key not in out:
                        out.append(other_key)
    return out


def _sent_from(tok: Any, coref: Coref) -> list[str]:
    """"commanders and diplomats from both Iran and the United States": the states they
    come from act (as "Iranian officials" is Iran)."""
    members = nouns("state_member_nouns") | nouns("partitive_nouns")
    if coref.key_at(tok) or not any(t.lower_ in members for t in conjuncts(tok)):
        return []
    for t in conjuncts(tok):
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and coref.key_at(pobj):
                        return keys_of(pobj, coref)
    return []


def _demonym_key(tok: Any) -> str | None:
    match = countries.lookup(tok.text)
    return f"country:{match.country.alpha3}" if match is not None and match.via == "demonym" else None


def subject_of(verb: Any, coref: Coref) -> tuple[list[str], bool]:
    """Source keys of a verb, climbing xcomp/conj chains ("continue to threaten",
    "criticized ... and urged"). RETURNS (keys, passive)."""
    tok = verb
    for _ in range(4):
        passive = False
        for child in tok.children:
            if child.dep_ in SUBJECTS:
                if child.tag_ in {"WP", "WDT"} and tok.dep_ == "relcl":
                    return keys_of(tok.head, coref), False  # "Israel, which has carried out strikes"
                return keys_of(child, coref), False
            if child.dep_ == "nsubjpass":
                passive = True
        if passive:
            for child in verb.children:
                if child.dep_ == "agent":
                    pobj = [p for p in child.children if p.dep_ == "pobj"]
                    return (keys_of(pobj[0], coref) if pobj else []), True
            # "was killed in a U.S. drone strike": the strike's owner did it.
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in word_set(RULES, "means_preps"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            owners = [coref.key_at(c) or modifier_key(c, coref) for c in pobj.children
                                      if c.dep_ in {"compound", "amod", "nmod", "poss"}]
                            owners = [o for o in owners if o]
                            if owners:
                                return owners[:1], True
            return [], True
        infinitive_relative = tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if (tok.dep_ in {"xcomp", "conj", "advcl", "acl", "acomp"} or infinitive_relative) and tok.head.i != tok.i:
            if tok.dep_ in {"acl", "relcl"} and tok.head.lemma_.lower() in load_yaml("lexicon/events.yml")["attempt_nouns"]:
                # "are swarming ... in an attempt to convince": whoever makes the attempt.
                holder = tok.head.head.head if tok.head.dep_ == "pobj" else tok.head.head
                tok = holder
                continue
            if tok.dep_ == "acl":
                return keys_of(tok.head, coref), False  # "militias fighting in Iraq"
            tok = tok.head
            continue
        break
    return [], False


def modifier_key(tok: Any, coref: Coref) -> str | None:
    m = coref.mention_at(tok)
    return m.key if m is not None and m.key and m.role != "place" else None


def spokesman_of(tok: Any, coref: Coref, quote_speakers: dict[int, str], sources: list[str],
               joint_only: bool = False) -> list[str]:
    """"Iran and Turkey will not allow …," the Iranian minister said: a promise or threat
    made in the name of the speaker's own state is the speaker's statement (ICEWS and
    PLOVER code the one who says it), as "we will …" is. Other subjects stay."""
    speaker = quote_speakers.get(tok.i) or reporter_of(tok, coref, [])
    if not speaker or coref.kinds.get(speaker) != "person":
        return sources
    if joint_only and any(coref.countries.get(s) != coref.countries.get(speaker) for s in sources):
        return sources  # "the United States and Turkey have agreed": a joint act, not a stance
    subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    if subject is not None and any(c.dep_ == "poss" and coref.key_at(c) == speaker for c in subject.children):
        return [speaker]  # "X said his forces would abide by the ceasefire"
    country = coref.countries.get(speaker)
    if not country or not sources:
        return sources
    own = [s for s in sources if coref.kinds.get(s) in {"state", "government"}
           and coref.countries.get(s) == country]
    return [speaker] if own else sources


def first_person_subject(tok: Any) -> bool:
    t = tok
    for _ in range(4):
        for child in t.children:
            if child.dep_ in SUBJECTS:
                return child.lower_ in {"we", "i"}
        if t.dep_ in {"xcomp", "conj"} and t.head.i != t.i:
            t = t.head
        else:
            break
    return False


def reporter_of(tok: Any, coref: Coref, sources: list[str]) -> str | None:
    """"X said that Y attacked Z": X reported it."""
    t = tok
    for _ in range(4):
        if t.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and t.head.i != t.i:
            t = t.head
            if t.lemma_.lower() in speech_verbs():
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                key = np_key(subj, coref) if subj is not None else None  # "the minister, X, said"
                if key and key not in sources:
                    return key
                return None
        else:
            break
    return None


def is_crowd(tok: Any) -> bool:
    """"protesters", "hundreds of protesters", "a crowd of mourners"."""
    if tok.lemma_.lower() in crowd_nouns() or tok.lower_ in crowd_nouns():
        return True
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return any(is_crowd(p) for p in child.children if p.dep_ == "pobj")
    return False


def is_workers(verb: Any) -> bool:
    """Is the (possibly climbed-to) subject of the verb a body of workers?"""
    words = frozenset(load_yaml("lexicon/events.yml")["worker_nouns"])
    t = verb
    for _ in range(3):
        subject = next((c for c in t.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            # "thousands of cabin crew workers": the noun after "of"
            heads = [subject, *(p for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                                for p in c.children if p.dep_ == "pobj")]
            return any(h.lemma_.lower() in words or h.lower_ in words for h in heads)
        if t.dep_ in {"xcomp", "conj"} and t.head.i != t.i:
            t = t.head
        else:
            break
    return False
