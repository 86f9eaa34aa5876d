"""A reader for TABARI / PETRARCH actor dictionaries (the Phoenix CAMEO files).

The format, as PETRARCH's reader defines it: a record is a primary phrase,
optionally followed by `+synonym` lines and by indented date restrictions::

    HASSAN_ROUHANI_  # a comment
    +PRESIDENT_ROUHANI
        [IRNELI 700101-130803]
        [IRNGOV >20130803]

Words are joined by underscores; a trailing underscore is TABARI's "no
stemming" mark. A code on the primary line (`HEZBOLLAH_ [LBNREB]`) or an
undated `[CODE]` line is the default code. A restriction is `<date` (until),
`>date` (from) or `date-date`, with dates YYMMDD (years up to 30 are 20xx) or
YYYYMMDD. `#` and `;` start comments, `<!-- ... -->` too. A primary phrase
that has no code yet when the next primary phrase comes shares that phrase's
codes: PETRARCH stores both under one code index, so they are one record.

The files have their quirks, all handled here and counted: a null code
`[---]`, a date with too many digits, a range that ends before it starts,
`+` lines that hold two synonyms (`A_B+_C_D`), parenthesised acronyms
(`ISLAMIC_ARMY_OF_ADEN_(IAA)_`) and unclosed remarks (`NAME (ACTING_`),
quoted nicknames (`TZIPORA_"TZIPI"_LIVNI`), backticks for apostrophes,
control characters, several codes on the primary line in TABARI's older
inline form (`NAME\t[IGOUNO 820101-911231] [ELI]`), trailing remarks after
the codes, and stray lines that are no phrase at all (`Source: x.actors`,
with spaces but no underscore: TABARI joins the words of a phrase with `_`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

_BRACKET = re.compile(r"\[\s*([^\]\s]+)\s*([^\]]*)\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORD = re.compile(r"^[\w\-.'&/,:!+*]+$")
_VOWELS = set("AEIOUYaeiouy")


@dataclass
class Role:
    """A dated (or default) CAMEO code of a record."""

    code: str
    start: str | None = None  # ISO date
    end: str | None = None
    note: str | None = None  # the comment on the line ("Supreme Leader")


@dataclass
class TabariActor:
    phrases: list[str]  # as written: "HASSAN_ROUHANI_", "PRESIDENT_ROUHANI"
    codes: list[str] = field(default_factory=list)  # default codes
    roles: list[Role] = field(default_factory=list)  # date-restricted codes
    note: str | None = None  # comment of the primary line ("CountryInfo.txt")
    origin: str = ""  # path:line of the primary line


def parse_date(text: str) -> str | None:
    """"130803" -> "2013-08-03", "19890604" -> "1989-06-04"; None when not a date."""
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        year = int(text[:2])
        text = str(year + (2000 if year <= 30 else 1900)) + text[2:]
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
    except ValueError:
        return None


def _restriction(code: str, rest: str, note: str | None) -> Role | str | None:
    """A Role for a dated code, the code itself for a default, None for a bad date."""
    rest = rest.strip()
    if not rest or rest.isdigit():  # PETRARCH reads "[CODE 20121204]" as a default
        return code
    if rest[0] in "<>":
        day = parse_date(rest[1:])
        if day is None:
            return None
        if rest[0] == "<":
            return Role(code, end=day, note=note)
        return Role(code, start=day, note=note)
    start, sep, end = rest.partition("-")
    first, last = parse_date(start), parse_date(end)
    if not sep or first is None or last is None or last < first:
        return None
    return Role(code, first, last, note)


def _capitalize(part: str) -> str:
    """"'IRAQ" -> "'Iraq": the first letter up, the rest down."""
    lower = part.lower()
    for i, ch in enumerate(lower):
        if ch.isalpha():
            return lower[:i] + ch.upper() + lower[i + 1:]
    return lower


def _display(word: str, single: bool) -> str:
    """Dictionary words are in capitals: "AL-ZARQAWI" -> "Al-Zarqawi".

    Kept in capitals: a one-word name of up to three letters ("UN", "KH": the
    knowledge base matches those case-sensitively), dotted forms ("U.S.") and
    words without a vowel ("PKK", "KRG").
    """
    if (single and len(word) <= 3) or "." in word or not (_VOWELS & set(word)):
        return word
    return "-".join(_capitalize(part) for part in word.split("-"))


def phrase_names(phrase: str) -> list[str]:
    """The names a phrase gives: "ADEN_ISLAMIC_ARMY_(AIA)_" -> ["Aden Islamic Army", "AIA"].

    Returns [] for a line that is no phrase (stray text, broken encoding).
    """
    text = _CONTROL.sub("", phrase.replace("`", "'").replace("\u00a0", " ")).strip()
    if " " in text and "_" not in text:
        return []
    text = re.sub(r'"[^"]*"', " ", text)  # a quoted nickname is no part of the name
    inner = re.findall(r"\(([^()]*)\)", text)
    text = re.sub(r"\([^()]*\)", " ", text)
    text = re.sub(r"\(.*$", " ", text).replace(")", " ")  # "NAME (ACTING_": a remark
    names = []
    for part in [text, *inner]:
        words = [w for w in re.split(r"[_\s]+", part) if w]
        if not words or not all(_WORD.match(w) for w in words):
            if part is text:
                return []
            continue
        if any(ch.isalpha() for w in words for ch in w):
            if part is not text and len(words) == 1:  # "(AAIA)": an acronym, as written
                names.append(words[0])
            else:
                names.append(" ".join(_display(w, len(words) == 1) for w in words))
    return names


def read_actors(text: str, origin: str = "") -> tuple[list[TabariActor], Counter[str]]:
    """Every record of an actor dictionary, with counts of what was skipped and why."""
    actors: list[TabariActor] = []
    stats: Counter[str] = Counter()
    current: TabariActor | None = None
    in_comment = False
    for number, raw in enumerate(text.splitlines(), 1):
        if in_comment:
            in_comment = "-->" not in raw
            continue
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("<!"):
            in_comment = "-->" not in stripped
            continue
        content, _, comment = raw.partition("#")
        content = content.partition(";")[0]
        note = comment.strip() or None
        if not content.strip():
            continue
        if raw[0] in " \t" and content.strip().startswith("["):  # date restrictions
            found = _BRACKET.findall(content)
            if not found or current is None:
                stats["unreadable lines"] += 1
                continue
            for code, rest in found:
                _add_code(current, code, rest, note, stats)
        elif content.startswith("+"):
            if current is None:
                stats["synonyms without a record"] += 1
                continue
            current.phrases += [p.strip() for p in content[1:].split("+") if p.strip()]
        else:
            phrase = content.partition("[")[0].strip()
            if not phrase_names(phrase):
                stats["unreadable lines"] += 1
                continue
            if current is None or current.codes or current.roles:
                current = TabariActor([], note=note, origin=f"{origin}:{number}")
                actors.append(current)
            current.phrases.append(phrase)
            for code, rest in _BRACKET.findall(content):
                _add_code(current, code, rest, note, stats)
    return actors, stats


def _add_code(actor: TabariActor, code: str, rest: str, note: str | None,
              stats: Counter[str]) -> None:
    if not re.fullmatch(r"[A-Z0-9]{3,}", code):  # "[---]", the null code
        stats["null codes"] += 1
        return
    found = _restriction(code, rest, note)
    if found is None:
        stats["bad date restrictions"] += 1
    elif isinstance(found, Role):
        actor.roles.append(found)
    else:
        actor.codes.append(found)
