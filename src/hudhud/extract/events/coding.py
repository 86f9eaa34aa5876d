"""Coding events over a parsed document: the passes that fire triggers and the
records they yield.

A trigger (a verb or noun of data/lexicon/events.yml) fires over the dependency
parse. The subject or "by" agent is the source, the object or a listed
preposition's object the target; conjoined actors give one event each
("Iran and Turkey condemned ..."). Modality is handled the PLOVER way: a
negated trigger codes nothing unless its entry says what refusal means ("will
not allow" = REJECT); a future or hypothetical attack is a THREATEN; an event
nested under "denied", "plans to" or "vowed to" is not coded (the outer verb
is the event).

The rules live in sibling modules, one concern each: lexicon (triggers and
matching), actors (who acts), targets (whom it is aimed at), modality (negation,
future, factuality) and implied (appeals, imputed aims, references back). This
module runs the passes over a document.
"""

from __future__ import annotations

from typing import Any

from hudhud.extract.coref import Coref
from hudhud.extract.events.actors import (
    SUBJECTS,
    first_person_subject,
    is_crowd,
    is_workers,
    keys_of,
    reporter_of,
    spokesman_of,
    subject_of,
)
from hudhud.extract.events.implied import imputed_aims, obligations, resolve_references
from hudhud.extract.events.lexicon import (
    attack_nouns,
    inflection_bases,
    lexicon,
    match_noun_trigger,
    match_trigger,
)
from hudhud.extract.events.modality import (
    about_force,
    contended,
    describes,
    hoped,
    intention,
    is_future,
    is_negated,
    is_obligation,
    is_stative,
    is_suppressed,
    modality,
)
from hudhud.extract.events.joint import joint_acts
from hudhud.extract.events.non_events import drop_non_events
from hudhud.extract.events.dictionary import dictionary_exclusions, dictionary_trigger
from hudhud.extract.events.record import RULES, RawEvent, is_statement
from hudhud.extract.events.targets import complement_subjects, event_owner, targets_of
from hudhud.nlp.lexicon import load_yaml, term_set
from hudhud.nlp.tree import clause_span


def extract_events(doc: Any, coref: Coref, quote_speakers: dict[int, str]) -> list[RawEvent]:
    """Every coded event of a parsed document. `quote_speakers` maps tokens inside a
    quotation to its speaker, who is the source of "we"/"I" events and of accusations.
    `coref` carries the owners of initiatives (hudhud.extract.events.initiatives), read
    when an event is aimed at a vote or a plan rather than at an actor by name."""
    verbs, noun_triggers, copular, suppressing, modals = lexicon()
    unused_verbs = dictionary_exclusions()
    events: list[RawEvent] = []
    used: set[int] = set()
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} and lemma not in verbs:
            lemma = next((w for w in inflection_bases(tok.lower_) if w in verbs), lemma)
        if tok.pos_ in {"VERB", "AUX"} and lemma in verbs:
            trig = match_trigger(tok, verbs[lemma])
            if trig is None and tok.pos_ == "VERB" and lemma not in unused_verbs:
                trig = dictionary_trigger(tok, words_required=True)  # "fired shells at"
            if trig is not None:
                events.extend(_verb_events(doc, tok, trig, coref, suppressing, modals, quote_speakers, used))
        elif tok.pos_ in {"AUX", "VERB"} and lemma == "be":
            events.extend(_copular(doc, tok, copular, coref, quote_speakers))
        elif tok.pos_ == "VERB" and lemma not in unused_verbs:
            # A verb the curated lexicon does not list: the CAMEO dictionary's reading.
            trig = dictionary_trigger(tok)
            if trig is not None:
                events.extend(_verb_events(doc, tok, trig, coref, suppressing, modals, quote_speakers, used))
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and tok.i not in used and (lemma in noun_triggers or tok.lower_ in noun_triggers):
            trig = match_noun_trigger(tok, noun_triggers.get(lemma) or noun_triggers.get(tok.lower_))
            if trig is not None:
                events.extend(_noun_events(doc, tok, trig, coref, quote_speakers))
    events.extend(joint_acts(doc, coref))
    events.extend(obligations(doc, coref, quote_speakers))
    events.extend(imputed_aims(doc, coref, events))
    resolve_references(doc, events, coref)
    return drop_non_events(doc, _dedupe(events), coref)


