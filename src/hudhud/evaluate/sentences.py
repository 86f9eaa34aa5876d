"""Sentence-suite scoring (`hudhud eval --gold-format sentences FILE`).

The suite is JSONL, one news sentence a line, with the events a reader codes in
it (GUIDELINES.md) and tags that say how it is written and where it happens:

    {"id": "s0001", "text": "Somalia accused Ethiopia of ...", "published": "2024-01-03",
     "events": [{"source": ["Somalia", "Mogadishu"], "type": "ACCUSE", "cameo": "11",
                 "target": ["Ethiopia", "Addis Ababa"]}],
     "tags": ["active", "africa"]}

`source` and `target` list the names that count for one actor, the first being
its canonical name; `target` may be null. Every sentence is analysed as a
document and its **exported** events are scored: an exported event matches a
gold one when the type agrees, one of its source actor's names (name or alias,
normalised as FORMAT.md says) is among the gold source names, and likewise for
the target (null only matches null). Each gold event matches at most one
exported event. The same is done with the CAMEO root instead of the type.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hudhud.errors import GoldFormatError
from hudhud.evaluate.exported import ExportedEvent, Text, export_texts, exported_events
from hudhud.evaluate.gold import read_jsonl
from hudhud.evaluate.names import normalize_name
from hudhud.evaluate.sentence_counts import Tally, bipartite_pairs
from hudhud.kb.cameo import PLOVER_OF_ROOT
from hudhud.model import EVENT_TYPES

_HINT = ("Each line is one JSON object: id, text, events (each with source: [names], type, "
         "cameo: the two-digit root, target: [names] or null) and tags: [words].")
#: FORMAT.md: "08 CONCEDE or RETREAT", "17 COERCE (violent repression: ASSAULT)"; every
#: other root has the one type of kb/cameo.py's table.
_ALSO_OF_ROOT = {"08": "RETREAT", "17": "ASSAULT"}


@dataclass(frozen=True)
class GoldEvent:
    type: str
    cameo: str
    source: frozenset[str]
    target: frozenset[str] | None
    label: str


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...]
    tags: tuple[str, ...]


def _names(value: Any, where: str) -> tuple[frozenset[str], str]:
    """The normalised names of one actor, and its canonical (first) name."""
    if not isinstance(value, list) or not value or not all(isinstance(n, str) and n.strip() for n in value):
        raise ValueError(f"{where} must be a non-empty list of names")
    return frozenset(normalize_name(n) for n in value), value[0]


def _gold_event(raw: Any, n: int) -> GoldEvent:
    where = f"events[{n}]"
    if not isinstance(raw, dict):
        raise ValueError(f"{where} must be an object")
    etype, cameo = raw.get("type"), raw.get("cameo")
    if etype not in EVENT_TYPES:
        raise ValueError(f"{where}: type {etype!r} is not a PLOVER type of FORMAT.md")
    if not isinstance(cameo, str) or etype not in (PLOVER_OF_ROOT.get(cameo), _ALSO_OF_ROOT.get(cameo)):
        raise ValueError(f"{where}: cameo {cameo!r} is not a two-digit root of type {etype}")
    source, source_name = _names(raw.get("source"), f"{where}.source")
    target, target_name = (None, "-") if raw.get("target") is None else _names(raw["target"], f"{where}.target")
    return GoldEvent(etype, cameo, source, target, f"{source_name} {etype} {target_name} (cameo {cameo})")


def _sentence(row: Any) -> Sentence:
    if not isinstance(row, dict):
        raise ValueError("expected a JSON object")
    sid, text, tags = row.get("id"), row.get("text"), row.get("tags", [])
    if not isinstance(sid, str) or not sid:
        raise ValueError("missing or empty 'id'")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{sid}: missing or empty 'text'")
    if not isinstance(row.get("events"), list):
        raise ValueError(f"{sid}: 'events' must be a list (empty for a sentence without events)")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError(f"{sid}: 'tags' must be a list of words")
    try:
        events = tuple(_gold_event(e, n) for n, e in enumerate(row["events"]))
    except ValueError as exc:
        raise ValueError(f"{sid}: {exc}") from None
    published = row.get("published")
    return Sentence(sid, text, published if isinstance(published, str) else None, events, tuple(tags))


def read_suite(path: str | Path) -> list[Sentence]:
    """Read and check a sentence suite; a bad line raises GoldFormatError naming file:line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read ({exc})", hint="Check the path.") from exc
    sentences: list[Sentence] = []
    seen: set[str] = set()
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            sentence = _sentence(json.loads(line))
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{lineno}: invalid JSON ({exc.msg})", hint=_HINT) from None
        except ValueError as exc:
            raise GoldFormatError(f"{path}:{lineno}: {exc}", hint=_HINT) from None
        if sentence.id in seen:
            raise GoldFormatError(f"{path}:{lineno}: duplicate id {sentence.id!r}", hint=_HINT)
        seen.add(sentence.id)
        sentences.append(sentence)
    return sentences


