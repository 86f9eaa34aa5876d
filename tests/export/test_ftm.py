"""FollowTheMoney export of the sample store: valid entities, closed references, stable ids."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from followthemoney import model

from hudhud.export.ftm import write_ftm
from hudhud.resolve import resolve


@pytest.fixture
def resolved(filled):
    resolve(filled)
    return filled


def _read(path):
    return [model.get_proxy(json.loads(line)) for line in path.read_text().splitlines()]


def _named(proxies, name):
    """The actor entity of that name (Mentions carry the names too)."""
    return next(p for p in proxies if p.schema.is_a("LegalEntity") and name in p.get("name"))


def test_entities_reparse_and_references_resolve(resolved, tmp_path):
    path = tmp_path / "ftm.jsonl"
    result = write_ftm(resolved, path)
    proxies = _read(path)
    assert result["entities"] == len(proxies)
    ids = {p.id for p in proxies}
    assert len(ids) == len(proxies)
    for proxy in proxies:
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (proxy.schema.name, prop.name, value)
    schemata = Counter(p.schema.name for p in proxies)
    assert schemata["Article"] == 3 and schemata["Event"] == 3
    assert result["documents"] == 3


def test_kinds_map_to_schemata(resolved, tmp_path):
    path = tmp_path / "ftm.jsonl"
    write_ftm(resolved, path)
    proxies = _read(path)
    assert _named(proxies, "Lloyd Austin").schema.name == "Person"
    iran = _named(proxies, "Iran")
    assert iran.schema.name == "PublicBody" and iran.get("country") == ["ir"]
    kh = _named(proxies, "Kataib Hezbollah")
    assert kh.schema.name == "Organization" and kh.get("classification") == ["militia"]
    assert "Hezbollah Brigades" in kh.get("alias")


def test_relations_become_edges_with_proof(resolved, tmp_path):
    path = tmp_path / "ftm.jsonl"
    write_ftm(resolved, path)
    proxies = _read(path)
    by_id = {p.id: p for p in proxies}
    kh = _named(proxies, "Kataib Hezbollah")
    part_of = next(p for p in proxies if p.schema.name == "Membership" and p.get("role") == ["part of"])
    assert part_of.get("member") == [kh.id]
    assert len(part_of.get("proof")) == 2  # both articles support it
    assert all(by_id[a].schema.name == "Article" for a in part_of.get("proof"))
    backed = next(p for p in proxies if p.schema.name == "UnknownLink")
    assert backed.get("role") == ["backed by"] and backed.get("subject") == [kh.id]
    assault = next(p for p in proxies if p.schema.name == "Event" and "ASSAULT" in p.get("keywords"))
    assert assault.get("organizer") == [kh.id] and assault.get("date") == ["2024-02-03"]
    assert assault.get("location") == ["Erbil"]
    mention = next(p for p in proxies if p.schema.name == "Mention" and p.get("resolved") == [kh.id]
                   and "Hezbollah Brigades" in p.get("name"))
    assert by_id[mention.get("document")[0]].get("title") == ["Militia pauses attacks"]


def test_ids_are_stable(resolved, tmp_path):
    write_ftm(resolved, tmp_path / "a.jsonl")
    write_ftm(resolved, tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_text() == (tmp_path / "b.jsonl").read_text()


def test_unresolved_store_and_no_text(filled, tmp_path):
    path = tmp_path / "ftm.jsonl"
    write_ftm(filled, path, with_text=False)
    proxies = _read(path)
    assert not any(p.get("bodyText", quiet=True) for p in proxies)
    ids = {p.id for p in proxies}
    assert all(v in ids for p in proxies for prop, v in p.itervalues() if prop.type.name == "entity")
