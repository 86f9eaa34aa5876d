"""Commands that read records back out of a store: actors (with the merge and
split judgements), events, quotes, affiliations, show and explain."""

from __future__ import annotations

import json
from typing import Optional

import typer

from hudhud.cli.common import DbOption, fail, out, print_records, read_records, say
from hudhud.errors import HudhudError
from hudhud.export.terminal import markup_safe, printable

actors_app = typer.Typer(help="List actors; record merge/split judgements.", no_args_is_help=False)


@actors_app.callback(invoke_without_command=True)
def actors(ctx: typer.Context, db: str = DbOption, actor: Optional[str] = typer.Option(None, "--actor"),
           kind: Optional[str] = typer.Option(None, "--type", help="Actor kind."),
           limit: int = typer.Option(50, "--limit"), as_json: bool = typer.Option(False, "--json")) -> None:
    """List actors with their aliases and mention counts."""
    if ctx.invoked_subcommand:
        return
    try:
        rows = read_records("actors", db, name=actor, kind=kind, limit=limit)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        fail(exc)
        return
    print_records(rows, ["name", "kind", "country", "mentions", "documents", "aliases"], as_json, "actors")


def _judge(kind: str, first: str, second: str, db: str, author: Optional[str]) -> None:
    from hudhud.kb import canonical_names
    from hudhud.resolve import resolve as run_resolve
    from hudhud.resolve.judgement import record
    from hudhud.store import Store

    timings: dict = {}
    try:
        # An existing hudhud store only: a judgement on a missing path would create one.
        with Store(db, create=False) as store:
            row = record(store, kind, first, second, author)
            result = run_resolve(store, kb_names=canonical_names(), timings=timings)
    except Exception as exc:  # noqa: BLE001
        fail(exc)
        return
    say(f"{kind}: {row['a_label']} / {row['b_label']} recorded; {timings.get('moved', 0)} document "
        f"actors moved; {result['actors']} actors after resolve")


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


def events(db: str = DbOption, actor: Optional[str] = typer.Option(None, "--actor"),
           type: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. ASSAULT."),
           since: Optional[str] = typer.Option(None, "--since"), limit: int = typer.Option(200, "--limit"),
           as_json: bool = typer.Option(False, "--json")) -> None:
    """List events (source, type, target, date, place, casualties, evidence)."""
    try:
        rows = read_records("events", db, actor=actor, type=type.upper() if type else None, since=since, limit=limit)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        fail(exc)
        return
    print_records(rows, ["date", "source_name", "type", "cameo", "target_name", "place", "killed", "wounded",
                         "evidence"], as_json, "events")


def quotes(db: str = DbOption, actor: Optional[str] = typer.Option(None, "--actor"),
           since: Optional[str] = typer.Option(None, "--since"), limit: int = typer.Option(200, "--limit"),
           as_json: bool = typer.Option(False, "--json")) -> None:
    """List quotes with their speakers."""
    try:
        rows = read_records("quotes", db, actor=actor, since=since, limit=limit)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        fail(exc)
        return
    print_records(rows, ["speaker_name", "text", "doc_id"], as_json, "quotes")


def affiliations(db: str = DbOption, actor: Optional[str] = typer.Option(None, "--actor"),
                 type: Optional[str] = typer.Option(None, "--type", help="Relation, e.g. backed_by."),
                 limit: int = typer.Option(200, "--limit"), as_json: bool = typer.Option(False, "--json")) -> None:
    """List affiliations (who backs, leads, speaks for whom)."""
    try:
        rows = read_records("affiliations", db, actor=actor, relation=type, limit=limit)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        fail(exc)
        return
    print_records(rows, ["subject_name", "relation", "object_name", "evidence"], as_json, "affiliations")


def show(actor: str = typer.Argument(..., help="Actor name, alias or id."), db: str = DbOption,
         limit: int = typer.Option(50, "--limit", help="Records per list, newest first; 0 for all."),
         offset: int = typer.Option(0, "--offset", help="Records to skip in each list (the next page)."),
         as_json: bool = typer.Option(False, "--json")) -> None:
    """An actor's profile: aliases, affiliations, events, quotes, each with its evidence."""
    from hudhud.store import Store

    try:
        with Store(db, read_only=True) as store:
            profile = store.actor_profile(actor, limit=None if limit == 0 else limit, offset=offset)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        fail(exc)
        return
    if profile is None:
        fail(HudhudError(f"no actor named {actor!r} in {db}.", hint="list actors with `hudhud actors`.",
                         code="H050"))
        return
    if as_json:
        print(json.dumps(profile, default=str, ensure_ascii=False))
        return
    from hudhud.export.profile import render_profile

    render_profile(profile, out)


def explain(event_id: str = typer.Argument(..., help="An event id (see `hudhud events --json`)."),
            db: str = DbOption, as_json: bool = typer.Option(False, "--json")) -> None:
    """Why an event was coded so: its sentence, the pattern that fired, the actors and the CAMEO code."""
    from hudhud.engine.explain import explain_event
    from hudhud.store import Store

    try:
        with Store(db, read_only=True) as store:
            result = explain_event(store, event_id)
    except Exception as exc:  # noqa: BLE001
        fail(exc)
        return
    if as_json:
        print(json.dumps(result, ensure_ascii=False, default=str))
        return
    e = result["event"]
    out.print(f"[bold]{markup_safe(e['source_name'])}[/bold] {e['type']} "
              f"[bold]{markup_safe(e['target_name'] or '-')}[/bold]"
              f"  date {e['date'] or '-'}  place {markup_safe(e['place'] or '-')}  killed {e['killed'] or '-'}"
              f"  wounded {e['wounded'] or '-'}")
    c = result["cameo"]
    lines = [f"CAMEO {c['code']} {c['name'] or ''} (Goldstein {c['goldstein']}, {c['quad']})"]
    if result["sentence"]:
        lines.append(f"sentence: {result['sentence']['text']}")
    lines += [f"evidence [{e['start']}:{e['end']}]: {e['evidence']}", f"pattern: {result['pattern']}"]
    lines += [f"  - {why}" for why in result["why"]]
    if result["same_event_in"]:
        lines.append(f"also reported as: {', '.join(result['same_event_in'])}")
    for line in lines:  # article text and ids: shown as typed, one line each
        out.print(printable(line), markup=False, highlight=False)