def _actor_matches(gold: frozenset[str] | None, names: frozenset[str] | None) -> bool:
    if gold is None or names is None:
        return gold is None and names is None
    return bool(gold & names)


def _by_type(g: GoldEvent, p: ExportedEvent) -> bool:
    return g.type == p.type and _actor_matches(g.source, p.source) and _actor_matches(g.target, p.target)


def _by_root(g: GoldEvent, p: ExportedEvent) -> bool:
    return g.cameo == p.cameo[:2] and _actor_matches(g.source, p.source) and _actor_matches(g.target, p.target)


def _by_type_alone(g: GoldEvent, p: ExportedEvent) -> bool:
    return g.type == p.type


Matcher = Callable[[GoldEvent, ExportedEvent], bool]


def score_sentences(sentences: list[Sentence], records: dict[str, dict[str, Any]],
                    details: bool = False) -> dict[str, Any]:
    """Score exported records ({doc_id: FORMAT.md record}) against the suite; the `--json` object."""
    tallies = {"events": Tally("type"), "events_cameo": Tally("root"), "events_type_only": Tally("type")}
    matchers: dict[str, Matcher] = {"events": _by_type, "events_cameo": _by_root, "events_type_only": _by_type_alone}
    exact = quiet = no_event = 0
    errors = []
    for sentence in sentences:
        record = records.get(sentence.id)
        predicted = exported_events(record) if record else []
        gold = list(sentence.events)
        pairs_of = {kind: bipartite_pairs(gold, predicted, matchers[kind]) for kind in tallies}
        for kind, tally in tallies.items():
            tally.add(sentence.tags, gold, predicted, pairs_of[kind])
        hit_gold, hit_pred = {g for g, _ in pairs_of["events"]}, {p for _, p in pairs_of["events"]}
        misses = [g.label for i, g in enumerate(gold) if i not in hit_gold]
        false_alarms = [p.label for i, p in enumerate(predicted) if i not in hit_pred]
        exact += not misses and not false_alarms
        if not gold:
            no_event += 1
            quiet += not predicted
        if details and (misses or false_alarms):
            errors.append({"id": sentence.id, "text": sentence.text, "tags": list(sentence.tags),
                           "misses": misses, "false_alarms": false_alarms})
    result: dict[str, Any] = {"n_sentences": len(sentences), "n_predicted": sum(s.id in records for s in sentences)}
    for kind, tally in tallies.items():
        result[kind] = tally.overall()
    result["by_type"] = tallies["events"].grouped("type")
    result["by_cameo_root"] = tallies["events_cameo"].grouped("type")
    result["by_tag"] = tallies["events"].grouped("tag")
    result["sentences_exact"] = round(exact / len(sentences), 4) if sentences else 0.0
    result["no_event_sentences"] = {"n": no_event, "without_false_alarm": quiet}
    if details:
        result["details"] = errors
    return result


def evaluate_sentences(path: str | Path, pred: str | Path | None = None, details: bool = False) -> dict[str, Any]:
    """Run the pipeline on every sentence of the suite at `path` (or read the export `pred`) and score it.

    Returns the `--json` object: P/R/F1 with counts for `events` (source, type,
    target), `events_cameo` (source, CAMEO root, target) and `events_type_only`
    (types alone, a diagnostic: actors ignored), then `by_type`, `by_cameo_root`,
    `by_tag`, `sentences_exact` (share of sentences with no miss and no false
    alarm), `no_event_sentences` and, when the pipeline ran, `seconds` and
    `sentences_per_second`. With `details`, the misses and false alarms of
    each sentence that has any.
    """
    sentences = read_suite(path)
    timing: dict[str, Any] = {}
    if pred is not None:
        records = read_jsonl(pred)
    else:
        exported, seconds = export_texts(Text(s.id, s.text, s.published) for s in sentences)
        records = {r["doc_id"]: r for r in exported}
        timing = {"seconds": round(seconds, 2),
                  "sentences_per_second": round(len(sentences) / seconds, 1) if seconds else None}
    return {**score_sentences(sentences, records, details), **timing}
