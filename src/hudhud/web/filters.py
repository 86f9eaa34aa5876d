"""The filter every list, graph and map page shares, parsed from the query string.

HTML forms send empty fields (`since=`), so every parameter accepts "" and
treats it as absent; anything else that is not a valid value is a 422 with
the one JSON error shape, never a server error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import Query

from hudhud.model import EVENT_TYPES
from hudhud.web.errors import BadRequest

# The model's constants spelled out, so OpenAPI lists them and FastAPI refuses
# others with a 422 ("" is an empty form field); tests/web/test_filters.py
# checks that they match hudhud.model.
Kind = Literal["", "state", "government", "military", "militia", "party", "person",
               "organisation", "media", "group"]
Relation = Literal["", "backed_by", "part_of", "leads", "member_of", "spokesperson_of",
                   "allied_with"]
EventType = Literal["", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                    "MOBILIZE", "COERCE", "ASSAULT"]
Layer = Literal["", "affiliations", "events"]

#: PLOVER's conflict types: the "hostility" edges the network shows by default.
HOSTILE_TYPES = ("ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "COERCE", "ASSAULT")

_DATE = r"^(\d{4}-\d{2}-\d{2})?$"


@dataclass(frozen=True)
class Filters:
    """What to show: an actor (id or name), node kinds and countries, relations,
    event types, a date range on the record's date (else its document's), and
    which graph layers."""

    actor: str | None = None
    kind: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    relation: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    layer: tuple[str, ...] = ()

    def event_types(self, default: tuple[str, ...] = EVENT_TYPES) -> tuple[str, ...]:
        return self.type or default

    def shows(self, layer: str) -> bool:
        return not self.layer or layer in self.layer

    def params(self) -> list[tuple[str, str]]:
        """The filter as query-string pairs, to link exports and twins to the same view."""
        out: list[tuple[str, str]] = []
        if self.actor:
            out.append(("actor", self.actor))
        for name in ("kind", "country", "relation", "type", "layer"):
            out += [(name, v) for v in getattr(self, name)]
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                out.append((name, value.isoformat()))
        return out

    def query_string(self) -> str:
        return urlencode(self.params())

    def to_dict(self) -> dict[str, object]:
        return {"actor": self.actor, "kind": list(self.kind), "country": list(self.country),
                "relation": list(self.relation), "type": list(self.type),
                "since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "layer": list(self.layer)}


def _date(name: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise BadRequest(f"{name} is not a date: {value!r}.", hint="Write dates as YYYY-MM-DD.") from exc


def _clean(values: Sequence[str], upper: bool = False) -> tuple[str, ...]:
    seen = dict.fromkeys(v.upper() if upper else v for v in values if v)
    return tuple(seen)


def filters(
    actor: Annotated[str | None, Query(max_length=200, description="Global actor id, name or alias.")] = None,
    kind: Annotated[list[Kind], Query(description="Actor kinds (graph nodes).")] = [],  # noqa: B006
    country: Annotated[list[Annotated[str, Query(pattern=r"^([A-Za-z]{3})?$")]],
                       Query(description="ISO alpha-3 countries (graph nodes).")] = [],  # noqa: B006
    relation: Annotated[list[Relation], Query(description="Affiliation relations.")] = [],  # noqa: B006
    type: Annotated[list[EventType], Query(description="PLOVER event types.")] = [],  # noqa: B006
    since: Annotated[str | None, Query(pattern=_DATE, description="YYYY-MM-DD, inclusive.")] = None,
    until: Annotated[str | None, Query(pattern=_DATE, description="YYYY-MM-DD, inclusive.")] = None,
    layer: Annotated[list[Layer], Query(description="Graph layers: affiliations, events.")] = [],  # noqa: B006
) -> Filters:
    """FastAPI dependency: the query string as a `Filters`."""
    return Filters(
        actor=(actor or "").strip() or None,
        kind=_clean(kind), country=_clean(country, upper=True), relation=_clean(relation),
        type=_clean(type), since=_date("since", since), until=_date("until", until),
        layer=_clean(layer),
    )


@dataclass(frozen=True)
class Page:
    limit: int = 100
    offset: int = 0


def page(limit: Annotated[int, Query(ge=1, le=1000)] = 100,
         offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Page:
    """FastAPI dependency: a page of a long list."""
    return Page(limit=limit, offset=offset)


#: The lists of an actor's page, each paged on its own.
PROFILE_LISTS = ("affiliations", "events_as_source", "events_as_target", "quotes")
_Offset = Annotated[int | None, Query(ge=0, le=10_000_000,
                                      description="Start of this list (default: offset).")]


@dataclass(frozen=True)
class ProfilePage:
    """How much of each list an actor page shows: `limit` records from `offsets[list]`."""

    limit: int = 50
    offsets: tuple[tuple[str, int], ...] = tuple((k, 0) for k in PROFILE_LISTS)

    def offset(self, part: str) -> int:
        return dict(self.offsets)[part]

    def moved(self, part: str, offset: int) -> "ProfilePage":
        return ProfilePage(self.limit, tuple((k, offset if k == part else v) for k, v in self.offsets))

    def params(self) -> list[tuple[str, int]]:
        """The page as query-string pairs, leaving out what is the default."""
        out = [("limit", self.limit)] if self.limit != 50 else []
        return out + [(f"{k}_offset", v) for k, v in self.offsets if v]


def profile_page(
    limit: Annotated[int, Query(ge=1, le=1000, description="Records per list.")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Start of every list.")] = 0,
    affiliations_offset: _Offset = None, events_as_source_offset: _Offset = None,
    events_as_target_offset: _Offset = None, quotes_offset: _Offset = None,
) -> ProfilePage:
    """FastAPI dependency: the page of each list of an actor's profile."""
    given = {"affiliations": affiliations_offset, "events_as_source": events_as_source_offset,
             "events_as_target": events_as_target_offset, "quotes": quotes_offset}
    return ProfilePage(limit, tuple((k, v if (v := given[k]) is not None else offset)
                                    for k in PROFILE_LISTS))
