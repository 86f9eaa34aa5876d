"""The attributes of an event mention (date, place, casualties) and the merging of
mentions that report the same event within one document.

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
from hudhud.extract.dates import find_dates
from hudhud.model import Event

CASUALTY_TYPES = {"ASSAULT", "COERCE"}


def event_date(doc: Any, trigger: Any, published: str | None) -> str | None:
    sent = trigger.sent
    found = [d for d in find_dates(sent.text, published) if d.date and d.granularity == "day"]
    if not found:
        return None
    at = trigger.idx - sent.start_char
    return min(found, key=lambda d: min(abs(d.start - at), abs(d.end - at))).date


def quote_date(doc: Any, trigger: Any, raw_quotes: list, published: str | None) -> str | None:
    """Words inside a quotation happened when they were said: "“We will ...,” X said on Tuesday".
    A quotation that continues the same speaker's previous one shares its date."""
    at = trigger.idx
    said_on: dict[str, str] = {}
    for q in raw_quotes:
        date = None
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            for sent in sorted({span[0].sent, span[-1].sent}, key=lambda s: s.start):
                for d in find_dates(sent.text, published):
                    absolute = sent.start_char + d.start
                    if d.date and d.granularity == "day" and not (q.start <= absolute < q.end):
                        date = date or d.date
        date = date or said_on.get(q.speaker)
        if date and q.speaker:
            said_on[q.speaker] = date
        if q.start <= at < q.end:
            return date
    return None


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
