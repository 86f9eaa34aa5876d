"""The byte layer: open a file (gzip or not), tell text from binary, decode.

Readers never see bytes. They ask `inspect` whether a file is readable text, then
either `read_whole` (one article per file: .txt, .html) or `lines.iter_lines` (one
record per line: .jsonl, .csv), which decodes line by line so a 100k-line file is
streamed and a bad byte is reported with its line and byte offset, not as a crash.
Only regular files are opened: a FIFO would block the read forever.
"""

from __future__ import annotations

import codecs
import gzip
import os
import re
import stat
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from hudhud.errors import NOT_A_FILE, InputCode, InputError

#: How many bytes are sniffed for NUL bytes and byte-order marks.
HEAD_BYTES = 8192

#: Errors a gzip stream raises when it is truncated or not gzip at all.
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

REENCODE_HINT = "re-encode the file as UTF-8"


class BadFile(Exception):
    """A whole file cannot be read; the caller turns it into an InputError for the path."""

    def __init__(self, message: str, hint: str | None = None, code: InputCode | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint or (code.hint if code else None)
        self.code = code

    def at(self, origin: str) -> InputError:
        """The InputError saying so at `origin`."""
        return InputError(origin, self.message, hint=self.hint, code=self.code.code if self.code else None)


@dataclass(frozen=True)
class Source:
    """A readable file: where it is, whether it is gzipped, and its encoding."""

    path: str
    gzipped: bool
    encoding: str  # "utf-8" (BOM optional), "utf-16" or "utf-32" (BOM required)
    bom: int  # length in bytes of the byte-order mark to skip

    def open(self) -> BinaryIO:
        """A fresh binary stream over the (decompressed) content. Raises BadFile
        when the path is no regular file."""
        raw = open_regular(self.path)
        return _OwnedGzipFile(raw) if self.gzipped else raw  # type: ignore[return-value]


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO"), or None for a regular file."""
    for test, kind in ((stat.S_ISREG, None), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a file"


def open_regular(path: str) -> BinaryIO:
    """`path` opened for binary reading; BadFile unless it is a regular file.

    Opened without blocking, then checked on the open descriptor: opening a FIFO
    with no writer would wait forever, and a FIFO put in a file's place between a
    check and the open is caught all the same.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        kind = special_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise BadFile(f"not a regular file ({kind}); not read", code=NOT_A_FILE)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class _OwnedGzipFile(gzip.GzipFile):
    """A GzipFile over an open file that it closes with itself (gzip.open does so
    only for a path it opened)."""

    def __init__(self, raw: BinaryIO):
        super().__init__(fileobj=raw, mode="rb")
        self._raw = raw

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


def inspect(path: str, gzipped: bool, allow_nul: bool = False) -> Source:
    """Check that `path` is non-empty text and find its encoding. Raises BadFile.

    `allow_nul` is for containers whose payloads may be binary (WARC).
    """
    src = Source(path, gzipped, "utf-8", 0)
    with src.open() as fh:
        head = _read_head(fh)
    if not head.strip() and len(head) < HEAD_BYTES:
        # A whitespace-only file says nothing either; the same message helps most.
        raise BadFile("empty file")
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return Source(path, gzipped, encoding, len(bom) if encoding == "utf-8" else 0)
    if b"\x00" in head and not allow_nul:
        raise BadFile("binary file, not text", hint="hudhud reads .txt, .html, .jsonl, .csv, .warc and RSS/Atom files")
    return src


def _read_head(fh: BinaryIO) -> bytes:
    # With read1, which returns what one step decompresses, so that a gzip stream
    # cut inside the first HEAD_BYTES still gives what comes before the cut (read
    # raises and drops it): the reader keeps the records found there and reports
    # the cut where it meets it. Nothing decompressible at all is an error.
    head = b""
    while len(head) < HEAD_BYTES:
        try:
            part = fh.read1(HEAD_BYTES - len(head))
        except GZIP_ERRORS as exc:
            if not head:
                raise truncated_gzip(exc) from None
            break
        if not part:
            break
        head += part
    return head


def truncated_gzip(exc: BaseException, line: int | None = None) -> BadFile:
    where = "" if line is None else f" at line {line}"
    return BadFile(f"truncated gzip{where}, cannot decompress the rest ({exc or type(exc).__name__})",
                   hint="the file is damaged or not gzip; download or compress it again")


def utf8_error(offset: int, line: int | None = None) -> str:
    where = f"byte {offset}" if line is None else f"byte {offset} (line {line})"
    return f"not valid UTF-8 at {where}; {REENCODE_HINT}"


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode(data: bytes, src: Source, truncated: bool = False, fallback: str | None = None) -> str:
    """Decode `data` (the file from its start). Raises BadFile naming the bad byte.

    `fallback` is a charset to try when the bytes are not UTF-8 (an HTML page's
    declared charset: Arabic sites still serve windows-1256).
    `truncated` says the data was cut at a size limit, so a character split at the
    very end is dropped rather than reported.
    """
    body = data[src.bom:]
    try:
        return body.decode(src.encoding)
    except UnicodeDecodeError as exc:
        if truncated and exc.start >= len(body) - 3 and "end of data" in exc.reason:
            return body[:exc.start].decode(src.encoding)
        if fallback and src.encoding == "utf-8":
            try:
                return body.decode(fallback)
            except UnicodeDecodeError:
                pass
        if src.encoding != "utf-8":
            raise BadFile(f"not valid {src.encoding.upper()} at byte {exc.start + src.bom}",
                          hint=REENCODE_HINT) from None
        raise BadFile(utf8_error(exc.start + src.bom)) from None


def read_whole(src: Source, max_chars: int, fallback_charset: bool = False) -> str:
    """The whole file as text, cut at `max_chars` characters."""
    limit = max_chars * 4 + 4  # no encoding we accept needs more than 4 bytes a character
    with src.open() as fh:
        try:
            data = fh.read(limit + 1)
        except GZIP_ERRORS as exc:
            raise truncated_gzip(exc) from None
    truncated = len(data) > limit
    data = data[:limit]
    fallback = declared_charset(data) if fallback_charset else None
    return decode(data, src, truncated, fallback)[:max_chars]
