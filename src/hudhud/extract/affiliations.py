"""Affiliations: the links between actors that a sentence states.

Patterns (each over the dependency parse, words from data/lexicon/roles.yml):
- apposition: "X, the spokesman of Y" (spokesperson_of), "X, the commander of Y"
  (leads), "X, a commander of Y" (member_of: one of several), "X, the group's
  spokesperson", "X, a unit within Y" / "another Y unit" (part_of);
- titles: "K.R.G. President X" (leads), "US Ambassador X" (member_of),
  "Israeli Prime Minister X" (leads the state);
- backing: "Iranian-backed X", "an Iran-sponsored group", "X, backed by Y" (backed_by);
- "X, who was part of the Y delegation" (member_of / part_of), "X, an ally of Y" (allied_with).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from hudhud.extract.coref import Coref
from hudhud.extract.phrases import keys_of_np, np_key
from hudhud.kb import countries
from hudhud.nlp.lexicon import load_yaml, term_set, word_set

ROLES = "lexicon/roles.yml"
GRAMMAR = "lexicon/grammar.yml"


@dataclass(frozen=True)
class RawAffiliation:
    subject: str
    relation: str
    object: str
    start: int  # token span of the evidence
    end: int


def roles(key: str) -> frozenset[str]:
    return word_set(ROLES, key)


def apposed_to(doc: Any, node: Any, coref: Coref) -> Any:
    """The mention an apposition describes: the one right before its comma ("X, a Y").

    The parser often hangs an apposition on the wrong noun; the surface order
    of "Name, description" is more reliable.
    """
    i = node.left_edge.i - 1
    if i < 1 or doc[i].text not in term_set(GRAMMAR, "apposition_marks"):
        return None
    m = coref.mention_at(doc[i - 1])
    if m is not None and m.role == "actor" and m.key:
        return m
    return None


def _role_word(tok: Any) -> str:
    """The role noun with its compound ("prime minister", "chief of general staff")."""
    words = [c.lower_ for c in tok.lefts if c.dep_ == "compound" and c.pos_ in {"NOUN", "PROPN"}
             and not c.ent_type_]
    return " ".join(words + [tok.lower_])


def _relation_for(role: str, tok: Any) -> str | None:
    last = role.split()[-1]
    if last in roles("spokesperson") or role in roles("spokesperson"):
        return "spokesperson_of"
    indefinite = any(c.lower_ in word_set(GRAMMAR, "indefinite_determiners") for c in tok.children)
    deputy = any(w in roles("deputy_modifiers") for w in role.split()) or any(
        c.lower_ in roles("deputy_modifiers") for c in tok.children)
    if role in roles("leader") or last in roles("leader"):
        return "member_of" if indefinite or deputy else "leads"
    if role in roles("member") or last in roles("member"):
        return "member_of"
    return None


def _role_object(tok: Any, coref: Coref) -> str | None:
    """Whose role it is: "of/for/to Y", "Y's", "US envoy", "Badr commander"."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in roles("role_preps"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    key = np_key(pobj, coref)
                    if key:
                        return key
    for child in tok.children:
        if child.dep_ == "poss":
            key = np_key(child, coref)
            if key:
                return key
    for child in tok.children:
        if child.dep_ in {"compound", "amod", "nmod", "npadvmod"}:
            m = coref.mention_at(child)
            if m is not None and m.key and m.role != "place":
                return m.key
    return None


def extract_affiliations(doc: Any, coref: Coref) -> list[RawAffiliation]:
    out: list[RawAffiliation] = []
    for m in coref.mentions:
        if m.role != "actor" or not m.key:
            continue
        head = doc[m.start:m.end].root
        out.extend(_appositions(doc, m, head, coref))
        out.extend(_titles(doc, m, head, coref))
    for tok in doc:
        if tok.dep_ == "appos" and coref.mention_at(tok) is None:
            m = apposed_to(doc, tok, coref)
            if m is not None:
                out.extend(_role_links(doc, m, tok, coref))
    out.extend(_backing(doc, coref))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for a in out:
        triple = (a.subject, a.relation, a.object)
        if a.subject != a.object and triple not in seen:
            seen.add(triple)
            unique.append(a)
    return unique


