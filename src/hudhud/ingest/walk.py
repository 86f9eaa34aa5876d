"""Which files to read, in which order, and as what format."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from hudhud.errors import InputError

#: Format of each file suffix (lower case). A ".gz" after any of them is decompressed.
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".warc": "warc",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}


@dataclass(frozen=True)
class Entry:
    """A file to read. `format` is None for an unknown suffix."""

    path: str
    format: str | None
    gzipped: bool


def format_of(path: str) -> tuple[str | None, bool]:
    """The format of a file name and whether it is gzipped: "a.jsonl.gz" -> ("jsonl", True)."""
    name = os.path.basename(path).lower()
    gzipped = name.endswith(".gz")
    if gzipped:
        name = name[:-3]
    return FORMATS.get(os.path.splitext(name)[1]), gzipped


def expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Entry | InputError]:
    """Every file to read, in a deterministic order.

    A file named explicitly is always yielded, even with an unknown suffix (the
    reader then reports it). A folder is walked recursively, its entries sorted by
    name, hidden files and folders (".name") skipped, and files of unknown format
    skipped silently. A missing path yields an InputError.
    """
    for item in paths:
        path = os.fspath(item)
        if os.path.isdir(path):
            yield from _walk(path)
        elif os.path.exists(path):
            yield Entry(path, *format_of(path))
        else:
            yield InputError(path, "no such file or directory",
                             hint="check the path; folders are read recursively")


def _walk(folder: str) -> Iterator[Entry | InputError]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError(folder, f"cannot read folder ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        # Symlinked folders are not followed: a link to ".." would never end.
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif entry.is_file():
            fmt, gzipped = format_of(entry.name)
            if fmt is not None:
                yield Entry(entry.path, fmt, gzipped)
