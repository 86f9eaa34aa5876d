"""Commands that build or rework a store: ingest, demo, resolve, migrate."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Optional

import typer

from hudhud import settings
from hudhud.cli.common import DbOption, err, fail, out, print_records, say
from hudhud.export.terminal import markup_safe


def ingest(paths: list[str] = typer.Argument(..., help="Files or folders of .txt, .html, .jsonl, .csv, .warc, RSS."),
           db: str = DbOption,
           workers: int = typer.Option(settings.WORKERS, "--workers", "-w", help="Worker processes."),
           published: Optional[str] = typer.Option(None, "--published", help="YYYY-MM-DD for records with no date."),
           kb: list[str] = typer.Option([], "--kb", help="Extra knowledge-base files (YAML/JSONL)."),
           engine: str = typer.Option("local", "--engine", help="local (this process or a pool) | ray"),
           address: Optional[str] = typer.Option(None, "--address", help="Ray cluster address (--engine ray)."),
           out_dir: Optional[str] = typer.Option(None, "--out", help="parquet://DIR: write a Parquet dataset instead."),
           near_duplicates: bool = typer.Option(True, "--near-duplicates/--no-near-duplicates",
                                                help="Store wire copies once, keeping every source URL."),
           json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
           strict: bool = typer.Option(False, "--strict", help="Exit 1 when any file or record was bad "
                                       "(the good ones are stored all the same).")) -> None:
    """Read, analyse and store articles; then resolve actors across documents."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    from hudhud.engine.pipeline import ingest as run_ingest

    try:
        with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                      TextColumn("{task.completed} docs"), console=err, transient=True,
                      disable=not sys.stderr.isatty()) as progress:
            task = progress.add_task("analysing", total=None)
            summary = run_ingest(paths, db, workers=workers, published=published, kb_paths=tuple(kb),
                                 on_error=say, on_notice=say,
                                 on_progress=lambda n: progress.advance(task, n), engine=engine,
                                 address=address, out=out_dir, near_duplicates=near_duplicates)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        fail(exc)
        return
    data = summary.to_dict()
    if json_out:
        print(json.dumps(data))
    else:
        say(f"read {data['read']}, stored {data['stored']}, replaced {data['replaced']}, "
            f"skipped {data['skipped']}, duplicates {data.get('duplicates', 0)}, errors {data['errors']} "
            f"→ {out_dir or db}")
    if strict and data["errors"]:
        raise typer.Exit(1)


def demo_corpus() -> Path:
    """The bundled 12-article demo corpus (src/hudhud/data/demo/articles.jsonl)."""
    return Path(str(resources.files("hudhud").joinpath("data", "demo", "articles.jsonl")))


def demo(db: str = DbOption, fresh: bool = typer.Option(True, "--fresh/--keep", help="Start from an empty store.")) -> None:
    """Analyse the bundled demo corpus into DB and print a summary."""
    from hudhud.engine.pipeline import ingest as run_ingest
    from hudhud.store import Store

    try:
        if fresh:
            for suffix in ("", ".wal"):
                Path(db + suffix).unlink(missing_ok=True)
        summary = run_ingest([str(demo_corpus())], db,
                             on_error=say, on_notice=say)
        with Store(db, read_only=True) as store:
            counts = store.counts()
            top = store.actors(limit=10)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        fail(exc)
        return
    out.print(f"[bold]hudhud demo[/bold]: {summary.stored} articles → {markup_safe(db)}")
    out.print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    print_records(top, ["name", "kind", "country", "mentions", "documents", "aliases"], False, "top actors")
    out.print(f"Next: hudhud show \"{markup_safe(top[0]['name'] if top else 'Iran')}\" --db {markup_safe(db)}")


def resolve(db: str = DbOption,
            full: bool = typer.Option(False, "--full", help="Recompute everything, not only what the "
                                      "documents added since the last resolve change.")) -> None:
    """Group document actors into corpus actors (also run after each ingest)."""
    from hudhud.resolve import resolve as run_resolve
    from hudhud.store import Store

    try:
        from hudhud.kb import canonical_names

        # An existing hudhud store only: resolving a missing path would create an empty store.
        with Store(db, create=False) as store:
            result = run_resolve(store, kb_names=canonical_names(), full=full)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        fail(exc)
        return
    say(json.dumps(result))


def migrate(db: str = DbOption) -> None:
    """Bring a store written by an older hudhud up to this version's schema, keeping every record."""
    from hudhud.store.upgrade import upgrade_file

    try:
        result = upgrade_file(db)
    except Exception as exc:  # noqa: BLE001
        fail(exc)
        return
    say(json.dumps(result, default=str) if not isinstance(result, str) else result)