def _verb_events(doc, tok, trig, coref, suppressing, modals, quote_speakers, used) -> list[RawEvent]:
    if is_obligation(tok):
        return []  # "Y must withdraw": the appeal is the event (see obligations)
    if tok.dep_ == "acomp" and trig.type not in load_yaml("lexicon/events.yml")["predicate_stance_types"]:
        return []  # "farmers are convinced that …", "the envoy was pleased": a state of mind, no act
    if is_suppressed(tok, suppressing):
        used.update(c.i for c in tok.children if c.dep_ == "dobj")  # "agreed to suspend its offensive"
        intent = intention(tok, trig.type or "")
        if intent is None or (trig.workers and is_workers(tok)):
            return []  # (workers preparing to strike are no army preparing an attack)
        sources, _ = subject_of(tok.head, coref)
        targets = targets_of(tok, trig, coref, False) or [None]
        start, end = clause_span(tok.head)
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
        owners = event_owner(subject, coref)
        if not owners or not trig.type == "ASSAULT":
            return []
        used.add(subject.i)
    if trig.crowd and subject is not None and is_crowd(subject):
        etype, cameo = trig.crowd, "145"
    if trig.workers and is_workers(tok):
        etype, cameo = trig.workers, "143"  # a labour strike
    sources, passive = subject_of(tok, coref)
    if passive and is_stative(tok):
        # "The United States is opposed to the referendum", "Turkey is committed to the truce":
        # an adjective, not a passive; the subject holds the stance toward the "to" object.
        subject = next(c for c in tok.children if c.dep_ == "nsubjpass")
        sources, passive = keys_of(subject, coref), False
    if owners:
        sources, passive = owners, False
    if trig.speaker_source:
        # "They will pay a heavy price," X said: X threatens them.
        speaker = quote_speakers.get(tok.i) or reporter_of(tok, coref, [])
        if not speaker:
            return []
        start, end = clause_span(tok)
        return [RawEvent(speaker, t, etype, cameo, tok.i, start, end, trig.name) for t in (sources or [None])
                if t != speaker]
    if etype == "SUPPORT" and (passive or describes(tok)):
        # "X is backed by Iran", "a militia allied with Tehran", "Washington, which has backed
        # Baghdad": a standing relation (an affiliation), not something done on a day.
        return []
    if not sources and tok.i in quote_speakers and (passive or first_person_subject(tok)):
        # "We will expand our cooperation", "he will be confronted": the speaker's own act or threat.
        sources = [quote_speakers[tok.i]]
    if etype != trig.type or is_future(tok):
        # A promise or threat said for the speaker's state is the speaker's.
        sources = spokesman_of(tok, coref, quote_speakers, sources)
    elif is_statement(cameo) and tok.i in quote_speakers:
        # So is a stance in the speaker's own words ("The United States is opposed to …");
        # what the state did (an attack), or did with others, stays theirs.
        sources = spokesman_of(tok, coref, quote_speakers, sources, joint_only=True)
    if not sources:
        return []
    complaint = load_yaml("lexicon/events.yml")["official_complaint"]
    if etype == "PROTEST" and all(_kind(s, coref) in complaint["kinds"] for s in sources):
        # "Japan protested to China over the arrests": a state complains officially (CAMEO 114);
        # crowds protest in the street.
        etype, cameo = "ACCUSE", str(complaint["cameo"])
    targets = targets_of(tok, trig, coref, passive)
    if not targets and etype in term_set(RULES, "complement_target_types"):  # "demanded that X leave"
        targets = complement_subjects(tok, coref, sources)
    if not targets and tok.dep_ == "acl" and etype == "ASSAULT":
        return []  # "a group fighting in Iraq": a description, not an event
    if not targets and trig.mutual and len(sources) >= 2 and not passive:
        targets = list(sources)  # "the United States and Turkey have agreed to a ceasefire"
    targets = targets or [None]
    if trig.requires_target and targets == [None]:
        return []
    if trig.needs_conflict and targets == [None] and not about_force(tok):
        return []  # "warned of freezing drizzle", "warned that there would be delays"
    for child in tok.children:
        # A dictionary reading leaves the object's own curated noun trigger free: "voiced its
        # opposition to the plan" is the opposition (REJECT), read from the noun.
        if child.dep_ in {"dobj", "prep"} and not trig.name.startswith("cameo:"):
            used.add(child.i)
            used.update(g.i for g in child.children if g.dep_ == "pobj")
    reporter = reporter_of(tok, coref, sources)
    start, end = clause_span(tok)
    return [RawEvent(s, t, etype, cameo, tok.i, start, end, trig.name, reporter)
            for s in sources for t in targets if s != t]


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
    accuser = quote_speakers.get(tok.i) or reporter_of(tok, coref, [])
    if not accuser:
        return []
    start, end = clause_span(tok)
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
                if child.lower_ == "of" and not targets:
                    # "the dispatch of warplanes towards Taiwan", "an offer of aid to Gaza": whom
                    # the thing the act moves is aimed at.
                    for prep in (g for g in pobj.children if g.dep_ == "prep" and g.lower_ in trig.targets):
                        targets.extend(k for o in prep.children if o.dep_ == "pobj" for k in keys_of(o, coref)
                                       if k not in targets)
    if not sources and len(targets) >= 2 and any(c.lower_ == "between" for c in tok.children):
        sources, targets = targets[:1], targets[1:]  # "talks between X and Y"
    if not sources and tok.dep_ == "pobj" and _takes_part(tok.head.lower_, trig.type):
        # "In a meeting with X, the minister said": the clause's subject took part; not in
        # "protested over the incursion", where the noun is what the subject reacts to.
        verb = tok.head.head
        if verb.pos_ in {"VERB", "AUX"}:
            sources, _ = subject_of(verb, coref)
    light = tok.dep_ == "dobj" and tok.head.lemma_.lower() in load_yaml("lexicon/events.yml")["light_verbs"]
    if not sources and light:
        # "Hadi made concessions to the rebels", "Iran and the powers struck a deal": a light
        # verb's object is the event, and the verb's subject its source.
        sources, passive = subject_of(tok.head, coref)
        if passive or is_negated(tok.head) or is_suppressed(tok.head, lexicon()[3]):
            return []
        for prep in (c for c in tok.head.children if c.dep_ == "prep" and c.lower_ in trig.targets):
            targets.extend(k for p in prep.children if p.dep_ == "pobj" for k in keys_of(p, coref) if k not in targets)
        if not targets and trig.mutual and len(sources) >= 2:
            targets = list(sources)  # each party to the deal agrees with the others
    if not sources or is_negated(tok) or hoped(tok) or contended(tok):
        return []
    if not targets and tok.head.lower_ == "despite" and tok.head.head.pos_ in {"VERB", "AUX"}:
        # "X went ahead with the vote despite opposition from Y": Y opposed X.
        targets, _ = subject_of(tok.head.head, coref)
    start, end = clause_span(tok)
    return [RawEvent(s, t, trig.type, trig.cameo, tok.i, start, end, trig.name)
            for s in sources for t in (targets or [None]) if s != t]


def _kind(key: str, coref: Coref) -> str | None:
    """An actor key's kind: "country:JPN" is a state whatever its mentions say."""
    return "state" if key.startswith("country:") else coref.kinds.get(key)


def _takes_part(prep: str, etype: str) -> bool:
    """Whether "<prep> the <event noun>" makes the clause's subject a party to the event."""
    data = load_yaml("lexicon/events.yml")
    return prep in data["participation_preps"] or prep in data["purpose_preps"].get(etype, ())


def _deps(sources: tuple[str, ...]) -> set[str]:
    deps = set(sources)
    if "compound" in deps:
        deps.add("nmod")
    return deps


def _dedupe(events: list[RawEvent]) -> list[RawEvent]:
    seen: set[tuple] = set()
    out = []
    for e in events:
        key = (e.source, e.type, e.target, e.start)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
