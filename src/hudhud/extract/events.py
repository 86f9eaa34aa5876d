"""Events: who did what to whom, coded to PLOVER types and CAMEO codes.

A trigger (a verb or noun of data/lexicon/events.yml) fires over the dependency
parse. The subject or "by" agent is the source, the object or a listed
preposition's object the target; conjoined actors give one event each
("Iran and Turkey condemned ..."). Modality is handled the PLOVER way: a
negated trigger codes nothing unless its entry says what refusal means ("will
not allow" = REJECT); a future or hypothetical attack is a THREATEN; an event
nested under "denied", "plans to" or "vowed to" is not coded (the outer verb
is the event).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from hudhud.extract.event_attributes import STATEMENT_ROOTS
from hudhud.extract.coref import Coref
from hudhud.nlp.lexicon import load_yaml

DEFAULT_TARGETS = ("dobj", "against", "on", "at", "to", "with", "for")
SUBJECTS = {"nsubj", "csubj"}
QUOTE_MARKS = {'"', "“", "”", "‘", "’", "''", "``", "«", "»"}


@dataclass(frozen=True)
class Trigger:
    lemmas: frozenset[str]
    type: str | None
    cameo: str
    prep: str | None = None
    objects: frozenset[str] = frozenset()
    targets: tuple[str, ...] = DEFAULT_TARGETS
    negated: str | None = None
    modal: str | None = None
    modal_only: bool = False
    requires_target: bool = False
    crowd: str | None = None  # the type when a crowd is the subject ("protesters stormed")
    modifiers: frozenset[str] = frozenset()  # a noun's modifier must be one of these
    speaker_source: bool = False  # "They will pay a heavy price": the speaker threatens the subject
    claims: bool = False  # "X claimed the attack": X did what the earlier event did
    deep_against: bool = False  # "marched ..., chanting slogans against X": "against" anywhere in the clause
    mutual: bool = False  # "X and Y signed a pact": each acts on the other
    asks: bool = False  # a that-clause must ask, not assert ("insisted that it had been paused")
    unless: frozenset[str] = frozenset()  # words among the trigger's children that cancel it
    needs_object: bool = False  # "Jansen asked." is a question, "asked Iraq to act" a request
    needs_conflict: bool = False  # with no target, a warning must be about force, not the weather
    active_only: bool = False  # "the furnaces are equipped with doors": no agent, no act
    workers: str | None = None  # the type when workers are the subject ("crew are preparing to strike")
    gerund_ok: bool = False  # an -ing clause stands in for the object list ("committed to opening up")
    sources: tuple[str, ...] = ()
    name: str = ""


@dataclass
class RawEvent:
    source: str
    target: str | None
    type: str
    cameo: str
    trigger: int  # token index
    start: int  # evidence token span
    end: int
    pattern: str
    reported_by: str | None = None
    extra: dict = field(default_factory=dict)


@functools.lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, list[Trigger]], dict[str, list[Trigger]], dict, frozenset[str], frozenset[str]]:
    data = load_yaml("lexicon/events.yml")

    def build(entries: list[dict], kind: str) -> dict[str, list[Trigger]]:
        index: dict[str, list[Trigger]] = {}
        for e in entries:
            lemmas = e["lemma"] if isinstance(e["lemma"], list) else [e["lemma"]]
            trig = Trigger(
                lemmas=frozenset(lemmas), type=e.get("type"), cameo=str(e["cameo"]), prep=e.get("prep"),
                objects=frozenset(e.get("object", [])), targets=tuple(e.get("target", DEFAULT_TARGETS)),
                negated=e.get("negated"), modal=e.get("modal"), modal_only=bool(e.get("modal_only")),
                requires_target=bool(e.get("requires_target")), crowd=e.get("crowd"),
                modifiers=frozenset(e.get("modifier", [])),
                speaker_source=bool(e.get("speaker_source")), claims=bool(e.get("claims")),
                deep_against=bool(e.get("deep_against")), mutual=bool(e.get("mutual")), asks=bool(e.get("asks")),
                unless=frozenset(e.get("unless", [])), needs_object=bool(e.get("needs_object")),
                needs_conflict=bool(e.get("needs_conflict")), active_only=bool(e.get("active_only")),
                workers=e.get("workers"), gerund_ok=bool(e.get("gerund_ok")),
                sources=tuple(e.get("source", ())),
                name=f"{kind}:{'/'.join(lemmas[:2])}" + (f"+{e['prep']}" if e.get("prep") else "")
                + (f"+obj({next(iter(e['object']))}...)" if e.get("object") else ""),
            )
            for lemma in lemmas:
                index.setdefault(lemma, []).append(trig)
        for triggers in index.values():  # specific patterns first
            triggers.sort(key=lambda t: -(bool(t.prep) + bool(t.objects) + bool(t.modifiers)))
        return index

    return (build(data["verbs"], "verb"), build(data["nouns"], "noun"), data["copular_accusation"],
            frozenset(data["suppressing_heads"]), frozenset(data["modal_auxiliaries"]))


def inflection_bases(word: str) -> list[str]:
    """Base forms a verb form may have: the small model's lemmatizer misses some
    ("waged" -> "wag", "staged" -> "stag")."""
    out = []
    for end, add in (("ed", ""), ("d", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("s", ""), ("es", "")):
        if word.endswith(end) and len(word) > len(end) + 2:
            out.append(word[: -len(end)] + add)
    return out


def conjuncts(tok: Any) -> list[Any]:
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


def keys_of(tok: Any, coref: Coref) -> list[str]:
    """Actor keys of a phrase and its conjuncts ("Tehran, Baghdad and the community")."""
    from hudhud.extract.affiliations import np_key

    if tok.lower_ in {"they", "we"} and tok.dep_ in SUBJECTS and tok.head.dep_ == "ccomp":
        # "Egypt, Jordan and Sudan said they were ready": all of those who said it.
        speech = tok.head.head
        said_by = next((c for c in speech.children if c.dep_ in SUBJECTS and c.i != tok.i), None)
        lo, hi = sorted((tok.i, speech.i))
        quoted = any(t.text in QUOTE_MARKS for t in tok.doc[lo:hi])  # in a quotation "they" is others
        if said_by is not None and said_by.pos_ != "PRON" and not quoted \
                and speech.lemma_.lower() in _speech_lemmas():
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
    from hudhud.nlp.lexicon import nouns

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


def _speech_lemmas() -> frozenset[str]:
    from hudhud.extract.quotes import speech_verbs

    return speech_verbs()


def _demonym_key(tok: Any) -> str | None:
    from hudhud.kb import countries

    match = countries.lookup(tok.text)
    return f"country:{match.country.alpha3}" if match is not None and match.via == "demonym" else None


def _np(tok: Any, coref: Coref) -> str | None:
    from hudhud.extract.affiliations import np_key

    return np_key(tok, coref)


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
                if child.dep_ == "prep" and child.lower_ in {"in", "during", "by"}:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            owners = [coref.key_at(c) or _modifier_key(c, coref) for c in pobj.children
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


def _modifier_key(tok: Any, coref: Coref) -> str | None:
    m = coref.mention_at(tok)
    return m.key if m is not None and m.key and m.role != "place" else None


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


#: Types whose future or hypothetical form is a promise (PLOVER AGREE: intent to cooperate).
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"}
#: Types whose future or hypothetical form is a threat.
CONFLICTUAL = {"REJECT", "SANCTION", "COERCE", "MOBILIZE", "PROTEST", "ASSAULT"}
#: Types that are speech acts already: their tense does not change them.
VERBAL = {"REQUEST", "ACCUSE", "THREATEN"}


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
    if etype in VERBAL:
        return etype, cameo
    if etype in CONFLICTUAL or is_conditional(tok):
        return "THREATEN", "130"
    if etype in COOPERATIVE:
        return "AGREE", "030"
    return etype, cameo


def is_conditional(verb: Any, markers: tuple[str, ...] = ("unless",)) -> bool:
    """"will withdraw unless ...": a condition makes a promise a threat ("would meet him if
    ..." stays an offer; for conflictual acts any condition is a threat)."""
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in markers for g in c.children)
               for c in verb.children)


