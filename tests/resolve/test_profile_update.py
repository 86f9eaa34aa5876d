"""An incremental resolve leaves the same tables as a full one.

Two stores take the same documents in the same batches, with analysts' judgements
in between: one resolves incrementally (the common case), the other recomputes
everything each time (`resolve(full=True)`). After every step their actors,
aliases, links, event clusters, timelines and profile rows (all but the positions,
which differ by design) are equal row for row, every page of every list is the
slice of the full list it should be, and the incremental tables still agree with
the views.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from hudhud.resolve import profile_update, resolve
from hudhud.resolve.judgement import record
from hudhud.store import Store, paged

from .store_helpers import checks, samples


def batch(tag: str, n: int, start: dt.date, step: int, undated_every: int = 0,
          aliases: dict[str, list[str]] | None = None) -> list:
    """`n` copies of the two sample documents under ids tagged `tag`, published from
    `start` every `step` days (some on days the store already has, some undated).
    `aliases` gives some document actors (by local id) more names, as an article
    that says who else they are would."""
    out = []
    for k in range(n):
        day = None if undated_every and k % undated_every == undated_every - 1 else (
            start + dt.timedelta(days=k * step)).isoformat()
        for make in (samples.doc1, samples.doc2):
            doc, a = make()
            new_id = f"{doc.id}-{tag}{k:02d}"
            actors = [dataclasses.replace(x, aliases=[*x.aliases, *aliases[x.id]])
                      if x.id in (aliases or {}) else x for x in a.actors]
            out.append((dataclasses.replace(doc, id=new_id, published=day, url=None),
                        dataclasses.replace(a, doc_id=new_id, published=day, actors=actors)))
    return out


def assert_pages_slice_the_lists(store: Store) -> None:
    """Pages that start and end around the list's edges and its delta rows' places."""
    con = store.connection
    for aid, part, delta_at in con.execute(
            "SELECT actor_id, part, coalesce(delta_at, []) FROM profile_segments").fetchall():
        whole = paged.page(con, aid, part, limit=None)
        n = len(whole)
        places = delta_at[:1] + delta_at[len(delta_at) // 2:][:1] + delta_at[-1:]
        starts = {0, 1, n // 2, n - 1, n} | {i + d for i in places for d in (-1, 0, 1)}
        for limit in (1, 8):
            for offset in sorted(o for o in starts if o >= 0):
                got = paged.page(con, aid, part, limit=limit, offset=offset)
                assert got == whole[offset:offset + limit], (aid, part, limit, offset)


class Pair:
    """The same writes into two stores; one resolves incrementally, one in full."""

    def __init__(self, folder: Path) -> None:
        self.inc, self.full = Store(folder / "inc.duckdb"), Store(folder / "full.duckdb")
        self.modes: list[str] = []
        self.timings: list[dict] = []

    def write(self, docs: list) -> None:
        for store in (self.inc, self.full):
            store.write_many(docs)

    def judge(self, kind: str, first: str, second: str) -> None:
        for store in (self.inc, self.full):
            record(store, kind, first, second)

    def resolve(self, kb_names: dict[str, str] | None = None) -> dict:
        timings: dict = {}
        resolve(self.inc, kb_names, timings=timings)
        self.modes.append(timings["mode"])
        self.timings.append(timings)
        resolve(self.full, kb_names, full=True)
        return timings

    def check(self, deep: bool = False) -> None:
        """Equal to the full resolve's tables; `deep`: to the views, and page by page
        (a thousand small reads, so only at a few steps)."""
        assert checks.snapshot(self.inc) == checks.snapshot(self.full)
        if deep:
            checks.assert_agrees_with_views(self.inc)
            assert_pages_slice_the_lists(self.inc)

    def close(self) -> None:
        self.inc.close()
        self.full.close()


@pytest.fixture
def pair(tmp_path):
    p = Pair(tmp_path)
    yield p
    p.close()


def test_batches_and_judgements_give_the_tables_of_a_full_resolve(pair):
    pair.write(batch("a", 6, dt.date(2024, 1, 1), 7))
    pair.resolve()
    pair.check()
    # Days before, between and after the first batch's, some the same, some undated:
    # the new rows fall inside the lists, not only at their head.
    pair.write(batch("b", 5, dt.date(2023, 12, 29), 9, undated_every=3))
    assert pair.resolve()["lists_extended"] > 0
    pair.check()
    pair.write(batch("c", 2, dt.date(2024, 1, 8), 0) + [samples.doc3()])
    pair.resolve()
    pair.check(deep=True)
    con = pair.inc.connection
    assert con.execute("SELECT count(*) FROM profile_segments WHERE delta_at IS NOT NULL"
                       ).fetchall()[0][0] > 0, "some list should have a delta run by now"

    # An analyst's merge moves the document actors of one side to the other: its
    # lists lose their rows, and rows of other lists name another actor.
    pair.judge("merge", "Iraqi officials", "Lloyd Austin")
    step = pair.resolve()
    assert step["moved"] > 0 and step["rows_removed"] > 0 and step["lists_rewritten"] > 0
    pair.check()
    # The knowledge base names an actor anew: every row that names it follows.
    step = pair.resolve(kb_names={"Q1": "Hezbollah Brigades (KH)"})
    assert step["renamed"] == 1
    pair.check()
    # New documents say the coalition is also called the Hashd (they join it), and
    # that the officials are the government's (they tie two old actors together).
    pair.write(batch("d", 3, dt.date(2024, 1, 3), 1,
                     aliases={"pmf": ["Hashd"], "iraqi-officials": ["Iraqi government"]}))
    assert pair.resolve({"Q1": "Hezbollah Brigades (KH)"})["moved"] > 0
    pair.check()
    # Documents that spell the militia's name their own way are someone else.
    pair.judge("split", "Kataib Hezbollah", "Kata'ib Hezbollah")
    step = pair.resolve({"Q1": "Hezbollah Brigades (KH)"})
    assert step["moved"] > 0 and step["rows_removed"] > 0
    pair.check(deep=True)
    pair.write(batch("e", 3, dt.date(2024, 1, 20), 2))
    pair.resolve({"Q1": "Hezbollah Brigades (KH)"})
    pair.check(deep=True)
    assert pair.modes == ["full"] + ["incremental"] * 7


def test_a_long_delta_rewrites_its_list_and_dead_rows_force_a_rebuild(pair, monkeypatch):
    pair.write(batch("a", 4, dt.date(2024, 1, 1), 5))
    pair.resolve()
    monkeypatch.setattr(profile_update, "DELTA_MAX", 3)
    for tag in ("b", "c", "d"):
        pair.write(batch(tag, 2, dt.date(2024, 1, 2), 3))
        pair.resolve()
        pair.check(deep=tag == "d")
    assert any(t["lists_rewritten"] for t in pair.timings[1:])  # some delta passed 3 rows
    dead = profile_update.dead_rows(pair.inc.connection)
    assert sum(d for d, _ in dead.values()) > 0  # rewritten runs left their old rows
    assert pair.modes[1:] == ["incremental"] * 3
    monkeypatch.setattr(profile_update, "DEAD_MIN", 0)
    monkeypatch.setattr(profile_update, "DEAD_SHARE", 0.0)
    pair.write(batch("e", 1, dt.date(2024, 2, 2), 1))
    pair.resolve()
    pair.check()
    assert pair.modes[-1] == "full"
    assert all(d == 0 for d, _ in profile_update.dead_rows(pair.inc.connection).values())


def test_a_resolve_with_nothing_new_changes_nothing(pair):
    pair.write(batch("a", 3, dt.date(2024, 1, 1), 4))
    pair.resolve()
    before = checks.snapshot(pair.inc)
    pair.resolve()
    assert checks.snapshot(pair.inc) == before and pair.modes == ["full", "incremental"]


def test_an_older_store_is_resolved_in_full_once(pair):
    pair.write(batch("a", 2, dt.date(2024, 1, 1), 4))
    pair.resolve()
    # As an earlier version left it: no signature tables.
    pair.inc.connection.execute("DROP TABLE resolve_surfaces").fetchall()
    pair.inc.connection.execute("DROP TABLE resolve_signatures").fetchall()
    pair.write(batch("b", 2, dt.date(2024, 1, 3), 4))
    pair.resolve()
    pair.check()
    pair.write(batch("c", 2, dt.date(2024, 1, 5), 4))
    pair.resolve()
    pair.check()
    assert pair.modes == ["full", "full", "incremental"]
