"""The actor knowledge base: who is who in the news, by name.

Two layers. The curated entries live in YAML files under ``hudhud/data/kb/``
(one per region or sector; the Middle East conflicts since 2003); users add or
override entries with their own YAML or JSONL files. Every entry has an id, a
canonical name, a kind, aliases and dated affiliations. Loading validates
everything and raises `KnowledgeBaseError` naming the file and entry at fault.

Under them lies the base layer (`hudhud.kb.phoenix`): the Phoenix/CAMEO actor
dictionaries, about 25,000 leaders, ministers, international bodies, companies
and armed groups worldwide. Curated entries win: a name the curated layer has
is never a base entry's, and lookups ask the curated layer first. The base
layer is matched exactly (never fuzzily) and is left out of `surface_forms()`;
`base_names()` gives its names to the text matcher (`hudhud.nlp.ruler`).

Lookups go through `hudhud.kb.names.name_key`, so "Kata'ib Hizbullah" finds
Kataib Hezbollah. Short all-caps acronyms ("KH", "IS", "PMF") are matched case
sensitively: "IS" is the Islamic State, "is" is a verb.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from hudhud import settings
from hudhud.errors import KnowledgeBaseError
from hudhud.kb.entry import KBAffiliation, KBEntry, acronym_form, bounds, index_key
from hudhud.kb.entry_file import builtin_files, read_file
from hudhud.kb.names import key_similarity, name_key
from hudhud.kb.phoenix import BaseLayer, BaseName, load_base
from hudhud.model import stable_id

__all__ = ["KBAffiliation", "KBEntry", "KnowledgeBase", "KnowledgeBaseError"]

_COUNTRY_OBJECT = re.compile(r"^country:[A-Z]{3}$")



# Kept for importers of the former private names (cameo_import, phoenix_build).
_key, _acronym_form, _bounds = index_key, acronym_form, bounds


_Index = tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[tuple[str, str]]]]


class KnowledgeBase:
    """Actors by id, with name lookup. Build with `default()` or `load()`."""

    def __init__(self) -> None:
        self._entries: dict[str, KBEntry] = {}
        self._index: _Index | None = None
        self._base: BaseLayer | None = None
        self._base_keys: dict[str, list[str]] | None = None
        self._base_len: int | None = None  # base entries no curated id shadows

    @classmethod
    def default(cls) -> "KnowledgeBase":
        """The built-in knowledge base, loaded once and shared (use `load()` to modify)."""
        return _default()

    @classmethod
    def load(cls, paths: Sequence[str | os.PathLike[str]] = (), builtin: bool = True,
             base: bool | None = None) -> "KnowledgeBase":
        """The built-in entries (unless `builtin=False`) plus the entries of `paths`,
        over the Phoenix base layer (`base`, by default when `builtin` and the
        setting HUDHUD_KB_BASE allow it).

        A user file entry with the id of an earlier entry replaces it; an id
        twice within the built-in files or within one user file is an error.
        """
        kb = cls()
        if builtin:
            for origin, text in builtin_files():
                for entry in read_file(origin, text):
                    kb._put(entry, replace=False)
        for path in paths:
            seen: set[str] = set()
            for entry in read_file(path):
                if entry.id in seen:
                    raise KnowledgeBaseError(f"{path}: entry {entry.id!r} appears twice in the file")
                seen.add(entry.id)
                kb._put(entry, replace=True)
        kb.validate()
        if (builtin if base is None else base) and settings.KB_BASE:
            keys, acronyms, _ = kb._build_index()
            kb._base = load_base(frozenset(keys) | frozenset(acronyms))
        return kb

    def _put(self, entry: KBEntry, replace: bool) -> None:
        old = self._entries.get(entry.id)
        if old is not None and not replace:
            raise KnowledgeBaseError(
                f"{entry.origin}: entry {entry.id!r} is already defined in {old.origin}",
                hint="ids must be unique; give one of them another id",
            )
        self._entries[entry.id] = entry
        self._index = None
        self._base_len = None

    def add(self, entry: KBEntry) -> None:
        """Add an entry, or replace the entry with its id; the result is validated."""
        previous = self._entries.get(entry.id)
        self._put(entry, replace=True)
        try:
            self.validate()
        except KnowledgeBaseError:
            if previous is None:
                del self._entries[entry.id]
            else:
                self._entries[entry.id] = previous
            self._index, self._base_len = None, None
            raise

    def validate(self) -> None:
        """Check affiliation objects and that no two entries share an alias.

        An alias may be shared only when every entry that has it lists it under
        `ambiguous` (e.g. "Asayish" for the Iraqi Kurdish and the Syrian Kurdish
        security forces).
        """
        problems = []
        for entry in self._entries.values():
            for aff in entry.affiliations:
                if aff.object not in self._entries and not _COUNTRY_OBJECT.match(aff.object):
                    problems.append(
                        f"{entry.origin}: entry {entry.id!r}: unknown affiliation object {aff.object!r}"
                    )
        keys, acronyms, _ = self._build_index()
        for index in (keys, acronyms):
            for key, ids in index.items():
                if len(ids) > 1 and not all(self._allows(i, key) for i in ids):
                    where = ", ".join(f"{i!r} ({self._entries[i].origin})" for i in ids)
                    shared = sorted({n for i in ids for n in self._entries[i].names if _key(n) == key})
                    problems.append(f"entries {where} share the name {' / '.join(shared)!r} (key {key!r})")
        if problems:
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            raise KnowledgeBaseError(
                "; ".join(problems[:5]) + more,
                hint="fix the entry, or list a genuinely shared alias under 'ambiguous'"
                " in every entry that has it",
            )

    def _allows(self, entry_id: str, key: str) -> bool:
        return any(_key(a) == key for a in self._entries[entry_id].ambiguous)

    def _build_index(self) -> _Index:
        """(name key -> ids, acronym -> ids, fuzzy block -> [(name key, id)])."""
        if self._index is None:
            keys: dict[str, list[str]] = {}
            acronyms: dict[str, list[str]] = {}
            blocks: dict[str, list[tuple[str, str]]] = {}
            for entry in self._entries.values():
                for surface in entry.names:
                    acronym = _acronym_form(surface)
                    index, key = (acronyms, acronym) if acronym else (keys, name_key(surface))
                    if entry.id not in index.setdefault(key, []):
                        index[key].append(entry.id)
                        if not acronym:
                            for block in _blocks(key):
                                blocks.setdefault(block, []).append((key, entry.id))
            self._index = (keys, acronyms, blocks)
        return self._index

    def get(self, id: str) -> KBEntry | None:
        found = self._entries.get(id)
        if found is None and self._base is not None:
            return self._base.get(id)
        return found

    def _base_lookup(self, key: str) -> list[KBEntry]:
        if self._base is None:
            return []
        if self._base_keys is None:
            index: dict[str, list[str]] = {}
            for name in self._base.names:
                if not name.target.startswith("country:"):
                    index.setdefault(name.key, []).append(name.target)
            self._base_keys = index
        return [e for e in map(self._base.get, self._base_keys.get(key, [])) if e is not None]

    def kind_of(self, id: str) -> str | None:
        """The kind of entry `id` (a base entry's without making it), or None."""
        entry = self._entries.get(id)
        if entry is not None:
            return entry.kind
        return self._base.kind(id) if self._base is not None else None

    def base_names(self) -> list[BaseName]:
        """The base layer's names, for the text matcher: each with its lower-cased tokens
        and what it names (a base entry id, or "country:XXX" for a spelling of a state)."""
        return list(self._base.names) if self._base is not None else []

    def lookup(self, surface: str) -> list[KBEntry]:
        """Entries with a name or alias equal to `surface` under `name_key`.

        Short all-caps acronyms match case sensitively and only other acronyms.
        The curated layer answers first; the base layer only for a name it lacks.
        """
        keys, acronyms, _ = self._build_index()
        acronym = _acronym_form(surface)
        key = acronym or name_key(surface)
        ids = acronyms.get(key, []) if acronym else keys.get(key, [])
        return [self._entries[i] for i in ids] or self._base_lookup(key)

    def match(self, surface: str, threshold: float = 0.9) -> KBEntry | None:
        """The one entry `surface` names: exact lookup first, then fuzzy.

        The fuzzy step scores `surface` against aliases that share the first
        letter of their first or last word (see `hudhud.kb.names.same_name`)
        and returns the best entry scoring at least `threshold`. None when the
        surface is ambiguous: two entries found, or two tie for best.
        """
        found = self.lookup(surface)
        if found or _acronym_form(surface):
            return found[0] if len(found) == 1 else None
        key = name_key(surface)
        _, _, blocks = self._build_index()
        best: dict[str, float] = {}
        for block in _blocks(key):
            for alias_key, entry_id in blocks.get(block, []):
                score = key_similarity(key, alias_key)
                if score >= threshold and score > best.get(entry_id, 0.0):
                    best[entry_id] = score
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda item: -item[1])
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        return self._entries[ranked[0][0]]

    def entries(self) -> Iterator[KBEntry]:
        """Every entry: the curated and user entries, then the base layer's."""
        base = [self._base.get(i) for i in self._base.rows if i not in self._entries] if self._base else []
        return iter([*self._entries.values(), *(e for e in base if e is not None)])

    def canonical_names(self) -> dict[str, str]:
        """Entry id -> canonical name, for every entry (base entries are not made for it)."""
        names = {i: kept[0].surface for i, (_, kept) in self._base.rows.items()} if self._base else {}
        names.update((e.id, e.name) for e in self._entries.values())
        return names

    def surface_forms(self, base: bool = True) -> Iterator[tuple[str, KBEntry]]:
        """Every (name or alias, entry), e.g. to build a spaCy PhraseMatcher; with
        `base=False` only the curated and user entries' (the base layer's names
        come with their tokens from `base_names()`)."""
        for entry in (self.entries() if base else list(self._entries.values())):
            for surface in entry.names:
                yield surface, entry

    def affiliations_of(self, id: str, on: str | None = None) -> list[KBAffiliation]:
        """The affiliations of entry `id`; only those holding on date `on` if given."""
        entry = self.get(id)
        if entry is None:
            return []
        return [a for a in entry.affiliations if on is None or a.valid_on(on)]

    def affiliated_with(
        self, object_id: str, relation: str | None = None, on: str | None = None
    ) -> list[tuple[KBEntry, KBAffiliation]]:
        """Entries with an affiliation pointing at `object_id` ("who leads the PMF?")."""
        return [
            (entry, aff)
            for entry in self.entries()
            for aff in entry.affiliations
            if aff.object == object_id
            and (relation is None or aff.relation == relation)
            and (on is None or aff.valid_on(on))
        ]

    def fingerprint(self) -> str:
        """A hash of all entries, to record which knowledge base produced an analysis."""
        payload = json.dumps(
            [{k: v for k, v in e.to_dict().items() if k != "origin"} for e in self._entries.values()],
            sort_keys=True,
        )
        if self._base is not None:  # the base entries are the index's, whose checksum says it
            payload += "".join(sorted(self._base.rows))
        return stable_id(payload)

    def __len__(self) -> int:
        # O(1): `kb or KnowledgeBase.default()` asks for it once per analysed document.
        if self._base is None:
            return len(self._entries)
        if self._base_len is None:
            self._base_len = len(self._base.rows.keys() - self._entries.keys())
        return len(self._entries) + self._base_len

    def __contains__(self, id: object) -> bool:
        return self.get(id) is not None if isinstance(id, str) else False


def _blocks(key: str) -> set[str]:
    """Blocking keys for fuzzy matching: first letters of the first and last word."""
    words = key.split()
    return {f"^{words[0][0]}", f"${words[-1][0]}"} if words else set()


@lru_cache(maxsize=1)
def _default() -> KnowledgeBase:
    return KnowledgeBase.load()
