"""An actor profile rendered for the terminal (`hudhud show`)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from hudhud.export.terminal import cell, markup_safe


def render_profile(profile: dict[str, Any], console: Console) -> None:
    """Aliases, affiliations both ways, events as source and target, quotes; each with evidence."""
    actor = profile["actor"]
    console.print(f"[bold]{markup_safe(actor['name'])}[/bold]  kind: {markup_safe(actor.get('kind') or '-')}  "
                  f"country: {markup_safe(actor.get('country') or '-')}  id: {markup_safe(actor['id'])}")
    aliases = actor.get("aliases") or []
    if aliases:
        console.print(cell("aliases: " + ", ".join(f"{a['alias']} ({a['count']})" if isinstance(a, dict)
                                                    else str(a) for a in aliases)), highlight=False)
    _table(console, profile, "affiliations", "affiliations",
           [("subject_name", "subject"), ("relation", "relation"), ("object_name", "object"), ("evidence", "evidence")])
    _table(console, profile, "events_as_source", "events as source",
           [("date", "date"), ("type", "type"), ("target_name", "target"), ("evidence", "evidence")])
    _table(console, profile, "events_as_target", "events as target",
           [("date", "date"), ("source_name", "source"), ("type", "type"), ("evidence", "evidence")])
    _table(console, profile, "quotes", "quotes", [("text", "quote"), ("doc_id", "document")])


def _table(console: Console, profile: dict[str, Any], key: str, title: str,
           columns: list[tuple[str, str]]) -> None:
    rows = profile.get(key) or []
    if not rows:
        return
    total = (profile.get("totals") or {}).get(key, len(rows))
    first = (profile.get("offsets") or {}).get(key, 0) + 1
    span = f"{first}–{first + len(rows) - 1} of {total}" if total > len(rows) else str(total)
    table = Table(title=f"{title} ({span})", title_justify="left")
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*[cell(row.get(key)) for key, _ in columns])
    console.print(table)
