"""One record (a JSONL object, a CSV row, a feed item) to a Document.

Field names are matched without regard to case, and common synonyms are
accepted because news dumps name their fields in many ways. Unknown fields are
ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hudhud import settings
from hudhud.errors import MARKUP_TOO_LARGE, InputCode, InputError
from hudhud.ingest.clean import clean_line, clean_text, replace_surrogates
from hudhud.ingest.docid import document_id, normalise_date
from hudhud.ingest.markup import html_to_text, looks_like_html, markup_problem
from hudhud.model import Document

#: Accepted names of each Document field, in order of preference.
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "full_text"),
    "id": ("id", "doc_id", "document_id", "_id"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "date", "publish_date", "published_at", "pubdate",
                  "date_publish", "published_date"),
}


#: The longest text spaCy parses (its Language.max_length default). A longer one
#: makes `nlp.pipe` raise for the whole batch, so every text is cut to this too,
#: whatever HUDHUD_MAX_DOC_CHARS says.
PARSER_MAX_CHARS = 1_000_000


def max_chars() -> int:
    """How many characters of a record are kept."""
    return min(settings.MAX_DOC_CHARS, PARSER_MAX_CHARS)


class RecordError(Exception):
    """A record that cannot be a Document; the caller adds the origin."""

    def __init__(self, message: str, code: InputCode | None = None):
        super().__init__(message)
        self.message = message
        self.code = code

    def at(self, origin: str) -> InputError:
        """The InputError saying so at `origin`."""
        return self.code.error(origin, self.message) if self.code else InputError(origin, self.message)


def lowered(record: Mapping[str, Any]) -> dict[str, Any]:
    """`record` with its keys stripped and casefolded, as `field` expects."""
    return {str(key).strip().casefold(): value for key, value in record.items()}


def field(record: Mapping[str, Any], name: str) -> Any:
    """The value of Document field `name` in a `lowered` record, via its synonyms;
    None when absent or empty."""
    for key in FIELDS[name]:
        value = record.get(key)
        if value is not None and value != "" and value != []:
            return value
    return None


def build_document(record: Mapping[str, Any], origin: str | None,
                   published: str | None = None) -> Document:
    """A Document from a record's fields. Raises RecordError when it has no usable text.

    Fills every Document field: `text` cleaned (HTML markup removed when the text
    is HTML) and cut at `max_chars()`; `id` from the record or the text;
    `published` normalised, else the default `published`.
    """
    record = lowered(record)
    text = _text(field(record, "text"))
    title = field(record, "title")
    url = field(record, "url")
    return Document(
        id=document_id(field(record, "id"), text),
        text=text,
        title=clean_line(str(title)) if title is not None else None,
        url=(replace_surrogates(str(url)).strip() or None) if url is not None else None,
        published=normalise_date(field(record, "published")) or published,
        origin=origin,
    )


def _text(value: Any) -> str:
    if value is None:
        names = ", ".join(FIELDS["text"][:3])
        raise RecordError(f"no text (expected a non-empty field: {names})")
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        value = "\n\n".join(value)  # some dumps store an article as a list of paragraphs
    if not isinstance(value, str):
        raise RecordError(f"text is a {type(value).__name__}, not a string")
    limit = max_chars()
    if looks_like_html(value):
        value = value[: limit * 4]
        problem = markup_problem(value)
        if problem:
            raise RecordError(problem, MARKUP_TOO_LARGE)
        value = html_to_text(value)
    text = clean_text(value[:limit])[:limit]
    if not text:
        raise RecordError("empty text")
    return text