def is_negated(verb: Any) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in verb.children):
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
    if nested_type in CONFLICTUAL:
        return "THREATEN", "130"
    if nested_type in COOPERATIVE:
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


def match_trigger(tok: Any, triggers: list[Trigger]) -> Trigger | None:
    for trig in triggers:
        # "pulled back", "called off": the parser tags the particle prt or advmod.
        if trig.prep and not any(c.lower_ == trig.prep and c.dep_ in {"prep", "prt", "advmod"} for c in tok.children):
            # An exclusion ("condemned to defeat": no event) also holds when the parser hangs
            # the preposition elsewhere but it follows the verb.
            follows = tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == trig.prep
            if not (trig.type is None and trig.negated is None and follows):
                continue
        if trig.objects:
            objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass", "oprd", "attr", "acomp", "ccomp"}]
            objs += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            objs += [g for o in list(objs) for g in o.children if g.dep_ in {"compound", "oprd", "amod"}]  # "Operation Peace Spring"
            # "called X, the president of Y, a puppet": the parser hangs the predicate on X
            apposed = [g for o in objs if o.dep_ in {"dobj", "oprd"} for g in o.children if g.dep_ == "appos"]
            objs += apposed + [g for a in apposed for g in a.children if g.dep_ == "appos"]
            objs += [g for o in list(objs) if o.lower_ in _QUANTITY_NOUNS for p in o.children
                     if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]  # "hundreds of strikes"
            objs += [c for c in tok.children if c.dep_ in {"prt", "advmod"}]  # "took over"
            gerund = any(g.dep_ == "pcomp" and g.tag_ == "VBG" for c in tok.children if c.dep_ == "prep"
                         for g in c.children)  # "is committed to opening up the economy"
            if not any(o.lemma_.lower() in trig.objects or o.lower_ in trig.objects for o in objs) \
                    and not (trig.gerund_ok and gerund):
                continue
        if trig.asks and _asserts(tok):
            continue
        near = [*tok.children, *(g for c in tok.children if c.dep_ == "prep" for g in c.children)]
        if trig.unless and any(c.lower_ in trig.unless for c in near):
            continue  # "narrowly beat", "fought the project in court"
        if trig.needs_object and not any(
                c.dep_ in {"dobj", "xcomp", "dative"} or (c.dep_ == "prep" and c.lower_ == "for")
                or (c.dep_ == "ccomp" and not any(m.lower_ in {"if", "whether"} for m in c.children))
                for c in tok.children):
            continue  # "Jansen asked.", "asked if the army will move", "ask about Putin"
        if trig.active_only and any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children) \
                and not any(c.dep_ == "agent" for c in tok.children):
            continue
        return trig
    return None


