"""What actor a noun phrase names.

The head of a phrase is often not the name: "fighters of the Popular Mobilization
Forces", "the Gorran delegation", "Iran's supreme leader, Ali Khamenei", "this
country [Iraq]". Affiliations, quotations, events and initiatives all ask the same
question of a noun, so the answer lives here once.
"""

from __future__ import annotations

from typing import Any

from hudhud.extract.coref import Coref
from hudhud.nlp.lexicon import nouns


def np_key(tok: Any, coref: Coref) -> str | None:
    """The actor a noun phrase headed by `tok` names: itself, or a name in apposition/compound."""
    key = coref.key_at(tok)
    if key and tok.lower_ in nouns("partitive_nouns") and not key.startswith(("kb:", "country:")):
        # "fighters of the Popular Mobilization Forces": the named group, not "fighters".
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                named = [np_key(p, coref) for p in child.children if p.dep_ == "pobj"]
                if named and named[0]:
                    return named[0]
    if key:
        return key
    for child in tok.children:
        if child.dep_ in {"appos", "compound"} and child.i > tok.i:
            key = coref.key_at(child)
            if key:
                return key
    for child in tok.children:
        # "the Gorran delegation", "the K.R.G. leadership": the named organisation.
        m = coref.mention_at(child)
        if child.dep_ in {"compound", "nmod"} and m is not None and m.key and m.role != "place" \
                and m.kind not in {"person"} and m.alias:
            return m.key
    if tok.dep_ == "appos":
        return coref.key_at(tok.head)
    right = tok.right_edge.i
    doc = tok.doc
    if right + 3 < len(doc) and doc[right + 1].text == "[" and doc[right + 3].text == "]":
        # "this country [Iraq]": an editor's bracket names what the quotation means.
        key = coref.key_at(doc[right + 2])
        if key:
            return key
    if tok.lemma_.lower() in nouns("partitive_nouns"):
        # "a group of over a hundred fighters", "dozens of protesters": the members act.
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return np_key(pobj, coref)
    if tok.lower_ in nouns("title_words"):
        # "Chief of General Staff Hulusi Akar": the title's holder closes the phrase.
        m = coref.mention_at(tok.right_edge)
        if m is not None and m.kind == "person" and m.role == "actor":
            return m.key
    return None


def keys_of_np(tok: Any, coref: Coref) -> list[str]:
    """The actors a phrase and its conjuncts name ("Iran and Turkey"), each once."""
    keys = []
    for t in [tok, *[c for c in tok.conjuncts if c.i > tok.i]]:
        key = np_key(t, coref)
        if key and key not in keys:
            keys.append(key)
    return keys
