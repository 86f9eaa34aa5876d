"""Exports: CSV without formula injection, JSON lines, GEXF that parses."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from hudhud.web.downloads import to_csv, to_gexf, to_jsonl


def test_csv_defuses_formulas_but_not_numbers():
    rows = [{"id": "1", "evidence": '=HYPERLINK("http://x")', "goldstein": -10.0, "ids": ["a", "b"]}]
    out = list(csv.DictReader(io.StringIO(to_csv(rows, ("id", "evidence", "goldstein", "ids")))))
    assert out[0]["evidence"] == "'=HYPERLINK(\"http://x\")"
    assert out[0]["goldstein"] == "-10.0"
    assert json.loads(out[0]["ids"]) == ["a", "b"]


def test_jsonl_one_object_a_line():
    lines = to_jsonl([{"b": 1, "a": "é"}, {"a": None}]).splitlines()
    assert lines == ['{"a": "é", "b": 1}', '{"a": null}']


def test_gexf_escapes_names_and_drops_control_characters():
    graph = {
        "filters": {"actor": None},
        "nodes": [{"id": "n1", "name": 'A & <B> "C"\x01', "kind": "militia", "country": "IRQ", "mentions": 3},
                  {"id": "n2", "name": "D", "kind": None, "country": None, "mentions": 1}],
        "edges": [{"id": "e1", "source": "n1", "target": "n2", "label": "backed_by", "layer": "affiliations",
                   "count": 2, "first": "2020-01-01", "last": None}],
    }
    root = ET.fromstring(to_gexf(graph).encode("utf-8"))
    ns = {"g": "http://gexf.net/1.3"}
    node = root.find(".//g:node[@id='n1']", ns)
    assert node.get("label") == 'A & <B> "C"'
    edge = root.find(".//g:edge", ns)
    assert edge.get("weight") == "2" and edge.get("source") == "n1"
