"""Group document-level actors into global actors. Pure logic, no database.

The rules are deliberately cautious, since a wrong merge mixes two actors'
records while a missed merge only splits one:

1. same `kb_id` -> same actor;
2. no `kb_id` -> same name key (hudhud.resolve.key);
3. an actor with no `kb_id` whose name or one of its aliases has the name key
   of another group joins that group: an article that writes "the Hezbollah
   Brigades (Kataib Hezbollah)" links the two spellings for every document;
4. two different `kb_id`s never end in one group; when rule 3 would tie an
   actor to groups of two different `kb_id`s, it joins neither of them.

Analysts' judgements win over all four: a merge joins two groups, a split keeps
an alias's documents apart, also from a KB entry (`_detached`).
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from hudhud.model import stable_id
from hudhud.resolve.key import name_key


@dataclass
class DocActor:
    """One document's actor; `surfaces` counts each surface form it is mentioned by.

    `weight` > 1 stands for that many document actors with the same name, kind,
    country, kb_id and aliases, whose surface counts `surfaces` sums
    (hudhud.resolve.signatures): grouping them gives the global actors that
    grouping each would, so a resolve reads one row per distinct actor rather
    than one per document.
    """

    doc_id: str
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    kb_id: str | None = None
    surfaces: dict[str, int] = field(default_factory=dict)
    weight: int = 1


@dataclass
class GlobalActor:
    id: str
    name: str
    kind: str | None
    country: str | None
    kb_id: str | None
    aliases: dict[str, int]
    members: list[DocActor]


def _initial_key(a: DocActor, key: Callable[[str], str] = name_key) -> str:
    if a.kb_id:
        return "kb\x1f" + a.kb_id
    # A name with no letters left ("...") stays on its own rather than
    # joining every other empty key.
    return "name\x1f" + (key(a.name) or "raw:" + a.name.casefold())


def _detached(splits: set[tuple[str, str]], kb_names: Mapping[str, str],
              key: Callable[[str], str]) -> set[tuple[str, str]]:
    """(kb_id, name key) of the document actors a split takes out of a KB actor.

    The KB links a document's actor to its entry whatever name the document gives
    it, so "Baghdad" (the government, by its capital) and "Baghdad" (the city that
    hosted a match) both join Iraq. `split Iraq Baghdad` says the documents that
    name it "Baghdad" are someone else: their actors lose the KB link for grouping
    and form the group of that name, which the split keeps apart from Iraq. The
    judgement wins over the KB; the documents' own rows keep their kb_id. A split
    of the entry's own name (`split "Kataib Hezbollah" "Kata'ib Hezbollah"`, one
    name key) keeps only the documents the KB did not link apart, as for any actor.
    """
    out = set()
    for first, second in splits:
        kind, _, kb_id = first.partition(":")
        alias_kind, _, alias = second.partition(":")
        if kind == "kb" and alias_kind == "name" and alias != key(kb_names.get(kb_id) or ""):
            out.add((kb_id, alias))
    return out


def _anchor_group(anchor: str) -> str:
    """The initial-group key of a judgement anchor ("kb:pmf", "name:hashd")."""
    kind, _, value = anchor.partition(":")
    return ("kb\x1f" if kind == "kb" else "name\x1f") + value


class _Groups:
    """Union-find over initial groups that refuses to join two kb_ids, or two
    groups an analyst has split apart."""

    def __init__(self, kb: dict[str, str | None]) -> None:
        self.parent = {g: g for g in kb}
        self.kb = dict(kb)
        self.members = {g: {g} for g in kb}
        self.forbidden: set[frozenset[str]] = set()

    def forbid(self, pairs: set[tuple[str, str]]) -> None:
        self.forbidden = {frozenset(p) for p in pairs}

    def find(self, g: str) -> str:
        while self.parent[g] != g:
            self.parent[g] = self.parent[self.parent[g]]
            g = self.parent[g]
        return g

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.kb[ra] and self.kb[rb] and self.kb[ra] != self.kb[rb]:
            return False
        if self.forbidden and any(frozenset((x, y)) in self.forbidden
                                  for x in self.members[ra] for y in self.members[rb]):
            return False
        # The root keeps a kb_id if either side has one.
        if self.kb[rb] and not self.kb[ra]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        return True


def _most_common(values: Iterable[tuple[str | None, int]]) -> str | None:
    """The value with the largest total weight, ties to the smallest; None when none is set."""
    counts: Counter[str] = Counter()
    for value, weight in values:
        if value:
            counts[value] += weight
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def group(doc_actors: Iterable[DocActor], kb_names: Mapping[str, str] | None = None,
          judgements: Iterable[tuple[str, str, str]] = ()) -> list[GlobalActor]:
    """Global actors (sorted by id), each with its member document actors.

    `judgements` are analysts' (kind, anchor, anchor-or-alias) decisions
    (hudhud.resolve.judgement): a split keeps the alias's documents out of the
    actor, a merge joins two actors; both win over the automatic rules.
    """
    kb_names = kb_names or {}
    judgements = list(judgements)
    splits = {(a, b) for kind, a, b in judgements if kind == "split"}
    # The same names come back in every document: key each once (half the time otherwise).
    key = functools.lru_cache(maxsize=None)(name_key)
    detached = _detached(splits, kb_names, key)
    initial: dict[str, list[DocActor]] = defaultdict(list)
    for a in doc_actors:
        if a.kb_id and (a.kb_id, key(a.name)) in detached:
            a = replace(a, kb_id=None)
        initial[_initial_key(a, key)].append(a)
    uf = _Groups({g: (members[0].kb_id or None) for g, members in initial.items()})
    uf.forbid({(_anchor_group(a), _anchor_group(b)) for a, b in splits})

    by_name_key: dict[str, set[str]] = defaultdict(set)
    for g, members in initial.items():
        for m in members:
            if k := key(m.name):
                by_name_key[k].add(g)

    for g in sorted(initial):
        for m in initial[g]:
            if m.kb_id:
                continue
            keys = {key(s) for s in [m.name, *m.surfaces]} - {""}
            candidates = sorted({h for k in keys for h in by_name_key.get(k, ())})
            kbs = {uf.kb[uf.find(h)] for h in [g, *candidates]} - {None}
            for h in candidates:
                if len(kbs) > 1 and uf.kb[uf.find(h)]:
                    continue  # ambiguous between two kb actors: join neither
                uf.union(g, h)

    for kind, first, second in judgements:
        ga, gb = _anchor_group(first), _anchor_group(second)
        if kind == "merge" and ga in uf.parent and gb in uf.parent:
            uf.union(ga, gb)

    roots: dict[str, list[str]] = defaultdict(list)
    for g in initial:
        roots[uf.find(g)].append(g)
    out = [_build(uf.kb[r], [(g, initial[g]) for g in gs], kb_names) for r, gs in roots.items()]
    return sorted(out, key=lambda a: a.id)


def _build(kb_id: str | None, parts: list[tuple[str, list[DocActor]]],
           kb_names: Mapping[str, str]) -> GlobalActor:
    members = [m for _, ms in parts for m in ms]
    aliases: Counter[str] = Counter()
    for m in members:
        aliases.update(m.surfaces or {m.name: m.weight})
    if kb_id:
        gid = stable_id("kb", kb_id)
        name = kb_names.get(kb_id) or _most_common((m.name, m.weight) for m in members
                                                    if m.kb_id == kb_id)
    else:
        # The id follows the largest initial group, which no other global actor holds.
        largest = min(parts, key=lambda p: (-sum(m.weight for m in p[1]), p[0]))[0]
        gid = stable_id("name", largest.split("\x1f", 1)[1])
        name = min(aliases, key=lambda s: (-aliases[s], -len(s), s))
    return GlobalActor(
        id=gid, name=name or members[0].name, kb_id=kb_id,
        kind=_most_common((m.kind, m.weight) for m in members),
        country=_most_common((m.country, m.weight) for m in members),
        aliases=dict(aliases), members=members,
    )
