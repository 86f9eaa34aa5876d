"""`hudhud eval`: score a system output against gold annotations (FORMAT.md).

Both files hold one document per line in the FORMAT.md shape and are joined
by doc_id. A gold document the system did not output counts all its gold
records as misses; system documents without gold are ignored. Counts are
summed over documents before P/R/F1 are computed (micro-average).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hudhud.evaluate.document import EVENT_ATTRIBUTES, DocScore, score_document
from hudhud.evaluate.gold import read_jsonl, validate_records
from hudhud.evaluate.names import normalize_name

__all__ = ["KINDS", "evaluate", "evaluate_records", "normalize_name", "prf"]

#: The scored record kinds, in the order reports show them.
KINDS = ("actors", "aliases", "affiliations", "events", "events_quad", "events_source_type", "quotes", "places")


def prf(tp: int, pred: int, gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 (0.0 when a denominator is 0), with the counts."""
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "tp": tp, "pred": pred, "gold": gold}


def _share(agree: int, n: int) -> float | None:
    return round(agree / n, 4) if n else None


def _empty(doc_id: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "actors": [], "affiliations": [], "events": [], "quotes": [], "places": []}


def _score(gold: dict[str, dict[str, Any]], pred: dict[str, dict[str, Any]], details: bool) -> dict[str, Any]:
    totals = {kind: [0, 0, 0] for kind in KINDS}
    attributes = {attr: [0, 0] for attr in EVENT_ATTRIBUTES}
    speaker = [0, 0]
    documents = []
    for doc_id, gold_doc in gold.items():
        score: DocScore = score_document(gold_doc, pred.get(doc_id) or _empty(doc_id))
        for kind in KINDS:
            for i, value in enumerate(score.counts[kind]):
                totals[kind][i] += value
        for attr in EVENT_ATTRIBUTES:
            attributes[attr][0] += score.attributes[attr][0]
            attributes[attr][1] += score.attributes[attr][1]
        speaker[0] += score.speaker[0]
        speaker[1] += score.speaker[1]
        if details:
            documents.append({
                "doc_id": doc_id,
                "in_prediction": doc_id in pred,
                **{kind: {**prf(*score.counts[kind]), **score.errors[kind]} for kind in KINDS},
            })
    result: dict[str, Any] = {kind: prf(*totals[kind]) for kind in KINDS}
    result["quote_speaker_accuracy"] = _share(*speaker)
    result["quote_speaker_n"] = speaker[1]
    event_attributes: dict[str, Any] = {attr: _share(*attributes[attr]) for attr in EVENT_ATTRIBUTES}
    event_attributes.update({f"n_{attr}": attributes[attr][1] for attr in EVENT_ATTRIBUTES})
    result["event_attributes"] = event_attributes
    result["n_documents"] = len(gold)
    result["n_documents_predicted"] = sum(1 for doc_id in gold if doc_id in pred)
    if details:
        result["documents"] = documents
    return result


def evaluate_records(gold: list[dict[str, Any]], pred: list[dict[str, Any]], details: bool = False) -> dict[str, Any]:
    """Score in-memory records (FORMAT.md shape) and return the `--json` object."""
    return _score(validate_records(gold, "gold"), validate_records(pred, "pred"), details)


def evaluate(gold_path: str | Path, pred_path: str | Path, details: bool = False) -> dict[str, Any]:
    """Score the prediction JSONL at `pred_path` against the gold JSONL at `gold_path`.

    Returns the `hudhud eval --json` object: one {p, r, f1, tp, pred, gold} per
    kind in KINDS, `quote_speaker_accuracy` and `event_attributes`; with
    `details`, also `documents`: per document the misses and false positives.
    Raises GoldFormatError naming file:line for a malformed line.
    """
    return _score(read_jsonl(gold_path), read_jsonl(pred_path), details)