_QUANTITY_NOUNS = frozenset({"hundreds", "dozens", "thousands", "scores", "series", "wave", "waves", "spate",
                             "string", "salvo", "volley", "round", "rounds", "number", "couple", "barrage"})


def _asserts(tok: Any) -> bool:
    """Is the verb's that-clause a statement of fact ("had been paused", "was illegal") rather
    than a demand ("that Turkey withdraw", "that the embassy be shut")?"""
    for clause in (c for c in tok.children if c.dep_ == "ccomp"):
        if clause.tag_ in {"VBD", "VBZ"}:
            return True
        if any(a.dep_ in {"aux", "auxpass"} and a.lower_ in {"had", "has", "have", "was", "were", "is", "are"}
               for a in clause.children):
            return True
    return False


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
            keys = keys_of(child, coref) if _np(child, coref) else []
            if keys and trig.type == "ASSAULT" and _counted_victims(child, keys):
                continue  # "killed at least 25 fighters": a toll (see casualties), not who was attacked
            if not keys:
                # Whose the object is comes before whom it is aimed at: "condemned the offensive
                # against the Kurds" and "joined the campaign against the Houthis" are about the
                # offensive's and the campaign's owner.
                keys = (_event_owner(child, coref) or _possessor(child, coref) or coref.owner_of(child)
                        or _keys_below(child, preps + ["of"], coref) or _owner_modifier(child, coref)
                        or _user_of(child, coref))
            out.extend(k for k in keys if k not in out)
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    keys = keys_of(pobj, coref)
                    if not keys and child.lower_ in {"at", "on", "against", "into", "toward", "towards"}:
                        keys = _place_authority(pobj, coref)  # "fired rockets at Israel"
                    # "protested against the referendum", "will respond to any aggression by Israel",
                    # "fired missiles at bases that house American troops"
                    keys = keys or coref.owner_of(pobj) or _event_owner(pobj, coref) or _user_of(pobj, coref)
                    if not keys and child.lower_ in {"at", "on", "against"}:
                        keys = _owner_modifier(pobj, coref)  # "drones at Saudi oil facilities"
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
                                found = keys_of(pobj, coref) or coref.owner_of(pobj)
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
    return out


