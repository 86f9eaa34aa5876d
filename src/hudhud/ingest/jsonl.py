"""JSON Lines (.jsonl, .ndjson): one article object per line, streamed."""

from __future__ import annotations

import json
from collections.abc import Iterator

from hudhud.errors import InputError
from hudhud.ingest.record import RecordError, build_document
from hudhud.ingest.lines import Line, iter_lines
from hudhud.ingest.source import BadFile, inspect
from hudhud.ingest.walk import Entry
from hudhud.model import Document

_JSON_TYPES = {list: "an array", str: "a string", int: "a number", float: "a number",
               bool: "a boolean", type(None): "null"}


def read_jsonl(entry: Entry, published: str | None) -> Iterator[Document | InputError]:
    """Yield a Document per good line and an InputError (origin ``path:line``) per bad one."""
    src = inspect(entry.path, entry.gzipped)
    records = 0
    for item in parse_lines(entry.path, iter_lines(src), published):
        records += 1
        yield item
    if not records:
        raise BadFile("empty file")


def parse_lines(path: str, lines: Iterator[Line], published: str | None) -> Iterator[Document | InputError]:
    """Parse decoded lines one at a time; blank lines are skipped."""
    for line in lines:
        origin = f"{path}:{line.number}"
        if line.error:
            yield line.problem(origin)
            continue
        raw = line.text.strip()
        if not raw:
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield InputError(origin, "malformed JSON (nested too deeply)")
            continue
        if not isinstance(value, dict):
            kind = _JSON_TYPES.get(type(value), type(value).__name__)
            yield InputError(origin, f"not a JSON object (got {kind})")
            continue
        try:
            yield build_document(value, origin, published)
        except RecordError as exc:
            yield exc.at(origin)
