"""`analyze`: one document in, one DocumentAnalysis out. A pure function.

It reads the document and the knowledge base and touches no database, so the
same function runs in-process, in a process pool or on a Ray cluster.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

import hudhud
from hudhud.engine import chunks
from hudhud.extract import affiliations as affiliation_rules
from hudhud.extract import event_attributes as attrs
from hudhud.extract import event_dates
from hudhud.extract import events as event_rules
from hudhud.extract import places as place_rules
from hudhud.extract import quotes as quote_rules
from hudhud.extract.actors import build_actors
from hudhud.extract.coref import build_coref
from hudhud.extract.mentions import find_mentions
from hudhud.kb import cameo
from hudhud.model import (Affiliation, Document, DocumentAnalysis, Event, Evidence, Place, Quote)
from hudhud.nlp.lexicon import rules_hash

FIRST_PERSON = {"i", "we", "us", "me", "our", "my", "ourselves", "myself"}


def version() -> str:
    """The extractor version stored with each analysis: package version + rules hash."""
    return f"{hudhud.__version__}+{rules_hash()}"


def analyze(document: Document, kb: Any = None, nlp: Any = None) -> DocumentAnalysis:
    """Parse and analyse one document. Fills every record kind of DocumentAnalysis."""
    from hudhud.nlp.pipeline import load_nlp

    nlp = nlp or load_nlp()
    # A long text is parsed and analysed chunk by chunk (engine/chunks.py); a short one whole.
    (outcome,) = chunks.analyze_all([document], nlp, lambda d, parsed: analyze_parsed(d, parsed, kb))
    if outcome.error is not None:
        raise outcome.error
    return outcome.analysis


def analyze_many(documents: Iterable[Document], kb: Any = None, nlp: Any = None,
                 batch_size: int = 32) -> Iterator[DocumentAnalysis]:
    """Analyse a stream of documents with spaCy's batched `pipe`."""
    from hudhud.nlp.pipeline import load_nlp

    nlp = nlp or load_nlp()
    # Batches of at most `batch_size` texts and settings.CHUNK_CHARS characters; a long
    # text is parsed and analysed chunk by chunk (engine/chunks.py).
    for outcome in chunks.analyze_all(documents, nlp, lambda d, parsed: analyze_parsed(d, parsed, kb), batch_size):
        if outcome.error is not None:
            raise outcome.error
        yield outcome.analysis


def analyze_parsed(document: Document, doc: Any, kb: Any = None) -> DocumentAnalysis:
    from hudhud.kb.actors import KnowledgeBase

    kb = kb or KnowledgeBase.default()
    sentences = list(doc.sents)
    sent_of_token = [0] * len(doc)
    for n, sent in enumerate(sentences):
        for i in range(sent.start, sent.end):
            sent_of_token[i] = n

    mentions = find_mentions(doc, kb)
    quoted = set()
    text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
    for start, end in quote_rules.quotation_spans(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            quoted.update(range(span.start, span.end))
    coref = build_coref(doc, mentions, quoted)
    raw_quotes = quote_rules.extract_quotes(doc, coref, sent_of_token)
    quote_speakers = _quote_speakers(doc, coref, raw_quotes)
    raw_affs = affiliation_rules.extract_affiliations(doc, coref)
    affiliation_rules.lend_countries(raw_affs, coref)
    raw_events = event_rules.extract_events(doc, coref, quote_speakers)
    place_matches = place_rules.resolve_places(doc, mentions)

    keys = {a.subject for a in raw_affs} | {a.object for a in raw_affs}
    keys |= {e.source for e in raw_events} | {e.target for e in raw_events if e.target}
    keys |= {e.reported_by for e in raw_events if e.reported_by}
    keys |= {q.speaker for q in raw_quotes if q.speaker}
    # Every actor the text names is kept, record or not: the store knows them all, and the
    # FORMAT.md export keeps only those that take part in a record.
    keys |= {m.key for m in mentions if m.key and m.role == "actor" and m.alias}
    actors, ids = build_actors(doc, mentions, keys, sent_of_token)

    def evidence(start_tok: int, end_tok: int) -> Evidence:
        start, end = doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1])
        return Evidence(sent_of_token[start_tok], start, end, text[start:end])

    analysis = DocumentAnalysis(document.id, document.published, version(), actors=actors,
                                sentences=[(s.start_char, s.end_char) for s in sentences])
    analysis.affiliations = [
        Affiliation(ids[a.subject], a.relation, ids[a.object], evidence(a.start, a.end), document.published)
        for a in raw_affs
    ]
    analysis.quotes = [
        Quote(ids.get(q.speaker), q.text, Evidence(q.sentence, q.start, q.end, q.text)) for q in raw_quotes
    ]
    places_by_token = {}
    for m, match in place_matches:
        places_by_token.update({i: match for i in range(m.start, m.end)})
    analysis.places = _places(doc, place_matches, sent_of_token)
    dated_quotes = event_dates.quote_dates(doc, raw_quotes, document.published)
    quoted_spans = [(q.start, q.end) for q in raw_quotes]
    dated = []
    for e in raw_events:
        ev = evidence(e.start, e.end)
        record = Event(ids[e.source], e.type, e.cameo, ids.get(e.target) if e.target else None, ev,
                       goldstein=cameo.goldstein(e.cameo), quad=cameo.quad(e.cameo), pattern=e.pattern,
                       reported_by=ids.get(e.reported_by) if e.reported_by else None)
        trigger = doc[e.trigger]
        record.date = (event_dates.event_date(trigger, document.published, quoted_spans)
                       or event_dates.quote_date(trigger, dated_quotes))
        record.place = attrs.event_place(trigger, places_by_token, e.cameo[:2] in attrs.STATEMENT_ROOTS)
        if e.type in attrs.CASUALTY_TYPES:
            record.killed, record.wounded = attrs.casualties(trigger.sent.text)
            if record.killed is None and record.wounded is None:
                record.killed, record.wounded = attrs.next_sentence_casualties(trigger, raw_events, sent_of_token)
        analysis.events.append(record)
        dated.append((record, trigger, e.source, e.target))
    event_dates.fill_statement_dates(doc, dated, dated_quotes, document.published, coref)
    attrs.attach_tolls(doc, [(r, t) for r, t, _, _ in dated])
    analysis.events = attrs.merge_mentions(analysis.events)
    return analysis


def _quote_speakers(doc: Any, coref: Any, raw_quotes: list) -> dict[int, str]:
    """Tokens inside each quotation -> its speaker; "we"/"I" there resolve to the speaker."""
    speakers: dict[int, str] = {}
    for q in raw_quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or q.speaker is None:
            continue
        for tok in span:
            speakers[tok.i] = q.speaker
            if tok.lower_ in FIRST_PERSON and tok.i not in coref.by_token:
                coref.resolved[tok.i] = q.speaker
    return speakers


def _places(doc: Any, place_matches: list, sent_of_token: list[int]) -> list[Place]:
    by_name: dict[tuple, Place] = {}
    text = doc.text
    for m, match in place_matches:
        start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
        ev = Evidence(sent_of_token[m.start], start, end, text[start:end])
        p = match.place
        key = (m.text,)  # one record per name, as the places resolver gives one pin per name
        place = by_name.get(key)
        if place is None:
            place = Place(m.text, p.lat, p.lon, p.country, p.geonameid, f"{p.feature_class}.{p.feature_code}",
                          p.admin1, round(match.confidence, 3))
            by_name[key] = place
        place.mentions.append(ev)
    return list(by_name.values())
