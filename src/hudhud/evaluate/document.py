"""Scoring one document: system records against gold records (FORMAT.md, "Scoring").

Actors are matched first; the resulting mapping (system id -> gold id) is what
makes affiliations, events and quote speakers comparable. Each scorer returns
its counts and, for developers, the misses and false positives in words.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from hudhud.evaluate.matching import actor_mapping, actor_names, greedy_match, map_id, match_actors, match_by_key
from hudhud.evaluate.names import normalize_name, token_overlap, tokens

#: PLOVER type -> quad class, for the relaxed event score (FORMAT.md).
QUAD_CLASS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "REQUEST"), "verbal cooperation"),
    **dict.fromkeys(("CONCEDE", "COOPERATE", "AID", "RETREAT"), "material cooperation"),
    **dict.fromkeys(("ACCUSE", "REJECT", "THREATEN"), "verbal conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
}
#: A system quote matches when it covers this share of the gold quote's tokens.
QUOTE_OVERLAP = 0.8
#: A matched place is correct within this distance of the gold point.
PLACE_KM = 25.0
EVENT_ATTRIBUTES = ("date", "place", "killed", "wounded")
_EARTH_KM = 6371.0088


@dataclass
class DocScore:
    """Counts of one document; `errors` lists misses / false positives per kind."""

    counts: dict[str, list[int]] = field(default_factory=dict)  # kind -> [tp, pred, gold]
    attributes: dict[str, list[int]] = field(default_factory=dict)  # attr -> [agree, n]
    speaker: list[int] = field(default_factory=lambda: [0, 0])  # [correct, matched]
    errors: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def add(self, kind: str, tp: int, pred: int, gold: int, misses: list[str], fps: list[str]) -> None:
        self.counts[kind] = [tp, pred, gold]
        self.errors[kind] = {"misses": misses, "false_positives": fps}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _evidence(record: dict[str, Any]) -> str:
    ev = record.get("evidence")
    if isinstance(ev, dict):  # an Evidence object exported as-is
        ev = ev.get("text")
    return ev if isinstance(ev, str) else ""


def _gold_id(value: Any) -> str | None:
    return None if value is None else str(value)


def _label(record_text: str, evidence: str = "") -> str:
    if not evidence:
        return record_text
    short = evidence if len(evidence) <= 100 else evidence[:97] + "..."
    return f"{record_text}  « {short} »"


class _Names:
    """Actor id -> display name, for readable error lists."""

    def __init__(self, actors: list[dict[str, Any]]):
        self.names = {str(a["id"]): str(a.get("name") or a["id"]) for a in actors}

    def __call__(self, actor_id: Any) -> str:
        return "-" if actor_id is None else self.names.get(str(actor_id), str(actor_id))


def score_actors(gold: list[dict], system: list[dict], out: DocScore) -> dict[str, str]:
    """Score actors and return the mapping system id -> gold id."""
    pairs = match_actors(gold, system)
    g_hit, s_hit = {g for g, _ in pairs}, {s for _, s in pairs}
    out.add(
        "actors", len(pairs), len(system), len(gold),
        [str(a["name"]) for i, a in enumerate(gold) if i not in g_hit],
        [str(a["name"]) for i, a in enumerate(system) if i not in s_hit],
    )
    return actor_mapping(gold, system, pairs)


def _alias_pairs(actors: list[dict]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for actor in actors:
        names = sorted(actor_names(actor))
        pairs.update((a, b) for i, a in enumerate(names) for b in names[i + 1:])
    return pairs


def score_aliases(gold: list[dict], system: list[dict], out: DocScore) -> None:
    g, s = _alias_pairs(gold), _alias_pairs(system)
    out.add("aliases", len(g & s), len(s), len(g),
            [" == ".join(p) for p in sorted(g - s)], [" == ".join(p) for p in sorted(s - g)])


def score_affiliations(gold_doc: dict, sys_doc: dict, mapping: dict[str, str], out: DocScore) -> None:
    gold, system = gold_doc["affiliations"], sys_doc["affiliations"]
    g_keys = [(_gold_id(a["subject"]), a["relation"], _gold_id(a["object"])) for a in gold]
    s_keys = [(map_id(a["subject"], mapping), a["relation"], map_id(a["object"], mapping)) for a in system]
    pairs = match_by_key(g_keys, s_keys)
    gn, sn = _Names(gold_doc["actors"]), _Names(sys_doc["actors"])

    def describe(a: dict, names: _Names) -> str:
        return _label(f"{names(a['subject'])} {a['relation']} {names(a['object'])}", _evidence(a))

    g_hit, s_hit = {g for g, _ in pairs}, {s for _, s in pairs}
    out.add("affiliations", len(pairs), len(system), len(gold),
            [describe(a, gn) for i, a in enumerate(gold) if i not in g_hit],
            [describe(a, sn) for i, a in enumerate(system) if i not in s_hit])


def _same(attr: str, gold_value: Any, sys_value: Any) -> bool:
    if sys_value is None:
        return False
    if attr == "place":
        return normalize_name(str(gold_value)) == normalize_name(str(sys_value))
    if attr == "date":
        return str(gold_value).strip()[:10] == str(sys_value).strip()[:10]
    try:
        return int(gold_value) == int(sys_value)
    except (TypeError, ValueError):
        return False


def score_events(gold_doc: dict, sys_doc: dict, mapping: dict[str, str], out: DocScore) -> None:
    """events, events_quad, events_source_type, and the attributes of matched events."""
    gold, system = gold_doc["events"], sys_doc["events"]
    g_full = [(_gold_id(e["source"]), str(e["type"]).upper(), _gold_id(e.get("target"))) for e in gold]
    s_full = [(map_id(e["source"], mapping), str(e["type"]).upper(), map_id(e.get("target"), mapping))
              for e in system]
    gn, sn = _Names(gold_doc["actors"]), _Names(sys_doc["actors"])

    def describe(e: dict, names: _Names) -> str:
        return _label(f"{names(e['source'])} {e['type']} {names(e.get('target'))}", _evidence(e))

    def overlap(g: int, s: int) -> float:
        return token_overlap(_evidence(gold[g]), _evidence(system[s]))

    pairs = match_by_key(g_full, s_full, overlap)
    g_hit, s_hit = {g for g, _ in pairs}, {s for _, s in pairs}
    out.add("events", len(pairs), len(system), len(gold),
            [describe(e, gn) for i, e in enumerate(gold) if i not in g_hit],
            [describe(e, sn) for i, e in enumerate(system) if i not in s_hit])

    def quad(key: tuple) -> tuple:
        return (key[0], QUAD_CLASS.get(key[1], key[1]), key[2])

    for kind, g_keys, s_keys in (
        ("events_quad", [quad(k) for k in g_full], [quad(k) for k in s_full]),
        ("events_source_type", [k[:2] for k in g_full], [k[:2] for k in s_full]),
    ):
        tp = sum((Counter(g_keys) & Counter(s_keys)).values())
        out.add(kind, tp, len(s_keys), len(g_keys), [], [])

    wrong: list[str] = []
    for attr in EVENT_ATTRIBUTES:
        agree = n = 0
        for g, s in pairs:
            gold_value = gold[g].get(attr)
            if gold_value is None:
                continue
            n += 1
            if _same(attr, gold_value, system[s].get(attr)):
                agree += 1
            else:
                wrong.append(f"{describe(gold[g], gn)}: {attr} gold={gold_value!r} system={system[s].get(attr)!r}")
        out.attributes[attr] = [agree, n]
    out.errors["events"]["attribute_errors"] = wrong


def score_quotes(gold_doc: dict, sys_doc: dict, mapping: dict[str, str], out: DocScore) -> None:
    gold, system = gold_doc["quotes"], sys_doc["quotes"]
    candidates = []
    for g, gq in enumerate(gold):
        n_gold = len(tokens(gq["text"]))
        for s, sq in enumerate(system):
            share = token_overlap(gq["text"], sq["text"]) / n_gold if n_gold else 0.0
            if share >= QUOTE_OVERLAP:
                candidates.append((share, g, s))
    pairs = greedy_match(candidates)
    gn, sn = _Names(gold_doc["actors"]), _Names(sys_doc["actors"])
    speaker_errors = []
    for g, s in pairs:
        if map_id(system[s].get("speaker"), mapping) == _gold_id(gold[g].get("speaker")):
            out.speaker[0] += 1
        else:
            speaker_errors.append(_label(f"gold {gn(gold[g].get('speaker'))}, system "
                                         f"{sn(system[s].get('speaker'))}", gold[g]["text"]))
        out.speaker[1] += 1
    g_hit, s_hit = {g for g, _ in pairs}, {s for _, s in pairs}
    out.add("quotes", len(pairs), len(system), len(gold),
            [_label(gn(q.get("speaker")), q["text"]) for i, q in enumerate(gold) if i not in g_hit],
            [_label(sn(q.get("speaker")), q["text"]) for i, q in enumerate(system) if i not in s_hit])
    out.errors["quotes"]["speaker_errors"] = speaker_errors


def _distance(gold: dict, system: dict) -> float:
    if gold.get("lat") is None or gold.get("lon") is None:
        return 0.0  # a gold place without a point is scored on its name alone
    if system.get("lat") is None or system.get("lon") is None:
        return math.inf
    return haversine_km(gold["lat"], gold["lon"], system["lat"], system["lon"])


def _far_note(km: float | None) -> str:
    if km is None:
        return ""
    return " (system gives no point)" if math.isinf(km) else f" (system point {km:.0f} km off)"


def score_places(gold: list[dict], system: list[dict], out: DocScore) -> None:
    pairs = match_by_key([normalize_name(str(p["name"])) for p in gold],
                         [normalize_name(str(p["name"])) for p in system],
                         lambda g, s: -_distance(gold[g], system[s]))
    good = [(g, s) for g, s in pairs if _distance(gold[g], system[s]) <= PLACE_KM]
    g_hit, s_hit = {g for g, _ in good}, {s for _, s in good}
    far = {g: _distance(gold[g], system[s]) for g, s in pairs if (g, s) not in good}
    out.add("places", len(good), len(system), len(gold),
            [str(p["name"]) + _far_note(far.get(i)) for i, p in enumerate(gold) if i not in g_hit],
            [str(p["name"]) for i, p in enumerate(system) if i not in s_hit])


def score_document(gold_doc: dict[str, Any], sys_doc: dict[str, Any]) -> DocScore:
    """Score one document; `sys_doc` may be an empty record when the system gave none."""
    out = DocScore()
    mapping = score_actors(gold_doc["actors"], sys_doc["actors"], out)
    score_aliases(gold_doc["actors"], sys_doc["actors"], out)
    score_affiliations(gold_doc, sys_doc, mapping, out)
    score_events(gold_doc, sys_doc, mapping, out)
    score_quotes(gold_doc, sys_doc, mapping, out)
    score_places(gold_doc["places"], sys_doc["places"], out)
    return out
