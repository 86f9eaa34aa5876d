"""The scorer of FORMAT.md ("Scoring") on tiny hand-written gold/prediction pairs."""

import copy
import json

import pytest

from hudhud.errors import GoldFormatError
from hudhud.evaluate.seeds import KINDS, evaluate, evaluate_records


def actor(id_, name, *aliases):
    return {"id": id_, "name": name, "kind": "group", "aliases": list(aliases) or [name]}


def event(source, type_, target=None, evidence="", **attrs):
    out = {"source": source, "type": type_, "cameo": "00", "target": target, "date": None,
           "place": None, "killed": None, "wounded": None, "evidence": evidence}
    out.update(attrs)
    return out


def doc(doc_id="d1", **kinds):
    return {"doc_id": doc_id, "published": "2019-03-04", "actors": [], "affiliations": [],
            "events": [], "quotes": [], "places": [], **kinds}


GOLD = doc(
    actors=[
        actor("sdf", "Syrian Democratic Forces", "Syrian Democratic Forces", "S.D.F."),
        actor("ypg", "People's Protection Units", "People's Protection Units", "YPG"),
        actor("mazloum", "Mazloum Abdi", "Mazloum Abdi", "Abdi"),
        actor("turkey", "Turkey", "Turkey", "Ankara"),
    ],
    affiliations=[
        {"subject": "ypg", "relation": "part_of", "object": "sdf", "evidence": "the YPG, the backbone of the SDF"},
        {"subject": "mazloum", "relation": "leads", "object": "sdf", "evidence": "SDF commander Mazloum Abdi"},
    ],
    events=[
        event("turkey", "ASSAULT", "ypg", "Turkish jets struck YPG positions near Tal Abyad on Sunday",
              date="2019-03-03", place="Tal Abyad", killed=4, wounded=None),
        event("mazloum", "ACCUSE", "turkey", "Abdi accused Ankara of breaking the truce"),
        event("sdf", "REQUEST", None, "the SDF called for international protection"),
    ],
    quotes=[{"speaker": "mazloum", "text": "We will defend every village of the north with everything we have"}],
    places=[
        {"name": "Tal Abyad", "lat": 36.697, "lon": 38.957, "country": "SY"},
        {"name": "Raqqa", "lat": 35.950, "lon": 39.010, "country": "SY"},
    ],
)


def only(result, kind):
    return {k: result[kind][k] for k in ("tp", "pred", "gold")}


def test_perfect_prediction_scores_one_everywhere():
    result = evaluate_records([GOLD], [copy.deepcopy(GOLD)])
    for kind in KINDS:
        assert result[kind]["p"] == result[kind]["r"] == result[kind]["f1"] == 1.0, kind
    assert result["quote_speaker_accuracy"] == 1.0
    attrs = result["event_attributes"]
    assert attrs["date"] == attrs["place"] == attrs["killed"] == 1.0
    assert attrs["wounded"] is None and attrs["n_wounded"] == 0
    assert attrs["n_date"] == 1 and attrs["n_killed"] == 1


def test_missing_prediction_counts_all_gold_as_misses_and_extra_docs_are_ignored():
    result = evaluate_records([GOLD], [doc("other", actors=[actor("x", "X")])])
    assert only(result, "actors") == {"tp": 0, "pred": 0, "gold": 4}
    assert result["actors"]["p"] == 0.0 and result["actors"]["f1"] == 0.0
    assert result["quote_speaker_accuracy"] is None
    assert result["n_documents_predicted"] == 0


def test_empty_documents_give_zero_without_dividing_by_zero():
    result = evaluate_records([doc()], [doc()])
    for kind in KINDS:
        assert result[kind] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "pred": 0, "gold": 0}


def test_system_ids_do_not_matter_names_do():
    pred = doc(actors=[actor("a1", "the SDF", "SDF"), actor("a2", "Ankara")],
               events=[event("a2", "ASSAULT", None, "")])
    gold = doc(actors=GOLD["actors"], events=[event("turkey", "ASSAULT", None, "")])
    result = evaluate_records([gold], [pred])
    assert only(result, "actors") == {"tp": 2, "pred": 2, "gold": 4}
    assert only(result, "events") == {"tp": 1, "pred": 1, "gold": 1}


