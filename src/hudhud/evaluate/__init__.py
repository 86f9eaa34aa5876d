"""evaluate stage: score a system output against gold annotations (`hudhud eval`)."""

from hudhud.evaluate.names import normalize_name
from hudhud.evaluate.report import render_documents, render_table
from hudhud.evaluate.seeds import KINDS, evaluate, evaluate_records

__all__ = ["KINDS", "evaluate", "evaluate_records", "normalize_name", "render_documents", "render_table"]
