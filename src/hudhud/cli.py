"""The `hudhud` command line. It parses arguments and calls the engine, the
store and the exporters; no logic lives here. Errors print one line
(`Error [H010]: ... Hint: ...`) and exit 1; --debug shows the traceback."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from hudhud import settings
from hudhud.errors import HudhudError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="hudhud: reads conflict news and rebuilds who did what to whom, with evidence.")
out = Console()
err = Console(stderr=True, soft_wrap=True)
STATE = {"debug": False}

DbOption = typer.Option(settings.DEFAULT_DB, "--db", help="DuckDB store file.")


@app.callback()
def main(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors.")) -> None:
    STATE["debug"] = debug


def _fail(exc: Exception) -> None:
    if STATE["debug"]:
        raise exc
    err.print(str(exc) if isinstance(exc, HudhudError) else f"Error [H001]: {exc}", markup=False, highlight=False)
    raise typer.Exit(1)


@app.command()
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
           json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON.")) -> None:
    """Read, analyse and store articles; then resolve actors across documents."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    from hudhud.engine.pipeline import ingest as run_ingest

    try:
        with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                      TextColumn("{task.completed} docs"), console=err, transient=True,
                      disable=not sys.stderr.isatty()) as progress:
            task = progress.add_task("analysing", total=None)
            summary = run_ingest(paths, db, workers=workers, published=published, kb_paths=tuple(kb),
                                 on_error=lambda line: err.print(line, markup=False, highlight=False),
                                 on_progress=lambda n: progress.advance(task, n), engine=engine,
                                 address=address, out=out_dir, near_duplicates=near_duplicates)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        _fail(exc)
        return
    data = summary.to_dict()
    if json_out:
        print(json.dumps(data))
    else:
        err.print(f"read {data['read']}, stored {data['stored']}, skipped {data['skipped']}, "
                  f"duplicates {data.get('duplicates', 0)}, errors {data['errors']} → {out_dir or db}", highlight=False)


def _records(method: str, db: str, **filters: Any) -> list[dict]:
    from hudhud.store import Store

    if not Path(db).exists():
        raise HudhudError(f"no store at {db}.", hint="create one with `hudhud ingest PATH --db FILE`.", code="H031")
    with Store(db, read_only=True) as store:
        return getattr(store, method)(**{k: v for k, v in filters.items() if v is not None})


def _print_records(rows: list[dict], columns: list[str], as_json: bool, title: str) -> None:
    if as_json:
        for row in rows:
            print(json.dumps(row, default=str, ensure_ascii=False))
        return
    table = Table(title=f"{title} ({len(rows)})")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in columns])
    out.print(table)


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v.get("alias", v)) if isinstance(v, dict) else str(v) for v in value[:6])
    return "" if value is None else str(value)


actors_app = typer.Typer(help="List actors; record merge/split judgements.", no_args_is_help=False)
app.add_typer(actors_app, name="actors")


@actors_app.callback(invoke_without_command=True)
def actors(ctx: typer.Context, db: str = DbOption, actor: Optional[str] = typer.Option(None, "--actor"),
           kind: Optional[str] = typer.Option(None, "--type", help="Actor kind."),
           limit: int = typer.Option(50, "--limit"), as_json: bool = typer.Option(False, "--json")) -> None:
    """List actors with their aliases and mention counts."""
    if ctx.invoked_subcommand:
        return
    try:
        rows = _records("actors", db, name=actor, kind=kind, limit=limit)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        _fail(exc)
        return
    _print_records(rows, ["name", "kind", "country", "mentions", "documents", "aliases"], as_json, "actors")


def _judge(kind: str, first: str, second: str, db: str, author: Optional[str]) -> None:
    from hudhud.kb import canonical_names
    from hudhud.resolve import resolve as run_resolve
    from hudhud.resolve.judgement import record
    from hudhud.store import Store

    try:
        with Store(db) as store:
            row = record(store, kind, first, second, author)
            result = run_resolve(store, kb_names=canonical_names())
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
        return
    err.print(f"{kind}: {row['a_label']} / {row['b_label']} recorded; {result['actors']} actors after resolve",
              highlight=False)


