"""Import the Phoenix / CAMEO actor dictionaries into hudhud knowledge-base entries.

`hudhud kb import-cameo Phoenix.*.actors.txt -o cameo.jsonl` reads TABARI
actor dictionaries (see `hudhud.kb.tabari`; the Phoenix files are MIT, from
the Open Event Data Alliance) and writes a KB file that `--kb` loads next to
the built-in entries. The data is the user's to import: hudhud ships none of it.

How a dictionary record becomes a `KBEntry`:

- names: the primary phrase is the name, synonyms are aliases
  ("MAHMOUD_AHMADINEJAD_" + "+AHMADINEJAD" -> "Mahmoud Ahmadinejad", ["Ahmadinejad"]);
- `cameo`: the default code, else the code of the latest dated role;
- `country`: the code's first three letters when hudhud's country table knows
  them ("IRQMIL" -> IRQ; "IGOUNO", "MEAREB" have none);
- kind: a person when the record comes from CountryInfo (the leaders list
  the Countries file is built from), has an ELI (elite) code, or has dated
  roles, no organisation word in its name (`lexicon/kinds.yml`) and no
  company / NGO code; otherwise the sector code decides (SECTOR_KIND: GOV ->
  government, MIL -> military, REB -> militia, ...; none -> organisation);
- a person's dated GOV/LEG/JUD/SPY/MIL/COP roles become `member_of
  country:XXX` with from/to (`leads` when the line's comment names a head of
  state title from `lexicon/roles.yml`, e.g. "# Supreme Leader");
- a record with only bare country codes (`IRAN_ [IRN]`) is a state: skipped,
  since states come from hudhud's country table (and these records list
  cities as synonyms).

Names must stay unique across the knowledge base (KnowledgeBase.validate):
an entry whose name the built-in KB already has is skipped (it is that
actor), an alias the built-in KB has is dropped, names of states
("Armenia", "Iraqi", "Baghdad") are left to the country table, and two imported entries
that share a name are merged when they have the same code, else the name is
listed under `ambiguous` in both (the KB then declines to pick one). Ids are
namespaced ("cameo-hassan-rouhani") so they never replace a built-in entry.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from normality import ascii_text

from hudhud.kb import countries as country_table
# `_key` is the name key KnowledgeBase.validate compares: using it here keeps
# the import's notion of "the same name" identical to the validation's.
from hudhud.kb.actors import KBAffiliation, KBEntry, KnowledgeBase, _key
from hudhud.kb.tabari import Role, TabariActor, phrase_names, read_actors
from hudhud.nlp.lexicon import load_yaml, word_set

__all__ = ["SECTOR_KIND", "entry_of", "import_cameo", "is_state_record", "run_import", "split_code",
           "write_kb_file"]

#: The CAMEO sector tables (data/lexicon/sectors.yml): sector -> hudhud kind
#: ("KENMIL" is a military), sectors only organisations have, sectors of the
#: state, and religion codes (never countries).
_SECTORS = load_yaml("lexicon/sectors.yml")
SECTOR_KIND: dict[str, str] = dict(_SECTORS["kinds"])
ORGANISATION_SECTORS = frozenset(_SECTORS["organisation_only"])
STATE_SECTORS = frozenset(_SECTORS["state"])
RELIGION_CODES = frozenset(_SECTORS["religions"])


def _country(chunk: str) -> str | None:
    if chunk in SECTOR_KIND or chunk in RELIGION_CODES:
        return None
    return chunk if country_table.by_code(chunk) is not None else None


def split_code(code: str) -> tuple[str | None, list[str]]:
    """The country and the type codes of a CAMEO actor code.

    "IRNGOVLEG" -> ("IRN", ["GOV", "LEG"]); international types come first and
    may name a country next: "NGOUSAHRI" -> ("USA", ["NGO", "HRI"]),
    "IGOUNO" -> (None, ["IGO", "UNO"]); a region has no country: "MEAREB" ->
    (None, ["REB"]).
    """
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    head = chunks[0]
    if _country(head):
        return head, chunks[1:]
    if head not in SECTOR_KIND:
        return None, chunks[1:]
    if len(chunks) > 1 and _country(chunks[1]):
        return chunks[1], [head, *chunks[2:]]
    return None, chunks


def _code_kind(code: str) -> str | None:
    """The kind of a code; "state" for a country without a known sector."""
    country, sectors = split_code(code)
    kind = next((SECTOR_KIND[s] for s in sectors if s in SECTOR_KIND), None)
    return kind or ("state" if country else None)


def _main_code(actor: TabariActor) -> str | None:
    if actor.codes:
        return actor.codes[0]
    latest = max(actor.roles, key=lambda r: (r.start or "", r.end or "9999"), default=None)
    return latest.code if latest else None


@functools.lru_cache(maxsize=1)
def _organisation_words() -> frozenset[str]:
    return frozenset(str(w).lower() for words in load_yaml("lexicon/kinds.yml").values()
                     for w in words)


def _is_person(actor: TabariActor, name: str, main: str, codes: list[str]) -> bool:
    """CountryInfo lists people (bar the odd "Warsaw Treaty Organization"); ELI (elites)
    codes people; a record whose roles are dated is a career, unless its name is an
    organisation's ("... Ministry") or its code one only organisations have (MNC, NGO:
    a company's change of owner)."""
    organisation_word = bool(set(re.findall(r"[\w']+", name.lower())) & _organisation_words())
    if actor.note and "countryinfo" in actor.note.lower():
        return not organisation_word  # the leaders list holds a few bodies too
    if any("ELI" in split_code(c)[1] for c in codes):
        return True
    if not actor.roles or ORGANISATION_SECTORS & set(split_code(main)[1]):
        return False
    return not organisation_word


