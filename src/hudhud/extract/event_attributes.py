"""The attributes of an event mention (place, casualties; dates are in
hudhud.extract.event_dates) and the merging of mentions that report the same
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
from hudhud.model import Event

CASUALTY_TYPES = {"ASSAULT", "COERCE"}


def next_sentence_casualties(trigger: Any, raw_events: list, sent_of_token: list[int]) -> tuple[int | None, int | None]:
    """"... began bombing Houthi positions. At least 18 people were killed.": the toll told in the
    next sentence belongs to the attack when that sentence reports no attack of its own."""
    doc = trigger.doc
    end = trigger.sent.end
    if end >= len(doc):
        return None, None
    nxt = doc[end].sent
    n = sent_of_token[nxt.start]
    if any(sent_of_token[e.trigger] == n and e.type in CASUALTY_TYPES for e in raw_events):
        return None, None
    return casualties(nxt.text)


def event_place(trigger: Any, places_by_token: dict[int, Any]) -> str | None:
    """Where the event happened: a place in the trigger's own clause ("killed in Mosul",
    "overran Mosul", "pushed into Tikrit"), not one inside a nested clause."""
    for tok in trigger.subtree:
        if tok.i not in places_by_token or tok.dep_ not in {"pobj", "dobj", "npadvmod"}:
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