def test_alias_pairs_are_pairwise_links():
    # Gold pairs: {sdf, syrian democratic forces}, {peoples protection units, ypg},
    # {mazloum abdi, abdi}, {turkey, ankara}. The system links one right pair and one wrong.
    pred = doc(actors=[actor("s", "SDF", "Syrian Democratic Forces"), actor("t", "Turkey", "YPG")])
    result = evaluate_records([GOLD], [pred])
    assert only(result, "aliases") == {"tp": 1, "pred": 2, "gold": 4}


def test_affiliation_with_unmapped_actor_is_a_miss():
    pred = doc(
        actors=[actor("s", "SDF"), actor("y", "YPG"), actor("m", "General Mazloum")],
        affiliations=[
            {"subject": "y", "relation": "part_of", "object": "s"},
            {"subject": "m", "relation": "leads", "object": "s"},  # "General Mazloum" matches no gold alias
        ],
    )
    result = evaluate_records([GOLD], [pred], details=True)
    assert only(result, "affiliations") == {"tp": 1, "pred": 2, "gold": 2}
    errors = result["documents"][0]["affiliations"]
    assert any("Mazloum Abdi leads" in m for m in errors["misses"])
    assert any("General Mazloum leads" in f for f in errors["false_positives"])


def test_wrong_relation_is_a_miss():
    pred = doc(actors=[actor("s", "SDF"), actor("y", "YPG")],
               affiliations=[{"subject": "y", "relation": "backed_by", "object": "s"}])
    assert only(evaluate_records([GOLD], [pred]), "affiliations") == {"tp": 0, "pred": 1, "gold": 2}


def test_events_are_a_multiset():
    actors = [actor("a", "Ankara"), actor("y", "YPG")]
    gold = doc(actors=GOLD["actors"], events=[event("turkey", "ASSAULT", "ypg")] * 2)
    pred = doc(actors=actors, events=[event("a", "ASSAULT", "y")] * 3)
    assert only(evaluate_records([gold], [pred]), "events") == {"tp": 2, "pred": 3, "gold": 2}


def test_null_target_matches_null_target_only():
    gold = doc(actors=GOLD["actors"], events=[event("sdf", "REQUEST", None)])
    pred_null = doc(actors=[actor("s", "SDF")], events=[event("s", "REQUEST", None)])
    pred_target = doc(actors=[actor("s", "SDF"), actor("t", "Turkey")], events=[event("s", "REQUEST", "t")])
    assert evaluate_records([gold], [pred_null])["events"]["tp"] == 1
    assert evaluate_records([gold], [pred_target])["events"]["tp"] == 0


def test_quad_and_source_type_relaxations():
    gold = doc(actors=GOLD["actors"], events=[event("turkey", "ASSAULT", "ypg"), event("sdf", "AGREE", "turkey")])
    pred = doc(actors=[actor("a", "Ankara"), actor("y", "YPG"), actor("s", "SDF")],
               events=[event("a", "COERCE", "y"),  # same quad: material conflict
                       event("s", "AGREE", "y"),  # right source and type, wrong target
                       ])
    result = evaluate_records([gold], [pred])
    assert result["events"]["tp"] == 0
    assert result["events_quad"]["tp"] == 1
    assert result["events_source_type"]["tp"] == 1


def test_verbal_and_material_classes_differ():
    gold = doc(actors=GOLD["actors"], events=[event("turkey", "THREATEN", "ypg")])
    pred = doc(actors=[actor("a", "Ankara"), actor("y", "YPG")], events=[event("a", "ASSAULT", "y")])
    assert evaluate_records([gold], [pred])["events_quad"]["tp"] == 0


def test_event_attributes_pair_by_evidence_and_count_only_gold_values():
    gold = doc(actors=GOLD["actors"], events=[
        event("turkey", "ASSAULT", "ypg", "drones hit a checkpoint outside Kobani", date="2019-03-01", killed=2),
        event("turkey", "ASSAULT", "ypg", "artillery shelled farms near Tal Tamr", date="2019-03-02", place="Tal Tamr"),
    ])
    pred = doc(actors=[actor("a", "Turkey"), actor("y", "YPG")], events=[
        # Listed in the other order: the evidence decides which gold event each one is.
        event("a", "ASSAULT", "y", "artillery shelled farms near Tal Tamr", date="2019-03-02", place="Tal-Tamr",
              killed=9),
        event("a", "ASSAULT", "y", "drones hit a checkpoint outside Kobani", date="2019-02-28", killed=2,
              wounded=5),
    ])
    attrs = evaluate_records([gold], [pred])["event_attributes"]
    assert attrs["date"] == 0.5 and attrs["n_date"] == 2
    assert attrs["place"] == 1.0 and attrs["n_place"] == 1
    assert attrs["killed"] == 1.0 and attrs["n_killed"] == 1  # gold gives no killed for the shelling
    assert attrs["wounded"] is None


