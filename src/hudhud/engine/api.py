"""The Python API behind `hudhud.analyze`."""

from __future__ import annotations

from hudhud.engine.analyzer import analyze
from hudhud.model import DocumentAnalysis


def analyze_text(text: str, published: str | None = None, title: str | None = None,
                 doc_id: str | None = None) -> DocumentAnalysis:
    """Clean one article text the way ingest does and analyse it."""
    from hudhud.ingest import read_text

    return analyze(read_text(text, title=title, published=published, doc_id=doc_id))