def _counted_victims(tok: Any, keys: list[str]) -> bool:
    """"25 fighters", "55 others", "dozens of civilians": people counted, no named actor."""
    named = any(k.startswith(("kb:", "country:")) for k in keys)
    counted = tok.lower_ == "others" or any(c.dep_ == "nummod" for c in tok.children)
    return counted and not named


def _event_owner(tok: Any, coref: Coref) -> list[str]:
    """"condemned the Israeli strike on Damascus": the target is who struck, not where."""
    refs = load_yaml("lexicon/events.yml")["event_reference_nouns"]
    if not any(tok.lower_ in words for words in refs.values()):
        return []
    owners = []
    for child in tok.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            key = coref.key_at(child) or _modifier_key(child, coref)
            if key and key not in owners:
                owners.append(key)
        elif child.dep_ in {"prep", "agent"} and child.lower_ == "by" and not owners:
            # "any aggression by Israel", "the attack by Iraqi forces"
            owners += [k for p in child.children if p.dep_ == "pobj" for k in keys_of(p, coref)]
    return owners


def _owner_modifier(tok: Any, coref: Coref) -> list[str]:
    """"stormed the Turkish consulate", "shelled Peshmerga positions": whose the object is."""
    out = []
    for child in tok.children:
        if child.dep_ in {"amod", "compound", "nmod"}:
            m = coref.mention_at(child)
            # "a U.S. base": the name is read as a place, but the base is the state's.
            key = m.key if m is not None and m.key else None
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
        if child.dep_ == "relcl" and child.lemma_.lower() in {"house", "host", "station", "shelter"}:
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


def _complement_subjects(tok: Any, coref: Coref, sources: list[str]) -> list[str]:
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
            elif obj.dep_ == "prep" and obj.lower_ in {"against", "to", "on", "at"}:
                # "vowed that it would respond to any Israeli aggression"
                found = [k for p in obj.children if p.dep_ == "pobj"
                         for k in (keys_of(p, coref) or coref.owner_of(p) or _event_owner(p, coref))]
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
                    keys = keys_of(pobj, coref) or _owner_modifier(pobj, coref)
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


def extract_events(doc: Any, coref: Coref, quote_speakers: dict[int, str]) -> list[RawEvent]:
    """Every coded event of a parsed document. `quote_speakers` maps tokens inside a
    quotation to its speaker, who is the source of "we"/"I" events and of accusations."""
    from hudhud.extract.initiatives import initiative_owners

    verbs, noun_triggers, copular, suppressing, modals = lexicon()
    coref.owners = initiative_owners(doc, coref)
    events: list[RawEvent] = []
    used: set[int] = set()
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} and lemma not in verbs:
            lemma = next((w for w in inflection_bases(tok.lower_) if w in verbs), lemma)
        if tok.pos_ in {"VERB", "AUX"} and lemma in verbs:
            trig = match_trigger(tok, verbs[lemma])
            if trig is not None:
                events.extend(_verb_events(doc, tok, trig, coref, suppressing, modals, quote_speakers, used))
        elif tok.pos_ in {"AUX", "VERB"} and lemma == "be":
            events.extend(_copular(doc, tok, copular, coref, quote_speakers))
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and tok.i not in used and (lemma in noun_triggers or tok.lower_ in noun_triggers):
            trig = match_noun_trigger(tok, noun_triggers.get(lemma) or noun_triggers.get(tok.lower_))
            if trig is not None:
                events.extend(_noun_events(doc, tok, trig, coref, quote_speakers))
    events.extend(_obligations(doc, coref, quote_speakers))
    events.extend(_imputed_aims(doc, coref, events))
    _resolve_references(doc, events, coref)
    return _dedupe(events)


def _obligations(doc: Any, coref: Coref, quote_speakers: dict[int, str]) -> list[RawEvent]:
    """"X said Y should act", "“The Iraqi government should act …,” X said": X appeals to Y."""
    words = load_yaml("lexicon/events.yml")["obligation"]
    out = []
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX"}:
            continue
        if not any(c.dep_ == "aux" and c.lower_ in words["auxiliaries"] for c in tok.children):
            continue
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or (subj.pos_ == "PRON" and subj.lower_ in {"we", "i", "you", "us"}):
            continue
        addressees = keys_of(subj, coref)
        speaker = quote_speakers.get(tok.i) or _reporter(tok, coref, addressees)
        if not speaker:
            continue
        start, end = _clause_span(doc, tok)
        out.extend(RawEvent(speaker, a, "REQUEST", str(words["cameo"]), tok.i, start, end, "modal:should")
                   for a in addressees if a != speaker)
    return out


