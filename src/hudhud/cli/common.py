"""What every command shares: the --db option, the --debug state, the two
consoles (records on stdout, messages on stderr), the one-line error and the
record table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from hudhud import settings
from hudhud.errors import HudhudError

out = Console()
err = Console(stderr=True, soft_wrap=True)
# Set by the root callback (`hudhud --debug`); read by fail().
STATE = {"debug": False}

DbOption = typer.Option(settings.DEFAULT_DB, "--db", help="DuckDB store file.")


def fail(exc: Exception) -> NoReturn:
    """Print `Error [Hxxx]: ... Hint: ...` on one line and exit 1; with --debug re-raise for the traceback."""
    if STATE["debug"]:
        raise exc
    err.print(str(exc) if isinstance(exc, HudhudError) else f"Error [H001]: {exc}", markup=False, highlight=False)
    raise typer.Exit(1)


def read_records(method: str, db: str, **filters: Any) -> list[dict]:
    """Call one of the store's list methods (actors, events, ...) read-only, dropping unset filters."""
    from hudhud.store import Store

    if not Path(db).exists():
        raise HudhudError(f"no store at {db}.", hint="create one with `hudhud ingest PATH --db FILE`.", code="H031")
    with Store(db, read_only=True) as store:
        return getattr(store, method)(**{k: v for k, v in filters.items() if v is not None})


def print_records(rows: list[dict], columns: list[str], as_json: bool, title: str) -> None:
    """JSON lines on stdout (pipeable), or a rich table of COLUMNS."""
    if as_json:
        for row in rows:
            print(json.dumps(row, default=str, ensure_ascii=False))
        return
    table = Table(title=f"{title} ({len(rows)})")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*[cell(row.get(c)) for c in columns])
    out.print(table)


def cell(value: Any) -> str:
    """A table cell: lists (aliases) show their first six entries."""
    if isinstance(value, list):
        return ", ".join(str(v.get("alias", v)) if isinstance(v, dict) else str(v) for v in value[:6])
    return "" if value is None else str(value)
