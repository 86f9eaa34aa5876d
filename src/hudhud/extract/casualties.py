"""Casualty counts in news text: how many were killed and wounded.

Fills `Event.killed` / `Event.wounded` (FORMAT.md: the counts the text gives,
"at least 25" giving 25). News writes a toll in a handful of shapes, each a
pattern here, tried in this order (an earlier shape wins an overlap):

- "killed and wounded 30", "30 dead or injured": both in one count, not separable;
- "the death toll rose to 40";
- "the bodies of 12", "the killing of three protesters";
- count, then verb: "at least 25 fighters were killed", "18 killed", "five dead";
- verb, then count: "killing three people", "the strike killed a commander".

A vague count ("dozens were killed") gives a mention with no number. The
words live in data/lexicon/casualties.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from hudhud.nlp.lexicon import load_yaml


@dataclass
class CasualtyMention:
    """A casualty phrase: `text == source[start:end]`; a count is None when the text gives none."""

    start: int
    end: int
    text: str
    killed: int | None
    wounded: int | None


def _words() -> Any:
    return load_yaml("lexicon/casualties.yml")


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _alt(words: list[str]) -> str:
    """A regex alternation of words, longest first, any spacing inside multi-word entries."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _number_regex() -> str:
    """A count: qualifier, then a vague word, digits, number words or a lone article ("a commander")."""
    n = _words()["numbers"]
    word = rf"\b(?:{_alt([*n['ones'], *n['tens'], *n['scales']])})\b"
    scale = _alt(list(n["scales"]))
    words = rf"(?:an?\s+(?:{scale})\b|{word}(?:(?:[\s-]+|(?:(?<=hundred)|(?<=thousand))\s+and\s+){word})*)"
    number = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{words}|\ban?(?=\s+\w))"
    return rf"(?:(?:{_alt(_words()['qualifiers'])})\s+)?(?:\b(?:{_alt(_words()['vague'])})\b|{number})"


@lru_cache(maxsize=1)
def _gap_words() -> tuple[str, str]:
    """A word of the noun phrase between a count and its verb, and one after "killed 3".

    The phrase stops at a clause break, an auxiliary, a casualty verb or
    another count: "3 people were arrested and 2 killed" is not "3 killed".
    """
    w = _words()
    k, wd, n = w["killed"], w["wounded"], w["numbers"]
    verbs = [*k["after_number"], *k["before_number"], *wd["after_number"], *wd["before_number"]]
    stop = _alt([*w["clause_breaks"], *w["auxiliaries"], *verbs, *n["ones"], *n["tens"], *n["scales"], *w["vague"]])
    word = rf"(?!(?:{stop})\b)(?:[A-Za-z][\w'’-]*|\d+-[A-Za-z][\w'’-]*)"
    return word, rf"(?!(?:{_alt(w['phrase_ends'])})\b){word}"


