"""Analysts' merge and split judgements survive every later resolve."""

from __future__ import annotations

import json

from hudhud.engine.pipeline import ingest
from hudhud.resolve import resolve
from hudhud.resolve.judgement import record
from hudhud.store import Store

DOCS = [
    {"id": "j1", "text": "Abu Zaid Alfarsi, a local militia chief, threatened the governor of Basra."},
    {"id": "j2", "text": "The commander known as Abu Zaid warned the Basra council on Friday."},
    {"id": "j3", "text": "Abu Zaid Alfarsi, a local militia chief, condemned the police raid."},
]


def _store(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in DOCS), encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    ingest([str(path)], db)
    return db


def test_merge_and_split_are_kept_by_resolve(tmp_path):
    db = _store(tmp_path)
    with Store(db) as store:
        full, short = store.find_actor("Abu Zaid Alfarsi"), store.find_actor("Abu Zaid")
        assert full is not None and short is not None and full["id"] != short["id"]
        record(store, "merge", "Abu Zaid Alfarsi", "Abu Zaid")
        resolve(store)
        assert store.find_actor("Abu Zaid")["id"] == store.find_actor("Abu Zaid Alfarsi")["id"]
        record(store, "split", "Abu Zaid Alfarsi", "Abu Zaid")
        resolve(store)
        resolve(store)  # again: the judgement is applied every time
        assert store.find_actor("Abu Zaid")["id"] != store.find_actor("Abu Zaid Alfarsi")["id"]


def test_kb_entries_are_never_merged(tmp_path):
    import pytest

    from hudhud.errors import HudhudError

    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "k1", "text": "Kataib Hezbollah and Hezbollah condemned Israel."}),
                    encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    ingest([str(path)], db)
    with Store(db) as store, pytest.raises(HudhudError):
        record(store, "merge", "Kataib Hezbollah", "Hezbollah")
