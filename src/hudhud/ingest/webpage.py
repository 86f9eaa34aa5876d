"""Saved web pages (.html): the article found by trafilatura, with the page's metadata."""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura

from hudhud import settings
from hudhud.errors import MARKUP_TOO_LARGE, InputError
from hudhud.ingest.docid import normalise_date
from hudhud.ingest.markup import markup_problem
from hudhud.ingest.record import RecordError, build_document
from hudhud.ingest.source import inspect, read_whole
from hudhud.ingest.walk import Entry
from hudhud.model import Document


def page_document(html: str, origin: str, published: str | None = None,
                  url: str | None = None, fetched: str | None = None) -> Document:
    """The article of an HTML page as a Document. Raises RecordError when none is found.

    Navigation, boilerplate and reader comments are dropped and no markup is kept.
    `title`, `url` and `published` come from the page's metadata; `url` falls back
    to the given one, `published` to `fetched` (a crawl date) and then `published`.
    A page past the markup bounds (markup.markup_problem) is refused before parsing.
    """
    problem = markup_problem(html)
    if problem:
        raise RecordError(problem, MARKUP_TOO_LARGE)
    found = trafilatura.bare_extraction(
        html, url=url, include_comments=False, with_metadata=True,
        include_images=False, include_links=False, include_formatting=False,
    )
    body = getattr(found, "text", None) if found is not None else None
    if not body or not body.strip():
        raise RecordError("no article text found in the page")
    title = found.title
    lines = body.split("\n")
    if title and lines and " ".join(lines[0].split()).casefold() == " ".join(title.split()).casefold():
        lines = lines[1:]  # the page's <h1> repeats the title; keep it only in `title`
    # trafilatura writes one block (paragraph, heading, list item) per line.
    record = {
        "text": "\n\n".join(lines),
        "title": title,
        "url": found.url or url,
        "published": normalise_date(found.date) or normalise_date(fetched),
    }
    return build_document(record, origin, published)


def read_webpage(entry: Entry, published: str | None) -> Iterator[Document | InputError]:
    """Yield the one Document of an .html file (UTF-8, or the charset its <meta> declares)."""
    src = inspect(entry.path, entry.gzipped)
    # Markup is several times longer than its text; the text is cut again later.
    html = read_whole(src, settings.MAX_DOC_CHARS * 4, fallback_charset=True)
    try:
        yield page_document(html, entry.path, published)
    except RecordError as exc:
        yield exc.at(entry.path)