def _imputed_aims(doc: Any, coref: Coref, found: list[RawEvent]) -> list[RawEvent]:
    """"They argued that Israel, with U.S. support, aims to create a client state": to impute
    a hostile aim is to accuse whoever is said to pursue it, and whoever is said to back them.
    An aim the coder reads as cooperative ("wants to hold talks") accuses no one."""
    words = load_yaml("lexicon/events.yml")["imputed_aims"]
    friendly = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
    out = []
    for tok in doc:
        head = tok.head
        if tok.dep_ != "ccomp" or tok.lemma_.lower() not in words["aims"] \
                or head.lemma_.lower() not in words["speech"]:
            continue
        inside = {t.i for t in tok.subtree}
        if any(e.trigger in inside and e.type in friendly for e in found):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        sources, _ = subject_of(head, coref)
        accused = keys_of(subj, coref)
        for node in (subj, tok):  # "Israel, with U.S. support, aims": the backer too
            for prep in node.children:
                if prep.dep_ == "prep" and prep.lower_ == "with":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and pobj.lemma_.lower() in words["backing"]:
                            accused += [k for k in _owner_modifier(pobj, coref) if k not in accused]
        start, end = _clause_span(doc, head)
        out.extend(RawEvent(s, a, "ACCUSE", str(words["cameo"]), head.i, start, end, "imputed-aim")
                   for s in sources for a in accused if a != s)
    return out


def _resolve_references(doc: Any, events: list[RawEvent], coref: Coref) -> None:
    """Fill a missing target from the event its object refers to ("condemned the strikes")."""
    refs = load_yaml("lexicon/events.yml")["event_reference_nouns"]
    ref_type = {w: t for t, words in refs.items() for w in words}
    events.sort(key=lambda e: e.trigger)
    for n, e in enumerate(events):
        if e.target is not None:
            continue
        trigger = doc[e.trigger]
        for tok in trigger.subtree:
            if tok.i == trigger.i or tok.pos_ != "NOUN" or tok.lower_ not in ref_type:
                continue
            if trigger.i not in {tok.head.i, tok.head.head.i, tok.head.head.head.i}:
                continue  # only the trigger's object, or a complement of it ("a halt to the strikes")
            wanted = ref_type[tok.lower_]
            earlier = [p for p in events[:n] if p.type == wanted and p.source != e.source]
            same = [p for p in earlier if _family(doc[p.trigger].lemma_) == _family(tok.lemma_)]
            if same or earlier:
                ref = (same or earlier)[-1]
                # "X claimed the attack": X did it to its target; "X condemned the attack": aimed at its author.
                e.target = ref.target if e.pattern.startswith("verb:claim") else ref.source
                e.pattern += f"+ref({tok.lower_})"
            break


def _family(lemma: str) -> str:
    """Attacks from the air and attacks on the ground are told apart when referring back."""
    families = load_yaml("lexicon/events.yml")["reference_families"]
    lemma = lemma.lower()
    return next((name for name, words in families.items() if lemma in words), lemma)


