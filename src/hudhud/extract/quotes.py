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
from bisect import bisect_left
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
    para_end = -1
    while i < n:
        ch = text[i]
        closer = OPENERS.get(ch)
        if closer is None:
            i += 1
            continue
        if para_end < i:
            # Once per paragraph, not once per mark: a paragraph of 50,000 quotation
            # marks searched its whole length 50,000 times.
            para_end = text.find("\n\n", i)
            para_end = n if para_end < 0 else para_end
        j = text.find(closer, i + 1, para_end)
        if j < 0:
            i += 1
            continue
        spans.append((i + 1, j))
        i = j + 1
    return spans


class SpeechIndex:
    """What the speaker search reads, found in one pass over a parsed Doc.

    The sentence of a token, the speech verbs, each sentence's first "according to X"
    and the last verb before each token are looked up per quotation, never walked:
    walking the quotation's sentences once per quotation made a 1M-character text of
    quotations take ten minutes (every quotation of one long sentence read all of it).
    """

    def __init__(self, doc: Any, sent_of_token: list[int]) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
        self.sent_of_token = sent_of_token
        self.sentences = list(doc.sents)
        verbs = speech_verbs()
        self.speech: list[int] = []  # token indices of speech verbs, ascending
        self.according: dict[int, Any] = {}  # sentence -> X of its first "according to X"
        self.last_verb = [-1] * len(doc)  # the last VERB before a token in its sentence
        self._follows: dict[int, str | None] = {}  # sentence -> _previous_sentence_speaker
        last, sentence = -1, -1
        for tok in doc:
            n = sent_of_token[tok.i]
            if n != sentence:
                last, sentence = -1, n
            self.last_verb[tok.i] = last
            pos = tok.pos_
            if pos in {"VERB", "AUX"} and tok.lemma_.lower() in verbs:
                self.speech.append(tok.i)
            if pos == "VERB":
                last = tok.i
            if n not in self.according and tok.lower_ == "according" and tok.i + 1 < len(doc) \
                    and doc[tok.i + 1].lower_ == "to":
                pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    self.according[n] = pobj

    def nearest_speech_verb(self, span: Any) -> Any | None:
        """The speech verb closest to the quotation in the sentences it touches, outside it;
        of one before and one after at the same distance, the one before."""
        lo = self.sentences[self.sent_of_token[span.start]].start
        hi = self.sentences[self.sent_of_token[span.end - 1]].end
        k = bisect_left(self.speech, span.start)
        before = self.speech[k - 1] if k > 0 and self.speech[k - 1] >= lo else None
        k = bisect_left(self.speech, span.end, k)
        after = self.speech[k] if k < len(self.speech) and self.speech[k] < hi else None
        if before is not None and (after is None or span.start - before <= after - span.end):
            return self.doc[before]
        return self.doc[after] if after is not None else None


def extract_quotes(doc: Any, coref: Coref, sent_of_token: list[int]) -> list[RawQuote]:
    """Every quotation of three words or more whose speaker the text identifies."""
    quotes: list[RawQuote] = []
    last_speaker: str | None = None
    last_end = -1
    break_after_last = -1  # the first paragraph break after `last_end`
    text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
    spans = quotation_spans(text)
    if not spans:
        return quotes
    index = SpeechIndex(doc, sent_of_token)
    for start, end in spans:
        inner = text[start:end]
        words = WORD.findall(inner)
        tok_span = doc.char_span(start, end, alignment_mode="expand")
        if tok_span is None or len(tok_span) == 0:
            continue
        sent_idx = sent_of_token[tok_span.start]
        speaker, anonymous = _speaker(index, coref, tok_span)
        if speaker is None and not anonymous and last_speaker is not None:
            # A quotation standing alone right after another speaker's words or speech
            # verb continues that speaker ("... he added. “We will ...”"), unless a
            # paragraph break comes between them (found once per speaker, not per quotation).
            if break_after_last < last_end:
                found = text.find("\n\n", last_end)
                break_after_last = len(text) if found < 0 else found
            if break_after_last + 2 > start or start - last_end < 3:
                speaker = last_speaker
        if speaker is None and not anonymous:
            speaker = _previous_sentence_speaker(index, coref, tok_span)
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


def _speaker(index: SpeechIndex, coref: Coref, span: Any) -> tuple[str | None, bool]:
    """The speaker from speech verbs of the sentences the quotation touches.

    RETURNS: (actor key or None, whether the speaker is anonymous).
    """
    doc = index.doc
    verb = index.nearest_speech_verb(span)
    if verb is not None:
        return _subject_of_speech(verb, coref)
    for sentence in dict.fromkeys((index.sent_of_token[span.start], index.sent_of_token[span.end - 1])):
        if sentence in index.according:
            return _actor_or_anonymous(index.according[sentence], coref)
    # "... in a message on Twitter: “All is well!”": who wrote before the colon.
    before = index.text[max(0, span.start_char - 200):span.start_char - 1].rstrip()
    if before.endswith(":"):
        offset = max(0, span.start_char - 200)
        colon = doc.char_span(offset + len(before) - 1, offset + len(before), alignment_mode="expand")
        if colon is not None:
            last_verb = index.last_verb[colon[0].i]
            verb = doc[last_verb] if last_verb >= 0 else None
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


def _previous_sentence_speaker(index: SpeechIndex, coref: Coref, span: Any) -> str | None:
    """A quotation that is its own sentence, right after a sentence whose subject
    speaks ("Husseini also accused X. “We have evidence ...”")."""
    first = index.sent_of_token[span.start]
    if first not in index._follows:  # many quotations of one sentence read its predecessor once
        index._follows[first] = _subject_speaker(index, coref, first - 1) if first > 0 else None
    return index._follows[first]


def _subject_speaker(index: SpeechIndex, coref: Coref, sentence: int) -> str | None:
    """The person who is the subject of a sentence that holds no quotation mark."""
    prev = index.sentences[sentence]
    if '"' in prev.text or "”" in prev.text:
        return None
    for child in prev.root.children:
        if child.dep_ == "nsubj":
            key = coref.key_at(child)
            if key is not None and coref.kinds.get(key) == "person":
                return key
    return None
