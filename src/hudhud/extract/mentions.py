"""Mentions: every span of a parsed document that names an actor or a place.

A mention says who it names (an actor `key`), and in what role the sentence
uses it: as an actor ("Tehran halted flights"), as a place ("flights to
Erbil"), or as a modifier that only tells an affiliation or a nationality
("Iranian-backed", "the Iraqi militia"). Keys:

- ``kb:<id>``: a knowledge-base entry (Kataib Hezbollah, Qasem Soleimani)
- ``country:<ISO3>``: a state and its government ("Iran", "Tehran", "the Iraqi government")
- ``military:<ISO3>``: a state's armed forces when the KB has no entry ("Iraqi forces")
- ``person:<key>`` / ``org:<key>`` / ``group:<key>``: actors the KB does not know
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hudhud.kb import names
from hudhud.kb.phoenix import agent_nouns, agent_words
from hudhud.nlp.lexicon import nouns

ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"}
#: Military designations ("B-1", "MQ-9 Reaper", "F-35") the NER takes for organisations.
WEAPON_DESIGNATION = re.compile(r"^[A-Z]{1,4}-?\d{1,3}[A-Z]?\b")


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    text: str
    label: str
    key: str | None = None
    role: str = "actor"  # 'actor' | 'place' | 'modifier'
    alias: bool = True  # the text is a name of the actor (counts as an alias)
    kind: str | None = None
    country: str | None = None
    name: str | None = None  # canonical name when the KB or country table knows it
    kb_id: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def trim_span(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive or punctuation."""
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct and doc[end - 1].text != "."):
        end -= 1
    # Strip a trailing dot that ends the sentence, but keep the dot of "K.R.G." or "U.S.".
    if end > start and doc[end - 1].text == ".":
        end -= 1
    return start, end


def skip_honorifics(doc: Any, start: int, end: int) -> int:
    """"Brigadier General Amir Hatami" names "Amir Hatami": ranks and titles are not the name."""
    span = doc[start:end]
    stripped = names.strip_honorifics(span.text)
    if stripped and stripped != span.text and span.text.endswith(stripped):
        cut = span.end_char - len(stripped)
        while start < end - 1 and doc[start].idx < cut:
            start += 1
    while end - start > 1 and doc[start].lower_.rstrip(".") in nouns("title_words"):
        start += 1
    return start


def is_locative(doc: Any, start: int, end: int) -> bool:
    """Is the phrase used as a location ("in Erbil", "Kirkuk province", "Mandali, in Diyala")?"""
    head = doc[start:end].root
    gov = head.head
    if head.dep_ == "pobj":
        prep = gov.lower_
        if prep in nouns("locative_preps"):
            return True
        if prep in {"from", "to"}:
            above = gov.head
            if above.lower_ in nouns("motion_heads") or above.lemma_.lower() in nouns("motion_heads"):
                return True
            # "to and from Erbil": the coordinated preposition hangs on a motion head.
            if above.dep_ == "conj" or above.pos_ == "ADP":
                top = above.head
                return top.lower_ in nouns("motion_heads") or top.lemma_.lower() in nouns("motion_heads")
        if prep == "of" and gov.head.lemma_.lower() in nouns("place_nouns"):
            return True  # "the province of Kirkuk"
    if head.dep_ in {"compound", "nmod"} and gov.lemma_.lower() in nouns("place_nouns"):
        return True  # "Kirkuk province", "the Baghdad airport"
    if head.dep_ == "appos" and gov.lemma_.lower() in nouns("place_nouns"):
        return True
    if head.dep_ == "conj":
        # "between Baghdad, Erbil and Sulaimaniyah": conjuncts share the first one's role.
        first = head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.i != head.i:
            return is_locative(doc, first.i, first.i + 1)
    return False


def is_adjectival(doc: Any, start: int, end: int) -> bool:
    """Is the phrase a modifier ("Iranian-backed", "Iraqi militia", "American tools")?"""
    head = doc[start:end].root
    return head.dep_ in {"amod", "npadvmod", "compound", "nmod"} and head.head.i >= end