QUOTE = "one two three four five six seven eight nine ten"


@pytest.mark.parametrize(
    "system_text, matches",
    [
        ("one two three four five six seven eight", True),  # 8/10 = 80%: at the threshold
        ("One, two, three four five six seven eight nine!", True),
        ("one two three four five six seven", False),  # 7/10 just below
        ("He said: one two three four five six seven eight nine ten, and more words after that", True),
        ("one one one one one one one one one one", False),  # multiset: "one" counts once
    ],
)
def test_quote_overlap_threshold(system_text, matches):
    gold = doc(actors=GOLD["actors"], quotes=[{"speaker": "mazloum", "text": QUOTE}])
    pred = doc(actors=[actor("m", "Abdi")], quotes=[{"speaker": "m", "text": system_text}])
    assert evaluate_records([gold], [pred])["quotes"]["tp"] == (1 if matches else 0)


def test_quote_speaker_accuracy_uses_actor_mapping():
    gold = doc(actors=GOLD["actors"], quotes=[
        {"speaker": "mazloum", "text": QUOTE},
        {"speaker": "turkey", "text": "we will not allow a corridor of terror"},
    ])
    pred = doc(actors=[actor("m", "Mazloum Abdi"), actor("x", "Erdogan")],
               quotes=[{"speaker": "m", "text": QUOTE},
                       {"speaker": "x", "text": "We will not allow a corridor of terror."}])
    result = evaluate_records([gold], [pred], details=True)
    assert result["quotes"]["tp"] == 2
    assert result["quote_speaker_accuracy"] == 0.5 and result["quote_speaker_n"] == 2
    assert len(result["documents"][0]["quotes"]["speaker_errors"]) == 1


def test_quotes_match_one_to_one():
    gold = doc(quotes=[{"speaker": None, "text": QUOTE}])
    pred = doc(quotes=[{"speaker": None, "text": QUOTE}, {"speaker": None, "text": QUOTE}])
    assert only(evaluate_records([gold], [pred]), "quotes") == {"tp": 1, "pred": 2, "gold": 1}


@pytest.mark.parametrize(
    "lat, lon, correct",
    [
        (36.697, 38.957, True),
        (36.697 + 0.2, 38.957, True),  # ~22 km north
        (36.697 + 0.25, 38.957, False),  # ~28 km north
        (None, None, False),
    ],
)
def test_place_distance_threshold(lat, lon, correct):
    pred = doc(places=[{"name": "Tal-Abyad", "lat": lat, "lon": lon, "country": "SY"}])
    result = evaluate_records([GOLD], [pred])
    assert only(result, "places") == {"tp": int(correct), "pred": 1, "gold": 2}


def test_place_names_must_match():
    pred = doc(places=[{"name": "Tell Abiad", "lat": 36.697, "lon": 38.957}])
    assert evaluate_records([GOLD], [pred])["places"]["tp"] == 0


def test_micro_average_sums_counts_over_documents():
    g1 = doc("d1", actors=[actor("a", "Alpha"), actor("b", "Beta")])
    g2 = doc("d2", actors=[actor("c", "Gamma")])
    p1 = doc("d1", actors=[actor("x", "Alpha"), actor("y", "Beta")])
    p2 = doc("d2", actors=[actor("z", "Delta"), actor("w", "Epsilon")])
    result = evaluate_records([g1, g2], [p1, p2])
    assert only(result, "actors") == {"tp": 2, "pred": 4, "gold": 3}
    assert result["actors"]["p"] == 0.5
    assert result["actors"]["r"] == round(2 / 3, 4)
    assert result["actors"]["f1"] == round(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), 4)


def test_details_list_misses_and_false_positives():
    pred = doc(actors=[actor("s", "SDF"), actor("r", "Russia")])
    result = evaluate_records([GOLD], [pred], details=True)
    errors = result["documents"][0]["actors"]
    assert "Turkey" in errors["misses"] and "Russia" in errors["false_positives"]
    assert "documents" not in evaluate_records([GOLD], [pred])


def test_evaluate_reads_files(tmp_path):
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    pred_path.write_text(json.dumps(GOLD) + "\n" + "oops\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="pred.jsonl:2"):
        evaluate(gold_path, pred_path)
    pred_path.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    assert evaluate(gold_path, pred_path)["events"]["f1"] == 1.0
