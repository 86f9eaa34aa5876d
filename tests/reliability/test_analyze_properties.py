"""`analyze` on any text: it never raises, every record's evidence slices the
exact text it quotes (Evidence.text == document.text[start:end]) inside the
sentence it names, every record points at an actor of the analysis, and the
analysis survives JSON and the store unchanged.

hudhud.analyze (engine.api.analyze_text) cleans the text first;
engine.analyzer.analyze takes a Document as given, so it gets the raw text too.
"""

from __future__ import annotations

import json

import pytest
import reliability_helpers as rel
from hypothesis import given
from hypothesis import strategies as st

from hudhud.engine.analyzer import analyze
from hudhud.errors import InputError
from hudhud.ingest import read_text
from hudhud.model import Document, DocumentAnalysis, Evidence


def evidence_of(analysis: DocumentAnalysis) -> list[tuple[str, Evidence]]:
    out = []
    for actor in analysis.actors:
        out += [(f"mention of {actor.id}", m) for m in actor.mentions]
    out += [("affiliation", a.evidence) for a in analysis.affiliations]
    out += [("event", e.evidence) for e in analysis.events]
    out += [("quote", q.evidence) for q in analysis.quotes]
    for place in analysis.places:
        out += [(f"place {place.name}", m) for m in place.mentions]
    return out


def check_analysis(text: str, analysis: DocumentAnalysis) -> None:
    sentences = analysis.sentences
    for a, b in sentences:
        assert 0 <= a <= b <= len(text)
    assert [s[0] for s in sentences] == sorted(s[0] for s in sentences)
    for what, ev in evidence_of(analysis):
        assert 0 <= ev.start <= ev.end <= len(text), (what, ev)
        assert text[ev.start:ev.end] == ev.text, (what, ev, text[ev.start:ev.end])
        assert 0 <= ev.sentence < len(sentences), (what, ev, sentences)
        first, last = sentences[ev.sentence]
        assert first <= ev.start <= last, (what, ev, sentences[ev.sentence])
    ids = {a.id for a in analysis.actors}
    assert len(ids) == len(analysis.actors), "actor ids are unique in a document"
    for f in analysis.affiliations:
        assert {f.subject, f.object} <= ids
    for e in analysis.events:
        assert e.source in ids and e.target in ids | {None} and e.reported_by in ids | {None}
    for q in analysis.quotes:
        assert q.speaker in ids | {None}
    data = json.loads(json.dumps(analysis.to_dict()))
    assert DocumentAnalysis.from_dict(data) == analysis


@pytest.fixture(scope="module")
def memory_store():
    from hudhud.store import Store

    with Store(":memory:") as store:
        yield store


@rel.examples(40)
@given(text=rel.TEXT)
def test_analyze_text_never_raises_and_offsets_slice_the_text(analyze_text, memory_store, text):
    try:
        doc = read_text(text)
    except InputError:
        return  # nothing left after cleaning: the one documented refusal
    analysis = analyze_text(text)
    check_analysis(doc.text, analysis)
    # ... and the store takes it, and gives it back unchanged.
    if memory_store.has_document(doc.id):
        return
    assert memory_store.write(doc, analysis)
    assert memory_store.analysis(doc.id) == analysis


@rel.examples(30)
@given(text=rel.TEXT.filter(lambda t: t.strip()))
def test_analyze_takes_raw_documents(text):
    # No cleaning: control characters, \r, lone surrogates reach spaCy as they are.
    analysis = analyze(Document(id="raw", text=text))
    check_analysis(text, analysis)


NEWS = st.lists(st.sampled_from(rel.FRAGMENTS[:25] + ['"', "“", "”", ".", ",", "\n\n"]),
                min_size=5, max_size=60).map(" ".join)


@rel.examples(40)
@given(text=NEWS)
def test_news_like_word_salad(analyze_text, text):
    # Actor names, verbs and quotes in random order: the extractors fire often here.
    try:
        doc = read_text(text)
    except InputError:
        return
    check_analysis(doc.text, analyze_text(text))


@pytest.mark.parametrize("text", [
    "x", "؟", "😀", "\u202e", '"', "“”", '" " " "', "«»", "Iran", "said",
    "Kataib Hezbollah said", '"We will respond," said', 'said: "', "a" * 20_000,
    "Iraqi forces attacked Mosul and killed 12 soldiers " * 50,  # no sentence punctuation
    "كتائب حزب الله قالت إن الهجوم على بغداد", "سپاه پاسداران در تهران اعلام کرد",
])
def test_edge_texts(analyze_text, text):
    doc = read_text(text)
    check_analysis(doc.text, analyze_text(text))


def test_a_5_mb_document_is_cut_and_analysed(analyze_text, monkeypatch):
    from hudhud import settings

    # The cut, not the parse, is what this proves: a small limit keeps it fast.
    monkeypatch.setattr(settings, "MAX_DOC_CHARS", 20_000)
    paragraph = ("Kataib Hezbollah fired rockets at a base near Baghdad on Monday, "
                 "officials said. \"We will respond,\" a spokesman for Iraqi forces said. ")
    text = "\n\n".join(f"Report {i}. {paragraph}" for i in range(5_000_000 // len(paragraph) + 1))
    assert len(text.encode()) >= 5_000_000
    doc = read_text(text)
    assert len(doc.text) <= 20_000
    analysis = analyze_text(text)
    check_analysis(doc.text, analysis)
    assert analysis.events


def test_every_accepted_text_fits_the_parser():
    # spaCy refuses a text longer than nlp.max_length, and inside `nlp.pipe` that ends
    # the whole batch (found by a 2 MB record: the run stopped, and every re-run too).
    from hudhud.ingest.record import max_chars
    from hudhud.nlp.pipeline import load_nlp

    assert max_chars() <= load_nlp().max_length
    doc = read_text("word " * 400_000)
    assert len(doc.text) <= load_nlp().max_length