def _appositions(doc: Any, m: Any, head: Any, coref: Coref) -> list[RawAffiliation]:
    out = []
    if m.kind == "person" and head.dep_ == "appos" and head.head.pos_ == "NOUN":
        # "the Badr Organization's leader, Hadi al-Amiri": the role comes first.
        out.extend(_role_links(doc, m, head.head, coref))
    for app in [c for c in head.children if c.dep_ in {"appos", "relcl", "acl"}]:
        nodes = [app]
        # "X, who was part of Y": the relative clause's attribute carries the role.
        if app.dep_ == "relcl":
            nodes = [c for c in app.children if c.dep_ in {"attr", "dobj"}]
        for node in nodes:
            out.extend(_role_links(doc, m, node, coref))
    return out


def _role_links(doc: Any, m: Any, node: Any, coref: Coref) -> list[RawAffiliation]:
    span_end = max(t.i for t in node.subtree) + 1
    start = min(m.start, node.left_edge.i)
    role = _role_word(node)
    word = node.lower_
    if m.kind == "person":
        relation = _relation_for(role, node)
        if word in {"part", "member"}:
            relation = "member_of"
        obj = _role_object(node, coref) if relation else None
        if obj and coref.kinds.get(obj) == "person":
            # "a top aide to Supreme Leader Ali Khamenei": a role in that leader's state.
            obj = _state_of(obj, coref)
            relation = "member_of" if obj else None
        if relation and obj:
            return [RawAffiliation(m.key, relation, obj, start, span_end)]
        return []
    out = []
    if word in roles("unit_nouns"):
        obj = None
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in roles("unit_preps"):
                obj = next((np_key(p, coref) for p in child.children if p.dep_ == "pobj"), None)
        if obj is None:
            for child in node.children:
                cm = coref.mention_at(child)
                if child.dep_ in {"compound", "nmod"} and cm is not None and cm.key and cm.role == "actor":
                    obj = cm.key  # "another P.M.F. unit"
        if obj:
            out.append(RawAffiliation(m.key, "part_of", obj, start, span_end))
    if word in roles("ally_nouns"):
        obj = _role_object(node, coref)
        if obj:
            out.append(RawAffiliation(m.key, "allied_with", obj, start, span_end))
    return out


def _state_of(person_key: str, coref: Coref) -> str | None:
    for m in coref.mentions:
        if m.key == person_key and m.country:
            return f"country:{m.country}"
    return None


def _titles(doc: Any, m: Any, head: Any, coref: Coref) -> list[RawAffiliation]:
    """"K.R.G. President Masoud Barzani", "US Ambassador Douglas Silliman"."""
    if m.kind != "person":
        return []
    out = []
    for left in head.lefts:
        if left.i >= m.start or left.dep_ not in {"compound", "nmod", "amod"}:
            continue
        role = " ".join(t.lower_ for t in doc[left.left_edge.i:left.i + 1] if not coref.mention_at(t)
                        and t.pos_ in {"NOUN", "PROPN"})
        relation = _relation_for(role, left) if role else None
        if not relation:
            continue
        obj = _role_object(left, coref)
        for t in doc[left.left_edge.i:left.i]:
            tm = coref.mention_at(t)
            if obj is None and tm is not None and tm.key and tm.role != "place" and tm.key != m.key:
                obj = tm.key
        if obj is None and m.country and (role in roles("head_of_state_titles") or role in roles("office_titles")
                                          or role.split()[-1] in roles("office_titles")):
            obj = f"country:{m.country}"  # "Prime Minister Haider al-Abadi" leads his state
        if obj and relation == "leads" and obj.startswith("country:") and role not in roles("head_of_state_titles"):
            relation = "member_of"  # "Turkish Chief of General Staff X" heads a body of the state
        if obj:
            out.append(RawAffiliation(m.key, relation, obj, left.left_edge.i, m.end))
    return out


