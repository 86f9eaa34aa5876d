"""Reading gold and prediction files (the JSONL shape of FORMAT.md).

A line that is not a JSON object of that shape stops the evaluation with a
GoldFormatError naming ``file:line``: a score over a silently skipped line
would be a wrong score.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hudhud.errors import GoldFormatError

#: The record lists of a document and the fields each record must have.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "actors": ("id", "name"),
    "affiliations": ("subject", "relation", "object"),
    "events": ("source", "type"),
    "quotes": ("text",),
    "places": ("name",),
}

_HINT = (
    "Each line must be one JSON object shaped as in FORMAT.md "
    "(doc_id, actors, affiliations, events, quotes, places)."
)


def _fail(origin: str, message: str) -> GoldFormatError:
    return GoldFormatError(f"{origin}: {message}", hint=_HINT)


def validate_record(record: Any, origin: str) -> dict[str, Any]:
    """Check one document record; return it with every record list present."""
    if not isinstance(record, dict):
        raise _fail(origin, f"expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("doc_id")
    if not isinstance(doc_id, str) or not doc_id:
        raise _fail(origin, "missing or empty 'doc_id'")
    out = dict(record)
    for kind, required in REQUIRED_FIELDS.items():
        items = record.get(kind)
        if items is None:
            out[kind] = []
            continue
        if not isinstance(items, list):
            raise _fail(origin, f"'{kind}' must be a list")
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise _fail(origin, f"{kind}[{i}] must be an object")
            missing = [f for f in required if f not in item]
            if missing:
                raise _fail(origin, f"{kind}[{i}] lacks {', '.join(missing)}")
        out[kind] = items
    for i, actor in enumerate(out["actors"]):
        aliases = actor.get("aliases") or []
        if not isinstance(actor["name"], str) or not isinstance(aliases, list) or not all(
            isinstance(a, str) for a in aliases
        ):
            raise _fail(origin, f"actors[{i}]: 'name' must be a string and 'aliases' a list of strings")
    for i, quote in enumerate(out["quotes"]):
        if not isinstance(quote["text"], str):
            raise _fail(origin, f"quotes[{i}]: 'text' must be a string")
    for i, place in enumerate(out["places"]):
        for key in ("lat", "lon"):
            value = place.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise _fail(origin, f"places[{i}]: '{key}' must be a number or null")
    return out


def validate_records(records: list[Any], label: str) -> dict[str, dict[str, Any]]:
    """Validate a list of records and index them by doc_id (duplicates are an error)."""
    by_id: dict[str, dict[str, Any]] = {}
    for n, record in enumerate(records):
        origin = f"{label}[{n}]"
        checked = validate_record(record, origin)
        if checked["doc_id"] in by_id:
            raise _fail(origin, f"duplicate doc_id {checked['doc_id']!r}")
        by_id[checked["doc_id"]] = checked
    return by_id


def read_jsonl(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read a gold or prediction JSONL file into {doc_id: record}."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read ({exc.strerror})", hint="Check the path.") from exc
    by_id: dict[str, dict[str, Any]] = {}
    with handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            origin = f"{path}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise _fail(origin, f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
            checked = validate_record(record, origin)
            if checked["doc_id"] in by_id:
                raise _fail(origin, f"duplicate doc_id {checked['doc_id']!r}")
            by_id[checked["doc_id"]] = checked
    return by_id
