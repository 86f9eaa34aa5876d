"""Stream the items of an XML feed, and go on after a fatal XML error.

An XML parser stops at the first fatal error ("<title>x</title></itme>", a control
character), and lxml's iterparse also drops the items it parsed in the same read
before the error. Here the bytes are fed to a pull parser in pieces cut before
each item's start tag ("<item", "<entry"), so the items before an error come out,
and the broken item is known: its piece. Reading then goes on at the next item's
start tag with a fresh parser, first given the feed's header again (the bytes
before the first item: the root element and its namespaces), so an Atom entry
after a broken one is still in the Atom namespace. Line numbers stay the file's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

#: How many bytes are read at a time.
BLOCK_BYTES = 1 << 16
#: The longest header kept for starting again after an error; a feed with a larger
#: one (no items in its first megabyte) stops at its first error.
MAX_HEADER_BYTES = 1 << 20

# An item's start tag, with any namespace prefix: "<item>", "<entry ", "<rss:item ".
_ITEM_START = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,40}:)?(?:item|entry)[\s/>]")
# "..., line 4, column 16" at the end of a libxml2 message.
_PARSER_LINE = re.compile(r", line \d+(?=, column \d+$)")
_LINE = re.compile(r"\bline (\d+)")
# A start tag cut at the end of a block is looked for again with the next block.
_TAIL = 64


@dataclass(frozen=True)
class XmlItem:
    """An item element, whole, and the file line it starts on. The element is
    cleared once the caller has had its turn, so a large feed streams."""

    line: int
    element: etree._Element


@dataclass(frozen=True)
class XmlBreak:
    """A fatal XML error at `line`; the items after it are read from the next item on."""

    line: int
    message: str


def iter_items(fh: BinaryIO, tags: tuple[str, ...]) -> Iterator[XmlItem | XmlBreak]:
    """The elements of `tags` (items, each whole) and the breaks between them, in file order."""
    stream = _Stream(tags)
    for piece, at_item in _pieces(fh):
        yield from stream.feed(piece, at_item)
    yield from stream.close()


class _Stream:
    def __init__(self, tags: tuple[str, ...]):
        self.tags = tags
        self.header: bytearray | None = bytearray()  # None once too large to keep
        self.in_header = True
        self.line = 1  # the file's line where the next piece starts
        self.broken = False  # after an error: skip to the next item's start tag
        self.waiting = False  # an item was started and its element has not come yet
        self.parser = self._new_parser()
        self.shift = 0  # file line = parser line + shift

    def _new_parser(self) -> etree.XMLPullParser:
        # No entity expansion and no network: a feed is untrusted input.
        return etree.XMLPullParser(events=("end",), tag=self.tags, resolve_entities=False,
                                   no_network=True, huge_tree=False, remove_comments=True)

    def feed(self, piece: bytes, at_item: bool) -> Iterator[XmlItem | XmlBreak]:
        if at_item:
            self.in_header = False
            if self.waiting and not self.broken:
                # The item before gave no element: some errors ("&" with no name)
                # halt the parser without raising until it is closed.
                yield from self._halted()
            if self.broken and self.header is not None:
                self._restart()
            self.waiting = not self.broken
        elif self.in_header and self.header is not None:
            self.header += piece
            if len(self.header) > MAX_HEADER_BYTES:
                self.header = None
        if not self.broken:
            try:
                self.parser.feed(piece)
            except etree.XMLSyntaxError as exc:
                yield from self._events()
                yield from self._broke(exc, piece, at_item)
            else:
                yield from self._events()
        self.line += piece.count(b"\n")

    def _halted(self) -> Iterator[XmlBreak]:
        try:
            self.parser.close()
        except etree.XMLSyntaxError as exc:
            yield self._break(exc)
        else:
            yield XmlBreak(self.line, "an item that does not end where the next one starts")
        self._drop_events()  # what closing recovers of the broken item is not the item
        self.broken = True

    def _drop_events(self) -> None:
        for _ in self.parser.read_events():
            pass

    def _break(self, exc: etree.XMLSyntaxError) -> XmlBreak:
        # libxml2's message names the parser's lines ("mismatch: item line 4 and
        # itme, line 4, column 30"); after a restart they are not the file's.
        message = _LINE.sub(lambda m: f"line {int(m.group(1)) + self.shift}", _PARSER_LINE.sub("", exc.msg))
        return XmlBreak((exc.lineno or 0) + self.shift, message)

    def close(self) -> Iterator[XmlItem | XmlBreak]:
        if self.broken:
            return
        try:
            self.parser.close()
        except etree.XMLSyntaxError as exc:
            # A feed cut inside an item: closing ends the open elements, the cut
            # item among them; what comes out then is not a whole item.
            self._drop_events()
            yield self._break(exc)
        else:
            yield from self._events()

    def _restart(self) -> None:
        self.parser = self._new_parser()
        self.parser.feed(bytes(self.header))  # parsed once already: no error, no item
        self.shift = self.line - (self.header.count(b"\n") + 1)
        self.broken = False

    def _broke(self, exc: etree.XMLSyntaxError, piece: bytes,
               at_item: bool) -> Iterator[XmlItem | XmlBreak]:
        line = (exc.lineno or 0) + self.shift
        yield self._break(exc)
        self.broken = True
        if self.in_header:
            self.header = None  # a broken header cannot be given again
        elif at_item and line < self.line and self.header is not None:
            # The error lies before this piece (the parser saw it only now): this
            # piece's item is whole, so it is read again with a fresh parser.
            self._restart()
            try:
                self.parser.feed(piece)
            except etree.XMLSyntaxError as again:
                yield from self._events()
                yield self._break(again)
                self.broken = True
            else:
                yield from self._events()

    def _events(self) -> Iterator[XmlItem]:
        for _event, element in self.parser.read_events():
            self.waiting = False
            yield XmlItem((element.sourceline or 0) + self.shift, element)
            # Free what has been read, so a large feed streams.
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]


def _pieces(fh: BinaryIO) -> Iterator[tuple[bytes, bool]]:
    """The file's bytes in order, cut before each item start tag: (piece, starts an item)."""
    pending = b""
    at_item = False
    while True:
        block = fh.read(BLOCK_BYTES)
        data = pending + block
        # Near the end of a block a start tag may be cut; it is looked for next time.
        limit = len(data) if not block else max(0, len(data) - _TAIL)
        start = 0
        for match in _ITEM_START.finditer(data):
            if match.start() >= limit:
                break
            if match.start() > start:
                yield data[start:match.start()], at_item
            start, at_item = match.start(), True
        if limit > start:
            yield data[start:limit], at_item
            start, at_item = limit, False
        pending = data[start:]
        if not block:
            if pending:
                yield pending, at_item
            return