def _backing(doc: Any, coref: Coref) -> list[RawAffiliation]:
    """"Iranian-backed X", "an Iran-sponsored group", "X, backed by Y", "X is backed by Y"."""
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma in roles("alliance_verbs") and tok.tag_ in {"VBN", "JJ", "VBD"}:
            relation = "allied_with"
        elif lemma in roles("backing_verbs") and tok.tag_ in {"VBN", "JJ", "VBD"}:
            relation = "backed_by"
        else:
            continue
        subjpass = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        backer = None
        for child in tok.children:
            if child.dep_ in {"npadvmod", "advmod", "compound", "amod", "nmod"} and child.i < tok.i:
                cm = coref.mention_at(child)
                if cm is not None and cm.key and cm.start == child.i and cm.end == child.i + 1:
                    backer = cm.key
                elif (country := _country_word(child.text)) is not None:
                    backer = country  # "Iranian-backed" inside a longer description
            if child.dep_ == "agent":
                backer = next((coref.key_at(p) for p in child.children if p.dep_ == "pobj"), backer)
            if child.dep_ == "prep" and child.lower_ == "with" and relation == "allied_with":
                backer = next((coref.key_at(p) for p in child.children if p.dep_ == "pobj"), backer)
        if backer is None:
            continue
        if subjpass is not None:  # "The rebels are backed by Iran", "X, which is backed by Iran"
            relative = subjpass.lower_ in word_set(GRAMMAR, "relative_pronouns")
            holder = tok.head if relative and tok.dep_ == "relcl" else subjpass
            for backed in keys_of_np(holder, coref):
                if backed != backer:
                    out.append(RawAffiliation(backed, relation, backer, min(subjpass.left_edge.i, tok.i),
                                              tok.right_edge.i + 1))
            continue
        noun = tok.head
        if tok.dep_ == "relcl" or tok.dep_ == "acl":
            noun = tok.head
        apposed = apposed_to(doc, noun, coref) if noun.dep_ == "appos" or coref.mention_at(noun) is None else None
        backed = apposed.key if apposed is not None else np_key(noun, coref)
        if backed is None and noun.dep_ == "pobj":
            continue
        if backed and backed != backer:
            start = min(tok.left_edge.i, noun.left_edge.i)
            end = max(tok.i, noun.i) + 1
            out.append(RawAffiliation(backed, relation, backer, start, end))
    out.extend(_verb_relations(doc, coref))
    return out


def _country_word(word: str) -> str | None:
    match = countries.lookup(word)
    return f"country:{match.country.alpha3}" if match is not None else None


def _verb_relations(doc: Any, coref: Coref) -> list[RawAffiliation]:
    """"X founded and led Y", "X, who heads Y", "Washington has backed Baghdad and Erbil"."""
    table = load_yaml(ROLES)["verb_relations"]
    out = []
    for tok in doc:
        rule = table.get(tok.lemma_.lower())
        if rule is None or tok.pos_ != "VERB" or any(c.dep_ == "neg" for c in tok.children):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        verb = tok
        while subj is None and verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head  # "founded and led Y": the subject of the first verb
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        if subj.tag_ == "WDT" or subj.lower_ in word_set(GRAMMAR, "relative_pronouns"):
            anchor = verb.head if verb.dep_ == "relcl" else None
            subjects = keys_of_np(anchor, coref) if anchor is not None else []
        else:
            subjects = keys_of_np(subj, coref)
        objects = [k for c in tok.children if c.dep_ == "dobj" for k in keys_of_np(c, coref)]
        for s_key in subjects:
            for o_key in objects:
                if s_key == o_key:
                    continue
                a, b = (o_key, s_key) if rule.get("reverse") else (s_key, o_key)
                relation = rule["relation"]
                if relation == "part_of" and coref.kinds.get(a) == "person":
                    relation = "member_of"
                if relation == "leads" and coref.kinds.get(a) != "person":
                    continue
                out.append(RawAffiliation(a, relation, b, tok.sent.start, tok.sent.end))
    return out


def lend_countries(affiliations: list, coref: Coref) -> Coref:
    """A person the text places in an organisation has its country ("State Department
    spokeswoman Jen Psaki" is American): the event coder asks whom a speaker speaks for.

    RETURNS: a copy of `coref` with the lent countries."""
    countries = dict(coref.countries)
    for a in affiliations:
        if a.relation in roles("country_lending_relations") and coref.kinds.get(a.subject) == "person" \
                and not countries.get(a.subject) and countries.get(a.object):
            countries[a.subject] = countries[a.object]
    return replace(coref, countries=countries)