def _affiliation(role: Role) -> KBAffiliation | None:
    country, sectors = split_code(role.code)
    if country is None or not STATE_SECTORS & set(sectors):
        return None
    note = f" {(role.note or '').lower()} "
    heads = word_set("lexicon/roles.yml", "head_of_state_titles")
    leads = any(f" {t} " in note for t in heads)
    return KBAffiliation("leads" if leads else "member_of", f"country:{country}",
                         role.start, role.end, f"CAMEO {role.code}")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (ascii_text(name) or "").lower()).strip("-")[:60] or "actor"


def is_state_record(actor: TabariActor) -> bool:
    """A record of a state itself (`KENYA_ [KEN]`, `BRITISH_VIRGIN_ISLANDS_ [GBRVGB]`,
    `ARMENIA_ [USRARM 220101-910921] [ARM >910921]`): every code is a country without a
    sector, and it is no person (ELI, "elite", codes people: `DENG_XIAOPING_ [CHNELI]`
    is a person, not China)."""
    codes = [*actor.codes, *(r.code for r in actor.roles)]
    return bool(codes) and all(_bare_state(c) for c in codes)


def _bare_state(code: str) -> bool:
    """"KEN", "GBRVGB" (a territory under its state), "USRARM" (Armenia as a Soviet
    republic, then "ARM"): countries and regions only, no sector, no ELI."""
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if any(c in SECTOR_KIND or c in RELIGION_CODES or c == "ELI" for c in chunks):
        return False
    return any(_country(c) for c in chunks)


def entry_of(actor: TabariActor, stats: Counter[str]) -> KBEntry | None:
    """One record as an entry (without its final id); None when it is skipped."""
    names = list(dict.fromkeys(n for p in actor.phrases for n in phrase_names(p)))
    code = _main_code(actor)
    if not names or code is None:
        stats["skipped: no name or no code"] += 1
        return None
    codes = [*actor.codes, *(r.code for r in actor.roles)]
    if is_state_record(actor):
        stats["skipped: states (hudhud's country table has them)"] += 1
        return None
    kind = "person" if _is_person(actor, names[0], code, codes) else _code_kind(code)
    if kind == "state":  # an institution coded with its bare country code
        kind = None
    affiliations: list[KBAffiliation] = []
    if kind == "person":
        for role in [*actor.roles, *(Role(c) for c in actor.codes)]:
            found = _affiliation(role)
            if found is not None and found not in affiliations:
                affiliations.append(found)
    country = next((c for c in (split_code(x)[0] for x in [code, *codes]) if c), None)
    return KBEntry(id="", name=names[0], kind=kind or "organisation", country=country,
                   aliases=names[1:], affiliations=affiliations, cameo=code,
                   notes=f"Imported from the Phoenix CAMEO dictionary {actor.origin} (OEDA, MIT).")


def import_cameo(paths: Iterable[str | os.PathLike[str]], kb: KnowledgeBase | None = None,
                 countries: Iterable[str] | None = None,
                 stats: Counter[str] | None = None) -> list[KBEntry]:
    """KB entries from TABARI actor dictionaries, made safe to load beside `kb`.

    kb: the knowledge base the entries must not clash with (default: built-in).
    countries: keep only entries of these ISO alpha-3 countries.
    stats: filled with counts of what was read, skipped, dropped and merged.
    """
    kb = kb or KnowledgeBase.default()
    stats = stats if stats is not None else Counter()
    keep = {c.upper() for c in countries} if countries else None
    known = {_key(surface) for surface, _ in kb.surface_forms(base=False)}
    entries: list[KBEntry] = []
    owner: dict[str, list[int]] = {}  # name key -> indexes of imported entries
    for path in paths:
        actors, file_stats = read_actors(Path(path).read_text(encoding="utf-8", errors="replace"),
                                         Path(path).name)
        stats.update(file_stats)
        stats["records read"] += len(actors)
        for actor in actors:
            entry = entry_of(actor, stats)
            if entry is None:
                continue
            if keep is not None and entry.country not in keep:
                stats["skipped: other countries"] += 1
                continue
            if country_table.lookup(entry.name):  # "Armenia [USRARM]": a state after all
                stats["skipped: states (hudhud's country table has them)"] += 1
                continue
            if _key(entry.name) in known:
                stats["skipped: already in the built-in KB"] += 1
                continue
            aliases = [a for a in entry.aliases if not country_table.lookup(a)]
            stats["aliases dropped: names of states"] += len(entry.aliases) - len(aliases)
            names = [entry.name] + [a for a in aliases if _key(a) not in known]
            stats["aliases dropped: in the built-in KB"] += len(aliases) + 1 - len(names)
            twin = next((i for i in owner.get(_key(entry.name), [])
                         if entries[i].cameo == entry.cameo), None)
            if twin is not None:  # the same actor listed twice: one entry
                _merge(entries[twin], entry, names, owner, twin)
                stats["merged: same name and code"] += 1
                continue
            entry.aliases = names[1:]
            entries.append(entry)
            for n in dict.fromkeys(_key(x) for x in names):
                owner.setdefault(n, []).append(len(entries) - 1)
    _mark_ambiguous(entries, owner, stats)
    _assign_ids(entries)
    stats["entries"] = len(entries)
    return entries