@dataclass
class Identity:
    key: str | None
    kind: str | None = None
    country: str | None = None
    name: str | None = None
    kb_id: str | None = None
    via: str = "name"  # how the text names it: name | alias | demonym | plural | capital | seat


def identify(text: str, label: str, ent_id: str, kb: Any) -> Identity:
    """Who does this surface form name? KB first, then the country table."""
    from hudhud.kb import countries as country_table

    if ent_id.startswith("country:"):
        match = country_table.lookup(text)
        via = match.via if match else "name"
        return country_identity(ent_id.split(":", 1)[1], via)
    entry = kb.get(ent_id) if ent_id else None
    found: list = []
    if entry is None:
        found = kb.lookup(text)
        entry = found[0] if len(found) == 1 else None
    if entry is None and not found and label in {"PERSON", "ORG"} and len(text.split()) >= 2:
        # A spelling the KB does not list ("Ali Khameni"): fuzzy, same word count, no ties.
        entry = kb.match(text)
    if entry is not None and text.lower() not in {n.lower() for n in entry.names}:
        # A spelling the entry does not list that the country table knows as a state's name or
        # capital is the state: "Sana’a" is Yemen's capital, not the news agency SANA.
        match = country_table.lookup(text)
        if match is not None:
            return country_identity(match.country.alpha3, match.via)
    if entry is not None:
        if entry.kind == "state" and entry.country:
            return country_identity(entry.country, "alias")
        if is_national_government(entry):
            # "the Iraqi government", "the Baghdad government": the state acting, as "Baghdad" is.
            ident = country_identity(entry.country, "alias")
            ident.kind = "government"
            return ident
        return Identity(f"kb:{entry.id}", entry.kind, entry.country, entry.name, entry.id, "name")
    match = country_table.lookup(text)
    if match is not None:
        return country_identity(match.country.alpha3, match.via)
    return metonym_identity(text, kb)


def metonym_identity(text: str, kb: Any) -> Identity:
    """Seats ("Erbil" for the KRG) and epithets ("the Zionist regime" for Israel)."""
    from hudhud.nlp.lexicon import load_yaml

    table = load_yaml("lexicon/metonyms.yml")
    folded = text.lower()
    for section, via in (("seats", "seat"), ("epithets", "alias")):
        for name, target in table[section].items():
            if name.lower() != folded:
                continue
            if target.startswith("country:"):
                return country_identity(target.split(":", 1)[1], via)
            entry = kb.get(target)
            if entry is not None:
                return Identity(f"kb:{entry.id}", entry.kind, entry.country, entry.name, entry.id, via)
    return Identity(None)


def is_national_government(entry: Any) -> bool:
    """The KB entry for a state's government as a whole (CAMEO code <ISO3>GOV, "... government")."""
    from hudhud.kb import countries as country_table

    if entry.kind != "government" or not entry.country:
        return False
    country = country_table.by_code(entry.country)
    if country is None:
        return False
    name = entry.name.lower()
    forms = {f.lower() for f in (country.name, *country.aliases, *country.demonyms)}
    return any(name in {f"{f} government", f"government of {f}"} for f in forms)


def country_identity(alpha3: str, via: str) -> Identity:
    from hudhud.kb import countries as country_table

    country = country_table.by_code(alpha3)
    name = country.name if country else alpha3
    return Identity(f"country:{alpha3}", "state", alpha3, name, None, via)


