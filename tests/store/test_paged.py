"""The filter-first actor profile gives query.actor_profile's rows, in its order, cut to `limit`."""

from __future__ import annotations

from hudhud.resolve import resolve
from hudhud.store import paged, query


def _actor_ids(store):
    return [r[0] for r in store.connection.execute("SELECT id FROM actors ORDER BY id").fetchall()]


def test_unlimited_profile_equals_the_view_based_one(filled):
    resolve(filled)
    con = filled.connection
    ids = _actor_ids(filled)
    assert ids
    for aid in ids:
        assert paged.actor_profile(con, aid, limit=None) == query.actor_profile(con, aid), aid
        name = query.find_actor(con, aid)["name"]
        assert paged.find_actor(con, name) == query.find_actor(con, name)


def test_limit_keeps_the_newest_records_of_each_kind(filled):
    resolve(filled)
    con = filled.connection
    for aid in _actor_ids(filled):
        full = query.actor_profile(con, aid)
        cut = paged.actor_profile(con, aid, limit=1)
        assert cut["actor"] == full["actor"]
        for key in ("affiliations", "events_as_source", "events_as_target", "quotes"):
            assert cut[key] == full[key][:1], (aid, key)


def test_unknown_actor_has_no_profile(filled):
    resolve(filled)
    assert paged.actor_profile(filled.connection, "nobody at all") is None
