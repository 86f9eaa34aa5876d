"""Display of an evaluation result (the dict of `evaluate`) as rich tables."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from hudhud.evaluate.document import EVENT_ATTRIBUTES
from hudhud.evaluate.seeds import KINDS


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def render_table(result: dict[str, Any]) -> list[Table]:
    """Two tables: P/R/F1 with counts per record kind, then the accuracies on matched records."""
    scores = Table(title=f"hudhud eval ({result.get('n_documents', '?')} documents)")
    for column in ("kind", "P", "R", "F1", "tp", "pred", "gold"):
        scores.add_column(column, justify="left" if column == "kind" else "right")
    for kind in KINDS:
        row = result[kind]
        scores.add_row(kind, _pct(row["p"]), _pct(row["r"]), _pct(row["f1"]),
                       str(row["tp"]), str(row["pred"]), str(row["gold"]))

    matched = Table(title="On matched records")
    for column in ("measure", "accuracy", "n"):
        matched.add_column(column, justify="left" if column == "measure" else "right")
    matched.add_row("quote speaker", _pct(result.get("quote_speaker_accuracy")),
                    str(result.get("quote_speaker_n", "")))
    attributes = result.get("event_attributes", {})
    for attr in EVENT_ATTRIBUTES:
        matched.add_row(f"event {attr}", _pct(attributes.get(attr)), str(attributes.get(f"n_{attr}", "")))
    return [scores, matched]


def render_documents(result: dict[str, Any]) -> list[Table]:
    """One table per document listing its misses and false positives (needs `details=True`)."""
    tables = []
    for doc in result.get("documents", []):
        table = Table(title=f"{doc['doc_id']}" + ("" if doc.get("in_prediction", True) else " (no prediction)"))
        table.add_column("kind")
        table.add_column("error")
        table.add_column("record", overflow="fold")
        for kind in KINDS:
            for key, label in (("misses", "miss"), ("false_positives", "false positive"),
                               ("attribute_errors", "attribute"), ("speaker_errors", "speaker")):
                for item in doc[kind].get(key, []):
                    table.add_row(kind, label, item)
        tables.append(table)
    return tables


def _prf_table(title: str, first: str, rows: dict[str, dict[str, Any]]) -> Table:
    table = Table(title=title)
    for column in (first, "P", "R", "F1", "tp", "pred", "gold"):
        table.add_column(column, justify="left" if column == first else "right")
    for name, row in rows.items():
        table.add_row(name, _pct(row["p"]), _pct(row["r"]), _pct(row["f1"]),
                      str(row["tp"]), str(row["pred"]), str(row["gold"]))
    return table


def render_sentences(result: dict[str, Any]) -> list[Table]:
    """The sentence suite's scores (the dict of `evaluate_sentences`): overall, by type, by tag."""
    quiet = result["no_event_sentences"]
    timing = f", {result['seconds']} s" if result.get("seconds") is not None else ""
    overall = _prf_table(
        f"hudhud eval: {result['n_sentences']} sentences{timing}; exact {_pct(result['sentences_exact'])} %; "
        f"{quiet['without_false_alarm']}/{quiet['n']} event-free sentences without a false alarm", "measure",
        {"events (source, type, target)": result["events"],
         "events (source, CAMEO root, target)": result["events_cameo"],
         "types alone (diagnostic)": result["events_type_only"]})
    return [overall, _prf_table("events by type", "type", result["by_type"]),
            _prf_table("events by tag", "tag", result["by_tag"])]