def find_mentions(doc: Any, kb: Any) -> list[Mention]:
    """Every actor, place and modifier mention of a parsed document, in text order.

    Fills: start, end, text, label, key, role, alias, kind, country, name, kb_id.
    """
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        start, end = trim_span(doc, ent.start, ent.end)
        if start >= end:
            continue
        if ent.label_ == "PERSON":
            start = skip_honorifics(doc, start, end)
        if start > 0 and doc[start - 1].lower_ in nouns("likeness_words"):
            continue  # "a second Israel", "another Vietnam": a comparison, not the actor
        if ent.label_ == "ORG" and end < len(doc) and doc[end].lower_ in nouns("org_suffix_nouns") \
                and doc[end - 1].head.i == end:
            end += 1  # "the Gorran movement": the noun belongs to the name
        text = doc[start:end].text
        if text.lower() in nouns("not_actor_words") or not any(c.isalpha() for c in text):
            continue
        if end - start == 1 and doc[start].lower_ in nouns("title_words"):
            continue  # "Supreme" of "Supreme Leader", tagged ORG
        if WEAPON_DESIGNATION.match(text):
            continue  # "B-1", "MQ-9", "F-35": aircraft, not actors
        ident = identify(text, ent.label_, ent.ent_id_, kb)
        facility = _facility_state(doc, start, end, ident)
        if facility is not None:
            # "the U.S. embassy in Baghdad": the state's mission stands for the state, as
            # "Iranian officials" do. Only a name of the state inside it ("U.S.") is an alias.
            state, name = facility
            mentions.append(Mention(start, end, name or text, ent.label_, state.key, "actor", name is not None,
                                    "state", state.country, state.name, None))
            continue
        mentions.append(_entity_mention(doc, start, end, text, ent.label_, ident))
    mentions.extend(missed_mentions(doc, kb, mentions))
    mentions.sort(key=lambda m: (m.start, -m.end))
    mentions.extend(nominal_mentions(doc, kb, mentions))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return _drop_nested(mentions)


def _facility_state(doc: Any, start: int, end: int, ident: Identity) -> tuple[Identity, str | None] | None:
    """The state whose embassy or consulate a phrase names ("the Turkish consulate in Mosul"),
    with the state's name when the phrase uses it ("U.S."; "Turkish" is no name). A KB entry
    for an embassy (CAMEO <ISO3>GOV) is the state's government too."""
    from hudhud.kb import countries as country_table

    span = doc[start:end]
    if span.root.lower_ not in nouns("facility_nouns"):
        return None
    for tok in span:
        if tok.i >= span.root.i:
            break  # "the embassy in Baghdad": the place after the noun is where, not whose
        match = country_table.lookup(tok.text)
        if match is not None:
            return (country_identity(match.country.alpha3, match.via),
                    None if match.via == "demonym" else tok.text)
    if ident.key and ident.kind == "government" and ident.country:
        return country_identity(ident.country, "alias"), None
    return None


def missed_mentions(doc: Any, kb: Any, mentions: list[Mention]) -> list[Mention]:
    """What the statistical NER missed: nationality words ("Iranian-backed") and
    known place names in a locative position ("the subdistrict of Mandali")."""
    from hudhud.kb import countries as country_table

    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in covered or not tok.text[:1].isupper() or tok.pos_ not in {"ADJ", "PROPN", "NOUN"}:
            i += 1
            continue
        # The longest run of capitalised words (with "al-" joins) starting here.
        j = i + 1
        while j < len(doc) and j not in covered and (doc[j].text[:1].isupper() or doc[j].text in {"-", "al", "el"}) \
                and doc[j].pos_ in {"PROPN", "PUNCT", "ADJ", "NOUN"} and j - i < 4:
            j += 1
        while j > i + 1 and doc[j - 1].text == "-":
            j -= 1
        text = doc[i:j].text
        match = country_table.lookup(text) if j == i + 1 else None
        if match is not None and i > 0 and doc[i - 1].lower_ not in nouns("likeness_words"):
            # (sentence-initial capitals are not evidence of a name; "a second Syria" is no actor)
            ident = country_identity(match.country.alpha3, match.via)
            out.append(_entity_mention(doc, i, j, text, "NORP" if match.via == "demonym" else "GPE", ident))
        elif i > 0 and tok.pos_ == "PROPN" and is_locative(doc, i, j) and _looks_like_place(text):
            out.append(Mention(i, j, text, "GPE", None, "place", False))
        i = j
    return out


