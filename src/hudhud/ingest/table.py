"""Tables (.csv, .tsv): a header row naming the fields, then one article per row."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator

from hudhud.errors import InputError
from hudhud.ingest.record import FIELDS, RecordError, build_document
from hudhud.ingest.source import BadFile, Line, inspect, iter_lines
from hudhud.ingest.walk import Entry
from hudhud.model import Document


def _raise_field_limit() -> None:
    # The default limit (128 KiB) is shorter than a long article.
    limit = sys.maxsize
    while limit > csv.field_size_limit():
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # C long is 32 bits on some platforms
            limit //= 2


class _Feed:
    """Feeds decoded lines to csv.reader, remembering which lines failed to decode."""

    def __init__(self, lines: Iterator[Line]):
        self.lines = lines
        self.errors: dict[int, str] = {}

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            if line.error:
                self.errors[line.number] = line.error
                yield "\n"
            else:
                yield line.text


def read_table(entry: Entry, published: str | None) -> Iterator[Document | InputError]:
    """Yield a Document per good row and an InputError (origin ``path:line``) per bad one.

    A row's origin is the line it starts on (a quoted field may span lines).
    """
    _raise_field_limit()
    feed = _Feed(iter_lines(inspect(entry.path, entry.gzipped)))
    reader = csv.reader(feed, delimiter="\t" if entry.format == "tsv" else ",")
    header: list[str] | None = None
    end = rows = 0
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            end = reader.line_num
            yield InputError(f"{entry.path}:{start}", f"bad CSV row ({exc})")
            continue
        end = reader.line_num
        origin = f"{entry.path}:{start}"
        bad = [feed.errors.pop(n) for n in range(start, end + 1) if n in feed.errors]
        if bad:
            yield InputError(origin, bad[0])
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
                yield InputError(origin, exc.message)
    if header is None:
        raise BadFile("empty file")
    if not rows:
        raise BadFile("no rows after the header row")
