"""export stage: the store as JSONL (the gold shape), CSV or Parquet."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hudhud.errors import HudhudError
from hudhud.export.jsonl import document_record, write_jsonl
from hudhud.export.tables import write_tables
from hudhud.store import Store

FORMATS = ("jsonl", "csv", "parquet", "ftm")

__all__ = ["FORMATS", "document_record", "export"]


def export(store: Store | str | os.PathLike[str], fmt: str, path: str | os.PathLike[str],
           ) -> dict[str, Any]:
    """Export a store (or a store file, opened read-only) as `fmt`.

    jsonl and ftm (FollowTheMoney entities) write one file (`path` "-" is stdout); csv and parquet write one
    file per record kind into the directory `path`. Returns {documents, files}.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise HudhudError(f"unknown export format {fmt!r}.",
                          hint="Use one of: " + ", ".join(FORMATS) + ".", code="H050")
    if not isinstance(store, Store):
        with Store(store, read_only=True) as opened:
            return export(opened, fmt, path)
    if fmt == "jsonl":
        return write_jsonl(store, path if str(path) == "-" else Path(path))
    if fmt == "ftm":
        from hudhud.export.ftm import write_ftm  # followthemoney takes a while to import

        return write_ftm(store, path)
    return write_tables(store, fmt, path)
