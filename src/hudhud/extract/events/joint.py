"""Acts done together: "Greece and Turkey carried out joint patrols", "Interpol and the
federal police jointly dismantled a network", "the two navies worked together".

When two or more actors are the subject of one verb and the sentence says the act was
joint (an adverb such as "jointly" or "together" on the verb, or a "joint"/"combined"
object), each cooperates with the others: PLOVER COOPERATE (CAMEO 06), coded both ways,
as ICEWS codes a joint act. Whatever else the verb codes (a joint raid is also an assault
on its target) the other rules code; this adds the cooperation between the partners.
A partner may be named after "with" ("Kenya held joint drills with Tanzania"); a lone
subject with none ("Kenya held joint drills") codes nothing.
"""

from __future__ import annotations

from typing import Any

from hudhud.extract.coref import Coref
from hudhud.extract.events.actors import keys_of, subject_of
from hudhud.extract.events.record import RawEvent
from hudhud.nlp.lexicon import load_yaml
from hudhud.nlp.tree import clause_span

__all__ = ["joint_acts"]


def joint_acts(doc: Any, coref: Coref) -> list[RawEvent]:
    """COOPERATE events between the conjoined subjects of a verb said to act jointly."""
    words = load_yaml("lexicon/events.yml")["joint_act"]
    adverbs, modifiers = set(words["adverbs"]), set(words["object_modifiers"])
    out: list[RawEvent] = []
    for tok in doc:
        if tok.pos_ != "VERB":
            continue
        joint = any(c.dep_ == "advmod" and c.lower_ in adverbs for c in tok.children) or any(
            c.dep_ in {"dobj", "pobj", "nsubjpass"} and any(g.dep_ == "amod" and g.lower_ in modifiers for g in c.children)
            for c in [*tok.children, *(g for p in tok.children if p.dep_ == "prep" for g in p.children)])
        if not joint:
            continue
        sources, passive = subject_of(tok, coref)
        # "Kenya held joint drills with Tanzania": the partner named after "with".
        holders = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
        partners = [k for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "with"
                    for o in p.children if o.dep_ == "pobj" for k in keys_of(o, coref)]
        sources = sources + [k for k in partners if k not in sources]
        if passive or len(sources) < 2:
            continue
        start, end = clause_span(tok)
        out.extend(RawEvent(s, t, "COOPERATE", str(words["cameo"]), tok.i, start, end, "joint:" + tok.lemma_.lower())
                   for s in sources for t in sources if s != t)
    return out
