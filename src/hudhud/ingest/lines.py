"""Lines of a text file, each read with a byte cap, each decoded on its own.

One line never costs more than settings.MAX_LINE_BYTES of memory, whatever the
file (or its gzip) holds: a 1 MB .jsonl.gz of one 1 GiB line is read in pieces
and its line reported as too long. Each line is decoded alone, so a bad byte in
UTF-8, or a lone surrogate unit in UTF-16, costs that line and no other.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from hudhud import settings
from hudhud.errors import BAD_WIDE_LINE, LINE_TOO_LONG, InputCode, InputError
from hudhud.ingest.source import GZIP_ERRORS, REENCODE_HINT, Source, truncated_gzip, utf8_error

#: How many bytes are read at a time from a UTF-16 or UTF-32 file.
BLOCK_BYTES = 1 << 16

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Line:
    """One line of a file: its number (from 1), its text with its line end, and its
    size in bytes; or, with `error` set, why it cannot be read."""

    number: int
    text: str
    error: str | None = None
    size: int = 0
    code: InputCode | None = None

    def problem(self, origin: str) -> InputError:
        """The InputError of a line with `error` set."""
        if self.code is not None:
            return self.code.error(origin, self.error or "")
        return InputError(origin, self.error or "")


def iter_lines(src: Source) -> Iterator[Line]:
    """Decode a file line by line (keeping line ends), streaming.

    A line that does not decode, or is longer than settings.MAX_LINE_BYTES, yields
    a Line with `error` set and the next line is read as usual. Raises BadFile on a
    gzip stream that breaks off, naming the line it breaks in.
    """
    cap = settings.MAX_LINE_BYTES
    number = 0
    with src.open() as fh:
        try:
            if src.encoding == "utf-8":
                raw_lines = _utf8_lines(fh, cap)
                decode = _utf8_decoder(src.bom)
            else:
                head = fh.read(4)
                codec, bom = _wide_codec(head)
                raw_lines = _wide_lines(fh, head, bom, codec, cap)
                decode = _wide_decoder(codec)
            for number, (raw, size, offset) in enumerate(raw_lines, 1):
                if raw is None:
                    yield Line(number, "", f"line longer than {cap} bytes ({size} bytes); skipped",
                               size, LINE_TOO_LONG)
                else:
                    yield decode(number, raw, offset)
        except GZIP_ERRORS as exc:
            raise truncated_gzip(exc, number + 1) from None


def _utf8_decoder(bom: int):
    def decode(number: int, raw: bytes, offset: int) -> Line:
        start = bom if number == 1 else 0
        try:
            return Line(number, raw[start:].decode("utf-8"), size=len(raw))
        except UnicodeDecodeError as exc:
            return Line(number, "", utf8_error(offset + start + exc.start, number), len(raw))
    return decode


def _wide_decoder(codec: str):
    name = codec[:6].upper()  # "UTF-16"

    def decode(number: int, raw: bytes, offset: int) -> Line:
        try:
            return Line(number, raw.decode(codec), size=len(raw))
        except UnicodeDecodeError as exc:
            return Line(number, "", f"not valid {name} at byte {offset + exc.start} (line {number}: {exc.reason}); "
                                    f"{REENCODE_HINT}", len(raw), BAD_WIDE_LINE)
    return decode


#: A line's bytes (None when too long), its size and its byte offset in the file.
Raw = tuple[bytes | None, int, int]


def _utf8_lines(fh: BinaryIO, cap: int) -> Iterator[Raw]:
    offset = 0
    while True:
        raw = fh.readline(cap + 1)
        if not raw:
            return
        size = len(raw)
        if size <= cap or raw.endswith(b"\n") and size == cap + 1:
            yield raw, size, offset
        else:  # longer than the cap: read on to its end in small pieces, keeping nothing
            while not raw.endswith(b"\n"):
                raw = fh.readline(BLOCK_BYTES)
                if not raw:
                    break
                size += len(raw)
            yield None, size, offset
        offset += size


def _wide_codec(head: bytes) -> tuple[str, int]:
    for bom, codec in _WIDE_BOMS:
        if head.startswith(bom):
            return codec, len(bom)
    raise AssertionError("inspect() gives a wide encoding only with its BOM")


def _wide_lines(fh: BinaryIO, head: bytes, bom: int, codec: str, cap: int) -> Iterator[Raw]:
    # Split on the newline code unit at a unit boundary: in UTF-16-LE, b"\n\x00".
    # Decoding the stream as a whole would stop at the first bad unit and lose
    # the lines decoded with it in the same block.
    newline = "\n".encode(codec)
    unit = len(newline)
    buf = bytearray(head[bom:])
    offset = bom  # of buf[0] in the file
    size = 0  # bytes of the current line dropped for being too long
    scan = 0  # buf[:scan] holds no newline unit
    while True:
        block = fh.read(BLOCK_BYTES)
        buf += block
        while (end := _find_unit(buf, newline, scan, unit)) >= 0:
            end += unit
            if size or end > cap + unit:
                yield None, size + end, offset - size
                size = 0
            else:
                yield bytes(buf[:end]), end, offset
            del buf[:end]
            offset += end
            scan = 0
        if not block:
            break
        scan = max(0, -(-(len(buf) - unit + 1) // unit) * unit)  # the first unit not wholly in buf
        if len(buf) > cap:  # a line already too long: keep only a partial unit
            keep = len(buf) % unit
            size += len(buf) - keep
            offset += len(buf) - keep
            del buf[:len(buf) - keep]
            scan = 0
    if size or len(buf) > cap:
        yield None, size + len(buf), offset - size
    elif buf:
        yield bytes(buf), len(buf), offset


def _find_unit(buf: bytearray, unit_bytes: bytes, start: int, unit: int) -> int:
    """The first offset >= start, a multiple of `unit`, where `unit_bytes` stands; -1 if none."""
    pos = buf.find(unit_bytes, start)
    while pos >= 0 and pos % unit:
        pos = buf.find(unit_bytes, pos + 1)
    return pos
