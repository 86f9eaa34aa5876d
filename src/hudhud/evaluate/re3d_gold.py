"""Reading the re3d gold corpus (dstl/re3d) and matching spans in it.

A re3d folder holds `documents.json`, `entities.json` and `relations.json`,
one JSON object a line (mongoexport). `read_re3d` reads a folder, or every
folder below a root that has such files, into `GoldDocument`s that keep only
what hudhud can be scored on:

- actor mentions: Person and Organisation entities, and Nationality entities
  *used as actors*, i.e. an argument of an actor relation (IsSynonymOf,
  BelongsTo, InChargeOf, AlliesOf, FightingAgainst, CommWith, Likes,
  Dislikes). "Iraqi" in "Iraqi and Kurdish forces fought ISIL" fights; the
  "Arabic" of "Arabic name" is no actor;
- Location entities, only so that a system mention of a state ("Iraq said")
  that re3d labels Location is not counted against precision;
- alias pairs: IsSynonymOf between two actor mentions, unordered;
- relations between two actor mentions: BelongsTo, InChargeOf, AlliesOf
  (AlliesOf unordered; the actor-to-place or actor-to-weapon InChargeOf of
  re3d has no hudhud counterpart and is left out).
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hudhud.errors import GoldFormatError

Span = tuple[int, int]

ACTOR_TYPES = frozenset({"Person", "Organisation"})
ACTOR_RELATIONS = frozenset({"IsSynonymOf", "BelongsTo", "InChargeOf", "AlliesOf",
                             "FightingAgainst", "CommWith", "Likes", "Dislikes"})
#: re3d relation -> the hudhud relations that state it.
RELATION_MAP = {
    "BelongsTo": frozenset({"part_of", "member_of", "spokesperson_of"}),
    "InChargeOf": frozenset({"leads"}),
    "AlliesOf": frozenset({"allied_with", "backed_by"}),
}
SYMMETRIC = frozenset({"AlliesOf"})
#: A system span matches a gold span when their token sets have Dice >= this.
MIN_DICE = 0.5
_TOKEN = re.compile(r"\w+")


@dataclass
class GoldDocument:
    id: str
    text: str
    title: str | None
    source: str  # the folder name: centcom, wikipedia...
    actors: list[Span] = field(default_factory=list)
    locations: list[Span] = field(default_factory=list)
    synonyms: list[tuple[Span, Span]] = field(default_factory=list)
    relations: list[tuple[str, Span, Span]] = field(default_factory=list)


def _lines(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}:{number}: not JSON ({exc.msg}).",
                                      hint="re3d files hold one JSON object a line.") from exc
    return rows


def _folders(root: Path) -> list[Path]:
    if (root / "documents.json").is_file():
        return [root]
    found = sorted(p.parent for p in root.rglob("documents.json"))
    if not found:
        raise GoldFormatError(f"no re3d documents.json in {root}.",
                              hint="Give a re3d folder, or a folder of re3d source folders.")
    return found


def read_re3d(root: str | Path) -> list[GoldDocument]:
    """The gold documents of a re3d folder (or of every re3d folder below `root`)."""
    docs: list[GoldDocument] = []
    for folder in _folders(Path(root)):
        by_id = {}
        for row in _lines(folder / "documents.json"):
            by_id[row["_id"]] = GoldDocument(row["_id"], row["text"], row.get("title"), folder.name)
        entities, relations = (_lines(folder / f"{name}.json")
                               if (folder / f"{name}.json").exists() else []
                               for name in ("entities", "relations"))
        for doc_id, doc in by_id.items():
            _fill(doc, [e for e in entities if e["documentId"] == doc_id],
                  [r for r in relations if r["documentId"] == doc_id])
        docs.extend(by_id.values())
    return docs


def _fill(doc: GoldDocument, entities: list[dict[str, Any]],
          relations: list[dict[str, Any]]) -> None:
    in_relation = {(r[f"{side}Begin"], r[f"{side}End"]) for r in relations
                   if r["type"] in ACTOR_RELATIONS for side in ("source", "target")}
    actors = {(e["begin"], e["end"]) for e in entities if e["type"] in ACTOR_TYPES}
    actors |= {(e["begin"], e["end"]) for e in entities
               if e["type"] == "Nationality" and (e["begin"], e["end"]) in in_relation}
    doc.actors = sorted(actors)
    doc.locations = sorted({(e["begin"], e["end"]) for e in entities if e["type"] == "Location"}
                           - actors)
    synonyms: set[tuple[Span, Span]] = set()
    typed: set[tuple[str, Span, Span]] = set()
    for r in relations:
        a, b = (r["sourceBegin"], r["sourceEnd"]), (r["targetBegin"], r["targetEnd"])
        if a not in actors or b not in actors or a == b:
            continue
        if r["type"] == "IsSynonymOf":
            synonyms.add((min(a, b), max(a, b)))
        elif r["type"] in RELATION_MAP:
            if r["type"] in SYMMETRIC:
                a, b = min(a, b), max(a, b)
            typed.add((r["type"], a, b))
    doc.synonyms = sorted(synonyms)
    doc.relations = sorted(typed)


class Tokens:
    """Word tokens of one text, to compare spans by the tokens they cover."""

    def __init__(self, text: str) -> None:
        self.spans = [m.span() for m in _TOKEN.finditer(text)]
        self.ends = [e for _, e in self.spans]
        self._cache: dict[Span, frozenset[int]] = {}

    def of(self, span: Span) -> frozenset[int]:
        """Indexes of the tokens that overlap `span`."""
        found = self._cache.get(span)
        if found is None:
            start, end = span
            i = bisect.bisect_right(self.ends, start)
            hits = []
            while i < len(self.spans) and self.spans[i][0] < end:
                hits.append(i)
                i += 1
            found = self._cache[span] = frozenset(hits)
        return found

    def dice(self, a: Span, b: Span) -> float:
        """2|A∩B| / (|A|+|B|) over the tokens of two spans (1.0 for equal spans)."""
        if a == b:
            return 1.0
        ta, tb = self.of(a), self.of(b)
        if not ta or not tb:
            return 0.0
        return 2 * len(ta & tb) / (len(ta) + len(tb))
