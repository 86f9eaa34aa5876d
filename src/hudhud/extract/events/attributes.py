"""The attributes of an event mention (place, casualties; dates are in
hudhud.extract.events.dates) and the merging of mentions that report the same
event within one document.

An article tells one event several times: the lead sums it up, later paragraphs
add the place, the toll or a quotation about it. Event data sets keep one record
per event an article reports (FORMAT.md's gold never repeats a (source, type,
target) in a document unless date or place tell two events apart), so
`merge_mentions` folds mentions with the same dyad and type whose dates and places
do not disagree into one record: the most informative mention keeps its evidence,
and attributes only another mention gives are filled in from it.
"""

from __future__ import annotations

from typing import Any

from hudhud.extract.casualties import casualty_counts
from hudhud.extract.events.lexicon import attack_nouns
from hudhud.extract.events.record import RULES, casualty_types, is_statement
from hudhud.model import Event
from hudhud.nlp.lexicon import word_set


def next_sentence_casualties(trigger: Any, raw_events: list, sent_of_token: list[int]) -> tuple[int | None, int | None]:
    """"... began bombing Houthi positions. At least 18 people were killed.": the toll told in the
    next sentence belongs to the attack when that sentence reports no attack of its own."""
    doc = trigger.doc
    end = trigger.sent.end
    if end >= len(doc):
        return None, None
    nxt = doc[end].sent
    n = sent_of_token[nxt.start]
    if any(sent_of_token[e.trigger] == n and e.type in casualty_types() for e in raw_events):
        return None, None
    return casualties(nxt.text)


def event_place(trigger: Any, places_by_token: dict[int, Any], statement: bool = False) -> str | None:
    """Where the event happened: a place in the trigger's own clause ("killed in Mosul",
    "overran Mosul", "pushed into Tikrit"), not one inside a nested clause. A statement or
    a meeting happens where its verb says ("met in Ankara"), not where its object lies
    ("agreed to a ceasefire in Syria")."""
    for tok in trigger.subtree:
        if tok.i not in places_by_token or tok.dep_ not in {"pobj", "dobj", "npadvmod"}:
            continue
        if statement and not (tok.dep_ == "pobj" and tok.head.head.i == trigger.i):
            continue
        node, ok = tok.head, True
        while node.i != trigger.i:
            if node.pos_ in {"VERB", "AUX"} or node.i == node.head.i:
                ok = False
                break
            node = node.head
        if ok:
            return _place_text(tok)
    return None


def _place_text(tok: Any) -> str:
    span = [t for t in tok.subtree if t.ent_type_ or t.i == tok.i]
    start = min(t.i for t in span if t.dep_ != "det") if span else tok.i
    return tok.doc[start:tok.i + 1].text


def casualties(text: str) -> tuple[int | None, int | None]:
    return casualty_counts(text)


def _richness(e: Event) -> int:
    return sum(v is not None for v in (e.date, e.place, e.killed, e.wounded, e.target))


def _compatible(a: Event, b: Event) -> bool:
    return all(x is None or y is None or x == y for x, y in ((a.date, b.date), (a.place, b.place)))


def merge_mentions(events: list[Event]) -> list[Event]:
    """One record per event the document reports (see the module docstring). Order is
    that of each event's first mention."""
    groups: list[list[Event]] = []
    for e in events:
        for group in groups:
            first = group[0]
            if (first.source, first.type, first.target) == (e.source, e.type, e.target) and all(
                    _compatible(m, e) for m in group):
                group.append(e)
                break
        else:
            groups.append([e])
    groups = _fold_untargeted(groups)
    out = []
    for group in groups:
        best = max(group, key=lambda e: (_richness(e), -group.index(e)))
        for other in group:
            if other is best:
                continue
            best.date = best.date or other.date
            best.place = best.place or other.place
            # A later sentence often gives the risen toll ("the death toll rose to 12").
            if other.killed is not None and (best.killed is None or other.killed > best.killed):
                best.killed = other.killed
            if other.wounded is not None and (best.wounded is None or other.wounded > best.wounded):
                best.wounded = other.wounded
        out.append(best)
    return out


def _follows(head: Event, group: list[Event]) -> bool:
    """Same sentence; or the next one when it only tells a toll ("Israel also struck in
    Syria" is another strike, "The strikes killed 25" is the same one) or goes on with
    the same statement."""
    gap = group[0].evidence.sentence - head.evidence.sentence
    toll = all(e.place is None and (e.killed is not None or e.wounded is not None) for e in group)
    # "He further warned …" after "… he will be confronted": one statement told in two sentences.
    statement = is_statement(head.cameo)
    return gap == 0 or (gap == 1 and (toll or statement))


def _fold_untargeted(groups: list[list[Event]]) -> list[list[Event]]:
    """"U.S. strikes on Kataib Hezbollah killed 25 fighters and wounded 55 others": the
    killing and the wounding, told without a target, are the targeted strike of the same
    sentence or the one before; they join it when source, type, date and place agree."""
    targeted = [g for g in groups if g[0].target is not None]
    out = []
    for group in groups:
        first = group[0]
        home = None
        if first.target is None:
            near = [g for g in targeted if (g[0].source, g[0].type) == (first.source, first.type)
                    and _follows(g[0], group)
                    and all(_compatible(m, e) for m in g for e in group)]
            if len(near) == 1:  # two candidate targets: which one is not told
                home = near[0]
        if home is not None:
            home.extend(group)
        else:
            out.append(group)
    return out


def _toll_subject(sent: Any) -> bool:
    """"The raids killed at least 18 civilians": a kill or wound verb whose subject is an
    attack named before, not an actor."""
    for tok in sent:
        if tok.lemma_.lower() in word_set(RULES, "toll_verbs") and tok.pos_ == "VERB":
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lemma_.lower() in attack_nouns() and not any(
                    c.dep_ in {"poss", "compound", "amod"} for c in subject.children if c.ent_type_):
                return True
    return False


def attach_tolls(doc: Any, records: list[tuple[Event, Any]]) -> None:
    """Give a toll told in a sentence of its own ("Medical officials said the raids killed at
    least 18 civilians") to the latest attack before it that has none, when no attack of that
    sentence carries it: news tells the strike first and counts its dead later."""
    by_sentence: dict[int, list[Event]] = {}
    for r, _ in records:
        by_sentence.setdefault(r.evidence.sentence, []).append(r)
    for n, sent in enumerate(doc.sents):
        if any(r.type in casualty_types() and (r.killed is not None or r.wounded is not None)
               for r in by_sentence.get(n, [])) or not _toll_subject(sent):
            continue
        killed, wounded = casualties(sent.text)
        if killed is None and wounded is None:
            continue
        earlier = [r for r, t in records if r.type in casualty_types() and r.evidence.sentence < n
                   and r.killed is None and r.wounded is None]
        if earlier:
            target = max(earlier, key=lambda r: r.evidence.start)
            target.killed, target.wounded = killed, wounded

