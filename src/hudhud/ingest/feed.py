"""News feeds (.rss, .atom, .xml): one document per RSS item or Atom entry, streamed."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from hudhud.errors import InputError
from hudhud.ingest.record import RecordError, build_document
from hudhud.ingest.source import GZIP_ERRORS, BadFile, inspect, truncated_gzip
from hudhud.ingest.walk import Entry
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
    """Yield a Document per item (origin ``path:line`` of the item) and an InputError per bad one."""
    src = inspect(entry.path, entry.gzipped)
    items = 0
    # No entity expansion and no network: a feed is untrusted input.
    with src.open() as fh:
        events = etree.iterparse(fh, events=("end",), tag=ITEMS, resolve_entities=False,
                                 no_network=True, huge_tree=False, remove_comments=True)
        try:
            for _event, item in events:
                items += 1
                origin = f"{entry.path}:{item.sourceline}"
                try:
                    yield build_document(item_record(item), origin, published)
                except RecordError as exc:
                    yield InputError(origin, exc.message)
                # Free what has been read, so a large feed streams.
                item.clear()
                while item.getprevious() is not None:
                    del item.getparent()[0]
        except etree.XMLSyntaxError as exc:
            yield InputError(f"{entry.path}:{exc.lineno}", f"malformed XML ({exc.msg})")
            return
        except GZIP_ERRORS as exc:
            raise truncated_gzip(exc) from None
    if not items:
        raise BadFile("no RSS or Atom items found", hint="hudhud reads .xml files only as RSS or Atom feeds")
