"""Read articles: files and folders in, clean Documents out, bad input reported.

    >>> from hudhud.ingest import read_paths
    >>> for item in read_paths(["news/"], published="2019-03-14"):
    ...     print(item)  # a Document, or an InputError naming path:line

Formats (by suffix, case-insensitive, optionally gzipped): .txt, .html/.htm,
.jsonl/.ndjson, .csv/.tsv, .warc(.gz), .xml/.rss/.atom (RSS and Atom feeds).
Every file is streamed or cut at settings.MAX_DOC_CHARS, and nothing a file
contains makes `read_paths` raise: each bad file or record becomes an InputError
and the batch goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator

from hudhud.errors import InputError
from hudhud.ingest.clean import clean_text
from hudhud.ingest.docid import normalise_date, text_id
from hudhud.ingest.feed import read_feed
from hudhud.ingest.jsonl import read_jsonl
from hudhud.ingest.plaintext import read_plaintext
from hudhud.ingest.record import RecordError, build_document
from hudhud.ingest.source import BadFile
from hudhud.ingest.table import read_table
from hudhud.ingest.walk import FORMATS, Entry, expand
from hudhud.ingest.warc import read_warc
from hudhud.ingest.webpage import read_webpage
from hudhud.model import Document

__all__ = ["read_paths", "read_text", "clean_text", "normalise_date", "text_id"]

log = logging.getLogger(__name__)

Reader = Callable[[Entry, "str | None"], Iterator["Document | InputError"]]

#: The reader of each format of walk.FORMATS.
READERS: dict[str, Reader] = {
    "text": read_plaintext,
    "html": read_webpage,
    "jsonl": read_jsonl,
    "csv": read_table,
    "tsv": read_table,
    "warc": read_warc,
    "feed": read_feed,
}


def read_paths(paths: Iterable[str | os.PathLike[str]],
               published: str | None = None) -> Iterator[Document | InputError]:
    """Read files or folders (recursively, sorted, hidden files skipped).

    Yields a Document per good record and an InputError (origin ``path`` or
    ``path:line``) per bad file or record. `published` (YYYY-MM-DD) is the date
    of records that give none; an unreadable `published` raises InputError at once.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # one path, not an iterable of its characters
    default = None
    if published is not None:
        default = normalise_date(published)
        if default is None:
            raise InputError("published", f"cannot read the date {published!r}",
                             hint="give the date as YYYY-MM-DD")
    return _read_all(paths, default)


def _read_all(paths: Iterable[str | os.PathLike[str]], published: str | None) -> Iterator[Document | InputError]:
    for entry in expand(paths):
        if isinstance(entry, InputError):
            yield entry
        elif entry.format is None:
            known = ", ".join(sorted(FORMATS))
            yield InputError(entry.path, "unsupported file type", hint=f"hudhud reads {known} (optionally .gz)")
        else:
            yield from _read_file(entry, published)


def _read_file(entry: Entry, published: str | None) -> Iterator[Document | InputError]:
    try:
        yield from READERS[entry.format](entry, published)  # type: ignore[index]
    except BadFile as exc:
        yield exc.at(entry.path)
    except OSError as exc:
        yield InputError(entry.path, exc.strerror or str(exc))
    except Exception as exc:  # noqa: BLE001 - a parser failing on odd input must not stop the batch
        log.debug("reading %s failed", entry.path, exc_info=True)
        yield InputError(entry.path, f"cannot read the file ({type(exc).__name__}: {exc})")


def read_text(text: str, title: str | None = None, url: str | None = None,
              published: str | None = None, doc_id: str | None = None,
              origin: str | None = None) -> Document:
    """One Document from a text in memory (what hudhud.analyze reads).

    The text is cleaned like a file's; the id is `doc_id` or a hash of the text;
    `published` is normalised to YYYY-MM-DD (None when unreadable). Raises
    InputError when the text is empty after cleaning.
    """
    record = {"text": text, "title": title, "url": url, "published": published, "id": doc_id}
    try:
        return build_document(record, origin)
    except RecordError as exc:
        raise exc.at(origin or "text") from None
