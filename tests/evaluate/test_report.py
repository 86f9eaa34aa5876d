"""Rendering an evaluation result as rich tables."""

import copy

from rich.console import Console

from hudhud.evaluate.report import render_documents, render_table
from hudhud.evaluate.seeds import evaluate_records

GOLD = {"doc_id": "d1", "actors": [{"id": "h", "name": "Houthis", "aliases": ["Houthis", "Ansar Allah"]}],
        "places": [{"name": "Hodeidah", "lat": 14.80, "lon": 42.95}]}


def _text(tables):
    console = Console(record=True, width=160)
    for table in tables:
        console.print(table)
    return console.export_text()


def test_render_table_shows_every_kind_and_attribute():
    result = evaluate_records([GOLD], [copy.deepcopy(GOLD)])
    text = _text(render_table(result))
    for word in ("actors", "aliases", "events_quad", "places", "quote speaker", "event wounded", "100.0"):
        assert word in text


def test_render_documents_lists_errors():
    pred = {"doc_id": "d1", "actors": [{"id": "x", "name": "Saudi-led coalition"}]}
    result = evaluate_records([GOLD], [pred], details=True)
    text = _text(render_documents(result))
    assert "Houthis" in text and "Saudi-led coalition" in text and "Hodeidah" in text
