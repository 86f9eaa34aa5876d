"""Typing a sentence whose actors are unknown (PLOVER-style sentence coding).

The event passes need a source actor before they yield anything; a gold set
that types sentences ("Troops shelled the border villages" is ASSAULT whoever
the troops are) needs every trigger the sentence holds, with its modality
read, ranked by how high it sits in the parse.
"""

from __future__ import annotations

from typing import Any

from hudhud.extract.events.actors import SUBJECTS, is_crowd
from hudhud.extract.events.lexicon import lexicon, match_noun_trigger, match_trigger
from hudhud.extract.events.modality import intention, is_obligation, is_suppressed, modality
from hudhud.nlp.lexicon import load_yaml
from hudhud.nlp.tree import token_depth


def sentence_triggers(doc: Any) -> list[tuple[int, str, str, str]]:
    """Every trigger of a parsed text with its modality applied, actors or not:
    (depth in the parse, type, cameo, pattern), shallowest first. Used to type a
    sentence when its actors are unknown (PLOVER-style sentence coding)."""
    verbs, noun_triggers, _, suppressing, modals = lexicon()
    obligation_cameo = str(load_yaml("lexicon/events.yml")["obligation"]["cameo"])
    found = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} and is_obligation(tok):
            found.append((token_depth(tok), "REQUEST", obligation_cameo, "modal:should", tok.i))
            continue  # "X must agree": an appeal, not an agreement
        if tok.pos_ in {"VERB", "AUX"} and lemma in verbs:
            trig = match_trigger(tok, verbs[lemma])
            if trig is None:
                continue
            if is_suppressed(tok, suppressing):
                intent = intention(tok, trig.type or "")
                if intent is not None:
                    found.append((token_depth(tok.head), *intent, f"intent:{tok.head.lemma_.lower()}", tok.head.i))
                continue
            coded = modality(tok, trig, modals)
            if coded is None:
                continue
            etype, cameo = coded
            subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
            if trig.crowd and subject is not None and is_crowd(subject):
                etype, cameo = trig.crowd, "145"
            found.append((token_depth(tok), etype, cameo, trig.name, tok.i))
        elif tok.pos_ == "NOUN" and (lemma in noun_triggers or tok.lower_ in noun_triggers):
            trig = match_noun_trigger(tok, noun_triggers.get(lemma) or noun_triggers.get(tok.lower_))
            if trig is not None:
                found.append((token_depth(tok) + 2, trig.type, trig.cameo, trig.name, tok.i))
                # "prepared to resume its attack": the intention is coded on the head verb.
                intent = intention(tok.head, trig.type) if tok.dep_ == "dobj" else None
                if intent is not None:
                    found.append((token_depth(tok.head.head), *intent, f"intent:{tok.head.head.lemma_.lower()}", tok.head.head.i))

    found.sort(key=lambda f: (f[0], f[4]))
    return [(d, t, c, p) for d, t, c, p, _ in found]
