"""Text out of an HTML fragment: an RSS description, a JSONL `content` field.

Whole pages go through trafilatura (webpage.py), which finds the article among
the navigation; a fragment is all article, so it only loses its tags here.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

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
