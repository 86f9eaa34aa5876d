"""Clean an article's text before analysis.

Evidence offsets are taken on the cleaned text, so cleaning only normalises
whitespace, invisible characters and repeated or boilerplate lines; it never
rewrites what the article says (no smart-quote or dash replacement).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

# Line and paragraph separators that are not "\n" (U+2029 starts a paragraph).
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028]")
_PARAGRAPH_BREAK = re.compile("\u2029")
# Control characters (category Cc) other than tab and newline, plus invisible
# characters that split words for a tokenizer ("Hez\u00adbollah", "Iraq\u200b"):
# soft hyphen, zero-width space, word joiner and a stray byte-order mark.
# Zero-width (non-)joiners stay: Persian and Arabic spelling needs them.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u2060\ufeff]")
# Runs of horizontal space (tab, no-break and typographic spaces) inside a line.
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# A lone surrogate (JSON "\ud800" without its pair) is no character: it cannot be
# encoded, hashed into an id or stored, so it becomes U+FFFD like any bad byte.
_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """`text` with each lone surrogate made U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def clean_text(text: str) -> str:
    """Normalise an article's text; paragraphs come out separated by one blank line.

    NFC; lone surrogates to U+FFFD; line endings to "\\n"; control characters
    dropped; runs of spaces and tabs made one space; lines stripped; 3+ newlines
    made a paragraph break; page-furniture lines (data/furniture.txt) and
    paragraphs that repeat an earlier paragraph of the same text dropped. Idempotent.
    """
    text = _PARAGRAPH_BREAK.sub("\n\n", _LINE_BREAKS.sub("\n", replace_surrogates(text)))
    # NFC after the invisible characters go: "e\x07\u0301" must compose to one "é".
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    furniture = furniture_lines()
    lines = [line for line in lines if _key(line).casefold() not in furniture]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines))
    return "\n\n".join(_unique_paragraphs(text.split("\n\n")))


def _key(text: str) -> str:
    return " ".join(text.split())


def _unique_paragraphs(paragraphs: list[str]) -> list[str]:
    # Pages repeat a paragraph (a pull quote, a lead shown twice); the second copy
    # would double every record found in it.
    seen: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        paragraph = paragraph.strip("\n")
        key = _key(paragraph)
        if key and key not in seen:
            seen.add(key)
            kept.append(paragraph)
    return kept


def clean_line(text: str | None) -> str | None:
    """A one-line field (title): NFC, invisible characters dropped, whitespace collapsed."""
    if text is None:
        return None
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", replace_surrogates(text)))
    return " ".join(text.split()) or None


@lru_cache(maxsize=1)
def furniture_lines() -> frozenset[str]:
    """The page-furniture lines of data/furniture.txt, casefolded."""
    raw = files("hudhud").joinpath("data/furniture.txt").read_text(encoding="utf-8")
    return frozenset(
        _key(line).casefold() for line in raw.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
