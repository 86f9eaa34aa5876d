"""Which files to read, in which order, and as what format."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from hudhud.errors import NOT_A_FILE, UNREADABLE_ENTRY, InputError
from hudhud.ingest.source import special_kind

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
    skipped silently. A missing path, an entry that cannot be read (a symbolic link
    loop) and anything but a regular file (a FIFO, a device) yield an InputError,
    and the walk goes on.
    """
    for item in paths:
        path = os.fspath(item)
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            yield InputError(path, "no such file or directory",
                             hint="check the path; folders are read recursively")
            continue
        except OSError as exc:
            yield UNREADABLE_ENTRY.error(path, f"cannot read ({exc.strerror or exc})")
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path)
        else:
            yield _file(path, path, mode)


def _file(path: str, name: str, mode: int) -> Entry | InputError:
    kind = special_kind(mode)
    if kind is not None:
        return NOT_A_FILE.error(path, f"not a regular file ({kind}); not read")
    return Entry(path, *format_of(name))


def _walk(folder: str) -> Iterator[Entry | InputError]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield UNREADABLE_ENTRY.error(folder, f"cannot read folder ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        # Symlinked folders are not followed: a link to ".." would never end.
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
            continue
        if format_of(entry.name)[0] is None:
            continue
        try:
            mode = entry.stat().st_mode  # through a symlink: what it points to
        except FileNotFoundError:  # a dangling link, or a file deleted meanwhile
            continue
        except OSError as exc:  # a link loop ("Too many levels of symbolic links")
            yield UNREADABLE_ENTRY.error(entry.path, f"cannot read ({exc.strerror or exc})")
            continue
        if not stat.S_ISDIR(mode):  # a symlink to a folder is not followed
            yield _file(entry.path, entry.name, mode)
