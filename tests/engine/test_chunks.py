"""Long documents analysed chunk by chunk (hudhud.engine.chunks): where the cuts fall,
that the merged analysis is one analysis of the whole text, and that short documents
are analysed exactly as before."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hudhud.engine import chunks
from hudhud.engine.analyzer import analyze, analyze_many, analyze_parsed
from hudhud.extract.quotes import quotation_spans
from hudhud.model import Document, DocumentAnalysis

DEMO = resources.files("hudhud").joinpath("data", "demo", "articles.jsonl")


def demo_documents() -> list[Document]:
    lines = DEMO.read_text("utf-8").splitlines()
    return [Document(id=d["id"], text=d["text"], title=d.get("title"), published=d.get("published"))
            for d in map(json.loads, lines)]


@pytest.fixture(scope="module")
def nlp():
    from hudhud.nlp.pipeline import load_nlp

    return load_nlp()


def pieces(text: str, size: int) -> list[str]:
    starts = chunks.cuts(text, size)
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


# -- where the cuts fall --------------------------------------------------------------------

def test_a_text_within_one_chunk_is_not_cut():
    assert chunks.cuts("Iran condemned the strike.\n\nIraq protested.", 100) == [0]
    doc = Document("d1", "short text", published="2020-01-03")
    (piece,) = chunks.split(doc, 100)
    assert piece.document is doc and piece.offset == 0 and piece.last


def test_cuts_fall_after_the_last_paragraph_break_within_the_limit():
    paragraphs = [f"Paragraph {i} tells of a strike near Baghdad on Monday." for i in range(40)]
    text = "\n\n".join(paragraphs)
    parts = pieces(text, 200)
    assert "".join(parts) == text
    assert all(len(p) <= 200 for p in parts)
    # Every chunk but the last ends with its paragraph break and holds whole paragraphs.
    assert all(p.endswith("\n\n") for p in parts[:-1])
    assert [q for p in parts for q in p.split("\n\n") if q] == paragraphs
    # ... as many as fit: the next paragraph would not.
    assert all(len(p) + len(paragraphs[0]) + 2 > 200 for p in parts[:-1])


def test_a_long_paragraph_is_cut_at_sentence_ends_outside_quotations():
    sentence = "Militia leaders met in Baghdad. “We will answer. We will not wait,” one said. "
    text = sentence * 30  # one paragraph, no line break
    spans = quotation_spans(text)
    parts = pieces(text, 300)
    assert "".join(parts) == text and all(len(p) <= 300 for p in parts)
    offset = 0
    for part in parts[:-1]:
        offset += len(part)
        assert part.rstrip()[-1] in ".”", part[-40:]
        assert not any(a <= offset <= b for a, b in spans), f"cut at {offset} splits a quotation"
    # Each chunk pairs the same quotation marks the whole text does.
    inside = [text[a:b] for a, b in spans]
    assert [p[a:b] for p in parts for a, b in quotation_spans(p)] == inside


def test_a_text_with_no_break_is_cut_at_spaces_then_hard():
    words = "alpha " * 100
    parts = pieces(words, 64)
    assert "".join(parts) == words and all(len(p) <= 64 and p.endswith(" ") for p in parts[:-1])
    solid = "x" * 1000
    assert pieces(solid, 64) == [solid[i:i + 64] for i in range(0, 1000, 64)]


def test_parse_batches_hold_at_most_the_chunk_size():
    # 20 texts of 34 characters and a 100-character budget: at most 2 texts in a parse
    # batch (before, 32 texts of up to 1M characters each went into one).
    documents = [Document(f"b{i}", f"Iraq protested strike number {i:2d}.") for i in range(20)]
    batches = list(chunks._batches(chunks._pieces(documents, 100), count=32, chars=100))
    sizes = [sum(len(piece.document.text) for _, piece in batch) for batch in batches]
    assert max(sizes) <= 100 and sum(sizes) == sum(len(d.text) for d in documents)
    assert [piece.document.id for batch in batches for _, piece in batch] == [d.id for d in documents]
    # A chunk as long as the budget is parsed alone; the count still bounds short texts.
    assert [len(b) for b in chunks._batches(chunks._pieces(documents, 100), count=3, chars=10_000)] == [3] * 6 + [2]


# -- short documents: exactly as before ---------------------------------------------------

def test_short_documents_are_analysed_exactly_as_one_parse_does(nlp):
    # Before chunking, analyze was analyze_parsed(document, nlp(document.text)).
    documents = demo_documents()
    assert all(len(d.text) < 40_000 for d in documents)
    before = [json.dumps(analyze_parsed(d, nlp(d.text)).to_dict(), sort_keys=True) for d in documents]
    assert [json.dumps(analyze(d).to_dict(), sort_keys=True) for d in documents] == before
    assert [json.dumps(a.to_dict(), sort_keys=True) for a in analyze_many(documents)] == before


# -- a long document: one analysis of the whole text --------------------------------------------

@pytest.fixture(scope="module")
def long_analysis(nlp) -> tuple[str, DocumentAnalysis, DocumentAnalysis]:
    """The demo articles as one 18k-character document: analysed whole, and in 3k chunks."""
    text = "\n\n".join(d.text for d in demo_documents())
    document = Document("long", text, published="2020-01-05")
    whole = analyze_parsed(document, nlp(text))
    (outcome,) = chunks.analyze_all([document], nlp, analyze_parsed, size=3_000)
    assert outcome.error is None and len(chunks.cuts(text, 3_000)) >= 6
    return text, whole, outcome.analysis


def test_every_merged_evidence_slices_the_whole_text(long_analysis):
    text, _, merged = long_analysis
    evidences = [m for a in merged.actors for m in a.mentions] + [m for p in merged.places for m in p.mentions]
    evidences += [r.evidence for r in [*merged.affiliations, *merged.events, *merged.quotes]]
    assert len(evidences) > 300
    for ev in evidences:
        assert text[ev.start:ev.end] == ev.text, ev
        first, last = merged.sentences[ev.sentence]
        assert first <= ev.start <= last, (ev, merged.sentences[ev.sentence])
    ids = [a.id for a in merged.actors]
    assert len(set(ids)) == len(ids)
    for e in merged.events:
        assert {e.source, e.target, e.reported_by} <= set(ids) | {None}
    assert {a.subject for a in merged.affiliations} | {a.object for a in merged.affiliations} <= set(ids)
    assert {q.speaker for q in merged.quotes} <= set(ids)
    assert DocumentAnalysis.from_dict(json.loads(json.dumps(merged.to_dict()))) == merged


def test_chunks_find_what_the_whole_parse_finds(long_analysis):
    text, whole, merged = long_analysis
    # Sentences never cross a paragraph break, so the chunks have the very same sentences.
    assert merged.sentences == whole.sentences
    assert {x.name for x in merged.places} == {x.name for x in whole.places}
    # Every actor of the whole parse is found; a chunk may keep apart an actor that the whole
    # parse links back across a cut ("the soldiers" repeating "American soldiers" named in an
    # earlier chunk: nothing carries over between chunks), at most one such per cut.
    whole_names, merged_names = {x.name for x in whole.actors}, {x.name for x in merged.actors}
    assert whole_names <= merged_names
    assert len(merged_names - whole_names) <= len(chunks.cuts(text, 3_000)) - 1, merged_names - whole_names
    assert [q.evidence for q in merged.quotes] == [q.evidence for q in whole.quotes]
    names = lambda a: {x.id: x.name for x in a.actors}  # noqa: E731
    told = lambda a, n: sorted((n[f.subject], f.relation, n[f.object]) for f in a.affiliations)  # noqa: E731
    assert told(merged, names(merged)) == told(whole, names(whole))


def test_an_actor_named_in_several_chunks_is_one_actor(long_analysis):
    text, whole, merged = long_analysis
    (khb,) = [a for a in merged.actors if a.kb_id == "kataib-hezbollah"]
    starts = chunks.cuts(text, 3_000)
    chunk_of = lambda offset: max(i for i, s in enumerate(starts) if s <= offset)  # noqa: E731
    assert len({chunk_of(m.start) for m in khb.mentions}) >= 3, "named in three chunks or more"
    (whole_khb,) = [a for a in whole.actors if a.kb_id == "kataib-hezbollah"]
    assert [m.start for m in khb.mentions] == [m.start for m in whole_khb.mentions]
    assert khb.kb_id == whole_khb.kb_id and set(khb.aliases) == set(whole_khb.aliases)
    assert any(khb.id in (e.source, e.target) for e in merged.events)


def test_two_actors_of_one_chunk_stay_two():
    from hudhud.model import Actor, Evidence

    def chunk(*names: str) -> DocumentAnalysis:
        actors = [Actor(n.lower(), n, "person", aliases=[n], mentions=[Evidence(0, 0, len(n), n)]) for n in names]
        return DocumentAnalysis("d", None, "v", actors=actors, sentences=[(0, 40)])

    # "Abu Ali" and "Abu-Ali" share a name key; a chunk that told them apart keeps them apart.
    merged = chunks.merge(Document("d", "x" * 80), [(0, chunk("Abu Ali", "Abu-Ali")), (40, chunk("Abu Ali"))])
    assert [(a.name, len(a.mentions)) for a in merged.actors] == [("Abu Ali", 2), ("Abu-Ali", 1)]
    assert [m.start for m in merged.actors[0].mentions] == [0, 40]


def test_a_failing_document_spoils_only_itself(nlp):
    documents = [Document(f"f{i}", "Iran condemned the strike. " * 30) for i in range(3)]

    def analyze_but_f1(document, parsed):
        if document.id == "f1":
            raise ValueError("broken rule")
        return analyze_parsed(document, parsed)

    outcomes = list(chunks.analyze_all(documents, nlp, analyze_but_f1, size=300))
    assert [(o.document.id, o.analysis is None, type(o.error)) for o in outcomes] == [
        ("f0", False, type(None)), ("f1", True, ValueError), ("f2", False, type(None))]


# -- any text, cut anywhere ------------------------------------------------------------------

PIECES = ["Kataib Hezbollah", "Iran", "said", "attacked", "Baghdad", "Qasem Soleimani", "the group",
          "“", "”", '"', "«", "»", ".", ",", ":", "\n", "\n\n", " ", "  ", "\t", "\u200f", "😀",
          "كتائب حزب الله", "a" * 120, "\x00", "\r\n"]


@settings(max_examples=25, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), min_size=1, max_size=120)
       .map(" ".join).filter(bool), size=st.integers(20, 400))
def test_any_text_cut_anywhere_gives_one_consistent_analysis(nlp, text, size):
    parts = pieces(text, size)
    assert "".join(parts) == text and all(0 < len(p) <= size for p in parts)
    (outcome,) = chunks.analyze_all([Document("any", text)], nlp, analyze_parsed, size=size)
    assert outcome.error is None, outcome.error
    merged = outcome.analysis
    assert [s[0] for s in merged.sentences] == sorted(s[0] for s in merged.sentences)
    for a, b in merged.sentences:
        assert 0 <= a <= b <= len(text)
    evidences = [m for a in merged.actors for m in a.mentions] + [m for p in merged.places for m in p.mentions]
    for ev in evidences + [r.evidence for r in [*merged.affiliations, *merged.events, *merged.quotes]]:
        assert text[ev.start:ev.end] == ev.text
        assert merged.sentences[ev.sentence][0] <= ev.start <= merged.sentences[ev.sentence][1]
    ids = [a.id for a in merged.actors]
    assert len(set(ids)) == len(ids)
    assert {q.speaker for q in merged.quotes} <= set(ids)
    assert DocumentAnalysis.from_dict(json.loads(json.dumps(merged.to_dict()))) == merged
