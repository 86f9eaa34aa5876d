"""Greedy one-to-one matching and the actor mapping."""

from hudhud.evaluate.matching import actor_mapping, greedy_match, map_id, match_actors, match_by_key


def test_greedy_takes_best_score_first_and_uses_each_record_once():
    # gold 0 could take system 0 (score 1) but system 0 is better used by gold 1 (score 3).
    pairs = greedy_match([(1, 0, 0), (3, 1, 0), (2, 0, 1)])
    assert pairs == [(0, 1), (1, 0)]


def test_greedy_ties_follow_order_of_appearance():
    assert greedy_match([(1, 1, 0), (1, 0, 0)]) == [(0, 0)]


def test_match_by_key_is_a_multiset_match():
    pairs = match_by_key(["x", "x", "y"], ["x", "y", "y", "x", "x"])
    assert len(pairs) == 3


def test_actor_matching_prefers_more_shared_aliases():
    gold = [
        {"id": "g-army", "name": "Syrian Army", "aliases": ["Syrian Army"]},
        {"id": "g-saa", "name": "Syrian Arab Army", "aliases": ["Syrian Arab Army", "SAA", "Syrian Army"]},
    ]
    system = [{"id": "s1", "name": "Syrian Army", "aliases": ["S.A.A.", "Syrian Arab Army"]}]
    pairs = match_actors(gold, system)
    assert pairs == [(1, 0)]
    mapping = actor_mapping(gold, system, pairs)
    assert mapping == {"s1": "g-saa"}
    assert map_id("s1", mapping) == "g-saa"
    assert map_id(None, mapping) is None
    assert map_id("s2", mapping) != "s2"  # unmapped ids match nothing


def test_each_gold_actor_matches_at_most_one_system_actor():
    gold = [{"id": "g", "name": "Peshmerga", "aliases": []}]
    system = [{"id": "a", "name": "Peshmerga"}, {"id": "b", "name": "the Peshmerga"}]
    assert match_actors(gold, system) == [(0, 0)]
