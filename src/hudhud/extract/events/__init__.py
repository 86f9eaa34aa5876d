"""Events: who did what to whom, coded to PLOVER types and CAMEO codes.

One module per concern, in the order a document meets them:

- lexicon: the trigger entries of data/lexicon/events.yml and matching a token to one;
- actors: who acts (subjects, "by" agents, the speaker who stands for a state);
- targets: whom an act is aimed at (objects, prepositions, whose the object is);
- modality: negation, future, condition, intention, allegation;
- initiatives: who owns the vote or plan an act is aimed at;
- place_targets: an attack with no named target hits the state it lands in;
- same_side: a state does not act on its own army;
- coding: the passes over a document (`extract_events`), with implied (appeals,
  imputed aims, references back) and record (`RawEvent`);
- sentence: the trigger types of a sentence whose actors are unknown (PLOVER);
- dates and attributes: each event's day, place and toll, and one record per event.

Other packages import only the names below.
"""

from hudhud.extract.events.actors import subject_of
from hudhud.extract.events.attributes import (
    attach_tolls,
    casualties,
    event_place,
    merge_mentions,
    next_sentence_casualties,
)
from hudhud.extract.events.coding import extract_events
from hudhud.extract.events.dates import event_date, fill_statement_dates, quote_date, quote_dates
from hudhud.extract.events.initiatives import initiative_owners
from hudhud.extract.events.lexicon import Trigger, attack_nouns, inflection_bases, lexicon
from hudhud.extract.events.place_targets import place_targets
from hudhud.extract.events.record import RawEvent, casualty_types, is_statement, statement_roots
from hudhud.extract.events.same_side import drop_same_side
from hudhud.extract.events.sentence import sentence_triggers

__all__ = [
    "RawEvent",
    "Trigger",
    "attach_tolls",
    "attack_nouns",
    "casualties",
    "casualty_types",
    "drop_same_side",
    "event_date",
    "event_place",
    "extract_events",
    "fill_statement_dates",
    "inflection_bases",
    "initiative_owners",
    "is_statement",
    "lexicon",
    "merge_mentions",
    "next_sentence_casualties",
    "place_targets",
    "quote_date",
    "quote_dates",
    "sentence_triggers",
    "statement_roots",
    "subject_of",
]