def _merge(into: KBEntry, other: KBEntry, names: list[str], owner: dict[str, list[int]],
           index: int) -> None:
    own = {_key(n) for n in into.names}
    for name in names:
        if _key(name) not in own:
            into.aliases.append(name)
            own.add(_key(name))
            owner.setdefault(_key(name), []).append(index)
    into.affiliations += [a for a in other.affiliations if a not in into.affiliations]


def _mark_ambiguous(entries: list[KBEntry], owner: dict[str, list[int]],
                    stats: Counter[str]) -> None:
    for key, indexes in owner.items():
        if len(set(indexes)) > 1:
            stats["names shared by imported entries (ambiguous)"] += 1
            for i in set(indexes):
                entries[i].ambiguous += [n for n in entries[i].names if _key(n) == key]


def _assign_ids(entries: list[KBEntry]) -> None:
    used: set[str] = set()
    for entry in entries:
        base = f"cameo-{_slug(entry.name)}"
        candidate = base if base not in used else f"{base}-{(entry.country or 'x').lower()}"
        n = 2
        while candidate in used:
            candidate = f"{base}-{n}"
            n += 1
        used.add(candidate)
        entry.id = candidate


def _record(entry: KBEntry) -> dict[str, Any]:
    out: dict[str, Any] = {"id": entry.id, "name": entry.name, "kind": entry.kind}
    if entry.country:
        out["country"] = entry.country
    out["cameo"] = entry.cameo
    if entry.aliases:
        out["aliases"] = list(entry.aliases)
    if entry.affiliations:
        out["affiliations"] = [
            {k: v for k, v in (("relation", a.relation), ("object", a.object), ("from", a.start),
                               ("to", a.end), ("role", a.role)) if v is not None}
            for a in entry.affiliations]
    if entry.ambiguous:
        out["ambiguous"] = list(dict.fromkeys(entry.ambiguous))
    if entry.notes:
        out["notes"] = entry.notes
    return out


_HEADER = """# hudhud knowledge-base entries imported by `hudhud kb import-cameo`.
# Source: the Phoenix / CAMEO actor dictionaries of the Open Event Data Alliance
# (openeventdata/petrarch2), MIT licence; coverage ends in 2014.
# Schema: see hudhud/kb/actors.py. Load with --kb or KnowledgeBase.load([path]).
"""


def write_kb_file(entries: list[KBEntry], out_path: str | os.PathLike[str]) -> dict[str, Any]:
    """Write entries as JSONL (`.jsonl`) or YAML (`.yml` / `.yaml`) for KnowledgeBase.load."""
    target = Path(out_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    records = [_record(e) for e in entries]
    if target.suffix == ".jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    elif target.suffix in (".yml", ".yaml"):
        text = _HEADER + "\n" + yaml.safe_dump(records, sort_keys=False, allow_unicode=True,
                                               width=100)
    else:
        raise ValueError(f"{target}: use a .jsonl, .yml or .yaml file name")
    target.write_text(text, encoding="utf-8")
    return {"path": str(target), "entries": len(records),
            "kinds": dict(Counter(e.kind for e in entries).most_common())}


def run_import(paths: Iterable[str | os.PathLike[str]], out_path: str | os.PathLike[str],
               countries: Iterable[str] | None = None) -> dict[str, Any]:
    """Import, write, and load the result beside the built-in KB to prove it validates.

    RETURNS (dict): {path, entries, kinds, counts (read / skipped / dropped /
    merged), loaded (entries of built-in + imported KB)}.
    """
    stats: Counter[str] = Counter()
    entries = import_cameo(paths, countries=countries, stats=stats)
    result = write_kb_file(entries, out_path)
    result["counts"] = dict(sorted(stats.items()))
    result["loaded"] = len(KnowledgeBase.load([out_path], base=False))
    return result
