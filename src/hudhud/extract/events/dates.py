"""The day an event happened, when the text tells it.

Most events carry their date in their own sentence ("on Sunday", "on Sept. 11").
Statements often do not: the date sits in the attribution ("“…,” X said on
Tuesday"), in the speaker's earlier statement ("X said on Tuesday … The minister
further equated …"), or in the occasion the statement was made at ("said in a
statement as Kurds were casting their ballots", "warned the officials, a source
briefed on the meeting said" after "meetings … on Sept. 11"). Only statements
(CAMEO roots 01–05 and 09–13: what actors say) inherit a date this way: an attack
told without a date stays undated.
"""

from __future__ import annotations

import functools
from typing import Any

from hudhud.extract.dates import find_dates
from hudhud.extract.events.initiatives import family_of
from hudhud.extract.events.record import RULES, is_statement
from hudhud.nlp.lexicon import load_yaml, word_set



def _day_dates(text: str, published: str | None) -> list[Any]:
    return [d for d in find_dates(text, published) if d.date and d.granularity == "day"]


def event_date(trigger: Any, published: str | None, quoted: list[tuple[int, int]] = ()) -> str | None:
    """The date nearest the trigger in its own sentence. "Today" inside a quotation is the
    day it was said, which the attribution tells, not the day of publication."""
    sent = trigger.sent
    found = [d for d in _day_dates(sent.text, published)
             if not (d.text.lower() in word_set(RULES, "deictic_days")
                     and any(a <= sent.start_char + d.start < b for a, b in quoted))]
    if not found:
        return None
    at = trigger.idx - sent.start_char
    return min(found, key=lambda d: min(abs(d.start - at), abs(d.end - at))).date


def quote_dates(doc: Any, raw_quotes: list, published: str | None) -> list[tuple[Any, str | None]]:
    """Each quotation with the day it was said: a date in its sentences outside the marks,
    else the date of the same speaker's previous quotation."""
    out = []
    said_on: dict[str, str] = {}
    for q in raw_quotes:
        date = None
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            for sent in sorted({span[0].sent, span[-1].sent}, key=lambda s: s.start):
                for d in _day_dates(sent.text, published):
                    if not (q.start <= sent.start_char + d.start < q.end):
                        date = date or d.date
        date = date or said_on.get(q.speaker)
        if date and q.speaker:
            said_on[q.speaker] = date
        out.append((q, date))
    return out


def quote_date(trigger: Any, dated_quotes: list[tuple[Any, str | None]]) -> str | None:
    """Words inside a quotation happened when they were said."""
    at = trigger.idx
    return next((date for q, date in dated_quotes if q.start <= at < q.end), None)


@functools.lru_cache(maxsize=1)
def _occasion_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_yaml("lexicon/initiatives.yml")["occasions"])


def _is_occasion(tok: Any) -> bool:
    return tok.pos_ == "NOUN" and (tok.lower_ in _occasion_words() or tok.lemma_.lower() in _occasion_words())


def _own_date(tok: Any, published: str | None) -> str | None:
    """A date inside the occasion's own phrase: "the vote on Monday", "Monday's vote",
    "meetings with officials on Sept. 11"."""
    spans = [_span(tok)]
    verb = tok.head
    if tok.dep_ in {"dobj", "nsubj", "nsubjpass"} and verb.pos_ in {"VERB", "AUX"}:
        # "held talks in Ankara on Sept. 11": the date modifies the verb that holds the occasion.
        spans += [_span(c) for c in verb.children if c.dep_ in {"prep", "npadvmod", "advmod"}]
    sent = tok.sent
    for d in _day_dates(sent.text, published):
        at, end = sent.start_char + d.start, sent.start_char + d.end
        if any(lo <= at and end <= hi for lo, hi in spans):
            return d.date
    return None


def _span(tok: Any) -> tuple[int, int]:
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1])