def _entity_mention(doc: Any, start: int, end: int, text: str, label: str, ident: Identity) -> Mention:
    m = Mention(start, end, text, label, ident.key, "actor", True, ident.kind, ident.country,
                ident.name, ident.kb_id)
    if ident.via == "demonym":
        # "Iranian-backed", "Iraqi forces": a nationality, not a name of the state.
        m.role, m.alias = "modifier", False
        return m
    if ident.key and (ident.key.startswith("country:") or ident.via in {"capital", "seat"}):
        if is_locative(doc, start, end):
            m.role = "place"
        elif is_adjectival(doc, start, end):
            # "US Ambassador X", "U.S. support": the name itself still names the state.
            m.role = "modifier"
        return m
    if ident.key:  # a KB actor
        if ident.kind not in {"person"} and is_locative(doc, start, end) and label in {"GPE", "LOC", "FAC"}:
            m.role = "place"
        return m
    if label in {"GPE", "LOC", "FAC"}:
        m.role = "place"
        return m
    if label == "NORP" and is_locative(doc, start, end) and _looks_like_place(text):
        m.role, m.key = "place", None  # "the subdistrict of Mandali", tagged NORP
        return m
    if label == "NORP":
        head = doc[start:end].root
        if head.tag_ in {"NNPS", "NNS"} and not is_adjectival(doc, start, end):
            m.key, m.kind = f"group:{names.name_key(text)}", "group"  # "the Kurds"
        else:
            m.role, m.alias, m.key = "modifier", False, None  # "Kurdish", "Shiite"
        return m
    if label in {"ORG", "PERSON"} and is_locative(doc, start, end) and _looks_like_place(text):
        m.role = "place"  # the small model tags towns as ORG or PERSON ("near al-Qaim", "in Erbil")
        return m
    if label == "PERSON":
        m.key, m.kind = f"person:{names.name_key(text)}", "person"
    else:
        m.key, m.kind = f"org:{names.name_key(text)}", None
    return m


def _looks_like_place(text: str) -> bool:
    from hudhud.kb.gazetteer import Gazetteer

    return Gazetteer.default().is_place_name(text)


