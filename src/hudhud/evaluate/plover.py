"""Sentence-level scoring on PLOVER gold records (`hudhud eval --gold-format plover`).

Each record is one sentence with its gold PLOVER type and the country codes of
its source and target. Every sentence is analysed as a document and scored on
its **exported** events (FORMAT.md records, what `hudhud export` gives a user):

- `event_type_accuracy`: the first exported event (in text order) has the gold
  type; a sentence that exports no event counts as wrong. A trigger the
  extractor saw but could not turn into a record (no actor found, say) earns
  nothing: "Talks were held in Geneva" exports no event, so it is a miss however
  clearly "talks" reads as CONSULT.
- `event_type_any` (diagnostic): some exported event has the gold type.
- `record_type_precision`: the share of exported events whose type is the gold's.
- `no_record_share`: the share of sentences that export no event.
- country agreement: among records whose gold gives a source (target) country
  code, and whose scored event has a source (target) actor with a country, the
  share where they agree. The scored event is the first with the gold type, else
  the first exported one.

An earlier version scored the highest trigger in the parse whether or not it
became a record; that figure is gone, since no user ever sees a trigger.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from hudhud.errors import GoldFormatError
from hudhud.evaluate.exported import Text, export_texts
from hudhud.kb.cameo import PLOVER_RENAMES


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
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"].strip():
                raise GoldFormatError(f"{path}:{n}: no `text` field")
            records.append(row)
    return records


def _gold_type(row: dict) -> str:
    event = row.get("event_16") or row.get("event") or ""
    return PLOVER_RENAMES.get(event, event)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def evaluate_plover(path: str | Path, details: bool = False) -> dict[str, Any]:
    """{"event_type_accuracy", "event_type_any", "record_type_precision", "no_record_share",
    "source_country_agreement", "target_country_agreement", "n", ...} on exported records."""
    rows = read_records(path)
    records, seconds = export_texts(Text(str(r.get("id") or n), r["text"]) for n, r in enumerate(rows))
    counts: Counter[str] = Counter()
    src: Counter[str] = Counter()
    tgt: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    errors = []
    for row, record in zip(rows, records):
        gold = _gold_type(row)
        events = record["events"]
        types = [str(e["type"]).upper() for e in events]
        predicted = types[0] if types else None
        confusion[(gold, predicted or "-")] += 1
        counts["correct"] += predicted == gold
        counts["any"] += gold in types
        counts["none"] += not types
        counts["records"] += len(types)
        counts["records_gold"] += types.count(gold)
        if predicted != gold and details:
            errors.append({"id": row.get("id"), "gold": gold, "predicted": predicted,
                           "exported": types, "text": row["text"]})
        scored = next((e for e, t in zip(events, types) if t == gold), events[0] if events else None)
        countries = {str(a["id"]): a.get("country") for a in record["actors"]}
        _agree(src, row.get("source", []), countries.get(str(scored["source"])) if scored else None)
        target = scored.get("target") if scored else None
        _agree(tgt, row.get("target", []), countries.get(str(target)) if target is not None else None)
    n = len(rows)
    result = {
        "event_type_accuracy": _share(counts["correct"], n) or 0.0,
        "event_type_any": _share(counts["any"], n) or 0.0,
        "record_type_precision": _share(counts["records_gold"], counts["records"]),
        "no_record_share": _share(counts["none"], n) or 0.0,
        "source_country_agreement": _share(src["agree"], src["n"]),
        "target_country_agreement": _share(tgt["agree"], tgt["n"]),
        "n": n, "n_records": counts["records"], "n_source": src["n"], "n_target": tgt["n"],
        "seconds": round(seconds, 2),
        "confusions": [{"gold": g, "predicted": p, "count": c} for (g, p), c in confusion.most_common() if g != p][:15],
    }
    if details:
        result["errors"] = errors
    return result


def _agree(counter: Counter, gold_actors: list[dict], predicted: str | None) -> None:
    codes = {code for code in (a.get("code") for a in gold_actors) if isinstance(code, str) and len(code) == 3}
    if not codes or predicted is None:
        return
    counter["n"] += 1
    if predicted in codes:
        counter["agree"] += 1
