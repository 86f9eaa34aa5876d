"""Surnames: a person named in full, then by surname alone ("Ana Soto … Soto said").

The NER often misses or mislabels the bare surname; these two passes find it and
give it the full name's key, before coreference reads the document.
"""

from __future__ import annotations

from typing import Any

from hudhud.extract.mentions import Mention
from hudhud.kb import names

__all__ = ["bare_surnames", "link_surnames"]


def bare_surnames(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """Proper nouns the NER missed that repeat a named person's surname ("Husseini also accused")."""
    surnames: dict[str, Mention] = {}
    for m in mentions:
        words = m.text.replace("-", " ").split()
        if m.kind == "person" and m.role == "actor" and len(words) >= 2:
            surnames.setdefault(names.name_key(words[-1]), m)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for tok in doc:
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.is_title:
            continue
        target = surnames.get(names.name_key(tok.text))
        if target is not None and tok.i > target.start:
            out.append(Mention(tok.i, tok.i + 1, tok.text, "PERSON", target.key, "actor", True, "person",
                               target.country, target.name, target.kb_id))
    return out


def link_surnames(mentions: list[Mention]) -> None:
    """Give a bare surname ("Husseini", "Barzani") the key of the full name it shortens.

    The full name may be a KB person or one the KB does not know; the last
    token must match after name folding (al-Husseini / Husseini).
    """
    full: dict[str, Mention] = {}
    for m in mentions:
        if m.kind != "person" or m.role != "actor":
            continue
        words = m.text.replace("-", " ").split()
        if len(words) >= 2:
            full.setdefault(names.name_key(words[-1]), m)
    for m in mentions:
        # The NER often mislabels a bare surname (as NORP, LOC, ORG): a name the text already
        # gave a person is that person, whatever the label, unless it names something known.
        if m.kb_id or (m.key or "").startswith("country:") or m.kind not in {"person", None}:
            continue
        words = m.text.replace("-", " ").split()
        if len(words) > 2 or (len(words) == 2 and words[0].lower() not in {"al", "el"}):
            continue
        target = full.get(names.name_key(words[-1]))
        if target is not None and target is not m:
            m.key, m.kind, m.kb_id, m.name, m.country = (
                target.key, "person", target.kb_id, target.name, target.country)
            m.role, m.alias = "actor", True