@lru_cache(maxsize=1)
def _chains() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Counts joined by "and" that share one verb: "two soldiers and three civilians were killed"."""
    word = _gap_words()[1]
    num = rf"(?<![\w.,’'-])(?P<num>{_number_regex()})(?![\w%-])"
    before = re.compile(rf"{num}(?P<gap>(?:\s+{word}){{1,4}})\s+and\s+\Z", re.IGNORECASE)
    after = re.compile(rf"\A\s+and\s+{num}(?P<gap>(?:\s+{word}){{1,3}})", re.IGNORECASE)
    return before, after


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    w = _words()
    k, wd = w["killed"], w["wounded"]
    num = rf"(?<![\w.,’'-])(?P<num>{_number_regex()})(?![\w%-])"
    gap_word, short_gap_word = _gap_words()
    gap = rf"(?P<gap>(?:\s+{gap_word}){{0,6}}?)"
    short_gap = rf"(?P<gap>(?:\s+{short_gap_word}){{0,2}})"
    aside = rf"(?:\s*,\s+(?:{_alt(w['asides'])})\b[^,.;:]{{1,60}},)?"
    aux = rf"(?P<aux>(?:\s+(?:{_alt([*w['auxiliaries'], *w['verb_modifiers']])})\b){{0,4}})"
    k_after, w_after = _alt(k["after_number"]), _alt(wd["after_number"])
    k_before, w_before = _alt(k["before_number"]), _alt(wd["before_number"])
    both_after = rf"(?:{k_after})\s+(?:and|or|and/or)\s+(?:{w_after})|(?:{w_after})\s+(?:and|or)\s+(?:{k_after})"
    both_before = rf"(?:{k_before})\s+(?:and|or)\s+(?:{w_before})|(?:{w_before})\s+(?:and|or)\s+(?:{k_before})"
    toll = rf"\b(?:{_alt(w['toll_nouns'])})\b(?:\s+[\w'’-]+){{0,4}}?\s+(?:{_alt(w['toll_links'])})\s+"
    of_nouns = _alt([*k["before_of_number"], *wd["before_of_number"]])
    flags = re.IGNORECASE
    return [
        ("both", re.compile(rf"{num}{gap}{aux}\s+(?P<verb>{both_after})\b", flags)),
        ("both", re.compile(rf"\b(?P<verb>{both_before})\s+{num}", flags)),
        ("toll", re.compile(rf"{toll}{num}", flags)),
        ("of", re.compile(rf"\b(?P<verb>{of_nouns})\s+of\s+{num}{short_gap}", flags)),
        ("after", re.compile(rf"{num}{gap}{aside}{aux}\s+(?P<verb>{k_after}|{w_after})\b", flags)),
        ("before", re.compile(rf"\b(?P<verb>{k_before}|{w_before})\s+{num}{short_gap}", flags)),
    ]


def parse_count(text: str) -> int | None:
    """The number a count phrase gives: "at least 25" -> 25, "a dozen" -> 12, "dozens" -> None."""
    w = _words()
    phrase = _key(text).replace("-", " ")
    for qualifier in sorted(w["qualifiers"], key=len, reverse=True):
        if phrase.startswith(qualifier + " "):
            phrase = phrase[len(qualifier) + 1:]
            break
    if phrase in w["vague"]:
        return None
    if re.fullmatch(r"[\d,]+", phrase):
        return int(phrase.replace(",", ""))
    n = w["numbers"]
    total = current = 0
    for token in phrase.split():
        if token in ("a", "an"):
            current = max(current, 1)
        elif token in n["ones"] or token in n["tens"]:
            current += n["ones"].get(token) or n["tens"][token]
        elif token == "dozen" or token == "hundred":
            current = max(current, 1) * n["scales"][token]
        elif token in n["scales"]:
            total += max(current, 1) * n["scales"][token]
            current = 0
        elif token != "and":
            return None
    return total + current


def _word_before(text: str, start: int) -> str:
    before = re.findall(r"[\w'’]+", text[max(0, start - 40):start])
    return before[-1].casefold() if before else ""


def _acceptable(kind: str, m: re.Match[str], text: str) -> bool:
    """Reject counts that are measures, dates or agents: "100 kilometers", "Sept. 25", "3 gunmen killed 12"."""
    w = _words()
    number = m.group("num")
    if re.fullmatch(r"(19|20)\d\d", number):
        return False  # a year, "in 2017"
    if m.start("num") == m.start() and _word_before(text, m.start()) in w["not_after"]:
        return False  # only where the count opens the phrase: "the toll stood at 12" is fine
    gap = m.groupdict().get("gap") or ""
    first = gap.split()[0].casefold() if gap.split() else ""
    if first in w["units"]:
        return False
    if re.fullmatch(r"an?", _key(number)) and not first and kind != "of":
        return False  # "killed a" needs its noun: "killed a commander"
    if kind == "after" and first and gap.split()[-1].casefold() == "the":
        return False  # "two of the wounded later died": "the wounded" is a noun, not a count's verb
    if kind == "after" and not _has_auxiliary(m) and _key(m.group("verb")) in _active_verbs():
        # Without "was/were", "3 gunmen killed the guard" is active: the count is the agent.
        follow = text[m.end():].split(None, 1)
        nxt = follow[0].strip(".,;:").casefold() if follow else ""
        if nxt in w["object_starters"] or re.match(rf"\s+{_number_regex()}(?![\w%-])", text[m.end():], re.I):
            return False
    return True


def _has_auxiliary(m: re.Match[str]) -> bool:
    return any(word.casefold() in _words()["auxiliaries"] for word in (m.group("aux") or "").split())


@lru_cache(maxsize=1)
def _active_verbs() -> frozenset[str]:
    w = _words()
    return frozenset(_key(v) for kind in ("killed", "wounded") for v in w[kind]["before_number"])


def _counts(kind: str, m: re.Match[str]) -> tuple[int | None, int | None]:
    if kind == "both":
        return None, None
    count = parse_count(m.group("num"))
    if kind == "toll":
        return count, None
    verb = _key(m.group("verb"))
    k = _words()["killed"]
    killed_words = {_key(v) for v in (*k["after_number"], *k["before_number"], *k["before_of_number"])}
    return (count, None) if verb in killed_words else (None, count)


def _chain(kind: str, start: int, end: int, text: str, taken: list[CasualtyMention]) -> tuple[int, int, int]:
    """Extend a count over "and"-joined counts; returns (new start, new end, added count)."""
    before, after = _chains()
    added = 0
    while kind == "after":
        window = max(0, start - 160)
        m = before.search(text[window:start])
        if not m or parse_count(m.group("num")) is None:
            break
        # "killed two soldiers and three civilians were wounded": "two soldiers" belong to "killed".
        if _word_before(text, window + m.start("num")) in _active_verbs() | set(_words()["not_after"]):
            break
        if any(window + m.start() < c.end and c.start < start for c in taken):
            break
        added += parse_count(m.group("num")) or 0
        start = window + m.start()
    while kind == "before":
        m = after.match(text[end:end + 160])
        if not m or parse_count(m.group("num")) is None:
            break
        follow = text[end + m.end():].split(None, 1)
        if follow and follow[0].casefold() in _words()["auxiliaries"] or any(
            end < c.end and c.start < end + m.end() for c in taken
        ):
            break  # "killed two and three others were wounded"
        added += parse_count(m.group("num")) or 0
        end += m.end()
    return start, end, added


def find_casualties(text: str) -> list[CasualtyMention]:
    """Every casualty phrase of `text`, in text order."""
    taken: list[CasualtyMention] = []
    for kind, pattern in _patterns():
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if any(start < c.end and c.start < end for c in taken) or not _acceptable(kind, m, text):
                continue
            killed, wounded = _counts(kind, m)
            if killed is not None or wounded is not None:
                start, end, added = _chain(kind, start, end, text, taken)
                killed, wounded = (killed + added, wounded) if killed is not None else (killed, wounded + added)
            taken.append(CasualtyMention(start, end, text[start:end], killed, wounded))
    taken.sort(key=lambda c: c.start)
    return taken


def casualty_counts(text: str) -> tuple[int | None, int | None]:
    """(killed, wounded) summed over the mentions of `text`; None where no mention gives a number."""
    mentions = find_casualties(text)
    killed = [c.killed for c in mentions if c.killed is not None]
    wounded = [c.wounded for c in mentions if c.wounded is not None]
    return (sum(killed) if killed else None, sum(wounded) if wounded else None)