def _drop_nested(mentions: list[Mention]) -> list[Mention]:
    """Keep the outermost mention where two overlap ("Iranian" inside "Iranian military")."""
    kept: list[Mention] = []
    for m in mentions:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def nominal_mentions(doc: Any, kb: Any, entity_mentions: list[Mention]) -> list[Mention]:
    """Common-noun actors anchored on a named modifier.

    "the Iraqi government" / "the Baghdad government" (the state, a name of it),
    "Iranian officials" (the state, not a name), "Iraqi forces" (the state's
    military), "Gorran movement officials" / "P.M.F. forces" (the organisation).
    """
    by_token = {}
    for m in entity_mentions:
        for i in range(m.start, m.end):
            by_token[i] = m
    out: list[Mention] = []
    government, members, military = nouns("government_nouns"), nouns("state_member_nouns"), nouns("military_nouns")
    crowds = nouns("unnamed_group_nouns")
    roles = nouns("person_role_nouns")
    # Role nouns of the Phoenix agents dictionary that the lists above lack (kb.phoenix):
    # "Colombian legislators" act for the state, "Kenyan policemen" are its forces,
    # "Indian farmers" an unnamed group, only when a named modifier gives the country.
    agents = agent_nouns()
    members, military = members | agent_words("state"), military | agent_words("military")
    for tok in doc:
        word = tok.lower_
        if word in roles and tok.i not in by_token and tok.pos_ == "NOUN":
            m = _described_person(doc, tok, by_token)
            if m is not None:
                out.append(m)
            continue
        if word in crowds and tok.i not in by_token and tok.pos_ == "NOUN":
            m = _unnamed_group(doc, tok, by_token)
            if m is not None:
                out.append(m)
            continue
        if agents.get(word) in {"group", "militia"} and tok.i not in by_token and tok.pos_ == "NOUN":
            m = _unnamed_group(doc, tok, by_token) if _named_modifier(tok, by_token) else None
            if m is not None:
                m.kind = "militia" if agents[word] == "militia" else m.kind
                out.append(m)
            continue
        if word not in government | members | military or tok.i in by_token:
            continue
        if tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        anchor = _named_modifier(tok, by_token) or _seat_of_force(tok, by_token) or _demonym_modifier(tok)
        if anchor is None:
            # "Rebel forces seized …", "opposition troops": a side the text introduces; "the
            # paramilitary forces" refers back to one it named, and is left to coreference.
            definite = any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "some"} for c in tok.children)
            if word in military and not definite and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj"} and any(
                    c.dep_ in {"amod", "compound"} and c.lower_ in nouns("non_state_modifiers") for c in tok.children):
                m = _unnamed_group(doc, tok, by_token)
                if m is not None:
                    out.append(m)
            continue
        if any(c.lower_ in nouns("non_state_modifiers") for c in tok.children):
            continue  # "Iraqi militant leaders", "Shiite militia forces": not the state
        start = min(anchor.start, tok.i)
        start, end = trim_span(doc, start, tok.i + 1)
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of" and anchor.start > tok.i:
            start, end = trim_span(doc, tok.i, anchor.end)  # "the government of Iraq"
        text = doc[start:end].text
        ident = identify(text, "ORG", "", kb)
        if ident.key and not ident.key.startswith("country:"):
            out.append(Mention(start, end, text, "NOMINAL", ident.key, "actor", True, ident.kind,
                               ident.country, ident.name, ident.kb_id))
            continue
        if anchor.key is None:
            continue
        if word in government and anchor.kind == "person" and anchor.country:
            # "the government of Prime Minister Haider al-Abadi" is Iraq's government.
            out.append(Mention(start, end, text, "NOMINAL", f"country:{anchor.country}", "actor", False,
                               "government", anchor.country, None))
            continue
        if anchor.key.startswith("country:"):
            alpha3 = anchor.country
            if word in government:
                out.append(Mention(start, end, text, "NOMINAL", anchor.key, "actor", True, "government",
                                   alpha3, anchor.name))
            elif word in members:
                out.append(Mention(start, end, text, "NOMINAL", anchor.key, "actor", False, "state",
                                   alpha3, anchor.name))
            else:
                # "Iraqi forces", and "Turkish warplanes pounded …": the state's armed forces, which
                # GUIDELINES keeps apart from the state ("Iraq" and "the Iraqi army").
                out.append(Mention(start, end, text, "NOMINAL", f"military:{alpha3}", "actor", True,
                                   "military", alpha3, None))
        elif anchor.role != "place":
            # "Gorran movement officials", "P.M.F. forces": the organisation acting.
            out.append(Mention(start, end, text, "NOMINAL", anchor.key, "actor", False, anchor.kind,
                               anchor.country, anchor.name, anchor.kb_id))
    return out


def _described_person(doc: Any, tok: Any, by_token: dict[int, Mention]) -> Mention | None:
    """"the Kurdish head of the town's council": a person the text describes but does not name.

    Only as an argument, with its own "of" complement, and not in apposition to a name.
    """
    if tok.dep_ not in {"dobj", "nsubj", "nsubjpass", "pobj"} or any(c.dep_ == "appos" for c in tok.children):
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None or any(i in by_token for i in range(tok.i, of.right_edge.i + 1)):
        return None
    start = min([tok.i, *[c.left_edge.i for c in tok.lefts if c.dep_ in {"amod", "compound"}]])
    text = doc[start:of.right_edge.i + 1].text
    return Mention(start, of.right_edge.i + 1, text, "NOMINAL", f"person:{names.name_key(text)}", "actor", True,
                   "person", None)


