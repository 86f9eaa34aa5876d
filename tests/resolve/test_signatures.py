"""Grouping the weighted signatures gives what grouping every document actor gives.

The reference reads the document actors one by one, as resolve used to, and
groups them; the store's resolve groups one weighted row per distinct document
actor. Actors, names, kinds, countries, alias counts and every link must agree.
"""

from __future__ import annotations

import dataclasses
import random
from collections import defaultdict

from hudhud.resolve import judgement, resolve, signatures
from hudhud.resolve.group import DocActor, group
from hudhud.resolve.judgement import record

from .store_helpers import samples


def one_by_one(con) -> list[DocActor]:
    """Every document actor with its surfaces counted in its document."""
    mentioned: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for doc_id, actor, text, n in con.execute(
            "SELECT doc_id, actor, text, count(*) FROM mentions "
            "WHERE text IS NOT NULL GROUP BY ALL ORDER BY ALL").fetchall():
        mentioned[(doc_id, actor)][text] = n
    out = []
    for doc_id, local, name, kind, country, kb_id, aliases in con.execute(
            "SELECT doc_id, id, name, kind, country, kb_id, aliases FROM doc_actors "
            "ORDER BY doc_id, seq").fetchall():
        counts = mentioned.get((doc_id, local), {})
        surfaces = {s: max(1, counts.get(s, 0)) for s in (aliases or []) if s} or {name: 1}
        out.append(DocActor(doc_id=doc_id, id=local, name=name, kind=kind, country=country,
                            kb_id=kb_id or None, surfaces=surfaces))
    return out


def assert_same_as_one_by_one(store, kb_names=None, judgements=()) -> None:
    con = store.connection
    want = group(one_by_one(con), kb_names, judgements)
    got = {r[0]: r[1:] for r in con.execute(
        "SELECT id, name, kind, country, kb_id FROM actors").fetchall()}
    assert got == {a.id: (a.name, a.kind, a.country, a.kb_id) for a in want}
    aliases = defaultdict(dict)
    for actor, alias, n in con.execute("SELECT actor_id, alias, count FROM actor_aliases").fetchall():
        aliases[actor][alias] = n
    assert dict(aliases) == {a.id: a.aliases for a in want}
    links = dict(((d, i), a) for d, i, a in con.execute(
        "SELECT doc_id, id, actor_id FROM doc_actors").fetchall())
    assert links == {(m.doc_id, m.id): a.id for a in want for m in a.members}


def varied(rng: random.Random, n: int, tag: int) -> list:
    """Copies of the sample documents whose actors change name, kind, country and
    aliases at random: empty strings, repeated aliases, names shared across kinds."""
    out = []
    for k in range(n):
        for make in (samples.doc1, samples.doc2):
            doc, a = make()
            actors = []
            for x in a.actors:
                change = rng.random()
                if change < 0.2:
                    x = dataclasses.replace(x, kind=rng.choice(["", None, "group", x.kind]),
                                            country=rng.choice(["", None, "IRQ", x.country]))
                elif change < 0.4:
                    x = dataclasses.replace(x, aliases=[*x.aliases, rng.choice(
                        ["", x.name, "Hashd", "Hezbollah Brigades", "US", "Iraqi officials"])])
                elif change < 0.5 and not x.kb_id:
                    x = dataclasses.replace(x, name=x.name.upper(), aliases=[])
                actors.append(x)
            new_id = f"{doc.id}-v{tag}-{k:03d}"
            out.append((dataclasses.replace(doc, id=new_id, url=None),
                        dataclasses.replace(a, doc_id=new_id, actors=actors)))
    return out


def test_weighted_grouping_equals_grouping_each(store):
    rng = random.Random(3)
    names = {"Q1": "Kataib Hezbollah"}
    store.write_many(samples.samples())
    for step in range(3):
        resolve(store, kb_names=names)
        assert_same_as_one_by_one(store, names)
        store.write_many(varied(rng, 8, step))
    record(store, "merge", "Iraqi officials", "Lloyd Austin")
    record(store, "split", "Kataib Hezbollah", "Kata'ib Hezbollah")
    resolve(store, kb_names=names)
    assert_same_as_one_by_one(store, names, judgement.load(store))


def test_the_tables_count_every_linked_document_actor(store):
    store.write_many(samples.samples())
    con = store.connection
    assert not signatures.is_valid(con)  # never resolved: no tables yet
    resolve(store)
    assert signatures.is_valid(con)
    total = con.execute("SELECT sum(n) FROM resolve_signatures").fetchall()[0][0]
    assert total == con.execute("SELECT count(*) FROM doc_actors").fetchall()[0][0]
    store.write_many(samples.copies(2))  # new, unlinked document actors leave them valid
    assert signatures.is_valid(con)
    con.execute("UPDATE doc_actors SET actor_id = NULL WHERE doc_id = 'd1'").fetchall()
    assert not signatures.is_valid(con)  # linked ones that vanish do not
