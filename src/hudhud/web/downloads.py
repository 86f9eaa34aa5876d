"""Exports of what a page shows: CSV, JSON lines and GEXF (for Gephi).

Article text ends up in spreadsheet cells, so a text cell that starts like a
formula ("=HYPERLINK(...)") is prefixed with an apostrophe, by the rule every
CSV writer shares (hudhud.export.cells); numbers are left alone.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from typing import Any, Iterable

from hudhud.export.cells import cell as _cell  # the rule every CSV writer follows
from hudhud.export.cells import dict_writer

EVENT_COLUMNS = (
    "id", "doc_id", "day", "date", "published", "type", "cameo", "source_actor_id",
    "source_name", "target_actor_id", "target_name", "reported_by_name", "place", "lat", "lon",
    "killed", "wounded", "goldstein", "quad", "sentence", "start", "end", "evidence",
)
EDGE_COLUMNS = (
    "id", "layer", "label", "source", "source_name", "target", "target_name", "count",
    "first", "last", "evidence",
)

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def to_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    writer = dict_writer(buf, columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _cell(row.get(c)) for c in columns})
    return buf.getvalue()


def to_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)


def _xml(value: Any) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


def to_gexf(graph: dict[str, Any]) -> str:
    """A graph_data() dict as GEXF 1.3: node attributes kind, country, mentions;
    edge attributes layer and label; weight = number of records."""
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "hudhud"
    ET.SubElement(meta, "description").text = _xml(json.dumps(graph.get("filters", {})))
    g = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    attrs = {"node": ("kind", "country", "mentions"), "edge": ("layer", "label", "first", "last")}
    for cls, names in attrs.items():
        block = ET.SubElement(g, "attributes", {"class": cls})
        for i, name in enumerate(names):
            kind = "integer" if name == "mentions" else "string"
            ET.SubElement(block, "attribute", id=str(i), title=name, type=kind)
    nodes = ET.SubElement(g, "nodes")
    for n in graph["nodes"]:
        el = ET.SubElement(nodes, "node", id=_xml(n["id"]), label=_xml(n["name"]))
        values = ET.SubElement(el, "attvalues")
        for i, name in enumerate(attrs["node"]):
            if n.get(name) is not None:
                ET.SubElement(values, "attvalue", {"for": str(i), "value": _xml(n[name])})
    edges = ET.SubElement(g, "edges")
    for e in graph["edges"]:
        el = ET.SubElement(edges, "edge", id=_xml(e["id"]), source=_xml(e["source"]),
                           target=_xml(e["target"]), label=_xml(e["label"]),
                           weight=str(e["count"]))
        values = ET.SubElement(el, "attvalues")
        for i, name in enumerate(attrs["edge"]):
            if e.get(name) is not None:
                ET.SubElement(values, "attvalue", {"for": str(i), "value": _xml(e[name])})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
