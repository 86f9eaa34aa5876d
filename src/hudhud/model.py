"""The record model: what hudhud reads (Document) and what `analyze` returns.

Every record carries its evidence: the document, the sentence index and the
character offsets of the text that supports it, so an analyst can always go
back to the sentence. Everything here is plain data and JSON-serialisable,
because `analyze` runs in worker processes (or on Ray) and ships its result
back to the store.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

#: Actor kinds of FORMAT.md.
ACTOR_KINDS = (
    "state", "government", "military", "militia", "party",
    "person", "organisation", "media", "group",
)

#: Affiliation relations of FORMAT.md.
RELATIONS = (
    "backed_by", "part_of", "leads", "member_of", "spokesperson_of", "allied_with",
)

#: PLOVER event types of FORMAT.md.
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)


def stable_id(*parts: Any, length: int = 16) -> str:
    """A deterministic id from its key fields (never uuid4: re-runs give the same ids)."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:length]


@dataclass
class Document:
    """One news article as read from a file, before analysis.

    `origin` names where it came from (``path:line``) for error messages.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        return cls(**{f.name: data.get(f.name) for f in fields(cls)})


@dataclass
class Evidence:
    """Where a record comes from: `text == document.text[start:end]`."""

    sentence: int
    start: int
    end: int
    text: str


@dataclass
class Actor:
    """An actor as one document knows it: every surface form that document uses.

    `id` is unique within the document (a slug of the name); `kb_id` links to
    the knowledge base when the actor is known there.
    """

    id: str
    name: str
    kind: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    aliases: list[str] = field(default_factory=list)
    kb_id: str | None = None
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class Affiliation:
    subject: str  # actor id
    relation: str  # one of RELATIONS
    object: str  # actor id
    evidence: Evidence
    date: str | None = None


@dataclass
class Event:
    source: str | None  # actor id
    type: str  # one of EVENT_TYPES
    cameo: str  # CAMEO code, root (two digits) or more specific
    target: str | None
    evidence: Evidence
    date: str | None = None
    place: str | None = None
    killed: int | None = None
    wounded: int | None = None
    goldstein: float | None = None
    quad: int | None = None
    pattern: str | None = None  # which lexicon entry fired, for `hudhud explain`
    reported_by: str | None = None  # actor id of who reported it ("X said Y attacked Z")


@dataclass
class Quote:
    speaker: str | None  # actor id; None when anonymous
    text: str  # without the quotation marks
    evidence: Evidence  # span of `text` itself


@dataclass
class Place:
    name: str  # surface form in the text
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166-1 alpha-2
    geonameid: int | None = None
    feature: str | None = None  # GeoNames feature class.code, e.g. "P.PPLA"
    admin1: str | None = None
    confidence: float | None = None
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class DocumentAnalysis:
    """Everything `analyze` found in one document. Pure data, no database."""

    doc_id: str
    published: str | None
    version: str
    actors: list[Actor] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # char spans

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DocumentAnalysis":
        def ev(d: dict[str, Any]) -> Evidence:
            return Evidence(**d)

        return cls(
            doc_id=data["doc_id"],
            published=data.get("published"),
            version=data.get("version", ""),
            actors=[
                Actor(**{**a, "mentions": [ev(m) for m in a.get("mentions", [])]})
                for a in data.get("actors", [])
            ],
            affiliations=[
                Affiliation(**{**a, "evidence": ev(a["evidence"])})
                for a in data.get("affiliations", [])
            ],
            events=[Event(**{**e, "evidence": ev(e["evidence"])}) for e in data.get("events", [])],
            quotes=[Quote(**{**q, "evidence": ev(q["evidence"])}) for q in data.get("quotes", [])],
            places=[
                Place(**{**p, "mentions": [ev(m) for m in p.get("mentions", [])]})
                for p in data.get("places", [])
            ],
            sentences=[tuple(s) for s in data.get("sentences", [])],
        )
