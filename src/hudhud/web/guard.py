"""What keeps the server safe to leave running: request size limits, the file
lock let go between requests, and the write token.

DuckDB locks a store file while a connection is open (a writer excludes every
other process; a reader excludes writers). The server holds its connection only
while requests are running: `ReleaseWhenIdle` closes it when the last one ends,
so a `hudhud ingest` in another process can take the file between requests. A
request that finds the file taken waits briefly (Store.wait) and then answers
503 with Retry-After, never 500 and never an endless wait.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hudhud import settings

#: Largest request body the server reads (an upload of articles): 10 MB unless
#: HUDHUD_MAX_UPLOAD_BYTES says otherwise. An upload is held to it once
#: decompressed too (hudhud.web.uploads.inflated_size).
MAX_BODY = settings.MAX_UPLOAD_BYTES

#: Seconds a request waits for a store file another process is writing.
REQUEST_WAIT = 2.0

#: What a 503 tells the client to wait before trying again, in seconds.
RETRY_AFTER = "2"

TOKEN_HEADER = "x-hudhud-token"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_matches(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison, so the time taken says nothing about the token."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def token_of(headers: Any) -> str | None:
    """The token a request carries: `Authorization: Bearer T` or `X-Hudhud-Token: T`."""
    auth = headers.get("authorization") or ""
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return headers.get(TOKEN_HEADER) or None


async def _json(send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]] = ()) -> None:
    data = json.dumps(body).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode()), *headers]})
    await send({"type": "http.response.body", "body": data})


def too_large(limit: int) -> dict[str, Any]:
    return {"ok": False, "status": 413, "error": f"request body larger than {limit} bytes.",
            "code": "H064", "hint": "Split the upload into smaller files."}


class BodyLimit:
    """ASGI middleware: a request body over `limit` bytes gets 413 before the app sees it.

    A declared Content-Length over the limit is refused at once; a chunked body
    is read up to the limit (so memory stays bounded) and then handed on.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size < 0:
                await _json(send, 400, {"ok": False, "status": 400, "error": "bad Content-Length.",
                                        "code": "H062", "hint": None})
                return
            if size > self.limit:
                await _json(send, 413, too_large(self.limit), [(b"connection", b"close")])
                return
            await self.app(scope, receive, send)
            return
        if b"chunked" not in headers.get(b"transfer-encoding", b"").lower():
            await self.app(scope, receive, send)
            return
        # Chunked: read it here, counting, and replay it to the app.
        parts: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away
            total += len(message.get("body", b""))
            if total > self.limit:
                await _json(send, 413, too_large(self.limit), [(b"connection", b"close")])
                return
            parts.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(parts), "more_body": False}

        await self.app(scope, replay, send)


class ReleaseWhenIdle:
    """ASGI middleware: when the last running request ends, the store lets go of
    its file (Store.release), so another process can write until the next one.

    Not while `keep()` says this process writes (an upload's ingest job): the job
    opens and closes its own connection per batch, and DuckDB shares one database
    between the connections of a process, dropping it with the last one. A
    request closing the server's connection just as the job closes its own, while
    the other opens, failed with "Unique file handle conflict" (a 500 on every
    page for a moment); holding the server's connection for the job's whole run
    keeps that database alive, and the file is this process's anyway."""

    def __init__(self, app: ASGIApp, store: Any, keep: Callable[[], bool] = lambda: False) -> None:
        self.app = app
        self.store = store
        self.keep = keep
        self.running = 0  # only changed on the event loop

    def _release(self) -> None:
        with self.store.lock:  # the job takes the lock to start holding: one or the other first
            if self.running == 0 and not self.keep():
                self.store.release()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.running += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.running -= 1
            if self.running == 0:
                await run_in_threadpool(self._release)
