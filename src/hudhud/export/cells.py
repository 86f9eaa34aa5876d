"""The one rule every CSV writer follows: a text cell is never read as a formula.

Article text, titles, URLs and actor names end up in spreadsheet cells. A cell
that starts like a formula, such as "=HYPERLINK(...)" in a title, or
"=cmd|' /C calc'!A0" as a name, runs when the file is opened in a spreadsheet.
So a text cell that starts with one of FORMULA_STARTS gets an apostrophe in
front ("'=HYPERLINK(...)"), which spreadsheets show as text (OWASP's advice on
CSV injection); numbers, dates and empty cells are left alone. And a cell that
holds a line break, a carriage return included, is quoted: unquoted, "'\r=1+1"
would reach a spreadsheet as a row holding "'" and a next row starting "=1+1".

Two writers use it: `hudhud export --format csv` (hudhud.export.tables, through
DuckDB, which quotes line breaks itself, with `sql_cell`) and the web
workbench's CSV downloads (hudhud.web.downloads, with `cell` and `dict_writer`).
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any

#: What a spreadsheet reads as the start of a formula (or, for tab and carriage
#: return, what lets one through to the next cell).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def cell(value: Any) -> Any:
    """A CSV cell: lists and dicts as JSON, and a text that starts like a formula
    with an apostrophe in front."""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return QUOTE + value
    return value


def dict_writer(out: IO[str], columns: tuple[str, ...]) -> csv.DictWriter:
    """A CSV writer that quotes every cell holding "\r" or "\n" (Python's quotes only the
    characters of its line terminator, so "\r" went out bare with a "\n" one)."""
    return csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_cell(column: str) -> str:
    """`cell` as a DuckDB expression over the text column `column` (a quoted name)."""
    starts = ", ".join(_sql_text(s) for s in FORMULA_STARTS)
    return (f"CASE WHEN left({column}, 1) IN ({starts}) "
            f"THEN {_sql_text(QUOTE)} || {column} ELSE {column} END")


__all__ = ["FORMULA_STARTS", "QUOTE", "cell", "dict_writer", "sql_cell"]
