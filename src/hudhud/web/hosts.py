"""The Host check: the server answers only requests that name it.

A page on attacker.example can make the analyst's browser load
http://attacker.example:8000/api/events and then point attacker.example at
127.0.0.1 (DNS rebinding): the browser sends the request to the workbench,
treats the answer as attacker.example's own and lets the page read it. The
request still says `Host: attacker.example:8000`, so a server that answers only
its own names (localhost, 127.0.0.1, [::1], the address it binds, and the names
given with `hudhud serve --allowed-host NAME`) gives that page nothing to read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

from hudhud.errors import HostNotAllowed

#: Names of this machine that no other site can be made to resolve to.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def normal(name: str) -> str:
    """A host name as compared: lower case, no brackets, no final dot ("LocalHost." -> "localhost")."""
    name = name.strip().lower()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    return name[:-1] if name.endswith(".") else name


def allowed_names(bound: str | None = None, extra: Iterable[str] = ()) -> frozenset[str]:
    """The names a server bound to `bound` answers: the loopback names, `bound`, and `extra`."""
    names = {*LOOPBACK_NAMES, *(extra or ())}
    if bound:
        names.add(bound)
    return frozenset(normal(n) for n in names if n and n.strip())


def host_name(header: str) -> str | None:
    """The name in a Host header without its port, or None when the header is not
    a host and an optional port: "[::1]:8000" -> "::1", "Example.org." -> "example.org",
    "localhost:80@evil" -> None."""
    header = header.strip()
    if header.startswith("["):
        name, bracket, rest = header[1:].partition("]")
        if not bracket:
            return None
    else:
        name, colon, after = header.partition(":")
        rest = colon + after
    port = rest[1:]
    if rest and not (rest.startswith(":") and (not port or (port.isdigit() and port.isascii()))):
        return None
    if not name or any(c in name for c in "@/\\?#, \t"):
        return None
    return normal(name)


def _header(scope: Scope, key: bytes) -> str | None:
    values = [v for k, v in scope.get("headers") or [] if k.lower() == key]
    if len(values) != 1:
        return None  # none, or two that may disagree: refuse either way
    return values[0].decode("latin-1")


class HostCheck:
    """ASGI middleware: a request whose Host header names none of `names` gets 400
    in the shared error shape, before any route or store is touched."""

    def __init__(self, app: ASGIApp, names: Iterable[str]) -> None:
        self.app = app
        self.names = frozenset(normal(n) for n in names)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        header = _header(scope, b"host")
        name = host_name(header) if header is not None else None
        if name is not None and name in self.names:
            await self.app(scope, receive, send)
            return
        error = HostNotAllowed(f"this server does not answer to the host {(header or '')[:100]!r}.",
                               hint="Open it as http://localhost:PORT/ or start it with "
                                    "`hudhud serve --allowed-host NAME`.")
        body = json.dumps({"ok": False, "status": error.status, "error": error.message,
                           "code": error.code, "hint": error.hint}).encode("utf-8")
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await send({"type": "http.response.start", "status": error.status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
