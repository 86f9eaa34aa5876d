"""The Phoenix agents dictionary: role nouns and the CAMEO sectors they give.

`Phoenix.agents.txt` (TABARI format) lists nouns for the people and bodies news
writes about without naming them, each with a sector code::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON      # a substitution set
    LEGISLATOR [~LEG]                              # "Colombian legislators"
    POLICE!PERSON! [~COP]                          # policeman, policewomen...
    LAWMAN {LAWMEN} [~COP]                         # an irregular plural
    ANTI_RIOT_POLICE {} [~COP]                     # no plural form
    PEACEKEEPING_TROOPS {} [IGO~]                  # a code put before the actor's

PETRARCH forms the regular plurals itself; so does `read_agents`, with the
usual English rules (militant -> militants, refugee -> refugees, party ->
parties, lawman is listed). The build (`hudhud.kb.phoenix_build`) writes the
result as rows ``tokens<TAB>number<TAB>codes`` ("legislators", "many", "LEG"),
which `hudhud.kb.phoenix.agent_nouns` reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SUBSTITUTION = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_ENTRY = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]")
_CODE = re.compile(r"^~?([A-Z]{3}(?:[A-Z]{3})*)~?$")


def plural(word: str) -> str:
    """The regular English plural: "militant" -> "militants", "party" -> "parties",
    "witness" -> "witnesses", "policeman" -> "policemen"."""
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _looks_plural(word: str) -> bool:
    """Entries already in the plural ("victims", "gunmen", "townspeople") get no other."""
    return word.endswith(("men", "people", "children")) or (
        word.endswith("s") and not word.endswith(("ss", "us", "is")))


def _expand(phrase: str, sets: dict[str, list[str]]) -> list[str]:
    """"POLICE!PERSON!" -> ["POLICEMAN", "POLICEMEN", ...]: each substitution in turn."""
    found = re.search(r"![A-Z]+!", phrase)
    if not found or found.group(0) not in sets:
        return [phrase]
    return [x for value in sets[found.group(0)]
            for x in _expand(phrase.replace(found.group(0), value, 1), sets)]


def read_agents(text: str, tokens: Callable[[str], list[str]]) -> str:
    """The agents table as text: a header, then one ``tokens number codes`` row per form."""
    sets: dict[str, list[str]] = {}
    rows: dict[tuple[str, str], str] = {}
    for raw in text.splitlines():
        line = raw.partition("#")[0].strip()
        if not line:
            continue
        sub = _SUBSTITUTION.match(line)
        if sub:
            sets[sub.group(1)] = [v.strip() for v in sub.group(2).split(",") if v.strip()]
            continue
        entry = _ENTRY.match(line)
        code = _CODE.match(entry.group("code").strip()) if entry else None
        if not entry or not code:
            continue
        explicit = entry.group("plural")
        for phrase in _expand(entry.group("phrase").strip(), sets):
            words = " ".join(tokens(phrase.replace("_", " ").strip().lower()))
            if not words:
                continue
            last = words.split()[-1]
            number = "many" if _looks_plural(last) else "one"
            rows.setdefault((words, number), code.group(1))
            if number == "one" and explicit is None:
                form = " ".join([*words.split()[:-1], plural(last)])
                rows.setdefault((form, "many"), code.group(1))
            for other in (explicit or "").replace(",", " ").split():
                form = " ".join(tokens(other.replace("_", " ").lower()))
                rows.setdefault((form, "many"), code.group(1))
    lines = ["# tokens\tnumber\tcodes  (from Phoenix.agents.txt; see README.md)"]
    lines += [f"{w}\t{n}\t{c}" for (w, n), c in sorted(rows.items())]
    return "\n".join(lines) + "\n"
