"""Whom an event is aimed at: the object or a listed preposition's object, or, when that
is a thing, whose it is ("condemned the Israeli strike" is aimed at Israel, "fired drones
at Saudi oil facilities" at Saudi Arabia, "flights to Erbil" at the KRG).
"""

from __future__ import annotations

from typing import Any

from hudhud.extract.coref import Coref
from hudhud.extract.events.actors import keys_of, modifier_key
from hudhud.extract.events.lexicon import Trigger
from hudhud.kb import countries as country_table
from hudhud.extract.phrases import np_key
from hudhud.extract.events.record import RULES
from hudhud.nlp.lexicon import load_yaml, word_set


def targets_of(tok: Any, trig: Trigger, coref: Coref, passive: bool) -> list[str]:
    if passive:
        for child in tok.children:
            if child.dep_ == "nsubjpass":
                found = keys_of(child, coref)
                # "X was killed ..., along with Y": Y shares X's fate.
                for prep in tok.subtree:
                    if prep.lower_ == "with" and prep.head.lower_ == "along":
                        found += [k for p in prep.children if p.dep_ == "pobj" for k in keys_of(p, coref) if k not in found]
                return found
    out: list[str] = []
    preps = [p for p in trig.targets if p != "dobj"]
    for child in tok.children:
        # "called Masoud Barzani, the president of the KRG, a puppet": the parser makes both
        # nouns predicates (oprd); the one that is not the insult is who is called it.
        second_predicate = child.dep_ == "oprd" and child.lemma_.lower() not in trig.objects \
            and child.lower_ not in trig.objects
        if "dobj" in trig.targets and (child.dep_ in {"dobj", "dative", "dep"} or second_predicate):
            if child.tag_ in {"WDT", "WP"} and tok.dep_ == "relcl":
                child = tok.head  # "the militia that Washington blamed": the antecedent
            keys = keys_of(child, coref) if np_key(child, coref) else []
            if not keys:
                # Whose the object is comes before whom it is aimed at: "condemned the offensive
                # against the Kurds" and "joined the campaign against the Houthis" are about the
                # offensive's and the campaign's owner.
                keys = (event_owner(child, coref) or _possessor(child, coref) or coref.owner_of(child)
                        or _keys_below(child, preps + ["of"], coref) or owner_modifier(child, coref)
                        or _user_of(child, coref))
            out.extend(k for k in keys if k not in out)
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    keys = keys_of(pobj, coref)
                    if not keys and child.lower_ in word_set(RULES, "strike_preps"):
                        keys = _place_authority(pobj, coref)  # "fired rockets at Israel"
                    # "protested against the referendum", "will respond to any aggression by Israel",
                    # "fired missiles at bases that house American troops"
                    keys = keys or coref.owner_of(pobj) or event_owner(pobj, coref) or _user_of(pobj, coref)
                    if not keys and child.lower_ in word_set(RULES, "owner_preps"):
                        keys = owner_modifier(pobj, coref)  # "drones at Saudi oil facilities"
                    out.extend(k for k in keys if k not in out)
    if not out and (tok.dep_ == "relcl" or tok.dep_ == "acl" and tok.tag_ == "VBD") and "dobj" in trig.targets and not any(
            c.dep_ in {"dobj", "nsubjpass"} for c in tok.children):
        out.extend(keys_of(tok.head, coref))  # "the militia Washington blamed": the noun is the object
    if not out and trig.deep_against:
        for t in tok.subtree:  # "marched ..., chanting slogans against the United States"
            if t.lower_ == "against" and t.dep_ == "prep":
                out.extend(k for p in t.children if p.dep_ == "pobj" for k in keys_of(p, coref) if k not in out)
    if not out and trig.objects:
        # "imposed sanctions on Iran", "launched war games near X": the object's preposition.
        for child in tok.children:
            if child.dep_ == "dobj":
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in preps:
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                # "launched an attack on Iran's nuclear sites": whose the sites are.
                                found = (keys_of(pobj, coref) or coref.owner_of(pobj) or _possessor(pobj, coref)
                                         or owner_modifier(pobj, coref))
                                out.extend(k for k in found if k not in out)
    if not out and "dobj" in trig.targets:
        # Object control: "urged Baghdad to act", "helping Baghdad to take control".
        for child in tok.children:
            infinitive = any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
            if child.dep_ in {"ccomp", "xcomp"} and infinitive:
                subj = next((g for g in child.children if g.dep_ == "nsubj"), None)
                if subj is not None:
                    # "will not allow a scenario of the Zionist regime to materialize"
                    found = keys_of(subj, coref) or coref.owner_of(subj)
                    out.extend(k for k in found if k not in out)
    if not out:
        out = _complement_targets(tok, coref)
    return out


