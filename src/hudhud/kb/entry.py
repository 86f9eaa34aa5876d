"""Knowledge-base entries and the key they are indexed under.

`KBEntry` and `KBAffiliation` are what every layer of the knowledge base holds:
the curated YAML files, users' files and the Phoenix base layer
(`hudhud.kb.phoenix`). `index_key` is the one notion of "the same name" that
lookups, validation and imports share.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from normality import ascii_text

from hudhud.kb.names import name_key

__all__ = ["KBAffiliation", "KBEntry", "acronym_form", "bounds", "index_key"]


@dataclass
class KBAffiliation:
    relation: str  # one of hudhud.model.RELATIONS
    object: str  # an entry id, or "country:XXX" (ISO alpha-3)
    start: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    end: str | None = None
    role: str | None = None

    def valid_on(self, on: str) -> bool:
        """True when the affiliation holds on (some day of) the date `on`."""
        lo, hi = bounds(on)
        return (self.start is None or bounds(self.start)[0] <= hi) and (
            self.end is None or lo <= bounds(self.end)[1]
        )


@dataclass
class KBEntry:
    id: str
    name: str
    kind: str  # one of hudhud.model.ACTOR_KINDS
    country: str | None = None  # ISO alpha-3
    aliases: list[str] = field(default_factory=list)
    affiliations: list[KBAffiliation] = field(default_factory=list)
    cameo: str | None = None
    notes: str | None = None
    #: Aliases this entry may share with other entries that list them too.
    ambiguous: list[str] = field(default_factory=list)
    #: The file the entry came from, for error messages.
    origin: str | None = None

    @property
    def names(self) -> list[str]:
        """The canonical name followed by the aliases, without repeats."""
        return list(dict.fromkeys([self.name, *self.aliases]))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def bounds(value: str) -> tuple[str, str]:
    """A partial ISO date as the first and last day it can mean."""
    parts = value.split("-")
    lo = "-".join(parts + ["01"] * (3 - len(parts)))
    hi = "-".join(parts + (["12", "31"] if len(parts) == 1 else ["31"])[: 3 - len(parts)])
    return lo, hi


def acronym_form(surface: str) -> str | None:
    """"PMF" for "PMF", "P.M.F." or "PMF's"; None unless 1-3 capital letters.

    Such short acronyms are ordinary words in lower case ("is", "kh"), so the
    knowledge base matches them case sensitively.
    """
    text = unicodedata.normalize("NFKC", surface).strip()
    text = re.sub(r"['’]s$", "", text).replace(".", "")
    text = ascii_text(text)
    return text if re.fullmatch(r"[A-Z]{1,3}", text) else None


def index_key(surface: str) -> str:
    """The index key of a surface form: its acronym form or its name key."""
    return acronym_form(surface) or name_key(surface)

