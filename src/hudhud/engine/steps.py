"""The steps of `analyze`, in order: what each reads and what it writes.

A document's analysis is a list of named steps run over one shared `DocState`.
Each step is a plain function whose parameters are the state fields it reads
(`requires`) and whose return value gives the fields it writes (`assigns`), as
spaCy components declare what they need and produce. The runner passes nothing
else, so a step cannot read or write a field it has not declared, and a step
that refines a field (the coreference table after "we" inside a quotation is
read as its speaker) returns a new object rather than changing the old one.
tests/engine/test_steps.py checks the order and, on real documents, that no step
changes a field it does not assign.

Read `STEPS` from top to bottom to see how a document is analysed.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable

from hudhud.engine import records
from hudhud.extract import affiliations as affiliation_rules
from hudhud.extract import events as event_rules
from hudhud.extract import places as place_rules
from hudhud.extract import quotations
from hudhud.extract import quotes as quote_rules
from hudhud.extract.actors import build_actors
from hudhud.extract.coref import build_coref
from hudhud.extract.mentions import find_mentions
from hudhud.model import Document, DocumentAnalysis


@dataclass
class DocState:
    """Everything the steps know about one document. The first four fields are given;
    every other field is written by exactly the steps that declare it."""

    document: Document
    doc: Any  # the parsed spaCy Doc
    kb: Any
    version: str
    text: str = ""  # doc.text, read once (spaCy rebuilds it on every access)
    sentences: list = field(default_factory=list)
    sent_of_token: list[int] = field(default_factory=list)
    mentions: list = field(default_factory=list)
    quoted: set[int] = field(default_factory=set)
    coref: Any = None
    quotes: list = field(default_factory=list)  # RawQuote
    quote_speakers: dict[int, str] = field(default_factory=dict)
    affiliations: list = field(default_factory=list)  # RawAffiliation
    owners: dict[int, str] = field(default_factory=dict)
    events: list = field(default_factory=list)  # RawEvent
    places: list = field(default_factory=list)  # (Mention, PlaceMatch)
    actors: list = field(default_factory=list)
    actor_ids: dict[str, str] = field(default_factory=dict)
    affiliation_records: list = field(default_factory=list)
    quote_records: list = field(default_factory=list)
    place_records: list = field(default_factory=list)
    event_records: list = field(default_factory=list)
    analysis: DocumentAnalysis | None = None


#: Fields a DocState is created with.
GIVEN = ("document", "doc", "kb", "version")


@dataclass(frozen=True)
class Step:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[..., Any]

    def __call__(self, state: DocState) -> None:
        out = self.run(*(getattr(state, f) for f in self.requires))
        values = out if len(self.assigns) > 1 else (out,)
        for name, value in zip(self.assigns, values, strict=True):
            setattr(state, name, value)


def step(*assigns: str) -> Callable[[Callable[..., Any]], Step]:
    """Declare a step: its parameters name the fields it reads, `assigns` those it writes."""
    def wrap(func: Callable[..., Any]) -> Step:
        requires = tuple(inspect.signature(func).parameters)
        return Step(func.__name__, requires, assigns, func)
    return wrap


@step("text", "sentences", "sent_of_token")
def sentences(doc):
    sents = list(doc.sents)
    sent_of_token = [0] * len(doc)
    for n, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            sent_of_token[i] = n
    return doc.text, sents, sent_of_token


@step("mentions")
def mentions(doc, kb):
    return find_mentions(doc, kb)


@step("quoted")
def quoted(doc, text):
    return quotations.quoted_tokens(doc, text)


@step("coref", "mentions")
def coreference(doc, mentions, quoted):
    coref = build_coref(doc, mentions, quoted)
    return coref, coref.mentions


@step("quotes")
def quotes(doc, coref, sent_of_token):
    return quote_rules.extract_quotes(doc, coref, sent_of_token)


@step("quote_speakers")
def quote_speakers(doc, quotes):
    return quotations.quote_speakers(doc, quotes)


@step("coref")
def first_person(doc, coref, quotes):
    """ "we"/"I" inside a quotation is its speaker."""
    return quotations.first_person_resolved(doc, coref, quotes)


@step("affiliations")
def affiliations(doc, coref):
    return affiliation_rules.extract_affiliations(doc, coref)


@step("coref")
def lent_countries(affiliations, coref):
    """A spokesperson of a ministry speaks for its state."""
    return affiliation_rules.lend_countries(affiliations, coref)


@step("owners")
def initiatives(doc, coref):
    return event_rules.initiative_owners(doc, coref)


@step("events")
def events(doc, coref, owners, quote_speakers):
    return event_rules.extract_events(doc, coref.with_owners(owners), quote_speakers)


@step("places", "mentions")
def places(doc, mentions):
    """ "Diyala province" names Diyala: place mentions lose their noun, then are geocoded."""
    mentions = place_rules.trim_place_nouns(doc, mentions)
    return place_rules.resolve_places(doc, mentions), mentions


@step("events")
def place_targets(doc, events, places, coref):
    return event_rules.place_targets(doc, events, places, coref.countries)


@step("events")
def same_side(events, mentions):
    """ "Turkey" and "Turkish warplanes" are one side: no event between them."""
    return event_rules.drop_same_side(events, mentions)


@step("actors", "actor_ids")
def actors(doc, mentions, affiliations, events, quotes, sent_of_token, coref):
    keys = records.actor_keys(mentions, affiliations, events, quotes)
    return build_actors(doc, mentions, keys, sent_of_token, coref.countries)


@step("affiliation_records")
def affiliation_records(doc, text, sent_of_token, affiliations, actor_ids, document):
    return records.affiliation_records(doc, text, sent_of_token, affiliations, actor_ids, document.published)


@step("quote_records")
def quote_records(quotes, actor_ids):
    return records.quote_records(quotes, actor_ids)


@step("place_records")
def place_records(doc, text, places, sent_of_token):
    return records.place_records(doc, text, places, sent_of_token)


@step("event_records")
def event_records(doc, text, sent_of_token, events, actor_ids):
    return records.event_records(doc, text, sent_of_token, events, actor_ids)


@step("event_records")
def event_dates(doc, event_records, events, quotes, coref, document):
    return records.dated_events(doc, event_records, events, quotes, coref, document.published)


@step("event_records")
def event_places(doc, event_records, events, places):
    return records.placed_events(doc, event_records, events, places)


@step("event_records")
def event_tolls(doc, event_records, events, sent_of_token):
    return records.counted_events(doc, event_records, events, sent_of_token)


@step("event_records")
def merged_events(event_records):
    return records.merged_events(event_records)


@step("analysis")
def analysis(document, version, sentences, actors, affiliation_records, quote_records, place_records,
             event_records):
    return DocumentAnalysis(document.id, document.published, version, actors=actors,
                            affiliations=affiliation_records, events=event_records, quotes=quote_records,
                            places=place_records, sentences=[(s.start_char, s.end_char) for s in sentences])


#: The order a document is analysed in.
STEPS: tuple[Step, ...] = (
    sentences, mentions, quoted, coreference, quotes, quote_speakers, first_person,
    affiliations, lent_countries, initiatives, events, places, place_targets, same_side, actors,
    affiliation_records, quote_records, place_records,
    event_records, event_dates, event_places, event_tolls, merged_events,
    analysis,
)


def run_steps(state: DocState, steps: tuple[Step, ...] = STEPS) -> DocState:
    for s in steps:
        s(state)
    return state
