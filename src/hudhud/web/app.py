"""The FastAPI application: the store, security headers, error shape, static
files and templates. Routes live in hudhud.web.routes (reading) and
hudhud.web.write (off unless --allow-write, and then behind a token).
`serve` answers only requests that name the server (hudhud.web.hosts).

Article text is untrusted input: Jinja escapes everything, pages load scripts
and styles from /static only (a strict Content-Security-Policy forbids inline
script, inline style and eval), and document HTML is never rendered (the
store holds plain text). Request bodies are capped and the store file is held
only while requests run (hudhud.web.guard).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Collection, Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hudhud.export.terminal import printable
from hudhud.errors import HudhudError
from hudhud.store import Store
from hudhud.web import guard, hosts, uploads
from hudhud.web.errors import error_body, status_of
from hudhud.web.guard import BodyLimit, ReleaseWhenIdle

log = logging.getLogger(__name__)

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")

SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


class SecurityHeaders:
    """Plain ASGI middleware: adds SECURITY_HEADERS to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def static_dir() -> Path:
    return Path(str(resources.files("hudhud.web").joinpath("static")))


def assets_built() -> bool:
    """True when the JavaScript bundle exists (built by `make install`: npm ci + esbuild)."""
    return (static_dir() / "dist" / "network.js").is_file()


def make_templates() -> Jinja2Templates:
    env = Environment(loader=PackageLoader("hudhud.web", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    from hudhud.web import routes

    env.globals.update(routes.TEMPLATE_GLOBALS)
    return Jinja2Templates(env=env)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json")


def _error(request: Request, body: dict[str, Any]) -> Response:
    if _wants_json(request):
        return JSONResponse(body, status_code=body["status"])
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"data": body},
                                      status_code=body["status"])


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HudhudError)
    async def hudhud_error(request: Request, exc: HudhudError) -> Response:
        status = status_of(exc)
        if status > 503 or status in (500, 501, 502):
            log.error("%s", exc)
        response = _error(request, error_body(status, exc.message, exc.code, exc.hint))
        if status == 503:  # the store is busy (another process writes): try again shortly
            response.headers["Retry-After"] = guard.RETRY_AFTER
        elif status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg"))}
                  for e in exc.errors()]
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        message = f"{'.'.join(first['loc'][1:]) or 'request'}: {first['msg']}"
        return _error(request, error_body(422, message, "H063", "See /openapi.json for the "
                                          "parameters each route takes.", errors))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "no such page." if exc.status_code == 404 else str(exc.detail)
        return _error(request, error_body(exc.status_code, message, "H060"))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return _error(request, error_body(500, f"internal error ({exc.__class__.__name__}).",
                                          "H001", "Run with --debug and report the traceback."))


def create_app(db: str | os.PathLike[str], allow_write: bool = False, token: str | None = None,
               max_body: int = guard.MAX_BODY, allowed_hosts: Collection[str] | None = None) -> FastAPI:
    """The workbench over the store `db`, opened read-only unless `allow_write`.

    With `allow_write` the write routes (hudhud.web.write) take `token`, else
    HUDHUD_TOKEN, else a fresh random one (`app.state.token`). Request bodies
    over `max_body` bytes, and uploads over it once decompressed, are refused
    with 413. With `allowed_hosts` (hosts.allowed_names) a request naming another
    Host gets 400; `serve` always passes them, while an app run in this process
    (a test client, `get`) has no network to be reached from.
    """
    from hudhud import __version__
    from hudhud.web import routes, write

    # The app owns the store, but not its lifespan: test clients run an app's
    # lifespan many times. serve() closes it when uvicorn stops. It is opened
    # once here (so a missing or foreign file fails now), then holds the file
    # only while requests run (guard.ReleaseWhenIdle).
    store = Store(db, read_only=not allow_write)
    store.wait = guard.REQUEST_WAIT
    store.release()
    app = FastAPI(title="hudhud", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="The analyst's workbench: every HTML page has this JSON twin.")
    app.state.store = store
    app.state.templates = make_templates()
    app.state.db = str(db)
    app.state.allow_write = allow_write
    app.state.token = (token or os.environ.get("HUDHUD_TOKEN") or guard.new_token()) if allow_write else None
    jobs = app.state.jobs = write.Jobs(str(db), store=store) if allow_write else None
    app.state.max_body = max_body
    # Last added runs first: security headers on every response, even a 413,
    # the Host check before anything else, and the size limit before anything reads a body.
    app.add_middleware(ReleaseWhenIdle, store=store, keep=lambda: jobs is not None and jobs.writing)
    app.add_middleware(BodyLimit, limit=max_body)
    if allowed_hosts is not None:
        app.add_middleware(hosts.HostCheck, names=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    _install_error_handlers(app)
    app.include_router(routes.router)
    app.include_router(write.router)
    return app


def _exit_on_sigterm() -> None:
    """Make SIGTERM unwind like Ctrl+C, so `serve`'s cleanup runs.

    uvicorn stops gracefully on SIGTERM and then raises the signal again with the
    handler it found at start; with the default one the process would die there,
    before `finally:` removes the uploads. This handler, found at start, turns it
    into SystemExit(143), the exit status a process killed by SIGTERM reports."""
    if threading.current_thread() is not threading.main_thread():
        return  # signals are only for the main thread; uvicorn does the same

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def serve(db: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 8000,
          allow_write: bool = False, token: str | None = None,
          allowed_hosts: Iterable[str] = ()) -> None:
    """Serve the workbench with uvicorn until interrupted. Binds the loopback
    address by default: the pages show everything in the store to whoever connects.
    Answers only requests naming localhost, 127.0.0.1, [::1], `host` or one of
    `allowed_hosts`. With `allow_write` it prints the token the write routes need.
    On start it removes the upload folders of servers that are gone; on stop its own."""
    import uvicorn

    for stale in uploads.remove_stale():
        log.info("removed %s, the uploads of a server that is gone", stale)
    names = hosts.allowed_names(host, allowed_hosts)
    app = create_app(db, allow_write=allow_write, token=token, allowed_hosts=names)
    if host in ("0.0.0.0", "::") and not allowed_hosts:
        log.warning("listening on every address, but answering only requests for %s: "
                    "name this machine with --allowed-host NAME.", ", ".join(sorted(names)))
    if not assets_built():
        log.warning("the JavaScript bundle is missing, so the network and map stay empty: "
                    "run `make install` (or `cd web && npm ci && npm run build`).")
    shown = f"[{host}]" if ":" in host else host
    # The path is the user's: a name with a line break or an escape must not forge output.
    print(f"hudhud: serving {printable(db)} at http://{shown}:{port}/  (Ctrl+C to stop)", flush=True)
    if allow_write:
        print(f"hudhud: writes allowed with the header  Authorization: Bearer {app.state.token}",
              flush=True)
    _exit_on_sigterm()
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        app.state.store.close()
        if app.state.jobs is not None:
            app.state.jobs.close()


def get(db: str | os.PathLike[str], path: str) -> tuple[int, str]:
    """Render one path without a server, e.g. get(db, "/api/events?type=ASSAULT"):
    (status, body). For smoke tests and scripts (Datasette's `serve --get`)."""
    from fastapi.testclient import TestClient

    app = create_app(db)
    try:
        with TestClient(app) as client:
            response = client.get(path)
            return response.status_code, response.text
    finally:
        app.state.store.close()