def _verb_events(doc, tok, trig, coref, suppressing, modals, quote_speakers, used) -> list[RawEvent]:
    if _is_obligation(tok):
        return []  # "Y must withdraw": the appeal is the event (see _obligations)
    if is_suppressed(tok, suppressing):
        used.update(c.i for c in tok.children if c.dep_ == "dobj")  # "agreed to suspend its offensive"
        intent = intention(tok, trig.type or "")
        if intent is None or (trig.workers and _is_workers(tok)):
            return []  # (workers preparing to strike are no army preparing an attack)
        sources, _ = subject_of(tok.head, coref)
        targets = targets_of(tok, trig, coref, False) or [None]
        start, end = _clause_span(doc, tok.head)
        return [RawEvent(s, t, intent[0], intent[1], tok.head.i, start, end, f"intent:{tok.head.lemma_.lower()}+{trig.name}")
                for s in sources for t in targets if s != t]
    coded = modality(tok, trig, modals)
    if coded is None:
        return []
    etype, cameo = coded
    subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    owners: list[str] = []
    if subject is not None and subject.lemma_.lower() in attack_nouns():
        # "a U.S. drone strike took the life of X": the strike's owner did it, to the object.
        owners = _event_owner(subject, coref)
        if not owners or not trig.type == "ASSAULT":
            return []
        used.add(subject.i)
    if trig.crowd and subject is not None and _is_crowd(subject):
        etype, cameo = trig.crowd, "145"
    if trig.workers and _is_workers(tok):
        etype, cameo = trig.workers, "143"  # a labour strike
    sources, passive = subject_of(tok, coref)
    if passive and _stative(tok):
        # "The United States is opposed to the referendum", "Turkey is committed to the truce":
        # an adjective, not a passive; the subject holds the stance toward the "to" object.
        subject = next(c for c in tok.children if c.dep_ == "nsubjpass")
        sources, passive = keys_of(subject, coref), False
    if owners:
        sources, passive = owners, False
    if trig.speaker_source:
        # "They will pay a heavy price," X said: X threatens them.
        speaker = quote_speakers.get(tok.i) or _reporter(tok, coref, [])
        if not speaker:
            return []
        start, end = _clause_span(doc, tok)
        return [RawEvent(speaker, t, etype, cameo, tok.i, start, end, trig.name) for t in (sources or [None])
                if t != speaker]
    if etype == "SUPPORT" and (passive or _describes(tok)):
        # "X is backed by Iran", "a militia allied with Tehran", "Washington, which has backed
        # Baghdad": a standing relation (an affiliation), not something done on a day.
        return []
    if not sources and tok.i in quote_speakers and (passive or _first_person_subject(tok)):
        # "We will expand our cooperation", "he will be confronted": the speaker's own act or threat.
        sources = [quote_speakers[tok.i]]
    if etype != trig.type or _is_future(tok):
        # A promise or threat said for the speaker's state is the speaker's.
        sources = _spokesman(tok, coref, quote_speakers, sources)
    elif cameo[:2] in STATEMENT_ROOTS and tok.i in quote_speakers:
        # So is a stance in the speaker's own words ("The United States is opposed to …");
        # what the state did (an attack), or did with others, stays theirs.
        sources = _spokesman(tok, coref, quote_speakers, sources, joint_only=True)
    if not sources:
        return []
    targets = targets_of(tok, trig, coref, passive)
    if not targets and etype in {"THREATEN", "ACCUSE", "REQUEST"}:  # "demanded that X leave"
        targets = _complement_subjects(tok, coref, sources)
    if not targets and tok.dep_ == "acl" and etype == "ASSAULT":
        return []  # "a group fighting in Iraq": a description, not an event
    if not targets and trig.mutual and len(sources) >= 2 and not passive:
        targets = list(sources)  # "the United States and Turkey have agreed to a ceasefire"
    targets = targets or [None]
    if trig.requires_target and targets == [None]:
        return []
    if trig.needs_conflict and targets == [None] and not _about_force(tok):
        return []  # "warned of freezing drizzle", "warned that there would be delays"
    for child in tok.children:
        if child.dep_ in {"dobj", "prep"}:
            used.add(child.i)
            used.update(g.i for g in child.children if g.dep_ == "pobj")
    reporter = _reporter(tok, coref, sources)
    start, end = _clause_span(doc, tok)
    return [RawEvent(s, t, etype, cameo, tok.i, start, end, trig.name, reporter)
            for s in sources for t in targets if s != t]


@functools.lru_cache(maxsize=1)
def attack_nouns() -> frozenset[str]:
    return frozenset(load_yaml("lexicon/events.yml")["event_reference_nouns"]["ASSAULT"])


@functools.lru_cache(maxsize=1)
def _crowd_nouns() -> frozenset[str]:
    return frozenset(load_yaml("lexicon/events.yml")["crowd_nouns"])


def _is_workers(verb: Any) -> bool:
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


def _is_crowd(tok: Any) -> bool:
    """"protesters", "hundreds of protesters", "a crowd of mourners"."""
    if tok.lemma_.lower() in _crowd_nouns() or tok.lower_ in _crowd_nouns():
        return True
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return any(_is_crowd(p) for p in child.children if p.dep_ == "pobj")
    return False


