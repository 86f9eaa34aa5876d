"""The paged actor profile: read from the precomputed tables, it gives the rows of
the view-based `query.actor_profile`, in its order, one page at a time."""

from __future__ import annotations

import pytest

from hudhud.errors import StoreError
from hudhud.resolve import resolve
from hudhud.store import paged, query

from . import samples

LISTS = ("affiliations", "events_as_source", "events_as_target", "quotes")


@pytest.fixture
def many(store):
    """Twenty-four copies of two documents (and the empty one), resolved: the biggest
    lists run to dozens of records, with dates that tie and dates that are missing."""
    store.write_many(samples.copies(24) + [samples.doc3()])
    resolve(store)
    return store


def _actor_ids(store):
    return [r[0] for r in store.connection.execute("SELECT id FROM actors ORDER BY id").fetchall()]


def _lists(profile):
    return {k: profile[k] for k in LISTS}


def test_unlimited_profile_equals_the_view_based_one(many):
    con = many.connection
    ids = _actor_ids(many)
    assert len(ids) >= 5
    for aid in ids:
        full = query.actor_profile(con, aid)
        got = paged.actor_profile(con, aid, limit=None)
        assert got["actor"] == full["actor"], aid
        assert _lists(got) == _lists(full), aid
        assert got["totals"] == {k: len(full[k]) for k in LISTS}, aid


def test_pages_concatenate_to_the_full_profile(many):
    con = many.connection
    for aid in _actor_ids(many):
        full = query.actor_profile(con, aid)
        totals = paged.totals(con, aid)
        for limit in (1, 7, 50):
            for part in LISTS:
                rows, offset = [], 0
                while True:
                    cut = paged.page(con, aid, part, limit=limit, offset=offset)
                    assert len(cut) <= limit
                    if not cut:
                        break
                    rows += cut
                    offset += limit
                assert rows == full[part], (aid, part, limit)
                assert offset - limit < totals[part] <= offset


def test_the_busiest_lists_span_many_pages(many):
    totals = many.actor_profile("Kataib Hezbollah", limit=0)["totals"]
    assert totals["events_as_source"] == 48 and totals["affiliations"] == 72
    assert many.actor_profile("Kataib Hezbollah", limit=0)["events_as_source"] == []


def test_totals_count_the_records_of_the_views(many):
    con = many.connection
    for aid in _actor_ids(many):
        want = {}
        for part, sql in (
            ("events_as_source", "SELECT count(*) FROM events_v WHERE source_actor_id = $a"),
            ("events_as_target", "SELECT count(*) FROM events_v WHERE target_actor_id = $a"),
            ("quotes", "SELECT count(*) FROM quotes_v WHERE speaker_actor_id = $a"),
            ("affiliations", "SELECT count(*) FROM affiliations_v "
                             "WHERE subject_actor_id = $a OR object_actor_id = $a"),
        ):
            want[part] = con.execute(sql, {"a": aid}).fetchall()[0][0]
        assert paged.totals(con, aid) == want, aid


def test_each_list_pages_on_its_own(many):
    con = many.connection
    aid = query.find_actor(con, "Kataib Hezbollah")["id"]
    full = query.actor_profile(con, aid)
    cut = paged.actor_profile(con, aid, limit=5, offset=2, offsets={"quotes": 0, "affiliations": 10})
    assert cut["affiliations"] == full["affiliations"][10:15]
    assert cut["events_as_source"] == full["events_as_source"][2:7]
    assert cut["events_as_target"] == full["events_as_target"][2:7]
    assert cut["offsets"] == {"affiliations": 10, "events_as_source": 2, "events_as_target": 2,
                              "quotes": 0}
    assert paged.page(con, aid, "events_as_source", 3, 46) == full["events_as_source"][46:]
    assert paged.page(con, aid, "events_as_source", 3, 48) == []


