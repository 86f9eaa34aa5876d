"""The same event told by two articles becomes one cluster; different days do not."""

from __future__ import annotations

import json

from hudhud.engine.pipeline import ingest
from hudhud.store import Store

DOCS = [
    {"id": "e1", "published": "2020-01-06",
     "text": "Turkey condemned Syria on Sunday for the shelling of the border town."},
    {"id": "e2", "published": "2020-01-06",
     "text": "Ankara sharply condemned Syria on Sunday after shells hit a border town."},
    {"id": "e3", "published": "2020-03-02",
     "text": "Turkey condemned Syria on Monday after a new round of shelling."},
]


def test_reports_of_one_event_share_a_cluster(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in DOCS), encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    ingest([str(path)], db)
    with Store(db, read_only=True) as store:
        rows = store.connection.execute("""
            SELECT e.doc_id, c.cluster_id, c.documents FROM events_v e
            JOIN event_clusters c ON c.event_id = e.id WHERE e.type = 'ACCUSE' ORDER BY e.doc_id""").fetchall()
    by_doc = {doc: (cluster, n) for doc, cluster, n in rows}
    assert by_doc["e1"][0] == by_doc["e2"][0] and by_doc["e1"][1] == 2
    assert by_doc["e3"][0] != by_doc["e1"][0] and by_doc["e3"][1] == 1