@functools.lru_cache(maxsize=1)
def _force_words() -> frozenset[str]:
    data = load_yaml("lexicon/events.yml")
    hostile = {"THREATEN", "ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
    words = {str(w).lower() for e in data["verbs"] if e.get("type") in hostile or e.get("modal") == "THREATEN"
             for w in (e["lemma"] if isinstance(e["lemma"], list) else [e["lemma"]])}
    words |= {str(w).lower() for t in ("ASSAULT", "THREATEN", "SANCTION")
              for w in data["event_reference_nouns"][t]}
    return frozenset(words | {str(w).lower() for w in data["force_words"]})


def _about_force(tok: Any) -> bool:
    """Does a warning speak of force ("would face a harsh response", "Iran would defend")?"""
    words = _force_words()
    return any(t.lemma_.lower() in words or t.lower_ in words for t in tok.subtree if t.i != tok.i)


def _stative(tok: Any) -> bool:
    """"is opposed to", "is committed to": a passive form with no agent that states a stance."""
    return (tok.lemma_.lower() in {"oppose", "commit", "dedicate", "devote"}
            and any(c.dep_ == "nsubjpass" for c in tok.children)
            and not any(c.dep_ == "agent" for c in tok.children)
            and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children))


def _describes(tok: Any) -> bool:
    """A verb that describes a noun rather than tells what it did: a participle modifying it
    ("allied with Tehran") or a relative clause in the perfect ("which has backed Erbil")."""
    if tok.dep_ in {"acl", "amod"} and tok.tag_ == "VBN":
        return True
    return tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children)


def _is_future(tok: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in {"will", "would", "shall", "'ll", "wo"} for c in tok.children)


def _spokesman(tok: Any, coref: Coref, quote_speakers: dict[int, str], sources: list[str],
               joint_only: bool = False) -> list[str]:
    """"Iran and Turkey will not allow …," the Iranian minister said: a promise or threat
    made in the name of the speaker's own state is the speaker's statement (ICEWS and
    PLOVER code the one who says it), as "we will …" is. Other subjects stay."""
    speaker = quote_speakers.get(tok.i) or _reporter(tok, coref, [])
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


def _first_person_subject(tok: Any) -> bool:
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


def _copular(doc, tok, copular, coref, quote_speakers) -> list[RawEvent]:
    """"Americans and the Zionist enemy are behind the separatism": the speaker accuses them."""
    if not any(c.dep_ == "prep" and c.lower_ in copular["preps"] for c in tok.children):
        return []
    if is_negated(tok):
        return []
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return []
    accused = keys_of(subj, coref)
    accuser = quote_speakers.get(tok.i) or _reporter(tok, coref, [])
    if not accuser:
        return []
    start, end = _clause_span(doc, tok)
    return [RawEvent(accuser, t, copular["type"], str(copular["cameo"]), tok.i, start, end,
                     "copular:be+behind") for t in accused if t != accuser]


def _noun_events(doc, tok, trig, coref, quote_speakers) -> list[RawEvent]:
    """"the U.S. strike on X", "a meeting with Akar", "opposition from Tehran"."""
    sources: list[str] = []
    targets: list[str] = []
    for child in tok.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"} and child.dep_ in _deps(trig.sources):
            m = coref.mention_at(child)
            key = coref.key_at(child) or (m.key if m is not None and m.role == "modifier" else None)
            if key and key not in sources:
                sources.append(key)
        if child.dep_ == "prep":
            for pobj in (p for p in child.children if p.dep_ == "pobj"):
                if child.lower_ in trig.sources:
                    sources.extend(k for k in keys_of(pobj, coref) if k not in sources)
                elif child.lower_ in trig.targets:
                    found = keys_of(pobj, coref) or coref.owner_of(pobj)  # "opposition to the vote"
                    targets.extend(k for k in found if k not in targets)
    if not sources and len(targets) >= 2 and any(c.lower_ == "between" for c in tok.children):
        sources, targets = targets[:1], targets[1:]  # "talks between X and Y"
    if not sources and tok.dep_ == "pobj":
        # "In a meeting with X, the minister said": the clause's subject took part.
        verb = tok.head.head
        if verb.pos_ in {"VERB", "AUX"}:
            sources, _ = subject_of(verb, coref)
    if not sources or is_negated(tok) or _hoped(tok) or _contended(tok):
        return []
    if not targets and tok.head.lower_ == "despite" and tok.head.head.pos_ in {"VERB", "AUX"}:
        # "X went ahead with the vote despite opposition from Y": Y opposed X.
        targets, _ = subject_of(tok.head.head, coref)
    start, end = _clause_span(doc, tok)
    return [RawEvent(s, t, trig.type, trig.cameo, tok.i, start, end, trig.name)
            for s in sources for t in (targets or [None]) if s != t]


def _contended(tok: Any) -> bool:
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


