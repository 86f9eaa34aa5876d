"""Tables (.csv, .tsv): a header row naming the fields, then one article per row.

A quoted field may hold line breaks, so a row may span lines; but a quote left
open must not swallow the rest of the file. In

    id,text
    c0,ok text
    cbad,"He said ""never closes
    c1,The army shelled the town.

the csv module would read "cbad" on to the end of the file, c1 inside it. So a row
may span at most settings.MAX_FIELD_LINES lines and settings.MAX_LINE_BYTES bytes;
a row past either, or still open at the end of the file, is one error naming the
line it starts on, and the lines after that line are read again as rows.
"""

from __future__ import annotations

import csv
import sys
from collections import deque
from collections.abc import Iterator
from typing import NamedTuple

from hudhud import settings
from hudhud.errors import UNCLOSED_QUOTE, InputError
from hudhud.ingest.lines import Line, iter_lines
from hudhud.ingest.record import FIELDS, RecordError, build_document
from hudhud.ingest.source import BadFile, inspect
from hudhud.ingest.walk import Entry
from hudhud.model import Document


def _raise_field_limit() -> None:
    # The default limit (128 KiB) is shorter than a long article; rows are bounded
    # by settings.MAX_LINE_BYTES instead.
    limit = sys.maxsize
    while limit > csv.field_size_limit():
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # C long is 32 bits on some platforms
            limit //= 2


class RunawayRow(Exception):
    """The row being read runs past a limit, or to the end of the file, inside a quote."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _Feed:
    """Feeds decoded lines to csv.reader, one row at a time.

    csv.reader asks for another line within a row only while a quoted field is
    open, so the lines handed out since `start_row` are the row's lines; past the
    limits the feed raises RunawayRow, and `rewind` puts all but the row's first
    line back to be read again.
    """

    def __init__(self, lines: Iterator[Line]):
        self.lines = lines
        self.replay: deque[Line] = deque()
        self.row: list[Line] = []
        self.size = 0
        self.errors: dict[int, Line] = {}  # lines that failed to decode, by number

    def start_row(self) -> None:
        self.row, self.size = [], 0

    @property
    def row_start(self) -> int:
        """The line the row being read starts on."""
        return self.row[0].number

    def rewind(self, keep_first: bool = False) -> None:
        """Put the row's lines back to be read again: all of them, or all but the
        first (which then counts as read, its decoding error dropped)."""
        if not keep_first:
            self.errors.pop(self.row[0].number, None)
        self.replay.extendleft(reversed(self.row if keep_first else self.row[1:]))

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.replay.popleft() if self.replay else next(self.lines, None)
        if line is None:
            if self.row:
                raise RunawayRow("a quoted field opened on this line is still open at the end of the file")
            raise StopIteration
        self.row.append(line)
        if not line.error:  # a line too long to read was not kept: it costs nothing
            self.size += line.size
        if len(self.row) > settings.MAX_FIELD_LINES:
            raise RunawayRow(f"a quoted field opened on this line does not close within "
                             f"{settings.MAX_FIELD_LINES} lines (HUDHUD_MAX_FIELD_LINES)")
        if self.size > settings.MAX_LINE_BYTES:
            raise RunawayRow(f"the row starting on this line passes {settings.MAX_LINE_BYTES} bytes "
                             "inside a quoted field (HUDHUD_MAX_LINE_BYTES)")
        if line.error:
            self.errors[line.number] = line
            return "\n"
        return line.text


class _Row(NamedTuple):
    """A row's first and last line, and its cells, or what is wrong with it."""

    start: int
    end: int
    cells: list[str] | None
    problem: InputError | None = None


def _rows(feed: _Feed, path: str, delimiter: str) -> Iterator[_Row]:
    # Strict parsing catches a quote closed by accident: in
    #     cbad,"never closes          <- opens a quote
    #     c1,The army shelled the town.
    #     c2,"He left," they said.    <- its first quote closes it, "H" follows
    # a quote followed by text is an error, and the row spans lines: the quote of
    # line 1 never closed. A one-line row with a stray quote ('c3,"a"b') is read
    # again leniently, as the csv module always has ("ab").
    strict = csv.reader(feed, delimiter=delimiter, strict=True)
    lenient = csv.reader(feed, delimiter=delimiter)
    reader = strict
    while True:
        feed.start_row()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except RunawayRow as exc:
            message, code = exc.message, UNCLOSED_QUOTE
        except csv.Error as exc:
            if reader is strict and len(feed.row) == 1:
                feed.rewind(keep_first=True)
                reader = lenient
                continue
            message, code = f"bad CSV row ({exc})", None
            if reader is strict:
                message, code = (f"a quoted field opened on this line is closed on line {feed.row[-1].number} "
                                 "by a quote with text after it (a quote left open?)"), UNCLOSED_QUOTE
        else:
            reader = strict
            yield _Row(feed.row[0].number, feed.row[-1].number, cells)
            continue
        first = feed.row_start
        if len(feed.row) > 1:
            message += "; the lines after it are read as rows"
        feed.rewind()
        reader = strict
        origin = f"{path}:{first}"
        yield _Row(first, first, None, code.error(origin, message) if code else InputError(origin, message))


def read_table(entry: Entry, published: str | None) -> Iterator[Document | InputError]:
    """Yield a Document per good row and an InputError (origin ``path:line``) per bad one.

    A row's origin is the line it starts on (a quoted field may span lines).
    """
    _raise_field_limit()
    delimiter = "\t" if entry.format == "tsv" else ","
    feed = _Feed(iter_lines(inspect(entry.path, entry.gzipped)))
    header: list[str] | None = None
    rows = 0
    for start, end, row, problem in _rows(feed, entry.path, delimiter):
        origin = f"{entry.path}:{start}"
        bad = [feed.errors.pop(n) for n in range(start, end + 1) if n in feed.errors]
        if problem is not None:
            yield problem
        elif bad:
            yield bad[0].problem(origin)
        elif not any(cell.strip() for cell in row):
            continue
        elif header is None:
            header = [cell.strip().casefold() for cell in row]
            if not set(header) & set(FIELDS["text"]):
                raise BadFile(f"the header row has no text column (expected one of: {', '.join(FIELDS['text'][:3])})",
                              hint="the first row must name the columns, e.g. id,title,published,text")
        elif len(row) > len(header):
            rows += 1
            yield InputError(origin, f"row has {len(row)} fields but the header has {len(header)} "
                                     "(an unquoted delimiter in a field?)")
        else:
            rows += 1
            try:
                yield build_document(dict(zip(header, row)), origin, published)
            except RecordError as exc:
                yield exc.at(origin)
    if header is None:
        raise BadFile("empty file")
    if not rows:
        raise BadFile("no rows after the header row")
