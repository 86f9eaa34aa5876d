"""`hudhud serve`: the analyst's workbench over a store, or one page of it
printed with --get (a smoke test that needs no server)."""

from __future__ import annotations

from typing import List, Optional

import typer

from hudhud.cli.common import DbOption, fail


def serve(db: str = DbOption,
          host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the default serves this machine only."),
          port: int = typer.Option(8000, "--port"),
          allow_write: bool = typer.Option(False, "--allow-write",
                                           help="Enable write endpoints (upload, merge/split); they need the printed token or HUDHUD_TOKEN."),
          allowed_host: Optional[List[str]] = typer.Option(
              None, "--allowed-host", metavar="NAME",
              help="Also answer requests naming this host (repeatable). Requests naming another host "
                   "than localhost, 127.0.0.1, [::1] or --host get 400 (no DNS rebinding)."),
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
        run(db, host=host, port=port, allow_write=allow_write, allowed_hosts=allowed_host or ())
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001
        fail(exc)
