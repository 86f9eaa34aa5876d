"""Web archives (.warc, .warc.gz): each HTML response as a document, via warcio."""

from __future__ import annotations

from collections.abc import Iterator

from hudhud import settings
from hudhud.errors import InputError
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
    ``path:OFFSET``, the record's byte offset (what `warcio extract` takes).
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
    with Source(entry.path, False, "utf-8", 0).open() as fh:
        records = ArchiveIterator(fh)
        pages = 0
        try:
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
                    continue
                if record.http_headers.get_statuscode() != "200":
                    continue
                pages += 1
                payload = record.content_stream().read(limit)
                # After the read: warcio finds the offset by reading to the record's end.
                origin = f"{entry.path}:{records.get_record_offset()}"
                try:
                    yield page_document(
                        decode_payload(payload, content_type), origin, published,
                        url=record.rec_headers.get_header("WARC-Target-URI"),
                        fetched=record.rec_headers.get_header("WARC-Date"),
                    )
                except RecordError as exc:
                    yield InputError(origin, exc.message)
        except ArchiveLoadFailed as exc:
            raise BadFile(f"not a valid WARC file ({str(exc).strip()})") from None
        except GZIP_ERRORS as exc:
            raise truncated_gzip(exc) from None
    if not pages:
        raise BadFile("no HTML responses found in the archive")
