"""Which tokens a quotation covers, who speaks them, and what "we" and "I" mean there.

Inside "“We will respond,” the minister said" the pronoun "we" is the minister's
side: events told in a quotation ("We will expand our cooperation") are the
speaker's, and so are first-person pronouns the coreference pass leaves alone.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hudhud.extract.coref import Coref
from hudhud.extract.quotes import quotation_spans
from hudhud.nlp.lexicon import word_set


def quoted_tokens(doc: Any, text: str) -> set[int]:
    """Token indices inside any pair of quotation marks (`text` is `doc.text`, read once:
    spaCy rebuilds it on every access)."""
    quoted: set[int] = set()
    for start, end in quotation_spans(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            quoted.update(range(span.start, span.end))
    return quoted


def _spoken_spans(doc: Any, quotes: list) -> list[tuple[Any, str]]:
    out = []
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None and q.speaker is not None:
            out.append((span, q.speaker))
    return out


def quote_speakers(doc: Any, quotes: list) -> dict[int, str]:
    """Token inside a quotation -> the actor key of its speaker (a later quotation wins)."""
    speakers: dict[int, str] = {}
    for span, speaker in _spoken_spans(doc, quotes):
        for tok in span:
            speakers[tok.i] = speaker
    return speakers


def first_person_resolved(doc: Any, coref: Coref, quotes: list) -> Coref:
    """A copy of `coref` in which "we"/"I" inside a quotation resolve to its speaker,
    unless the pronoun is a mention of its own ("US" the country)."""
    resolved = dict(coref.resolved)
    for span, speaker in _spoken_spans(doc, quotes):
        for tok in span:
            if tok.lower_ in word_set("lexicon/grammar.yml", "first_person") and tok.i not in coref.by_token:
                resolved[tok.i] = speaker
    return replace(coref, resolved=resolved)
