"""Analysts' judgements on actor identity, kept apart from the actors they change.

`merge A B` says two corpus actors are one; `split A ALIAS` says the documents
that name an actor by ALIAS are someone else. Each judgement is a row with who
made it and when (like nomenklatura's judgement edges); `resolve` recomputes
the corpus actors from the document actors and applies every judgement, so a
later resolution never undoes an analyst's decision.

Judgements refer to actors by their anchors — the KB id or the name key of
their canonical name — which stay stable when the grouping around them changes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hudhud.errors import HudhudError
from hudhud.model import stable_id
from hudhud.resolve.key import name_key

if TYPE_CHECKING:
    from hudhud.store import Store

TABLE = """CREATE TABLE IF NOT EXISTS judgements (
    id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, a VARCHAR NOT NULL, b VARCHAR NOT NULL,
    a_label VARCHAR, b_label VARCHAR, author VARCHAR, created_at TIMESTAMP)"""


def ensure_table(store: "Store") -> None:
    if not store.read_only:
        store.connection.execute(TABLE).fetchall()


def anchor(actor: dict[str, Any]) -> str:
    """The stable handle of a corpus actor: its KB id, else the key of its name."""
    return f"kb:{actor['kb_id']}" if actor.get("kb_id") else f"name:{name_key(actor['name'])}"


def record(store: "Store", kind: str, first: str, second: str, author: str | None = None) -> dict[str, Any]:
    """Record `merge FIRST SECOND` (two actor names/ids) or `split FIRST ALIAS`."""
    ensure_table(store)
    actor = store.find_actor(first)
    if actor is None:
        raise HudhudError(f"no actor named {first!r}.", hint="list actors with `hudhud actors`.", code="H051")
    if kind == "merge":
        other = store.find_actor(second)
        if other is None:
            raise HudhudError(f"no actor named {second!r}.", hint="list actors with `hudhud actors`.", code="H051")
        if actor.get("kb_id") and other.get("kb_id") and actor["kb_id"] != other["kb_id"]:
            raise HudhudError(f"{actor['name']} and {other['name']} are two knowledge-base entries.",
                              hint="KB entries are never merged; fix the KB file instead.", code="H052")
        a, b, labels = anchor(actor), anchor(other), (actor["name"], other["name"])
    elif kind == "split":
        a, b, labels = anchor(actor), f"name:{name_key(second)}", (actor["name"], second)
    else:
        raise HudhudError(f"unknown judgement {kind!r}.", hint="use merge or split.", code="H053")
    row = {"id": stable_id("judgement", kind, a, b), "kind": kind, "a": a, "b": b,
           "a_label": labels[0], "b_label": labels[1], "author": author,
           "created_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)}
    con = store.connection
    con.execute("DELETE FROM judgements WHERE id = ?", [row["id"]]).fetchall()
    con.execute("INSERT INTO judgements VALUES (?, ?, ?, ?, ?, ?, ?, ?)", list(row.values())).fetchall()
    return row


def load(store: "Store") -> list[tuple[str, str, str]]:
    """(kind, a, b) of every judgement, oldest first; none when the table does not exist yet."""
    tables = {r[0] for r in store.connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "judgements" not in tables:
        return []
    return [tuple(r) for r in store.connection.execute(
        "SELECT kind, a, b FROM judgements ORDER BY created_at, id").fetchall()]