def occasion_dates(doc: Any, published: str | None, coref: Any = None) -> list[tuple[str, str, int, set[str]]]:
    """Every dated occasion: (family, day, token, actor keys of its sentence). "The meeting"
    later in the article is the one with the same people, else the last one told."""
    out = []
    for tok in doc:
        if _is_occasion(tok):
            date = _own_date(tok, published)
            if date:
                keys = {coref.key_at(t) for t in tok.sent} - {None} if coref is not None else set()
                out.append((family_of(tok), date, tok.i, keys))
    return out


def _pick(tok: Any, occasions: list[tuple[str, str, int, set[str]]], actors: set[str]) -> str | None:
    same = [o for o in occasions if o[0] == family_of(tok)]
    shared = [o for o in same if o[3] & actors]
    before = [o for o in (shared or same) if o[2] < tok.i]
    chosen = (before or shared or same)
    return chosen[-1][1] if chosen else None


def _at_occasion(tok: Any) -> bool:
    """Is the occasion noun the time of its clause? "during the meeting", "in a meeting with",
    "as Kurds were casting their ballots", "a source briefed on the meeting"."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in word_set(RULES, "temporal_preps"):
        return True
    if tok.dep_ == "pobj" and head.lower_ in word_set(RULES, "brief_preps") \
            and head.head.lemma_.lower() in word_set(RULES, "brief_verbs"):
        return True
    node = tok
    for _ in range(4):  # climb to a clause marked "as", "when", "while"
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in word_set(RULES, "temporal_marks")
                                                for c in node.children)
        if node.head.i == node.i:
            break
    return False


def _occasion_date(trigger: Any, occasions: list, actors: set[str], published: str | None) -> str | None:
    for tok in trigger.sent:
        if _is_occasion(tok) and _at_occasion(tok):
            date = _own_date(tok, published) or _pick(tok, occasions, actors)
            if date:
                return date
    return None


def fill_statement_dates(doc: Any, dated: list[tuple[Any, Any, str | None, str | None]],
                         dated_quotes: list[tuple[Any, str | None]], published: str | None,
                         coref: Any = None) -> None:
    """Date undated statements. `dated` holds (Event record, trigger token, source key, target key)."""
    occasions = occasion_dates(doc, published, coref)
    statements = [(q.start, q.speaker, date) for q, date in dated_quotes if date and q.speaker]
    statements += [(t.idx, key, r.date) for r, t, key, _ in dated
                   if r.date and key and is_statement(r.cameo)]
    statements.sort(key=lambda s: s[0])
    previous_sentence_dates: dict[int, str] = {}
    for r, t, key, target in sorted(dated, key=lambda x: x[1].i):
        if r.date is None and is_statement(r.cameo):
            r.date = (_occasion_date(t, occasions, {key, target} - {None}, published)
                      or _speaker_date(t, key, statements) or _continued(t, previous_sentence_dates))
        if r.date and is_statement(r.cameo):
            previous_sentence_dates[t.sent.start] = r.date


def _speaker_date(trigger: Any, key: str | None, statements: list[tuple[int, str, str]]) -> str | None:
    """The same speaker's statement nearest before (else after) this one."""
    mine = [(at, date) for at, speaker, date in statements if speaker == key]
    before = [date for at, date in mine if at <= trigger.idx]
    if before:
        return before[-1]
    return mine[0][1] if mine else None


def _continued(trigger: Any, dates_by_sentence: dict[int, str]) -> str | None:
    """"X further emphasized …" right after a dated statement continues it."""
    sent = trigger.sent
    continuation = word_set(RULES, "continuation_words")  # not "also": a new item, not the same occasion
    if not any(t.lower_ in continuation or t.lemma_.lower() in continuation for t in sent
               if t.dep_ in {"advmod", "ROOT"} or t.i == trigger.i):
        return None
    if sent.start == 0:
        return None
    return dates_by_sentence.get(trigger.doc[sent.start - 1].sent.start)
