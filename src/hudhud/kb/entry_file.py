"""Knowledge-base files: YAML (a list of entries) or JSONL (one entry a line), parsed
and checked entry by entry. Every problem raises `KnowledgeBaseError` naming the
file and the entry ("kb/iraq.yml: entry 'kataib-hezbollah': unknown kind 'milita'").
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from hudhud.errors import KnowledgeBaseError
from hudhud.kb.entry import KBAffiliation, KBEntry, bounds, index_key
from hudhud.kb.names import name_key
from hudhud.model import ACTOR_KINDS, RELATIONS

__all__ = ["builtin_files", "read_file"]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ENTRY_FIELDS = frozenset(
    {"id", "name", "kind", "country", "aliases", "affiliations", "cameo", "notes", "ambiguous"}
)
_AFFILIATION_FIELDS = frozenset({"relation", "object", "from", "to", "role"})
# libyaml's safe loader is ten times faster than the pure-Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _date(value: Any, where: str) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, date) else str(value)
    if not _DATE.match(text):
        raise KnowledgeBaseError(
            f"{where}: bad date {value!r}", hint="write dates as YYYY, YYYY-MM or YYYY-MM-DD"
        )
    return text


def _strings(raw: dict[str, Any], key: str, where: str) -> list[str]:
    values = raw.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise KnowledgeBaseError(f"{where}: '{key}' must be a list of non-empty strings")
    return [v.strip() for v in values]


def _parse_affiliation(raw: Any, where: str) -> KBAffiliation:
    if not isinstance(raw, dict) or set(raw) - _AFFILIATION_FIELDS:
        raise KnowledgeBaseError(
            f"{where}: an affiliation must be a mapping of relation, object, from, to, role",
            hint=f"got {raw!r}",
        )
    if raw.get("relation") not in RELATIONS:
        raise KnowledgeBaseError(
            f"{where}: unknown relation {raw.get('relation')!r}", hint=f"use one of {RELATIONS}"
        )
    if not isinstance(raw.get("object"), str):
        raise KnowledgeBaseError(f"{where}: affiliation without an object id")
    start, end = _date(raw.get("from"), where), _date(raw.get("to"), where)
    if start and end and bounds(start)[0] > bounds(end)[1]:
        raise KnowledgeBaseError(f"{where}: affiliation ends ({end}) before it starts ({start})")
    role = raw.get("role")
    return KBAffiliation(raw["relation"], raw["object"], start, end, None if role is None else str(role))


def _parse_entry(raw: Any, origin: str, number: int) -> KBEntry:
    """One entry from its YAML/JSON mapping; `number` counts from 1 within the file."""
    label = raw.get("id") if isinstance(raw, dict) else None
    where = f"{origin}: entry {label!r}" if label else f"{origin}: entry #{number}"
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(f"{where}: an entry must be a mapping, got {type(raw).__name__}")
    unknown = sorted(set(raw) - _ENTRY_FIELDS)
    if unknown:
        raise KnowledgeBaseError(
            f"{where}: unknown field(s) {unknown}", hint=f"fields are {sorted(_ENTRY_FIELDS)}"
        )
    if not isinstance(label, str) or not _ID.match(label):
        raise KnowledgeBaseError(f"{where}: 'id' must be a lower-case slug like 'kataib-hezbollah'")
    if not isinstance(raw.get("name"), str) or not raw["name"].strip():
        raise KnowledgeBaseError(f"{where}: 'name' is missing")
    if raw.get("kind") not in ACTOR_KINDS:
        raise KnowledgeBaseError(
            f"{where}: unknown kind {raw.get('kind')!r}", hint=f"use one of {ACTOR_KINDS}"
        )
    country = raw.get("country")
    if country is not None and not (isinstance(country, str) and _COUNTRY.match(country)):
        raise KnowledgeBaseError(f"{where}: 'country' must be an ISO alpha-3 code like IRQ, got {country!r}")
    affiliations = raw.get("affiliations") or []
    if not isinstance(affiliations, list):
        raise KnowledgeBaseError(f"{where}: 'affiliations' must be a list")
    entry = KBEntry(
        id=label,
        name=raw["name"].strip(),
        kind=raw["kind"],
        country=country,
        aliases=_strings(raw, "aliases", where),
        affiliations=[_parse_affiliation(a, where) for a in affiliations],
        cameo=None if raw.get("cameo") is None else str(raw["cameo"]),
        notes=None if raw.get("notes") is None else str(raw["notes"]),
        ambiguous=_strings(raw, "ambiguous", where),
        origin=origin,
    )
    blank = [n for n in entry.names if not index_key(n)]
    if blank:
        raise KnowledgeBaseError(f"{where}: names without letters or digits: {blank}")
    own = {name_key(n) for n in entry.names}
    stray = [a for a in entry.ambiguous if name_key(a) not in own]
    if stray:
        raise KnowledgeBaseError(f"{where}: 'ambiguous' lists {stray}, which are not aliases of the entry")
    return entry


def read_file(path: str | os.PathLike[str], text: str | None = None) -> list[KBEntry]:
    """Entries of one YAML (a list of mappings) or JSONL (one mapping a line) file."""
    origin = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeBaseError(f"{origin}: cannot read the file ({exc.strerror})") from exc
    if origin.endswith(".jsonl"):
        raws = []
        for line_no, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    raws.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise KnowledgeBaseError(f"{origin}:{line_no}: not valid JSON ({exc.msg})") from exc
    elif origin.endswith((".yml", ".yaml")):
        try:
            raws = yaml.load(text, Loader=_YAML_LOADER) or []
        except yaml.YAMLError as exc:
            raise KnowledgeBaseError(f"{origin}: not valid YAML ({exc})") from exc
        if not isinstance(raws, list):
            raise KnowledgeBaseError(f"{origin}: a knowledge-base YAML file must be a list of entries")
    else:
        raise KnowledgeBaseError(f"{origin}: unknown file type", hint="use .yml, .yaml or .jsonl")
    return [_parse_entry(raw, origin, i) for i, raw in enumerate(raws, 1)]


def builtin_files() -> list[tuple[str, str]]:
    folder = resources.files("hudhud").joinpath("data", "kb")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yml")), key=lambda f: f.name)
    return [(f"hudhud/data/kb/{f.name}", f.read_text(encoding="utf-8")) for f in files]
