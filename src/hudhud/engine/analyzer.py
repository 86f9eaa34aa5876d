"""`analyze`: one document in, one DocumentAnalysis out. A pure function.

It reads the document and the knowledge base and touches no database, so the
same function runs in-process, in a process pool or on a Ray cluster.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from hudhud.engine import chunks
from hudhud.engine.steps import DocState, run_steps
from hudhud.kb.actors import KnowledgeBase
from hudhud.model import Document, DocumentAnalysis
from hudhud.nlp.lexicon import rules_hash
from hudhud.version import __version__


def version() -> str:
    """The extractor version stored with each analysis: package version + rules hash."""
    return f"{__version__}+{rules_hash()}"


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
    """Analyse a parsed document: the steps of hudhud.engine.steps, in order."""
    state = DocState(document=document, doc=doc, kb=kb or KnowledgeBase.default(), version=version())
    return run_steps(state).analysis
