"""Commands that carry a store's records elsewhere: export (JSONL, FtM, CSV,
Parquet), graph (GEXF/GraphML/JSON files) and network (one actor's
neighbourhood on the terminal)."""

from __future__ import annotations

import json
from typing import Optional

import typer

from hudhud.cli.common import DbOption, fail, out, say


def export(db: str = DbOption,
           format: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv | parquet | ftm"),
           output: str = typer.Option("-", "--output", "-o", help="File (jsonl) or folder (csv, parquet); - is stdout.")) -> None:
    """Export the store: FORMAT.md JSONL, FollowTheMoney entities, or one CSV/Parquet file per record kind."""
    from hudhud.export import export as run_export
    from hudhud.store import Store

    try:
        with Store(db, read_only=True) as store:
            result = run_export(store, format, output)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        fail(exc)
        return
    if output != "-":
        say(f"exported {result.get('documents', 0)} documents → {output}")


def graph(db: str = DbOption, format: str = typer.Option("gexf", "--format", "-f", help="gexf | graphml | json"),
          output: str = typer.Option(..., "--output", "-o", help="Output file."),
          kind: list[str] = typer.Option([], "--kind", help="Keep actors of these kinds."),
          relation: list[str] = typer.Option([], "--relation", help="Keep these affiliation relations."),
          since: Optional[str] = typer.Option(None, "--since"), until: Optional[str] = typer.Option(None, "--until")) -> None:
    """The actor network (affiliations and event dyads) for Gephi and friends."""
    from hudhud.export.graph import write_graph

    try:
        result = write_graph(db, format, output, kinds=kind or None, relations=relation or None,
                             since=since, until=until)
    except Exception as exc:  # noqa: BLE001
        fail(exc)
        return
    say(json.dumps(result, default=str))


def network(actor: str = typer.Argument(..., help="Actor name, alias or id."), db: str = DbOption,
            depth: int = typer.Option(2, "--depth"), as_json: bool = typer.Option(False, "--json")) -> None:
    """Who backs, leads and fights whom around ACTOR, DEPTH links out."""
    from hudhud.export.network import network as run_network
    from hudhud.export.network import render_network
    from hudhud.store import Store

    try:
        with Store(db, read_only=True) as store:
            data = run_network(store, actor, depth)
    except Exception as exc:  # noqa: BLE001
        fail(exc)
        return
    if as_json:
        print(json.dumps(data, default=str, ensure_ascii=False))
    else:
        render_network(data, out)