def _hoped(tok: Any) -> bool:
    """"expressed the hope that Turkey is sincere in its opposition": a hope, not a report."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return False
        if node.dep_ in {"ccomp", "acl"} and node.head.lemma_.lower() in {"hope", "wish", "pray"}:
            return True
        node = node.head
    return False


def _deps(sources: tuple[str, ...]) -> set[str]:
    deps = set(sources)
    if "compound" in deps:
        deps.add("nmod")
    return deps


def _reporter(tok: Any, coref: Coref, sources: list[str]) -> str | None:
    """"X said that Y attacked Z": X reported it."""
    from hudhud.extract.quotes import speech_verbs

    t = tok
    for _ in range(4):
        if t.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and t.head.i != t.i:
            t = t.head
            if t.lemma_.lower() in speech_verbs():
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                key = _np(subj, coref) if subj is not None else None  # "the minister, X, said"
                if key and key not in sources:
                    return key
                return None
        else:
            break
    return None


def _clause_span(doc: Any, tok: Any) -> tuple[int, int]:
    """The trigger's clause, cut to its sentence: the evidence an analyst reads."""
    sent = tok.sent
    start = max(tok.left_edge.i, sent.start)
    end = min(tok.right_edge.i + 1, sent.end)
    return start, end


def _dedupe(events: list[RawEvent]) -> list[RawEvent]:
    seen: set[tuple] = set()
    out = []
    for e in events:
        key = (e.source, e.type, e.target, e.start)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def sentence_triggers(doc: Any) -> list[tuple[int, str, str, str]]:
    """Every trigger of a parsed text with its modality applied, actors or not:
    (depth in the parse, type, cameo, pattern), shallowest first. Used to type a
    sentence when its actors are unknown (PLOVER-style sentence coding)."""
    verbs, noun_triggers, _, suppressing, modals = lexicon()
    found = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} and _is_obligation(tok):
            found.append((_depth(tok), "REQUEST", "100", "modal:should", tok.i))
            continue  # "X must agree": an appeal, not an agreement
        if tok.pos_ in {"VERB", "AUX"} and lemma in verbs:
            trig = match_trigger(tok, verbs[lemma])
            if trig is None:
                continue
            if is_suppressed(tok, suppressing):
                intent = intention(tok, trig.type or "")
                if intent is not None:
                    found.append((_depth(tok.head), *intent, f"intent:{tok.head.lemma_.lower()}", tok.head.i))
                continue
            coded = modality(tok, trig, modals)
            if coded is None:
                continue
            etype, cameo = coded
            subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
            if trig.crowd and subject is not None and _is_crowd(subject):
                etype, cameo = trig.crowd, "145"
            found.append((_depth(tok), etype, cameo, trig.name, tok.i))
        elif tok.pos_ == "NOUN" and (lemma in noun_triggers or tok.lower_ in noun_triggers):
            trig = match_noun_trigger(tok, noun_triggers.get(lemma) or noun_triggers.get(tok.lower_))
            if trig is not None:
                found.append((_depth(tok) + 2, trig.type, trig.cameo, trig.name, tok.i))
                # "prepared to resume its attack": the intention is coded on the head verb.
                intent = intention(tok.head, trig.type) if tok.dep_ == "dobj" else None
                if intent is not None:
                    found.append((_depth(tok.head.head), *intent, f"intent:{tok.head.head.lemma_.lower()}", tok.head.head.i))

    found.sort(key=lambda f: (f[0], f[4]))
    return [(d, t, c, p) for d, t, c, p, _ in found]


def _is_obligation(tok: Any) -> bool:
    words = load_yaml("lexicon/events.yml")["obligation"]["auxiliaries"]
    if not any(c.dep_ == "aux" and c.lower_ in words for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    # "we must", "you should" are no appeal to a third party ("US" the country is).
    return subj is not None and not (subj.pos_ == "PRON" and subj.lower_ in {"we", "i", "you", "us"})


def match_noun_trigger(tok: Any, triggers: list[Trigger]) -> Trigger | None:
    """The first noun entry whose modifier constraint holds ("hunger strike" is a protest)."""
    for trig in triggers:
        if trig.prep and not any(c.dep_ == "prep" and c.lower_ == trig.prep for c in tok.children):
            continue
        if trig.modifiers:
            mods = {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound", "nmod", "nummod"}}
            mods |= {w for c in tok.children if c.dep_ in {"amod", "compound"} for w in c.lower_.split("-")}
            if not mods & trig.modifiers:
                continue
        return trig
    return None


def _depth(tok: Any) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth
