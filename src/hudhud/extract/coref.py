"""Within-document coreference: pronouns, role nouns and surnames to actors.

News names an actor once and then calls it "he", "the militia commander",
"the group" or by surname. We keep the actors a text has made salient —
subjects and speakers first, as centering theory suggests — and resolve each
such phrase to the most recent salient actor of the right sort.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from hudhud.extract.definites import link_definite_groups
from hudhud.extract.mentions import Mention
from hudhud.extract.surnames import bare_surnames, link_surnames
from hudhud.kb import names
from hudhud.nlp.lexicon import load_yaml, nouns, word_set

GRAMMAR = "lexicon/grammar.yml"
ROLES = "lexicon/roles.yml"
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent"}


@dataclass
class Coref:
    """Maps tokens to actor keys. Built once per document, then queried."""

    mentions: list[Mention]
    kinds: dict[str, str | None] = field(default_factory=dict)
    countries: dict[str, str | None] = field(default_factory=dict)  # key -> ISO3
    by_token: dict[int, Mention] = field(default_factory=dict)
    resolved: dict[int, str] = field(default_factory=dict)  # pronoun/role token -> key
    # Initiative noun or pronoun token -> the actor behind the initiative
    # (hudhud.extract.events.initiatives); see `with_owners`.
    owners: dict[int, str] = field(default_factory=dict)

    def with_owners(self, owners: dict[int, str]) -> "Coref":
        """A copy that also knows who owns each initiative (the initiatives step's answer):
        "Iran denounced the vote" is aimed at whoever holds the vote."""
        return replace(self, owners=owners)

    def key_at(self, tok: Any) -> str | None:
        """The actor a token refers to: its mention, or what its pronoun/role noun resolves to."""
        m = self.by_token.get(tok.i)
        if m is not None:
            return m.key if m.role == "actor" else None
        return self.resolved.get(tok.i)

    def mention_at(self, tok: Any) -> Mention | None:
        return self.by_token.get(tok.i)

    def owner_of(self, tok: Any) -> list[str]:
        """The actor behind the initiative a token names ("denounced the vote")."""
        key = self.owners.get(tok.i)
        return [key] if key else []


def build_coref(doc: Any, mentions: list[Mention], quoted: set[int] | None = None) -> Coref:
    """Link surnames to full names, then resolve pronouns and role nouns in text order.
    The Coref keeps its own copy of the mentions, with the bare surnames added
    (`Coref.mentions`, sorted by start).

    `quoted` holds the tokens inside quotations: who a quotation talks about
    does not become the subject of the narrative ("… he will be confronted."
    followed by "He further warned" is still the speaker).
    """
    quoted = quoted or set()
    # Copies: linking surnames rewrites mentions, and the caller's list stays as found.
    mentions = [replace(m) for m in mentions]
    mentions.extend(bare_surnames(doc, mentions))
    mentions.sort(key=lambda m: m.start)
    link_surnames(mentions)
    link_definite_groups(doc, mentions)
    coref = Coref(mentions)
    for m in mentions:
        if m.key:
            coref.kinds.setdefault(m.key, m.kind)
            if m.country:
                coref.countries.setdefault(m.key, m.country)
        for i in range(m.start, m.end):
            coref.by_token[i] = m
    persons: list[str] = []  # salient person keys, most recent last
    groups: list[str] = []  # salient organisation keys
    plurals: list[str] = []  # salient plural actors ("Iranian leaders", "the Kurds")
    described_as = describe(doc, coref)
    bodies: list[tuple[int, str]] = []  # (sentence number, key) of states and organisations as subjects
    for n_sent, sent in enumerate(doc.sents):
        for tok in sent:
            m = coref.by_token.get(tok.i)
            if m is not None and m.role == "actor" and m.key and tok.i == doc[m.start:m.end].root.i:
                if tok.i not in quoted:
                    _remember(m.key, m.kind, tok, m, persons, groups, plurals)
                    if m.kind != "person" and tok.dep_ in SUBJECT_DEPS:
                        bodies.append((n_sent, m.key))
                continue
            if tok.lower_ in word_set(GRAMMAR, "body_pronouns") and tok.i not in quoted and bodies and bodies[-1][0] == n_sent \
                    and (tok.dep_ == "poss" or _reported_subject(tok)):
                # "Turkey agreed to suspend its offensive", "Iran said it would respond": the
                # state or organisation that is the subject of this sentence. ("It" elsewhere is
                # as often the referendum or the situation as an actor.)
                coref.resolved[tok.i] = bodies[-1][1]
                continue
            if m is not None:
                continue
            if tok.i in quoted:
                # Inside a quotation "he" is whoever the quotation last named.
                key = _resolve(tok, quoted_persons(coref, tok, quoted) or persons, groups, plurals, described_as)
                if key and tok.pos_ == "PRON":
                    coref.resolved[tok.i] = key
                continue
            key = _resolve(tok, _same_country(tok, coref, persons), groups, plurals, described_as) \
                or resolve_latter(tok, coref) or _serving_state(tok, coref)
            if key:
                coref.resolved[tok.i] = key
                # A resolved subject is as salient as a named one.
                if _main_subject(tok):
                    _remember(key, coref.kinds.get(key), tok, None, persons, groups, plurals)
    return coref


def _serving_state(tok: Any, coref: Coref) -> str | None:
    """"The Qatari envoy", "Chile's foreign minister", "Peru's parliament": an official or a
    body the text does not name, and no earlier person of that state to be, acts for the
    state named in the phrase; "Hamas's leader" for the organisation that owns the title."""
    if tok.pos_ != "NOUN" or tok.lower_ not in nouns("person_role_nouns") | nouns("state_body_nouns"):
        return None
    if tok.dep_ in {"compound", "appos"} or tok.head.pos_ == "PROPN" \
            or any(c.dep_ == "appos" or c.pos_ == "PROPN" and c.dep_ != "poss" for c in tok.children):
        return None  # "the Iranian minister Ali Rahimi", "Chile's envoy, Ana Soto,": named
    for child in tok.children:
        m = coref.by_token.get(child.i)
        if child.dep_ in {"amod", "poss", "compound"} and m is not None and (m.key or "").startswith("country:"):
            return m.key
        if child.dep_ == "poss" and m is not None and m.key and m.role == "actor" and m.kind != "person":
            return m.key  # "Hamas's leader", "the group's spokesman"
    return None


def _reported_subject(tok: Any) -> bool:
    """"X said it would …": "it" is the subject of what a speech verb's own subject reports."""
    verb = tok.head
    if tok.dep_ not in {"nsubj", "nsubjpass"} or verb.dep_ != "ccomp":
        return False
    speech = verb.head
    return speech.lemma_.lower() in _speech_verbs() and any(c.dep_ in SUBJECT_DEPS for c in speech.children)


def _remember(key: str, kind: str | None, tok: Any, m: Mention | None, persons: list[str],
              groups: list[str], plurals: list[str]) -> None:
    if kind == "person":
        # Objects, and subjects of embedded clauses ("would not allow Barzani to create"),
        # are remembered too, but behind the main clause's subject.
        if _main_subject(tok) or not persons:
            _push(persons, key)
        elif key not in persons:
            persons.insert(max(0, len(persons) - 1), key)
        return
    if kind is None or kind in word_set(ROLES, "group_kinds"):
        # "the group" is an organisation named before, not a people ("the Kurds").
        if key.startswith(("kb:", "org:")):
            _push(groups, key)
    if (m is not None and (m.label == "NORP" or not m.alias or m.text.endswith("s"))) or tok.tag_ in {"NNS", "NNPS"} \
            or kind in word_set(ROLES, "plural_kinds"):
        _push(plurals, key)  # "the Houthis ... they", "Hezbollah ... they"


def resolve_latter(tok: Any, coref: Coref) -> str | None:
    """"the latter" is the actor named last before it, "the former" the one before that."""
    if tok.lower_ not in {"latter", "former"} or not any(c.lower_ == "the" for c in tok.children):
        return None
    seen: list[str] = []
    for m in sorted(coref.mentions, key=lambda m: -m.start):
        if m.end <= tok.i and m.role in {"actor", "place"} and m.key and m.key not in seen:
            seen.append(m.key)
        if len(seen) == 2:
            break
    index = 0 if tok.lower_ == "latter" else 1
    return seen[index] if len(seen) > index else None


def quoted_persons(coref: Coref, tok: Any, quoted: set[int]) -> list[str]:
    """Persons named earlier inside the same quotation, most recent last."""
    out: list[str] = []
    i = tok.i - 1
    while i >= 0 and i in quoted:
        m = coref.by_token.get(i)
        if m is not None and m.kind == "person" and m.key and m.key not in out:
            out.insert(0, m.key)
        i -= 1
    return out


def _same_country(tok: Any, coref: Coref, persons: list[str]) -> list[str]:
    """"the Iranian defense minister" is not the Turkish general named just before."""
    wanted = None
    for child in tok.children:
        m = coref.by_token.get(child.i)
        if m is not None and m.country and child.dep_ in {"amod", "compound", "poss"}:
            wanted = m.country
    if wanted is None:
        return persons
    countries = {m.key: m.country for m in coref.mentions if m.key and m.country}
    return [p for p in persons if countries.get(p) in (wanted, None)]


def _main_subject(tok: Any) -> bool:
    if tok.dep_ not in SUBJECT_DEPS:
        return False
    verb = tok.head
    if verb.lemma_.lower() in _speech_verbs():
        return True  # whoever speaks is who "he" will mean next ("..., X warned, a source said")
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT" or verb.head.i == verb.i


def _speech_verbs() -> frozenset[str]:
    return frozenset(load_yaml("lexicon/speech.yml")["speech_verbs"])


def _push(stack: list[str], key: str) -> None:
    if key in stack:
        stack.remove(key)
    stack.append(key)


def _kin_nouns(word: str) -> set[str]:
    """Nouns that describe the same kind of group ("alliance": coalition, umbrella, bloc)."""
    for family in load_yaml("lexicon/nouns.yml").get("group_noun_families", []):
        if word in family:
            return set(family)
    return {word}


def describe(doc: Any, coref: "Coref") -> dict[str, set[str]]:
    """What the text calls each actor in apposition: "the Islamic Resistance in Iraq, an
    umbrella of Iranian-backed militias" -> {"umbrella", "militias"}."""
    out: dict[str, set[str]] = {}
    for m in coref.mentions:
        if not m.key or m.role != "actor":
            continue
        root = doc[m.start:m.end].root
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                words = out.setdefault(m.key, set())
                words.add(child.lower_)
                words.update(p.lower_ for prep in child.children if prep.dep_ == "prep" and prep.lower_ == "of"
                             for p in prep.children if p.dep_ == "pobj")
    return out


def _resolve(tok: Any, persons: list[str], groups: list[str], plurals: list[str],
             described_as: dict[str, set[str]] | None = None) -> str | None:
    described_as = described_as or {}
    word = tok.lower_
    if tok.pos_ == "PRON":
        if word in word_set(GRAMMAR, "person_pronouns") and persons:
            return persons[-1]
        if word in word_set(GRAMMAR, "plural_pronouns") and plurals:
            return plurals[-1]
        return None
    if tok.lower_ in {"latter", "former"} and any(c.lower_ == "the" for c in tok.children):
        return None  # handled by the caller, which knows every mention (see resolve_latter)
    if tok.pos_ != "NOUN":
        return None
    has_definite = any(c.lower_ in word_set(GRAMMAR, "definite_determiners") or c.dep_ == "poss" for c in tok.children)
    if not has_definite:
        return None
    if any(c.dep_ == "appos" for c in tok.children):
        return None  # "Iran's supreme leader, Ali Khamenei": the name follows, nothing to resolve
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return None  # "the head of the town's council": a description of someone new
    if word in nouns("person_role_nouns") and persons:
        return persons[-1]  # "the militia commander", "the Iranian defense minister"
    if word in nouns("group_nouns") and groups and tok.tag_ == "NN":
        # "the alliance" is the group the text described as an alliance or umbrella, if any;
        # else the last group named ("the group", "the militia").
        kin = _kin_nouns(word)
        described = [g for g in groups if described_as.get(g, set()) & kin]
        return (described or groups)[-1]
    return None