def test_newest_first_with_missing_dates_last(many):
    rows = many.actor_profile("Kataib Hezbollah", limit=None)["events_as_target"]
    days = [r["date"] or r["published"] for r in rows]
    dated = [d for d in days if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert days[len(dated):] == [None] * (len(days) - len(dated)) and len(dated) < len(days)


def test_affiliations_say_their_direction(many):
    aid = query.find_actor(many.connection, "Iran")["id"]
    rows = many.actor_profile(aid, limit=None)["affiliations"]
    assert rows and all(r["direction"] == "in" and r["object_actor_id"] == aid for r in rows)


def test_the_actor_is_found_by_any_name(many):
    con = many.connection
    for name in ("Hezbollah Brigades", "kata'ib hezbollah", "Kataib Hezbollah"):
        got = many.actor_profile(name, limit=1)["actor"]
        assert got == query.find_actor(con, name)
        assert got["mentions"] == 4 * 24 and got["documents"] == 48


def test_timeline_counts_every_event_of_the_actor(many):
    con = many.connection
    aid = query.find_actor(con, "Kataib Hezbollah")["id"]
    days = many.actor_timeline(aid)
    totals = paged.totals(con, aid)
    for role in ("source", "target"):
        assert sum(d["n"] for d in days if d["role"] == role) == totals[f"events_as_{role}"]
    want = con.execute("""SELECT coalesce(date, published) AS day, type, count(*) FROM events_v
                          WHERE source_actor_id = $a GROUP BY ALL""", {"a": aid}).fetchall()
    got = {(d["day"], d["type"]): d["n"] for d in days if d["role"] == "source"}
    assert got == {(d.isoformat() if d else None, t): n for d, t, n in want}


@pytest.mark.parametrize("limit, offset", [(-1, 0), (5, -2), ("5", 0), (True, 0)])
def test_bad_pages_are_refused(many, limit, offset):
    with pytest.raises(StoreError, match="whole number"):
        many.actor_profile("Kataib Hezbollah", limit=limit, offset=offset)


def test_an_unknown_list_is_refused(many):
    with pytest.raises(StoreError, match="no profile list"):
        many.actor_profile("Kataib Hezbollah", offsets={"events": 5})


def test_unknown_actor_or_unresolved_store_has_no_profile(filled):
    assert filled.actor_profile("Kataib Hezbollah") is None  # not resolved yet
    resolve(filled)
    assert filled.actor_profile("Kataib Hezbollah")["totals"]["events_as_source"] == 2
    assert paged.actor_profile(filled.connection, "nobody at all") is None


def test_pages_with_delta_runs_merge_them_in_place(many):
    """Rows added since a list was written whole sit in a delta run at the end of the
    table; a page merges them in at their places."""
    con = many.connection
    aid = query.find_actor(con, "Kataib Hezbollah")["id"]
    whole = paged.page(con, aid, "affiliations", limit=None)
    first, n = con.execute("SELECT first_pos, n FROM profile_segments WHERE actor_id = $a "
                           "AND part = 'affiliations'", {"a": aid}).fetchall()[0]
    # Move every third row of the list to a delta run after the last row of the table.
    places = list(range(0, n, 3))
    end = con.execute("SELECT max(pos) + 1 FROM profile_affiliations").fetchall()[0][0]
    con.execute("UPDATE profile_affiliations SET pos = $end + (pos - $first) // 3 "
                "WHERE pos BETWEEN $first AND $first + $n - 1 AND (pos - $first) % 3 = 0",
                {"end": end, "first": first, "n": n}).fetchall()
    con.execute("UPDATE profile_affiliations SET pos = $first + (pos - $first) "
                "- (pos - $first + 2) // 3 WHERE pos BETWEEN $first AND $first + $n - 1",
                {"first": first, "n": n}).fetchall()
    con.execute("UPDATE profile_segments SET delta_pos = $end, delta_at = $places "
                "WHERE actor_id = $a AND part = 'affiliations'",
                {"end": end, "places": places, "a": aid}).fetchall()
    assert paged.page(con, aid, "affiliations", limit=None) == whole
    for limit in (1, 5, 50):
        for offset in (0, 1, 2, 3, n // 2, n - 1, n):
            got = paged.page(con, aid, "affiliations", limit=limit, offset=offset)
            assert got == whole[offset:offset + limit], (limit, offset)


def test_a_store_resolved_by_an_older_hudhud_still_pages(many):
    """Its segments have no delta columns: every list is one base run."""
    con = many.connection
    aid = query.find_actor(con, "Kataib Hezbollah")["id"]
    want = paged.actor_profile(con, aid, limit=7, offset=3)
    con.execute("CREATE OR REPLACE TABLE profile_segments AS "
                "SELECT actor_id, part, first_pos, n FROM profile_segments").fetchall()
    assert paged.actor_profile(con, aid, limit=7, offset=3) == want
