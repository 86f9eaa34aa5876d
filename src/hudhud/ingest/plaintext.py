"""Plain-text articles (.txt): one document per file, the title on the first line."""

from __future__ import annotations

from collections.abc import Iterator

from hudhud import settings
from hudhud.errors import InputError
from hudhud.ingest.record import RecordError, build_document
from hudhud.ingest.source import BadFile, inspect, read_whole
from hudhud.ingest.walk import Entry
from hudhud.model import Document

# A first line followed by a blank line is the title, unless it reads like a
# paragraph: files that put each paragraph on one line, separated by blank lines,
# would otherwise lose their lead paragraph to the title. Headlines are short and
# do not end with a full stop ("Iraq's Kurds vote on independence").
MAX_TITLE_CHARS = 200


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body): the first line is the title when a blank line follows it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff\n \t").split("\n")
    if len(lines) < 3 or lines[1].strip():
        return None, text
    title = lines[0].strip()
    body = "\n".join(lines[2:])
    if not title or len(title) > MAX_TITLE_CHARS or title.endswith(".") or not body.strip():
        return None, text
    return title, body


def read_plaintext(entry: Entry, published: str | None) -> Iterator[Document | InputError]:
    """Yield the one Document of a .txt file (UTF-8, BOM allowed; UTF-16 with a BOM)."""
    src = inspect(entry.path, entry.gzipped)
    text = read_whole(src, settings.MAX_DOC_CHARS)
    if not text.strip():
        raise BadFile("empty file")
    title, body = split_title(text)
    try:
        yield build_document({"text": body, "title": title}, entry.path, published)
    except RecordError as exc:
        yield exc.at(entry.path)
