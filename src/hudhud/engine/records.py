"""From what the extractors found (token spans, actor keys) to the records of the model
(character offsets, document actor ids, Evidence), and each event's attributes.

Every function returns records of its own: an attribute step copies the records it
is given before it fills them, so no step changes what an earlier one produced.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hudhud.extract import events as event_rules
from hudhud.kb import cameo
from hudhud.model import Affiliation, Event, Evidence, Place, Quote


def evidence(doc: Any, text: str, sent_of_token: list[int], start_tok: int, end_tok: int) -> Evidence:
    """The evidence of a token span [start_tok, end_tok): its sentence, offsets and text."""
    start, end = doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1])
    return Evidence(sent_of_token[start_tok], start, end, text[start:end])


def actor_keys(mentions: list, affiliations: list, events: list, quotes: list) -> set[str]:
    """Every actor key a record uses, and every actor the text names by name."""
    keys = {a.subject for a in affiliations} | {a.object for a in affiliations}
    keys |= {e.source for e in events} | {e.target for e in events if e.target}
    keys |= {e.reported_by for e in events if e.reported_by}
    keys |= {q.speaker for q in quotes if q.speaker}
    # Every actor the text names is kept, record or not: the store knows them all, and the
    # FORMAT.md export keeps only those that take part in a record.
    keys |= {m.key for m in mentions if m.key and m.role == "actor" and m.alias}
    return keys


def affiliation_records(doc: Any, text: str, sent_of_token: list[int], affiliations: list,
                        ids: dict[str, str], published: str | None) -> list[Affiliation]:
    return [Affiliation(ids[a.subject], a.relation, ids[a.object],
                        evidence(doc, text, sent_of_token, a.start, a.end), published)
            for a in affiliations]


def quote_records(quotes: list, ids: dict[str, str]) -> list[Quote]:
    return [Quote(ids.get(q.speaker), q.text, Evidence(q.sentence, q.start, q.end, q.text)) for q in quotes]


def place_records(doc: Any, text: str, place_matches: list, sent_of_token: list[int]) -> list[Place]:
    """One Place per name, as the places resolver gives one pin per name, with every mention."""
    by_name: dict[tuple, Place] = {}
    for m, match in place_matches:
        ev = evidence(doc, text, sent_of_token, m.start, m.end)
        p = match.place
        key = (m.text,)
        place = by_name.get(key)
        if place is None:
            place = Place(m.text, p.lat, p.lon, p.country, p.geonameid, f"{p.feature_class}.{p.feature_code}",
                          p.admin1, round(match.confidence, 3))
            by_name[key] = place
        place.mentions.append(ev)
    return list(by_name.values())


def event_records(doc: Any, text: str, sent_of_token: list[int], events: list,
                  ids: dict[str, str]) -> list[Event]:
    """One Event per coded event, in the order of `events`, with its CAMEO weights."""
    return [Event(ids[e.source], e.type, e.cameo, ids.get(e.target) if e.target else None,
                  evidence(doc, text, sent_of_token, e.start, e.end),
                  goldstein=cameo.goldstein(e.cameo), quad=cameo.quad(e.cameo), pattern=e.pattern,
                  reported_by=ids.get(e.reported_by) if e.reported_by else None)
            for e in events]


def dated_events(doc: Any, records: list[Event], events: list, quotes: list, coref: Any,
                 published: str | None) -> list[Event]:
    """Each event's day: in its own sentence, else that of the quotation it is told in;
    then undated statements from their occasion or speaker (extract/events/dates.py)."""
    records = [replace(r) for r in records]
    dated_quotes = event_rules.quote_dates(doc, quotes, published)
    quoted_spans = [(q.start, q.end) for q in quotes]
    for r, e in zip(records, events):
        trigger = doc[e.trigger]
        r.date = (event_rules.event_date(trigger, published, quoted_spans)
                  or event_rules.quote_date(trigger, dated_quotes))
    dated = [(r, doc[e.trigger], e.source, e.target) for r, e in zip(records, events)]
    event_rules.fill_statement_dates(doc, dated, dated_quotes, published, coref)
    return records


def placed_events(doc: Any, records: list[Event], events: list, place_matches: list) -> list[Event]:
    """Each event's place: a place in the trigger's own clause."""
    places_by_token = {}
    for m, match in place_matches:
        places_by_token.update({i: match for i in range(m.start, m.end)})
    records = [replace(r) for r in records]
    for r, e in zip(records, events):
        r.place = event_rules.event_place(doc[e.trigger], places_by_token,
                                          event_rules.is_statement(e.cameo))
    return records


def counted_events(doc: Any, records: list[Event], events: list, sent_of_token: list[int]) -> list[Event]:
    """The toll of each attack: told in its sentence, in the next one, or later with the attack
    as the subject ("the raids killed at least 18")."""
    records = [replace(r) for r in records]
    for r, e in zip(records, events):
        if e.type in event_rules.casualty_types():
            trigger = doc[e.trigger]
            r.killed, r.wounded = event_rules.casualties(trigger.sent.text)
            if r.killed is None and r.wounded is None:
                r.killed, r.wounded = event_rules.next_sentence_casualties(trigger, events, sent_of_token)
    event_rules.attach_tolls(doc, [(r, doc[e.trigger]) for r, e in zip(records, events)])
    return records


def merged_events(records: list[Event]) -> list[Event]:
    """One record per event the document reports (extract/events/attributes.py)."""
    return event_rules.merge_mentions([replace(r) for r in records])