def _complement_targets(tok: Any, coref: Coref) -> list[str]:
    """Whom the intended act is aimed at, for a verb whose object is an act: "vowed to punish
    Togo", "threatened to strike Seoul", "pledged to help Bolivia" are aimed at the object of
    the infinitive. Only the infinitive of the verb's own subject (no "urged X to …", whose
    target is X) and only its object or a preposition naming whom it is against."""
    preps = set(load_yaml("lexicon/events.yml")["complement_target_preps"])
    out: list[str] = []
    for child in tok.children:
        infinitive = any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
        if child.dep_ != "xcomp" or not infinitive or any(g.dep_ == "nsubj" for g in child.children):
            continue
        for obj in child.children:
            if obj.dep_ in {"dobj", "dative"}:
                # "attack Armenian positions", "strike Iran's bases"; not "suspend its offensive",
                # whose possessor is the subject itself.
                own = any(g.dep_ == "poss" and g.pos_ == "PRON" for g in obj.children)
                found = keys_of(obj, coref) or ([] if own else _possessor(obj, coref) or owner_modifier(obj, coref))
            elif obj.dep_ == "prep" and obj.lower_ in preps:
                found = [k for p in obj.children if p.dep_ == "pobj" for k in keys_of(p, coref)]
            else:
                continue
            out.extend(k for k in found if k not in out)
    return out


def event_owner(tok: Any, coref: Coref) -> list[str]:
    """"condemned the Israeli strike on Damascus": the target is who struck, not where."""
    refs = load_yaml("lexicon/events.yml")["event_reference_nouns"]
    if not any(tok.lower_ in words for words in refs.values()):
        return []
    owners = []
    for child in tok.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            key = coref.key_at(child) or modifier_key(child, coref)
            if key and key not in owners:
                owners.append(key)
        elif child.dep_ in {"prep", "agent"} and child.lower_ == "by" and not owners:
            # "any aggression by Israel", "the attack by Iraqi forces"
            owners += [k for p in child.children if p.dep_ == "pobj" for k in keys_of(p, coref)]
    return owners


def owner_modifier(tok: Any, coref: Coref) -> list[str]:
    """"stormed the Turkish consulate", "shelled Peshmerga positions": whose the object is."""
    out = []
    # "a Kyrgyz border post": the owner may modify the compound that modifies the head.
    mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"}]
    mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ in {"amod", "compound"}]
    for child in mods:
        m = coref.mention_at(child)
        # "a U.S. base": the name is read as a place, but the base is the state's.
        key = m.key if m is not None and m.key else None
        if key is None and child.is_title and child.i < tok.i:
            # A demonym the NER left untagged: "a Kyrgyz border post" is Kyrgyzstan's.
            found = country_table.lookup(child.text)
            key = f"country:{found.country.alpha3}" if found is not None and found.via == "demonym" else None
        if key and key not in out:
            out.append(key)
    return out


