"""Quotes and their speakers.

A quotation is text between straight or curly double quotation marks, within
one paragraph. Its speaker comes, in order of preference, from a speech verb
of the sentence outside the quotation ("said X", "X warned", "X was quoted as
saying", "quoted X as saying"), from "according to X", from the subject of
the sentence that embeds a partial quotation ("called Barzani a 'puppet of
Zionists'"), or from the previous quotation or speech verb when the quotation
stands alone after it ("he added" carries over). Quotations whose speaker is
anonymous ("a source told", "an official said") are dropped, as are
scare quotes of one or two words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hudhud.extract.coref import Coref
from hudhud.extract.phrases import np_key
from hudhud.nlp.lexicon import load_yaml

OPENERS = {"“": "”", '"': '"', "«": "»", "„": "“"}
MIN_WORDS = 3
WORD = re.compile(r"\w+")


@dataclass
class RawQuote:
    start: int  # char offset of the text inside the marks
    end: int
    text: str
    speaker: str | None  # actor key
    sentence: int


def speech_verbs() -> frozenset[str]:
    return frozenset(load_yaml("lexicon/speech.yml")["speech_verbs"])


def anonymous_heads() -> frozenset[str]:
    return frozenset(load_yaml("lexicon/speech.yml")["anonymous_heads"])


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks, paragraph-bounded."""
    spans = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        closer = OPENERS.get(ch)
        if closer is None:
            i += 1
            continue
        para_end = text.find("\n\n", i)
        para_end = n if para_end < 0 else para_end
        j = text.find(closer, i + 1, para_end)
        if j < 0:
            i += 1
            continue
        spans.append((i + 1, j))
        i = j + 1
    return spans


def extract_quotes(doc: Any, coref: Coref, sent_of_token: list[int]) -> list[RawQuote]:
    """Every quotation of three words or more whose speaker the text identifies."""
    quotes: list[RawQuote] = []
    last_speaker: str | None = None
    last_end = -1
    text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
    for start, end in quotation_spans(text):
        inner = text[start:end]
        words = WORD.findall(inner)
        tok_span = doc.char_span(start, end, alignment_mode="expand")
        if tok_span is None or len(tok_span) == 0:
            continue
        sent_idx = sent_of_token[tok_span.start]
        speaker, anonymous = _speaker(doc, coref, tok_span)
        if speaker is None and not anonymous and last_speaker is not None:
            # A quotation standing alone right after another speaker's words or speech
            # verb continues that speaker ("... he added. “We will ...”").
            gap = text[last_end:start]
            if "\n\n" not in gap or len(gap) < 3:
                speaker = last_speaker
        if speaker is None and not anonymous:
            speaker = _previous_sentence_speaker(doc, coref, tok_span)
        if len(words) < MIN_WORDS or _is_term(text, start, words):
            continue
        if anonymous or speaker is None:
            continue
        quotes.append(RawQuote(start, end, inner, speaker, sent_idx))
        last_speaker, last_end = speaker, end
    return quotes


def _is_term(text: str, start: int, words: list[str]) -> bool:
    """"the “axis of resistance”": a short phrase named with "the" is a term, not a quotation."""
    before = text[max(0, start - 6):start - 1].rstrip().lower()
    return len(words) <= 4 and before.endswith(" the")


def _speaker(doc: Any, coref: Coref, span: Any) -> tuple[str | None, bool]:
    """The speaker from speech verbs of the sentences the quotation touches.

    RETURNS: (actor key or None, whether the speaker is anonymous).
    """
    sents = {span[0].sent, span[-1].sent}
    verbs = speech_verbs()
    best: tuple[int, Any] | None = None
    for sent in sents:
        for tok in sent:
            if span.start <= tok.i < span.end or tok.pos_ not in {"VERB", "AUX"}:
                continue
            if tok.lemma_.lower() not in verbs:
                continue
            distance = min(abs(tok.i - span.start), abs(tok.i - span.end))
            if best is None or distance < best[0]:
                best = (distance, tok)
    if best is not None:
        return _subject_of_speech(best[1], coref)
    for sent in sents:
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                for child in doc[tok.i + 1].children:
                    if child.dep_ == "pobj":
                        return _actor_or_anonymous(child, coref)
    # "... in a message on Twitter: “All is well!”": who wrote before the colon.
    before = doc.text[max(0, span.start_char - 200):span.start_char - 1].rstrip()
    if before.endswith(":"):
        offset = max(0, span.start_char - 200)
        colon = doc.char_span(offset + len(before) - 1, offset + len(before), alignment_mode="expand")
        if colon is not None:
            verb = next((t for t in reversed(doc[colon[0].sent.start:colon[0].i]) if t.pos_ == "VERB"), None)
            found = _clause_subject(verb, coref) if verb is not None else (None, False)
            if found[0] or found[1]:
                return found
    # A partial quotation inside a clause: the clause's subject speaks.
    root = span.root
    head = root.head
    while head.dep_ not in {"ROOT"} and head.pos_ not in {"VERB"} and head.head.i != head.i:
        head = head.head
    if head.pos_ == "VERB" and not (span.start <= head.i < span.end):
        return _clause_subject(head, coref)
    return None, False


def _clause_subject(verb: Any, coref: Coref) -> tuple[str | None, bool]:
    """The subject of a verb, climbing "calling the deal ..." (advcl) to "Trump praised"."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ == "nsubj":
                return _actor_or_anonymous(child, coref)
        if verb.dep_ in {"advcl", "xcomp", "conj", "ccomp"} and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    return None, False


def _subject_of_speech(verb: Any, coref: Coref) -> tuple[str | None, bool]:
    # "Weshyar Omar ... quoted McGurk as saying": the quoted one speaks.
    if verb.lemma_.lower() == "quote":
        for child in verb.children:
            if child.dep_ == "dobj":
                return _actor_or_anonymous(child, coref)
            if child.dep_ == "nsubjpass":
                return _actor_or_anonymous(child, coref)
    if verb.lemma_.lower() == "say" and verb.head.lemma_.lower() == "quote" and verb.head.i != verb.i:
        return _subject_of_speech(verb.head, coref)
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return _actor_or_anonymous(child, coref)
    if verb.dep_ in {"conj", "xcomp"} and verb.head.i != verb.i:
        return _subject_of_speech(verb.head, coref)
    return None, False


def _actor_or_anonymous(tok: Any, coref: Coref) -> tuple[str | None, bool]:
    key = coref.key_at(tok)
    if key is not None:
        return key, False
    indefinite = any(c.lower_ in {"a", "an", "one", "some", "several"} for c in tok.children)
    if indefinite:
        return None, True  # "a Gorran official told": unnamed, whoever employs them
    key = np_key(tok, coref)  # "Iran's supreme leader, Ali Khamenei, said": the apposed name
    if key is not None and any(c.dep_ == "appos" for c in tok.children):
        return key, False
    return None, tok.lemma_.lower() in anonymous_heads() or key is None


def _previous_sentence_speaker(doc: Any, coref: Coref, span: Any) -> str | None:
    """A quotation that is its own sentence, right after a sentence whose subject
    speaks ("Husseini also accused X. “We have evidence ...”")."""
    first = span[0].sent
    if first.start == 0:
        return None
    prev = doc[first.start - 1].sent
    if '"' in prev.text or "”" in prev.text:
        return None
    root = prev.root
    for child in root.children:
        if child.dep_ == "nsubj":
            key = coref.key_at(child)
            if key is not None and coref.kinds.get(key) == "person":
                return key
    return None
