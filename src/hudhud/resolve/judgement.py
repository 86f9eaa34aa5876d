"""Analysts' judgements on actor identity, kept apart from the actors they change.

`merge A B` says two corpus actors are one; `split A ALIAS` says the documents
that name an actor by ALIAS are someone else, also when a knowledge-base entry
links them (hudhud.resolve.group); a split that would move no document is
refused with the reason. Each judgement is a row with who
made it and when (like nomenklatura's judgement edges); `resolve` recomputes
the corpus actors from the document actors and applies every judgement, so a
later resolution never undoes an analyst's decision.

Judgements refer to actors by their anchors — the KB id or the name key of
their canonical name — which stay stable when the grouping around them changes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hudhud.errors import SPLIT_NOTHING, SPLIT_OWN_NAME, HudhudError
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
        if not _recorded(store, kind, a, b):
            _check_split(store, actor, second)
    else:
        raise HudhudError(f"unknown judgement {kind!r}.", hint="use merge or split.", code="H053")
    row = {"id": stable_id("judgement", kind, a, b), "kind": kind, "a": a, "b": b,
           "a_label": labels[0], "b_label": labels[1], "author": author,
           "created_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)}
    con = store.connection
    con.execute("DELETE FROM judgements WHERE id = ?", [row["id"]]).fetchall()
    con.execute("INSERT INTO judgements VALUES (?, ?, ?, ?, ?, ?, ?, ?)", list(row.values())).fetchall()
    return row


def _recorded(store: "Store", kind: str, a: str, b: str) -> bool:
    return bool(store.connection.execute("SELECT count(*) FROM judgements WHERE id = ?",
                                         [stable_id("judgement", kind, a, b)]).fetchall()[0][0])


def _check_split(store: "Store", actor: dict[str, Any], alias: str) -> None:
    """Refuse, with the reason, a split that would change nothing. It takes the document
    actors of `actor` that their documents call `alias` (by name key), so there must be
    some; when `alias` is the actor's own name, only those the knowledge base did not
    link to it (hudhud.resolve.group._detached), and an actor with no KB entry has none."""
    key = name_key(alias)
    own = key == name_key(actor["name"])
    if not key or (own and not actor.get("kb_id")):
        raise SPLIT_OWN_NAME.error(f"{alias!r} is the name {actor['name']!r} is known by; "
                                   "a split takes one of its other names.")
    rows = store.connection.execute(
        "SELECT DISTINCT name, kb_id IS NOT DISTINCT FROM ? FROM doc_actors WHERE actor_id = ?",
        [actor.get("kb_id"), actor["id"]]).fetchall()
    if not any(name_key(name) == key and not (own and linked) for name, linked in rows):
        names = sorted({name for name, _ in rows})
        raise SPLIT_NOTHING.error(f"no document of {actor['name']!r} names it {alias!r}"
                                  + (" without the knowledge base's link" if own else "")
                                  + ", so the split would change nothing; its documents call it "
                                  + ", ".join(repr(n) for n in names[:8]) + ".")


def load(store: "Store") -> list[tuple[str, str, str]]:
    """(kind, a, b) of every judgement, oldest first; none when the table does not exist yet."""
    tables = {r[0] for r in store.connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "judgements" not in tables:
        return []
    return [tuple(r) for r in store.connection.execute(
        "SELECT kind, a, b FROM judgements ORDER BY created_at, id").fetchall()]