def _user_of(tok: Any, coref: Coref) -> list[str]:
    """"sites used by the IRGC", "bases belonging to Kataib Hezbollah", "bases that house
    American troops"."""
    # The parser often hangs "that house ..." on an earlier noun; what follows the phrase
    # directly is about it ("missiles at two bases in Iraq that house American troops").
    after = [t for t in tok.sent if t.dep_ == "relcl" and t.left_edge.i == tok.right_edge.i + 1]
    for child in [*tok.children, *after]:
        if child.dep_ == "relcl" and child.lemma_.lower() in word_set(RULES, "hosting_verbs"):
            for obj in child.children:
                if obj.dep_ == "dobj" and keys_of(obj, coref):
                    return keys_of(obj, coref)
        if child.dep_ in {"acl", "relcl"}:
            for grand in child.children:
                if grand.dep_ in {"agent", "prep"} and grand.lower_ in {"by", "to"}:
                    for pobj in grand.children:
                        if pobj.dep_ == "pobj":
                            keys = keys_of(pobj, coref)
                            if keys:
                                return keys
    return []


def complement_subjects(tok: Any, coref: Coref, sources: list[str]) -> list[str]:
    """"warned that the United States would pay", "vowed that Israel's crime would not go
    unanswered": the warning is aimed at the complement's subject (or its possessor)."""
    for child in tok.children:
        if child.dep_ != "ccomp":
            continue
        subj = next((g for g in child.children if g.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None:
            continue
        own = {coref.countries.get(k) for k in sources} - {None}
        # "his forces", "our men": the speaker's own side, not the one warned.
        own_side = any(c.dep_ == "poss" and coref.key_at(c) in sources for c in subj.children)
        keys = [] if own_side else [
            k for k in (keys_of(subj, coref) or _possessor(subj, coref))
            if k not in sources and coref.countries.get(k) not in own]  # not the speaker's own side
        if keys:
            return keys
        # "warned that his forces would not allow it to happen / allow Barzani to create …":
        # the speaker's side acts, and the warning is aimed at what it acts on.
        for obj in child.children:
            if obj.dep_ == "dobj":
                found = keys_of(obj, coref) or coref.owner_of(obj)
            elif obj.dep_ in {"ccomp", "xcomp"}:
                inner = next((g for g in obj.children if g.dep_ == "nsubj"), None)
                found = (keys_of(inner, coref) or coref.owner_of(inner)) if inner is not None else []
            elif obj.dep_ == "prep" and obj.lower_ in word_set(RULES, "complement_preps"):
                # "vowed that it would respond to any Israeli aggression"
                found = [k for p in obj.children if p.dep_ == "pobj"
                         for k in (keys_of(p, coref) or coref.owner_of(p) or event_owner(p, coref))]
            else:
                continue
            found = [k for k in found if k not in sources]
            if found:
                return found
    return []


def _possessor(tok: Any, coref: Coref) -> list[str]:
    """"supported K.R.G.'s decision", "denounced Iran's plan": the possessor is the target."""
    for child in tok.children:
        if child.dep_ == "poss":
            return keys_of(child, coref)
    return []


def _keys_below(tok: Any, preps: list[str], coref: Coref) -> list[str]:
    """"threatened violence against X", "halted flights to and from Erbil"."""
    for child in tok.children:
        if child.dep_ == "prep" and (child.lower_ in preps or child.lower_ in {"from", "to"}):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    keys = keys_of(pobj, coref) or owner_modifier(pobj, coref)
                    if not keys and child.lower_ in {"to", "from"}:
                        keys = _place_authority(pobj, coref)  # "flights to Erbil", not "a base in Syria"
                    keys = keys or coref.owner_of(pobj)  # "support for Kurdish independence"
                    if keys:
                        return keys
            for grand in child.children:  # "to and from Erbil"
                if grand.dep_ == "conj" and grand.pos_ == "ADP":
                    keys = _keys_below(grand.head, preps, coref) if grand.head.i != child.i else []
                    for pobj in grand.children:
                        if pobj.dep_ == "pobj":
                            keys = keys_of(pobj, coref) or _place_authority(pobj, coref)
                    if keys:
                        return keys
    return []


def _place_authority(tok: Any, coref: Coref) -> list[str]:
    """A place that stands for its government ("flights to Erbil" hit the KRG)."""
    m = coref.mention_at(tok)
    if m is not None and m.key and m.role == "place":
        return [m.key]
    return []
