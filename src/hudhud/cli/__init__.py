"""The `hudhud` command line. It parses arguments and calls the engine, the
store and the exporters; no logic lives here. Errors print one line
(`Error [H010]: ... Hint: ...`) and exit 1; --debug shows the traceback.

Each command lives in the module named for its group; this file only builds
`app` and registers them. Registration order is the order `hudhud --help`
lists them in, so it is written out here rather than left to import order."""

from __future__ import annotations

import typer

from hudhud.cli.build import demo, demo_corpus, ingest, migrate, resolve
from hudhud.cli.common import STATE, DbOption, err, out
from hudhud.cli.exports import export, graph, network
from hudhud.cli.kb import gazetteer_app, gazetteer_import, kb_app, kb_import_cameo
from hudhud.cli.measure import bench, eval_cmd
from hudhud.cli.records import (actors, actors_app, actors_merge, actors_split, affiliations, events, explain,
                                quotes, show)
from hudhud.cli.web import serve

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="hudhud: reads conflict news and rebuilds who did what to whom, with evidence.")


@app.callback()
def main(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors.")) -> None:
    STATE["debug"] = debug


for command in (ingest, events, quotes, affiliations, show, graph, network, serve, bench, migrate, explain,
                resolve, export):
    app.command()(command)
app.command("eval")(eval_cmd)
app.command()(demo)

app.add_typer(actors_app, name="actors")
app.add_typer(kb_app, name="kb")
app.add_typer(gazetteer_app, name="gazetteer")

__all__ = ["app", "main", "STATE", "DbOption", "out", "err", "demo_corpus",
           "ingest", "demo", "resolve", "migrate", "events", "quotes", "affiliations", "show", "explain",
           "actors", "actors_app", "actors_merge", "actors_split", "graph", "network", "export", "serve",
           "bench", "eval_cmd", "kb_app", "kb_import_cameo", "gazetteer_app", "gazetteer_import"]