@actors_app.command("merge")
def actors_merge(first: str = typer.Argument(..., help="Actor name, alias or id."),
                 second: str = typer.Argument(..., help="The actor to merge into the first."),
                 db: str = DbOption, author: Optional[str] = typer.Option(None, "--author")) -> None:
    """Record that two actors are one; every later resolve keeps them together."""
    _judge("merge", first, second, db, author)


@actors_app.command("split")
def actors_split(actor: str = typer.Argument(..., help="Actor name, alias or id."),
                 alias: str = typer.Argument(..., help="The alias whose documents name someone else."),
                 db: str = DbOption, author: Optional[str] = typer.Option(None, "--author")) -> None:
    """Record that the documents naming ACTOR by ALIAS are about someone else."""
    _judge("split", actor, alias, db, author)


@app.command()
def events(db: str = DbOption, actor: Optional[str] = typer.Option(None, "--actor"),
           type: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. ASSAULT."),
           since: Optional[str] = typer.Option(None, "--since"), limit: int = typer.Option(200, "--limit"),
           as_json: bool = typer.Option(False, "--json")) -> None:
    """List events (source, type, target, date, place, casualties, evidence)."""
    try:
        rows = _records("events", db, actor=actor, type=type.upper() if type else None, since=since, limit=limit)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        _fail(exc)
        return
    _print_records(rows, ["date", "source_name", "type", "cameo", "target_name", "place", "killed", "wounded",
                          "evidence"], as_json, "events")


@app.command()
def quotes(db: str = DbOption, actor: Optional[str] = typer.Option(None, "--actor"),
           since: Optional[str] = typer.Option(None, "--since"), limit: int = typer.Option(200, "--limit"),
           as_json: bool = typer.Option(False, "--json")) -> None:
    """List quotes with their speakers."""
    try:
        rows = _records("quotes", db, actor=actor, since=since, limit=limit)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        _fail(exc)
        return
    _print_records(rows, ["speaker_name", "text", "doc_id"], as_json, "quotes")


@app.command()
def affiliations(db: str = DbOption, actor: Optional[str] = typer.Option(None, "--actor"),
                 type: Optional[str] = typer.Option(None, "--type", help="Relation, e.g. backed_by."),
                 limit: int = typer.Option(200, "--limit"), as_json: bool = typer.Option(False, "--json")) -> None:
    """List affiliations (who backs, leads, speaks for whom)."""
    try:
        rows = _records("affiliations", db, actor=actor, relation=type, limit=limit)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        _fail(exc)
        return
    _print_records(rows, ["subject_name", "relation", "object_name", "evidence"], as_json, "affiliations")


@app.command()
def show(actor: str = typer.Argument(..., help="Actor name, alias or id."), db: str = DbOption,
         as_json: bool = typer.Option(False, "--json")) -> None:
    """An actor's profile: aliases, affiliations, events, quotes, each with its evidence."""
    from hudhud.store import Store

    try:
        with Store(db, read_only=True) as store:
            profile = store.actor_profile(actor)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        _fail(exc)
        return
    if profile is None:
        _fail(HudhudError(f"no actor named {actor!r} in {db}.", hint="list actors with `hudhud actors`.",
                          code="H050"))
        return
    if as_json:
        print(json.dumps(profile, default=str, ensure_ascii=False))
        return
    from hudhud.export.profile import render_profile

    render_profile(profile, out)


@app.command()
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
        _fail(exc)
        return
    err.print(json.dumps(result, default=str), highlight=False)


@app.command()
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
        _fail(exc)
        return
    if as_json:
        print(json.dumps(data, default=str, ensure_ascii=False))
    else:
        render_network(data, out)


