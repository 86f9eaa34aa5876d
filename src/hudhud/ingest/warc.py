"""Web archives (.warc, .warc.gz): each HTML response as a document, via warcio."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from hudhud import settings
from hudhud.errors import CUT_RECORD, InputError
from hudhud.ingest.record import RecordError
from hudhud.ingest.source import GZIP_ERRORS, BadFile, Source, declared_charset, inspect, truncated_gzip
from hudhud.ingest.walk import Entry
from hudhud.ingest.webpage import page_document
from hudhud.model import Document

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def decode_payload(payload: bytes, content_type: str) -> str:
    """An HTML payload as text: the HTTP charset, else the page's <meta>, else UTF-8."""
    for charset in (_charset(content_type), declared_charset(payload), "utf-8"):
        if not charset:
            continue
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    raise RecordError("page is not valid UTF-8 and declares no charset that decodes it")


def read_warc(entry: Entry, published: str | None) -> Iterator[Document | InputError]:
    """Yield a Document per HTML response with status 200.

    `url` is the record's WARC-Target-URI unless the page names its own; the date
    is the page's publication date, else the WARC-Date. The origin is
    ``path:OFFSET``, the record's byte offset (what `warcio extract` takes). A
    record the archive ends inside (a cut download) is an error at its offset,
    whatever its type; the whole records before it are kept.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise BadFile("reading WARC files needs the warcio package",
                      hint="pip install warcio==1.8.1") from None
    # Payloads (images) may hold NUL bytes; warcio decompresses itself.
    inspect(entry.path, entry.gzipped, allow_nul=True)
    limit = settings.MAX_DOC_CHARS * 4
    pages = 0
    with Source(entry.path, False, "utf-8", 0).open() as fh:
        records = ArchiveIterator(fh)
        end, cut = 0, None  # where the last record read ends; why it is cut, if it is
        try:
            for record in records:
                content_type = _html_response(record)
                payload = record.content_stream().read(limit) if content_type else b""
                cut = _cut(record)
                # After the drain: warcio finds the offset by reading to the record's end.
                offset = records.get_record_offset()
                end = offset + records.get_record_length()
                origin = f"{entry.path}:{offset}"
                if cut:
                    pages += 1
                    yield CUT_RECORD.error(origin, cut)
                elif content_type:
                    pages += 1
                    yield from _page(record, payload, content_type, origin, published)
        except ArchiveLoadFailed as exc:
            raise BadFile(f"not a valid WARC file ({str(exc).strip()})") from None
        except GZIP_ERRORS as exc:
            raise truncated_gzip(exc) from None
        rest = None if cut else _rest(fh, end)
        if rest is not None:
            pages += 1
            yield CUT_RECORD.error(f"{entry.path}:{rest}", "record cut off: the archive ends inside "
                                                           "the headers of this record")
    if not pages:
        raise BadFile("no HTML responses found in the archive")


def _rest(fh: BinaryIO, end: int) -> int | None:
    """Where bytes after the last whole record start, or None when none follow.

    warcio ends without a word when the archive is cut inside a record's headers
    (or a gzip member's first bytes); only the bytes left over tell.
    """
    fh.seek(end)
    while chunk := fh.read(1 << 12):
        text = chunk.lstrip()  # records are followed by blank lines
        if text:
            return end + len(chunk) - len(text)
        end += len(chunk)
    return None


def _html_response(record) -> str | None:
    """The Content-Type of an HTML response with status 200, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    return content_type


def _cut(record) -> str | None:
    """Read the record to its end; why it is cut off, or None when it is whole.

    warcio reads a record cut short as if it ended there, silently; its raw stream
    is limited to the record's Content-Length, so what is left unread was never
    there. A WARC record cut inside its headers has no Content-Length at all
    (old ARC records name their length otherwise).
    """
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    if record.format == "warc" and record.rec_headers.get_header("Content-Length") is None:
        return "record cut off inside its headers (no Content-Length)"
    missing = getattr(raw, "limit", 0) or 0
    if missing > 0:
        return f"record cut off: the archive ends {missing} bytes before the end of this record"
    return None


def _page(record, payload: bytes, content_type: str, origin: str,
          published: str | None) -> Iterator[Document | InputError]:
    try:
        yield page_document(
            decode_payload(payload, content_type), origin, published,
            url=record.rec_headers.get_header("WARC-Target-URI"),
            fetched=record.rec_headers.get_header("WARC-Date"),
        )
    except RecordError as exc:
        yield exc.at(origin)
