"""Events no trigger word codes: appeals ("X said Y should act"), imputed hostile aims
("argued that Israel aims to ..."), and missing targets read from an earlier event the
text refers back to ("Iran struck Iraq. Iraq condemned the strikes").
"""

from __future__ import annotations

from typing import Any

from hudhud.extract.coref import Coref
from hudhud.extract.events.actors import keys_of, reporter_of, subject_of
from hudhud.extract.events.lexicon import GRAMMAR
from hudhud.extract.events.record import RULES, RawEvent
from hudhud.extract.events.targets import owner_modifier
from hudhud.nlp.lexicon import load_yaml, term_set, word_set
from hudhud.nlp.tree import clause_span


def obligations(doc: Any, coref: Coref, quote_speakers: dict[int, str]) -> list[RawEvent]:
    """"X said Y should act", "“The Iraqi government should act …,” X said": X appeals to Y."""
    words = load_yaml("lexicon/events.yml")["obligation"]
    out = []
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX"}:
            continue
        if not any(c.dep_ == "aux" and c.lower_ in words["auxiliaries"] for c in tok.children):
            continue
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or (subj.pos_ == "PRON" and subj.lower_ in word_set(GRAMMAR, "non_third_party_pronouns")):
            continue
        addressees = keys_of(subj, coref)
        speaker = quote_speakers.get(tok.i) or reporter_of(tok, coref, addressees)
        if not speaker:
            continue
        start, end = clause_span(tok)
        out.extend(RawEvent(speaker, a, "REQUEST", str(words["cameo"]), tok.i, start, end, "modal:should")
                   for a in addressees if a != speaker)
    return out


def imputed_aims(doc: Any, coref: Coref, found: list[RawEvent]) -> list[RawEvent]:
    """"They argued that Israel, with U.S. support, aims to create a client state": to impute
    a hostile aim is to accuse whoever is said to pursue it, and whoever is said to back them.
    An aim the coder reads as cooperative ("wants to hold talks") accuses no one."""
    words = load_yaml("lexicon/events.yml")["imputed_aims"]
    friendly = term_set(RULES, "friendly_aim_types")
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
                            accused += [k for k in owner_modifier(pobj, coref) if k not in accused]
        start, end = clause_span(head)
        out.extend(RawEvent(s, a, "ACCUSE", str(words["cameo"]), head.i, start, end, "imputed-aim")
                   for s in sources for a in accused if a != s)
    return out


def resolve_references(doc: Any, events: list[RawEvent], coref: Coref) -> None:
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
