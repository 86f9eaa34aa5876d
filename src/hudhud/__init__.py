"""hudhud: reads conflict news and rebuilds the system it describes.

    >>> import hudhud
    >>> analysis = hudhud.analyze("Iran condemned the strike.", published="2020-01-05")
    >>> store = hudhud.open("hudhud.duckdb")
"""

from __future__ import annotations

from typing import Any

from hudhud.version import __version__

__all__ = ["__version__", "analyze", "open"]


def analyze(text: str, published: str | None = None, title: str | None = None,
            doc_id: str | None = None) -> Any:
    """Analyse one article text and return its DocumentAnalysis (no database)."""
    from hudhud.engine.api import analyze_text

    return analyze_text(text, published=published, title=title, doc_id=doc_id)


def open(path: str, read_only: bool = False) -> Any:  # noqa: A001 - mirrors builtins.open on purpose
    """Open (or create) a hudhud DuckDB store."""
    from hudhud.store import Store

    return Store(path, read_only=read_only)
