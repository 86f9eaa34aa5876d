"""News feeds (.rss, .atom, .xml): one document per RSS item or Atom entry, streamed."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from hudhud.errors import MALFORMED_XML, InputError
from hudhud.ingest.record import RecordError, build_document
from hudhud.ingest.source import GZIP_ERRORS, BadFile, inspect, truncated_gzip
from hudhud.ingest.walk import Entry
from hudhud.ingest.xmlstream import XmlBreak, iter_items
from hudhud.model import Document

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"

#: The elements that are one article each.
ITEMS = ("item", f"{RSS1}item", f"{ATOM}entry")

# Where each field is, best first: the full content before the summary.
_RSS_PATHS = {
    "text": (f"{CONTENT}encoded", "description", f"{RSS1}description"),
    "title": ("title", f"{RSS1}title"),
    "url": ("link", f"{RSS1}link"),
    "published": ("pubDate", f"{DC}date"),
}
_ATOM_PATHS = {
    "text": (f"{ATOM}content", f"{ATOM}summary"),
    "title": (f"{ATOM}title",),
    "published": (f"{ATOM}published", f"{ATOM}updated"),
}


def item_record(item: etree._Element) -> dict[str, str | None]:
    """The fields of an RSS item or Atom entry (text may still be HTML)."""
    paths = _ATOM_PATHS if item.tag == f"{ATOM}entry" else _RSS_PATHS
    record = {name: _first_text(item, tags) for name, tags in paths.items()}
    if item.tag == f"{ATOM}entry":
        record["url"] = _atom_link(item)
    return record


def _first_text(item: etree._Element, tags: tuple[str, ...]) -> str | None:
    for tag in tags:
        child = item.find(tag)
        if child is None:
            continue
        if len(child):  # Atom type="xhtml": the markup is XML children, not escaped text
            text = "".join(etree.tostring(part, encoding="unicode") for part in child)
            text = (child.text or "") + text
        else:
            text = child.text or ""
        if text.strip():
            return text
    return None


def _atom_link(entry: etree._Element) -> str | None:
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def read_feed(entry: Entry, published: str | None) -> Iterator[Document | InputError]:
    """Yield a Document per item (origin ``path:line`` of the item) and an InputError per
    bad one. A fatal XML error is one error at its line; the items before it are kept
    and reading goes on at the next item (xmlstream.py)."""
    src = inspect(entry.path, entry.gzipped)
    items = 0
    with src.open() as fh:
        try:
            for found in iter_items(fh, ITEMS):
                items += 1
                if isinstance(found, XmlBreak):
                    yield MALFORMED_XML.error(f"{entry.path}:{found.line}", f"malformed XML ({found.message})")
                    continue
                origin = f"{entry.path}:{found.line}"
                try:
                    yield build_document(item_record(found.element), origin, published)
                except RecordError as exc:
                    yield exc.at(origin)
        except GZIP_ERRORS as exc:
            raise truncated_gzip(exc) from None
    if not items:
        raise BadFile("no RSS or Atom items found", hint="hudhud reads .xml files only as RSS or Atom feeds")