kb_app = typer.Typer(help="The actor knowledge base.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


gazetteer_app = typer.Typer(help="The offline gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("import")
def gazetteer_import(file: str = typer.Argument(..., help="A GeoNames dump: allCountries.zip, IQ.zip or IQ.txt."),
                     out: Optional[str] = typer.Option(None, "--out", help="Index to write (default: the user index)."),
                     classes: str = typer.Option("PAS", "--classes", help="GeoNames feature classes to keep."),
                     country: list[str] = typer.Option([], "--country", help="Keep only these ISO2 countries."),
                     min_population: int = typer.Option(0, "--min-population")) -> None:
    """Load a full GeoNames dump into a user gazetteer that hudhud then prefers."""
    from hudhud.kb.gazetteer_import import import_geonames

    try:
        result = import_geonames(file, out, classes=classes, countries=tuple(country), min_population=min_population)
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
        return
    err.print(json.dumps(result, default=str), highlight=False)


@kb_app.command("import-cameo")
def kb_import_cameo(files: list[str] = typer.Argument(..., help="Phoenix/CAMEO actor dictionaries (TABARI)."),
                    output: str = typer.Option(..., "--output", "-o", help="KB file to write (.yml or .jsonl)."),
                    country: list[str] = typer.Option([], "--country", help="Keep only these ISO3 countries.")) -> None:
    """Turn TABARI actor dictionaries into a KB file for `--kb`."""
    from hudhud.kb.cameo_import import run_import

    try:
        result = run_import(files, output, countries=country or None)
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
        return
    err.print(json.dumps(result, default=str), highlight=False)


@app.command()
def serve(db: str = DbOption,
          host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the default serves this machine only."),
          port: int = typer.Option(8000, "--port"),
          allow_write: bool = typer.Option(False, "--allow-write",
                                           help="Enable write endpoints (upload, merge/split); they need the printed token or HUDHUD_TOKEN."),
          get: Optional[str] = typer.Option(None, "--get", help="Print one path's response (e.g. /api/events) and exit.")) -> None:
    """Serve the analyst's workbench (web pages + JSON API) over DB."""
    from hudhud.web import get as get_path
    from hudhud.web import serve as run

    try:
        if get:
            status, body = get_path(db, get)
            print(body)
            if status >= 400:
                raise typer.Exit(1)
            return
        run(db, host=host, port=port, allow_write=allow_write)
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001
        _fail(exc)


@app.command()
def bench(corpus: Optional[str] = typer.Option(None, "--corpus", help="JSONL or folder (default: the demo corpus)."),
          docs: Optional[int] = typer.Option(None, "--docs", help="Documents to analyse (the corpus is cycled)."),
          workers: int = typer.Option(2, "--workers"), as_json: bool = typer.Option(False, "--json")) -> None:
    """Measure throughput against bare spaCy, worker scaling, memory, store and query speed in one run."""
    from hudhud.engine.bench import bench as run_bench
    from hudhud.engine.bench import render_bench

    try:
        result = run_bench(corpus, docs, workers=workers)
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
        return
    if as_json:
        print(json.dumps(result, default=str))
    else:
        render_bench(result, out)


@app.command()
def migrate(db: str = DbOption) -> None:
    """Bring a store written by an older hudhud up to this version's schema, keeping every record."""
    from hudhud.store.migrations import upgrade_file

    try:
        result = upgrade_file(db)
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
        return
    err.print(json.dumps(result, default=str) if not isinstance(result, str) else result, highlight=False)


@app.command()
def explain(event_id: str = typer.Argument(..., help="An event id (see `hudhud events --json`)."),
            db: str = DbOption, as_json: bool = typer.Option(False, "--json")) -> None:
    """Why an event was coded so: its sentence, the pattern that fired, the actors and the CAMEO code."""
    from hudhud.engine.explain import explain_event
    from hudhud.store import Store

    try:
        with Store(db, read_only=True) as store:
            result = explain_event(store, event_id)
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
        return
    if as_json:
        print(json.dumps(result, ensure_ascii=False, default=str))
        return
    e = result["event"]
    out.print(f"[bold]{e['source_name']}[/bold] {e['type']} [bold]{e['target_name'] or '-'}[/bold]"
              f"  date {e['date'] or '-'}  place {e['place'] or '-'}  killed {e['killed'] or '-'}"
              f"  wounded {e['wounded'] or '-'}")
    c = result["cameo"]
    out.print(f"CAMEO {c['code']} {c['name'] or ''} (Goldstein {c['goldstein']}, {c['quad']})", highlight=False)
    if result["sentence"]:
        out.print(f"sentence: {result['sentence']['text']}", markup=False, highlight=False)
    out.print(f"evidence [{e['start']}:{e['end']}]: {e['evidence']}", markup=False, highlight=False)
    out.print(f"pattern: {result['pattern']}", markup=False, highlight=False)
    for why in result["why"]:
        out.print(f"  - {why}", markup=False, highlight=False)
    if result["same_event_in"]:
        out.print(f"also reported as: {', '.join(result['same_event_in'])}", highlight=False)


@app.command()
def resolve(db: str = DbOption) -> None:
    """Group document actors into corpus actors (also run after each ingest)."""
    from hudhud.resolve import resolve as run_resolve
    from hudhud.store import Store

    try:
        from hudhud.kb import canonical_names

        with Store(db) as store:
            result = run_resolve(store, kb_names=canonical_names())
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        _fail(exc)
        return
    err.print(json.dumps(result), highlight=False)


@app.command()
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
        _fail(exc)
        return
    if output != "-":
        err.print(f"exported {result.get('documents', 0)} documents → {output}", highlight=False)


@app.command("eval")
def eval_cmd(gold: str = typer.Option(..., "--gold", help="Gold file: FORMAT.md JSONL, a PLOVER JSONL, ..."),
             pred: Optional[str] = typer.Option(None, "--pred", help="Predicted JSONL (hudhud export); FORMAT.md gold only."),
             gold_format: str = typer.Option("hudhud", "--gold-format", help="hudhud | plover | re3d | trnews"),
             end_to_end: bool = typer.Option(True, "--end-to-end/--no-end-to-end", help="trnews: also score hudhud's own mentions."),
             as_json: bool = typer.Option(False, "--json"),
             details: bool = typer.Option(False, "--details", help="List misses and false positives per document.")) -> None:
    """Score hudhud against gold: FORMAT.md records (with --pred), or PLOVER sentences coded on the fly."""
    try:
        if gold_format == "trnews":
            from hudhud.evaluate.trnews import evaluate_trnews

            result = evaluate_trnews(gold, end_to_end=end_to_end)
            tables = None
        elif gold_format == "re3d":
            from hudhud.evaluate.re3d import evaluate_re3d

            result = evaluate_re3d(gold)
            tables = None
        elif gold_format == "plover":
            from hudhud.evaluate.plover import evaluate_plover

            result = evaluate_plover(gold, details=details)
            tables = None
        elif gold_format == "hudhud":
            from hudhud.evaluate.report import render_table
            from hudhud.evaluate.seeds import evaluate

            if not pred:
                raise HudhudError("--pred is needed with FORMAT.md gold.", hint="export first: "
                                  "`hudhud export --db FILE -o pred.jsonl`.", code="H041")
            result = evaluate(gold, pred, details=details)
            tables = render_table(result)
        else:
            raise HudhudError(f"unknown --gold-format {gold_format!r}.", hint="use hudhud, plover, re3d or trnews.", code="H042")
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        _fail(exc)
        return
    if as_json or tables is None:
        print(json.dumps(result, ensure_ascii=False, indent=None if as_json else 1))
        return
    for table in tables if isinstance(tables, list) else [tables]:
        out.print(table)
    if details:
        print(json.dumps(result.get("documents", []), indent=1, ensure_ascii=False))


def demo_corpus() -> Path:
    return Path(str(resources.files("hudhud").joinpath("data", "demo", "articles.jsonl")))


@app.command()
def demo(db: str = DbOption, fresh: bool = typer.Option(True, "--fresh/--keep", help="Start from an empty store.")) -> None:
    """Analyse the bundled demo corpus into DB and print a summary."""
    from hudhud.engine.pipeline import ingest as run_ingest
    from hudhud.store import Store

    try:
        if fresh:
            for suffix in ("", ".wal"):
                Path(db + suffix).unlink(missing_ok=True)
        summary = run_ingest([str(demo_corpus())], db,
                             on_error=lambda line: err.print(line, markup=False, highlight=False))
        with Store(db, read_only=True) as store:
            counts = store.counts()
            top = store.actors(limit=10)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        _fail(exc)
        return
    out.print(f"[bold]hudhud demo[/bold]: {summary.stored} articles → {db}")
    out.print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    _print_records(top, ["name", "kind", "country", "mentions", "documents", "aliases"], False, "top actors")
    out.print(f"Next: hudhud show \"{top[0]['name'] if top else 'Iran'}\" --db {db}")


if __name__ == "__main__":  # pragma: no cover
    app()
