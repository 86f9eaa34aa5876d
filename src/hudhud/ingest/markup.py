"""Text out of an HTML fragment: an RSS description, a JSONL `content` field.

Whole pages go through trafilatura (webpage.py), which finds the article among
the navigation; a fragment is all article, so it only loses its tags here.

Both are measured first (`markup_problem`). Parsing time is not linear in the
size of every page: lxml's HTML parser checks each attribute of a tag against the
ones before it, so one tag with 300,000 attributes (3.5 MB) parsed for more than
five minutes, and trafilatura's passes over the tree take 3 s for 25,000 tags and
30 s for 100,000. A news page has a few thousand tags and a tag a few attributes,
so markup past settings.MAX_HTML_TAGS or settings.MAX_HTML_ATTRIBUTES is refused
with a message, before any parser runs, by one linear pass over the text.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from hudhud import settings

# Real tags, not "x < y" in a sentence: an opening or closing tag of an element
# that article markup uses.
_TAG = re.compile(
    r"</?(?:p|br|div|span|a|b|i|em|strong|u|ul|ol|li|h[1-6]|blockquote|figure|figcaption|img"
    r"|table|tr|td|th|html|body|article|section|header|footer|iframe|script|style)\b[^<>]*>",
    re.I,
)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.I)
# Characters lxml refuses in a text node ("All strings must be XML compatible"):
# C0 controls, noncharacters and lone surrogates. clean_text drops the controls
# anyway; a lone surrogate is no character at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")

#: Elements whose content is never article text.
DROPPED = ("script", "style", "noscript", "iframe", "template", "svg", "form", "button")

#: Elements that end a paragraph.
BLOCKS = frozenset((
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "figure", "figcaption", "table", "tr", "article", "section", "header", "footer",
    "pre", "dd", "dt", "dl", "aside", "main",
))


def looks_like_html(text: str) -> bool:
    """True when `text` holds HTML tags (two or more, so one stray "<b>" is not enough)."""
    return len(_TAG.findall(text, 0, 200_000)) >= 2


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment: tags removed, entities decoded, script and
    style content dropped, block elements separated by blank lines."""
    fragment = _SURROGATE.sub("\ufffd", _NOT_XML.sub("", fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        for element in root.xpath("|".join(f"//{name}" for name in DROPPED)):
            element.drop_tree()
    except (etree.ParserError, ValueError):
        return _ENTITY.sub(" ", _TAG.sub(" ", fragment))
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
        elif element.tag in ("td", "th"):
            element.tail = " " + (element.tail or "")
    return root.text_content()


# A start tag's "<" and name: "<div", "<h1", "<svg:rect". End tags, comments and
# the doctype do not count.
_TAG_START = re.compile(r"<[A-Za-z][^\s/>]*")
# The rest of a start tag, up to its ">": quoted values may hold ">" ("a > b").
# Possessive: nothing to backtrack into, so no memory kept per repetition (the
# plain "*" kept 83 MB for one tag of 300,000 attributes).
_TAG_REST = re.compile(r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+""")
# One attribute: a name, then maybe "=" and a value (quoted or bare).
_ATTRIBUTE = re.compile(r"""[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")


def markup_problem(html: str) -> str | None:
    """Why `html` is too large to parse (one line), or None when it is within bounds."""
    max_tags, max_attributes = settings.MAX_HTML_TAGS, settings.MAX_HTML_ATTRIBUTES
    tags = 0
    pos = 0
    while (tag := _TAG_START.search(html, pos)) is not None:
        tags += 1
        if tags > max_tags:
            return f"markup with more than {max_tags} tags (HUDHUD_MAX_HTML_TAGS); not parsed"
        rest = _TAG_REST.match(html, tag.end())
        pos = max(rest.end(), tag.end())
        # An attribute takes two characters at least (" a"): shorter tags need no count.
        if rest.end() - rest.start() > 2 * max_attributes:
            count = sum(1 for _ in _ATTRIBUTE.finditer(html, rest.start(), rest.end()))
            if count > max_attributes:
                return (f"a tag with {count} attributes at character {tag.start()} (more than "
                        f"{max_attributes}, HUDHUD_MAX_HTML_ATTRIBUTES); not parsed")
    return None