def _unnamed_group(doc: Any, tok: Any, by_token: dict[int, Mention]) -> Mention | None:
    """"ISIS gunmen" (the group acting), "Iranian-backed Iraqi militia fighters",
    "protesters": an actor the text does not name, named by its description."""
    if tok.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"}:
        return None
    for child in tok.children:
        # "Militants of the Islamic State": the organisation acting.
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                m = by_token.get(pobj.i)
                if pobj.dep_ == "pobj" and m is not None and m.key and m.role == "actor" and m.kind != "person" \
                        and not m.key.startswith("country:"):
                    return Mention(tok.i, tok.i + 1, tok.text, "NOMINAL", m.key, "actor", False,
                                   m.kind, m.country, m.name, m.kb_id)
    for child in tok.children:
        m = by_token.get(child.i)
        if child.dep_ in {"compound", "nmod", "poss"} and m is not None and m.key and m.role == "actor" \
                and not m.key.startswith("country:"):
            return Mention(child.i, tok.i + 1, doc[child.i:tok.i + 1].text, "NOMINAL", m.key, "actor", False,
                           m.kind, m.country, m.name, m.kb_id)
    mods = [c for c in tok.lefts if c.dep_ in {"amod", "compound", "npadvmod", "nmod"}]
    start = min([tok.i, *[c.left_edge.i for c in mods]])
    while start < tok.i and (doc[start].pos_ in {"DET", "NUM"} or doc[start].lower_ in {"some", "several", "dozens", "hundreds", "thousands"}):
        start += 1
    text = doc[start:tok.i + 1].text
    # "Kenyan fishermen" are Kenyan; "Iranian-backed rebels" are not Iranian (the state hangs
    # on a participle: it backs them).
    country = next((by_token[i].country for i in range(start, tok.i) if i in by_token and by_token[i].country
                    and not _through_participle(doc[i], tok)), None)
    kind = "militia" if set(text.lower().split()) & nouns("armed_group_nouns") else "group"
    return Mention(start, tok.i + 1, text, "NOMINAL", f"group:{names.name_key(text)}", "actor", True, kind, country)


def _demonym_modifier(tok: Any) -> Mention | None:
    """A demonym the NER left untagged ("Azerbaijani troops", "Tajik soldiers"): the
    country table still knows it, and it names whose the force or body is."""
    from hudhud.kb import countries as country_table

    for child in tok.children:
        if child.dep_ in {"amod", "compound"} and child.i < tok.i and child.is_title:
            found = country_table.lookup(child.text)
            if found is not None and found.via in {"demonym", "name"}:
                alpha3 = found.country.alpha3
                return Mention(child.i, child.i + 1, child.text, "NORP", f"country:{alpha3}", "modifier", False,
                               "state", alpha3, found.country.name)
    return None


def _seat_of_force(tok: Any, by_token: dict[int, Mention]) -> Mention | None:
    """"Police in Dhaka", "troops in Mali": a force placed in a state's capital or territory is
    that state's, when nothing else names whose it is."""
    if tok.lower_ not in nouns("military_nouns"):
        return None
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for pobj in child.children:
                m = by_token.get(pobj.i)
                if pobj.dep_ == "pobj" and m is not None and (m.key or "").startswith("country:"):
                    return m
    return None


def _through_participle(mod: Any, head: Any) -> bool:
    """Whether a modifier reaches its noun through a participle ("Iranian-backed", "Hamas-led")."""
    node = mod
    for _ in range(4):
        if node.i == head.i or node.head.i == node.i:
            return False
        node = node.head
        if node.i != head.i and node.tag_ == "VBN":
            return True
    return False


def _named_modifier(tok: Any, by_token: dict[int, Mention]) -> Mention | None:
    """The named mention that modifies a noun: "Iraqi" forces, "Iran's" military, government "of Iraq"."""
    for child in tok.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"} and child.i in by_token:
            return by_token[child.i]
    if tok.lower_ in nouns("government_nouns"):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i in by_token:
                        return by_token[pobj.i]
    return None
