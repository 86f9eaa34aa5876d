"""Document-level place resolution: the place names of one text resolved together.

A name alone is resolved by its prior (country > continent > first-level division >
populated place by population). In a document, the other places decide:

- local cues: a feature word next to the name ("Idlib province", "the state of
  New York", "Metcalfe County") and the "X, Y" pattern, where Y is a division or
  country that holds X ("Springfield, Illinois", "London, Ont.", "Paris, Texas");
  the pattern also decides Y ("Atlanta, Georgia" is the US state);
- document context: candidates in a country the other places lie in, inside a
  division the document names (or holding the other places), and near the other
  places' points;
- one sense per discourse: every mention of a name in a document with the same
  feature cue is the same place.

The resolution is iterative (mean field): each name first scores its candidates
on its own; then, for a few rounds, each candidate is rescored against the other
names' readings, each reading weighted by its current probability (a softmax of
its scores), until no name changes its best reading. A name never supports
itself: the context of a name comes from the other names only. Readings that no
context could lift above a name's best one are dropped first, which keeps 10,000
mentions under two seconds.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hudhud.kb.place import GeoPlace, PlaceMatch, alpha2, hint_kind, place_key, place_kind

if TYPE_CHECKING:
    from hudhud.kb.gazetteer import Gazetteer

#: Bonuses in the units of the prior (log10 of population): a candidate in a
#: country the other places lie in is worth a town some 300 times larger.
_COUNTRY_CONTEXT = 2.5
_ADMIN1_CONTEXT = 2.5
_CONTAINER_BONUS = 8.0
_NEAR_BONUS = 2.5
_NEAR_SCALE_KM = 150.0
#: Beyond this a reading is no neighbour (its bonus would be under 2% of the most).
_NEAR_CUTOFF_KM = 4 * _NEAR_SCALE_KM
#: Candidates kept per name (by their own score): enough for the 40 Springfields.
_MAX_CANDIDATES = 60
_ROUNDS = 4
#: A country named in the text supports its places more than one only implied.
_NAMED_COUNTRY_CONTEXT = 1.0
#: Readings less likely than this tell the other names nothing.
_MIN_PROBABILITY = 0.05
#: Kinds whose point locates a document (countries and continents are too broad).
_POINT_KINDS = frozenset({"P", "S", "ADM2", "T", "H", "L"})
_CUE_AFTER = re.compile(
    r"^[ \t]+(province|governorate|state|county|parish|city|town|village|district|region)\b"
    r"(?![ \t]+of\b)",  # "the Hunan city of Yueyang": Hunan holds the city
    re.IGNORECASE)
_CUE_BEFORE = re.compile(
    r"\b(province|governorate|state|county|city|town|village|district|region)[ \t]+of[ \t]+(the[ \t]+)?$",
    re.IGNORECASE)
#: What may follow "Y": punctuation, the end of the text, or a word that starts a
#: new phrase ("Springfield, Illinois, police said", "born in Paris, Texas in 1950").
_AFTER_CONTAINER = re.compile(
    r"^(?:$|[\s]*[,.;:)!?\"'\u201d\u2019\-\u2014\n]|\s+(?:in|on|at|and|or|but|where|when|while|"
    r"was|is|are|were|has|have|had|who|which|that|for|to|from|with|after|before|said|says)\b)")
#: "X, Y": the comma, then one to four capitalised words (dots allowed: "B.C.", "N.Y.").
_FOLLOWING = re.compile(r"^,[ \t]*((?:[A-Z][\w.'\u2019-]*\.?)(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3})")


@dataclass
class _Group:
    """The mentions of one name (same key and feature cue) in a document."""

    key: str
    hint: str | None
    ids: list[int]
    base: dict[int, float]
    quality: float
    containers: list[list[int]] = field(default_factory=list)  # candidates of each "Y"
    contained: list[int] = field(default_factory=list)  # groups that name this one as "Y"
    pick: int = -1
    scores: dict[int, float] = field(default_factory=dict)


def text_cue(text: str, start: int, end: int) -> str | None:
    """A feature word right after or before a mention: "Diyala province", "the city of X"."""
    after = _CUE_AFTER.match(text[end:end + 20])
    if after:
        return after.group(1).lower()
    before = _CUE_BEFORE.search(text[max(0, start - 30):start])
    return before.group(1).lower() if before else None


def within(inner: GeoPlace, outer: GeoPlace) -> bool:
    """Whether `inner` lies in the country or first-level division `outer`."""
    outer_kind, inner_kind = place_kind(outer), place_kind(inner)
    if not outer.country or inner.country != outer.country or inner_kind in ("PCLI", "CONT"):
        return False
    if outer_kind == "PCLI":
        return True
    if outer_kind == "ADM1":
        return inner_kind != "ADM1" and bool(outer.admin1) and inner.admin1 == outer.admin1
    return False


def resolve_document(
    gaz: Gazetteer,
    mentions: Sequence[tuple[str, int, int]],
    text: str = "",
    focus_countries: Sequence[str] = (),
    hints: Sequence[str | None] | None = None,
) -> list[PlaceMatch | None]:
    """One PlaceMatch (or None) per (name, start, end) mention, resolved jointly."""
    focus = frozenset(alpha2(c) for c in focus_countries)
    groups: list[_Group] = []
    index: dict[tuple[str, str | None], int] = {}
    group_of: list[int | None] = []
    starts: dict[int, int] = {}
    for n, (name, start, end) in enumerate(mentions):
        cue = (hints[n] if hints is not None and n < len(hints) else None) or text_cue(text, start, end)
        key = place_key(name)
        signature = (key, hint_kind(cue))
        if signature not in index:
            ids, quality = gaz.lookup(name, cue, focus)
            if not ids:
                group_of.append(None)
                continue
            hint = hint_kind(cue)
            base = {i: gaz.base_score(i, key, focus, hint) for i in ids}
            kept = sorted(base, key=lambda i: (-base[i], i))[:_MAX_CANDIDATES]
            index[signature] = len(groups)
            groups.append(_Group(key, hint, kept, {i: base[i] for i in kept}, quality))
        group_of.append(index[signature])
        starts.setdefault(start, n)
    _link_containers(gaz, mentions, text, groups, group_of, starts, focus)
    for group in groups:
        _prune(group)
    _iterate(gaz, groups)
    matches: list[PlaceMatch | None] = []
    for g in group_of:
        if g is None:
            matches.append(None)
        else:
            group = groups[g]
            matches.append(gaz.match(group.scores, group.hint, group.quality, focus))
    return matches


def _prune(group: _Group) -> None:
    """Drop the readings that no context could lift above the best one (exact)."""
    gain = _COUNTRY_CONTEXT + _NAMED_COUNTRY_CONTEXT + max(_ADMIN1_CONTEXT, _NEAR_BONUS)
    gain += _CONTAINER_BONUS * (bool(group.containers) + bool(group.contained))
    floor = max(group.base.values()) - gain
    group.base = {i: s for i, s in group.base.items() if s >= floor}


def _link_containers(gaz: Gazetteer, mentions: Sequence[tuple[str, int, int]], text: str,
                     groups: list[_Group], group_of: list[int | None], starts: dict[int, int],
                     focus: frozenset[str]) -> None:
    """Find the "X, Y" pairs: Y a following mention, or a name read from the text."""
    for n, (_, _, end) in enumerate(mentions):
        g = group_of[n]
        if g is None or not text:
            continue
        follow = _FOLLOWING.match(text[end:end + 60])
        if not follow:
            continue
        at = end + follow.start(1)
        other = starts.get(at)
        if other is not None:  # Y is a mention of its own
            h = group_of[other]
            if h is not None and h != g and _ends_clause(text, mentions[other][2]):
                groups[g].containers.append(groups[h].ids)
                if g not in groups[h].contained:
                    groups[h].contained.append(g)
            continue
        words = follow.group(1).split()
        for size in range(len(words), 0, -1):  # longest name first: "New South Wales"
            name = " ".join(words[:size])
            if not _ends_clause(text, at + len(name)):
                continue
            ids, quality = gaz.lookup(name, None, frozenset())
            ids = [i for i in ids if place_kind(gaz.place(i)) in ("PCLI", "ADM1")] if quality == 1.0 else []
            if ids:
                groups[g].containers.append(ids)
                break


def _ends_clause(text: str, end: int) -> bool:
    """Whether "Y" of "X, Y" ends there: "Paris, Texas." yes, "Russia, U.S. officials" no."""
    rest = _AFTER_CONTAINER.match(text[end:end + 12])
    return rest is not None


def _iterate(gaz: Gazetteer, groups: list[_Group]) -> None:
    """Mean-field rounds: each name is rescored against the other names' readings,
    each reading weighted by its current probability (a softmax of its scores), so
    that a document whose names all have a likely English and a likely Canadian
    reading settles on the set of readings that support one another.
    """
    for group in groups:
        group.scores = {i: s + _container_bonus(gaz, group, i) for i, s in group.base.items()}
        group.pick = _best(group.scores)
    for _ in range(_ROUNDS):
        view = _View.of(gaz, groups)
        changed = False
        for n, group in enumerate(groups):
            scores = {}
            for i, base in group.base.items():
                place = gaz.place(i)
                scores[i] = (base + _container_bonus(gaz, group, i)
                             + _contained_bonus(gaz, groups, group, place)
                             + view.context(place, n, len(group.base) > 1))
            group.scores = scores
            pick = _best(scores)
            changed |= pick != group.pick
            group.pick = pick
        if not changed:
            break


class _View:
    """What the names tell each other: where their readings lie, how likely each is.

    For each country and division it keeps the two names that most likely lie
    there, so that "the most likely other name" is found without a loop.
    """

    def __init__(self) -> None:
        self.countries: dict[str, list[tuple[float, int]]] = {}
        self.named: dict[str, list[tuple[float, int]]] = {}
        self.admin1s: dict[tuple[str, str], list[tuple[float, int]]] = {}
        self.points: list[tuple[float, float, float, int]] = []  # lat, lon, probability, name
        self.lats: list[float] = []

    @classmethod
    def of(cls, gaz: Gazetteer, groups: list[_Group]) -> _View:
        view = cls()
        for n, group in enumerate(groups):
            top = max(group.scores.values())
            weights = {i: math.exp(s - top) for i, s in group.scores.items()}
            total = sum(weights.values())
            countries: dict[str, float] = {}
            admin1s: dict[tuple[str, str], float] = {}
            for i, w in weights.items():
                p = w / total
                if p < _MIN_PROBABILITY:
                    continue
                place = gaz.place(i)
                kind = place_kind(place)
                if place.country:
                    countries[place.country] = countries.get(place.country, 0.0) + p
                    if kind == "PCLI":
                        _keep_two(view.named, place.country, p, n)
                if place.admin1 and kind not in ("PCLI", "CONT"):
                    key = (place.country, place.admin1)
                    admin1s[key] = admin1s.get(key, 0.0) + p
                if kind in _POINT_KINDS:
                    view.points.append((place.lat, place.lon, p, n))
            for country, p in countries.items():
                _keep_two(view.countries, country, p, n)
            for key, p in admin1s.items():
                _keep_two(view.admin1s, key, p, n)
        view.points.sort()
        view.lats = [pt[0] for pt in view.points]
        return view

    def context(self, place: GeoPlace, own: int, ambiguous: bool) -> float:
        """Support of the other names for one reading: country, division, nearness."""
        kind = place_kind(place)
        if not place.country or kind == "CONT":
            return 0.0
        in_country = _other(self.countries, place.country, own)
        if kind == "PCLI":
            return _COUNTRY_CONTEXT / 2 * in_country  # the country the other places lie in
        score = _COUNTRY_CONTEXT * in_country
        score += _NAMED_COUNTRY_CONTEXT * _other(self.named, place.country, own)
        local = 0.0
        if place.admin1:
            local = _ADMIN1_CONTEXT * _other(self.admin1s, (place.country, place.admin1), own)
        if (kind in _POINT_KINDS or kind == "ADM1") and ambiguous:
            # a division by its centre: "Wales" beside London is the Welsh one
            local = max(local, self.near(place, own))
        return score + local

    def near(self, place: GeoPlace, own: int) -> float:
        """Closeness to the nearest likely reading of another name (equirectangular)."""
        span = _NEAR_CUTOFF_KM / 111.2
        lo = bisect_left(self.lats, place.lat - span)
        hi = bisect_right(self.lats, place.lat + span)
        best = 0.0
        cos_lat = math.cos(math.radians(place.lat))
        for lat, lon, p, n in self.points[lo:hi]:
            if n == own:
                continue
            dx = (lon - place.lon + 540.0) % 360.0 - 180.0
            d = 111.2 * math.hypot(lat - place.lat, dx * cos_lat)
            best = max(best, p * math.exp(-d / _NEAR_SCALE_KM))
        return _NEAR_BONUS * best


def _keep_two(table: dict, key: object, p: float, name: int) -> None:
    """Keep the two most likely names (probability, name) of a key."""
    entries = table.setdefault(key, [])
    entries.append((p, name))
    if len(entries) > 2:
        entries.sort(reverse=True)
        del entries[2:]


def _other(table: dict, key: object, own: int) -> float:
    """The highest probability of a name other than `own` for this key."""
    return max((p for p, n in table.get(key, ()) if n != own), default=0.0)


def _best(scores: dict[int, float]) -> int:
    return max(scores, key=lambda i: (scores[i], -i))


def _container_bonus(gaz: Gazetteer, group: _Group, idx: int) -> float:
    """X of "X, Y" lies in one of the readings of Y."""
    if not group.containers:
        return 0.0
    place = gaz.place(idx)
    for ids in group.containers:
        if any(within(place, gaz.place(j)) for j in ids):
            return _CONTAINER_BONUS
    return 0.0


def _contained_bonus(gaz: Gazetteer, groups: list[_Group], group: _Group, place: GeoPlace) -> float:
    """Y of "X, Y" holds the current reading of X ("Atlanta, Georgia": the US state)."""
    for g in group.contained:
        if groups[g].pick >= 0 and within(gaz.place(groups[g].pick), place):
            return _CONTAINER_BONUS
    return 0.0
