"""Errors of the web stage and the one JSON shape every error takes.

The shape follows Datasette's: `{ok: false, status, error, code, hint}`; the
HTML pages show the same fields.
"""

from __future__ import annotations

from typing import Any

from hudhud.errors import HudhudError


class NotFound(HudhudError):
    """A page asks for an actor, event or document the store does not have."""

    code = "H061"
    status = 404


class BadRequest(HudhudError):
    """A parameter has the right shape but no meaning (2024-02-30)."""

    code = "H062"
    status = 400


def error_body(status: int, message: str, code: str = "H060", hint: str | None = None,
               errors: list[Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "status": status, "error": message, "code": code,
                            "hint": hint}
    if errors:
        body["errors"] = errors
    return body


def status_of(exc: HudhudError) -> int:
    """404 and 400 for the web's own errors; any other HudhudError is the store's: 500."""
    return int(getattr(exc, "status", 500))
