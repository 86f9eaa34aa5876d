"""What every command shares: the --db option, the --debug state, the two
consoles (records on stdout, messages on stderr), the one-line error and the
record table.

Whatever a user or an article named (a file, an id, an actor) is printed through
hudhud.export.terminal: `say` for a message line, `markup_safe` inside markup,
`cell` in a table, so that no name can print a line of its own or restyle one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.table import Table

from hudhud import settings
from hudhud.errors import NO_STORE, HudhudError
from hudhud.export.terminal import cell as text_cell
from hudhud.export.terminal import console, printable

out = console()
err = console(stderr=True, soft_wrap=True)
# Set by the root callback (`hudhud --debug`); read by fail().
STATE = {"debug": False}

DbOption = typer.Option(settings.DEFAULT_DB, "--db", help="DuckDB store file.")


def fail(exc: Exception) -> NoReturn:
    """Print `Error [Hxxx]: ... Hint: ...` on one line and exit 1; with --debug re-raise for the traceback."""
    if STATE["debug"]:
        raise exc
    say(str(exc) if isinstance(exc, HudhudError) else f"Error [H001]: {exc}")
    raise typer.Exit(1)


def say(line: str) -> None:
    """One message line on stderr, shown as typed: control characters escaped, no markup
    or emoji codes read (a file name is part of most lines)."""
    err.print(printable(line), markup=False, highlight=False)


def read_records(method: str, db: str, **filters: Any) -> list[dict]:
    """Call one of the store's list methods (actors, events, ...) read-only, dropping unset filters."""
    from hudhud.store import Store

    if not Path(db).exists():
        raise NO_STORE.error(f"no store at {db}.")
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
        table.add_row(*[text_cell(cell(row.get(c))) for c in columns])
    out.print(table)


def cell(value: Any) -> str:
    """A table cell: lists (aliases) show their first six entries."""
    if isinstance(value, list):
        return ", ".join(str(v.get("alias", v)) if isinstance(v, dict) else str(v) for v in value[:6])
    return "" if value is None else str(value)
