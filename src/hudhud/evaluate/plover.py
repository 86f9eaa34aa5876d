"""Sentence-level scoring on PLOVER gold records (`hudhud eval --gold-format plover`).

Each record is one sentence with its gold PLOVER type and the country codes of
its source and target. hudhud codes the sentence; the predicted type is that of
the main event (the coded event whose trigger sits highest in the parse, or,
when no event has a known actor, the highest trigger of the sentence).
Country agreement counts records where the gold gives a country code and
hudhud found an actor with a country: does one of them agree?
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from hudhud.errors import GoldFormatError
from hudhud.nlp.tree import token_depth


def read_records(path: str | Path) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}:{n}: not JSON ({exc.msg})") from exc
            if "text" not in row:
                raise GoldFormatError(f"{path}:{n}: no `text` field")
            records.append(row)
    return records


def _gold_type(row: dict) -> str:
    from hudhud.kb.cameo import PLOVER_RENAMES

    event = row.get("event_16") or row.get("event") or ""
    return PLOVER_RENAMES.get(event, event)


def evaluate_plover(path: str | Path, details: bool = False) -> dict[str, Any]:
    """{"event_type_accuracy", "source_country_agreement", "target_country_agreement", "n", ...}."""
    from hudhud.engine.analyzer import analyze_parsed
    from hudhud.extract.events import sentence_triggers
    from hudhud.model import Document
    from hudhud.nlp.pipeline import load_nlp

    nlp = load_nlp()
    rows = read_records(path)
    correct = 0
    src = Counter()
    tgt = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    errors = []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        analysis = analyze_parsed(Document(id=row.get("id", ""), text=row["text"]), doc)
        gold = _gold_type(row)
        predicted, event = _main_event(doc, analysis, sentence_triggers(doc))
        confusion[(gold, predicted or "-")] += 1
        if predicted == gold:
            correct += 1
        elif details:
            errors.append({"id": row.get("id"), "gold": gold, "predicted": predicted, "text": row["text"]})
        countries = {a.id: a.country for a in analysis.actors}
        _agree(src, row.get("source", []), countries.get(event.source) if event else None)
        _agree(tgt, row.get("target", []), countries.get(event.target) if event and event.target else None)
    n = len(rows)
    result = {
        "event_type_accuracy": round(correct / n, 4) if n else 0.0,
        "source_country_agreement": round(src["agree"] / src["n"], 4) if src["n"] else None,
        "target_country_agreement": round(tgt["agree"] / tgt["n"], 4) if tgt["n"] else None,
        "n": n, "n_source": src["n"], "n_target": tgt["n"],
        "confusions": [{"gold": g, "predicted": p, "count": c} for (g, p), c in confusion.most_common() if g != p][:15],
    }
    if details:
        result["errors"] = errors
    return result


def _main_event(doc: Any, analysis: Any, triggers: list) -> tuple[str | None, Any]:
    """The sentence's type is its shallowest trigger's; its actors come from a coded event of that type."""
    if triggers:
        etype = triggers[0][1]
        same = [e for e in analysis.events if e.type == etype]
        return etype, (same[0] if same else None)
    if analysis.events:
        def depth(e: Any) -> int:
            tok = doc.char_span(e.evidence.start, e.evidence.end, alignment_mode="expand")
            return min((token_depth(t) for t in tok), default=99) if tok is not None else 99
        best = min(analysis.events, key=depth)
        if triggers and triggers[0][0] < depth(best) - 1:
            return triggers[0][1], best if best.type == triggers[0][1] else None
        return best.type, best
    if triggers:
        return triggers[0][1], None
    return None, None


def _agree(counter: Counter, gold_actors: list[dict], predicted: str | None) -> None:
    codes = {a.get("code") for a in gold_actors if a.get("code") and len(a.get("code")) == 3}
    if not codes or predicted is None:
        return
    counter["n"] += 1
    if predicted in codes:
        counter["agree"] += 1
