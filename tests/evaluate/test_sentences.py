"""The sentence-suite scorer (`hudhud eval --gold-format sentences`) on suites and predictions
written for these tests: hits and misses, null targets, aliases, one match per event,
bad suite lines, the CLI, and that scoring the exported records of a real ingest gives
what scoring in memory gives.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from hudhud.cli import app
from hudhud.errors import GoldFormatError
from hudhud.evaluate.sentence_counts import bipartite_pairs
from hudhud.evaluate.sentences import evaluate_sentences, read_suite

SUITE = [
    {"id": "t1", "text": "Chad accused Sudan of arming rebels near Abeche on Monday.",
     "events": [{"source": ["Chad", "N'Djamena"], "type": "ACCUSE", "cameo": "11", "target": ["Sudan", "Khartoum"]}],
     "tags": ["active", "africa"]},
    {"id": "t2", "text": "Gunmen attacked a bus near Lake Chad on Sunday, and the army later shelled their camp.",
     "events": [{"source": ["gunmen"], "type": "ASSAULT", "cameo": "19", "target": None},
                {"source": ["Chadian army", "army"], "type": "ASSAULT", "cameo": "19", "target": ["gunmen"]}],
     "tags": ["active", "africa"]},
    {"id": "t3", "text": "Peru and Chile both urged the P.M.F. of Atlantis to free the crew.",
     "events": [{"source": ["Peru"], "type": "REQUEST", "cameo": "10", "target": ["Popular Militia Front", "PMF"]},
                {"source": ["Chile"], "type": "REQUEST", "cameo": "10", "target": ["Popular Militia Front", "PMF"]}],
     "tags": ["list", "latin-america"]},
    {"id": "t4", "text": "The central bank of Fiji kept its main rate unchanged on Thursday.",
     "events": [], "tags": ["no-event", "oceania"]},
    {"id": "t5", "text": "Mongolia and Kazakhstan held talks in Astana on railway tariffs.",
     "events": [{"source": ["Mongolia", "Ulaanbaatar"], "type": "CONSULT", "cameo": "04", "target": ["Kazakhstan"]}],
     "tags": ["active", "central-asia"]},
]


def _actor(aid, name, *aliases):
    return {"id": aid, "name": name, "aliases": [name, *aliases]}


def _event(source, etype, cameo, target):
    return {"source": source, "type": etype, "cameo": cameo, "target": target}


#: A system output for SUITE: t1 right; t2 finds the gunmen but gives them a target
#: (a miss and a false alarm) and gets the army event; t3 finds Peru twice (the second
#: is a false alarm) and misses Chile; t4 gets a false alarm; t5 is absent.
PREDICTED = [
    {"doc_id": "t1", "actors": [_actor("c", "Chadian government", "Chad"), _actor("s", "Khartoum")],
     "events": [_event("c", "ACCUSE", "112", "s")]},
    {"doc_id": "t2", "actors": [_actor("g", "Gunmen"), _actor("b", "bus"), _actor("a", "the army")],
     "events": [_event("g", "ASSAULT", "190", "b"), _event("a", "ASSAULT", "194", "g")]},
    {"doc_id": "t3", "actors": [_actor("p", "Peru"), _actor("m", "P. M. F.")],
     "events": [_event("p", "REQUEST", "020", "m"), _event("p", "REQUEST", "100", "m")]},
    {"doc_id": "t4", "actors": [_actor("f", "central bank of Fiji")],
     "events": [_event("f", "RETREAT", "080", None)]},
]


def _write(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def scored(tmp_path):
    suite = _write(tmp_path, "suite.jsonl", SUITE)
    pred = _write(tmp_path, "pred.jsonl", PREDICTED)
    return evaluate_sentences(suite, pred=pred, details=True)


def test_hits_misses_and_false_alarms_are_counted(scored):
    events = scored["events"]
    # hits: t1, the army in t2, Peru in t3 (once); 6 gold events (none in t4), 6 exported (none for t5)
    assert (events["tp"], events["pred"], events["gold"]) == (3, 6, 6)
    assert events["p"] == 0.5 and events["r"] == 0.5 and events["f1"] == 0.5
    assert scored["n_sentences"] == 5 and scored["n_predicted"] == 4


def test_the_cameo_root_is_scored_apart_from_the_type(scored):
    # Peru's first request is coded 020 (root 02) against the gold root 10: a type hit,
    # a root miss; the second (100) takes its place, so the count stays at 3.
    assert scored["events_cameo"]["tp"] == 3
    assert scored["by_cameo_root"]["10"]["gold"] == 2
    assert scored["by_cameo_root"]["02"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "pred": 1, "gold": 0}


def test_types_alone_ignore_the_actors(scored):
    # t2's gunmen event (wrong target) and Chile's request (Peru twice) count when actors are ignored.
    assert scored["events_type_only"]["tp"] == 5


def test_by_type_and_by_tag(scored):
    assert scored["by_type"]["ASSAULT"] == {"p": 0.5, "r": 0.5, "f1": 0.5, "tp": 1, "pred": 2, "gold": 2}
    assert scored["by_type"]["CONSULT"]["gold"] == 1 and scored["by_type"]["CONSULT"]["tp"] == 0
    assert scored["by_type"]["RETREAT"]["pred"] == 1
    assert scored["by_tag"]["list"]["tp"] == 1 and scored["by_tag"]["list"]["gold"] == 2
    assert scored["by_tag"]["no-event"]["pred"] == 1
    assert scored["no_event_sentences"] == {"n": 1, "without_false_alarm": 0}
    assert scored["sentences_exact"] == round(1 / 5, 4)  # only t1


def test_details_name_each_miss_and_false_alarm(scored):
    details = {d["id"]: d for d in scored["details"]}
    assert "t1" not in details
    assert details["t2"]["misses"] == ["gunmen ASSAULT - (cameo 19)"]
    assert details["t2"]["false_alarms"] == ["Gunmen ASSAULT bus (cameo 190)"]
    assert details["t3"]["misses"] == ["Chile REQUEST Popular Militia Front (cameo 10)"]
    assert len(details["t3"]["false_alarms"]) == 1
    assert details["t5"]["misses"] == ["Mongolia CONSULT Kazakhstan (cameo 04)"]


def test_a_null_target_matches_only_a_null_target(tmp_path):
    suite = _write(tmp_path, "s.jsonl", [
        {"id": "n", "text": "Farmers in Punjab blocked the highway to Delhi for a week.",
         "events": [{"source": ["farmers"], "type": "PROTEST", "cameo": "14", "target": None}], "tags": []}])
    with_target = _write(tmp_path, "a.jsonl", [{"doc_id": "n", "actors": [
        _actor("f", "Farmers"), _actor("d", "Delhi")], "events": [_event("f", "PROTEST", "140", "d")]}])
    without = _write(tmp_path, "b.jsonl", [{"doc_id": "n", "actors": [_actor("f", "Farmers")],
                                            "events": [_event("f", "PROTEST", "144", None)]}])
    assert evaluate_sentences(suite, pred=with_target)["events"]["tp"] == 0
    assert evaluate_sentences(suite, pred=without)["events"]["tp"] == 1


def test_each_event_is_used_once_and_the_most_hits_are_found():
    # Gold A accepts "Israel" or "Israeli army", gold B only "Israel"; exported events
    # come as [Israel, Israeli army]. Taking Israel for A first would leave B without a hit.
    gold = [{"Israel", "Israeli army"}, {"Israel"}]
    predicted = [{"Israel"}, {"Israeli army"}]
    pairs = bipartite_pairs(gold, predicted, lambda g, p: bool(g & p))
    assert pairs == [(0, 1), (1, 0)]
    assert bipartite_pairs([{"x"}, {"x"}], [{"x"}], lambda g, p: bool(g & p)) == [(0, 0)]


@pytest.mark.parametrize("bad, message", [
    ("{not json", "invalid JSON"),
    (json.dumps({"id": "b", "text": "Some text here.", "events": [
        {"source": ["Chad"], "type": "ATTACK", "cameo": "19", "target": None}]}), "not a PLOVER type"),
    (json.dumps({"id": "b", "text": "Some text here.", "events": [
        {"source": ["Chad"], "type": "ACCUSE", "cameo": "14", "target": None}]}), "not a two-digit root of type ACCUSE"),
    (json.dumps({"id": "b", "text": "Some text here.", "events": [
        {"source": [], "type": "ACCUSE", "cameo": "11", "target": None}]}), "source must be a non-empty list"),
    (json.dumps({"id": "b", "text": "Some text here.", "events": [
        {"source": ["Chad"], "type": "ACCUSE", "cameo": "11", "target": "Sudan"}]}), "target must be a non-empty list of names"),
    (json.dumps({"id": "b", "text": "  ", "events": []}), "empty 'text'"),
    (json.dumps({"id": "t1", "text": "A second line with the first id.", "events": []}), "duplicate id"),
])
def test_a_bad_suite_line_names_the_file_and_line(tmp_path, bad, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(SUITE[0]) + "\n\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError) as caught:
        read_suite(path)
    assert f"{path}:3:" in str(caught.value) and message in str(caught.value)


def test_the_cli_scores_a_suite_against_an_export(tmp_path, scored):
    suite = _write(tmp_path, "suite.jsonl", SUITE)
    pred = _write(tmp_path, "pred.jsonl", PREDICTED)
    runner = CliRunner()
    as_json = runner.invoke(app, ["eval", "--gold-format", "sentences", str(suite), "--pred", str(pred), "--json"])
    assert as_json.exit_code == 0, as_json.output
    result = json.loads(as_json.stdout)
    assert result["events"] == scored["events"] and result["by_type"] == scored["by_type"]
    tables = runner.invoke(app, ["eval", "--gold-format", "sentences", str(suite), "--pred", str(pred)])
    assert tables.exit_code == 0 and "events by type" in tables.stdout and "ASSAULT" in tables.stdout
    missing = runner.invoke(app, ["eval", "--gold-format", "sentences", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 1 and "none.jsonl" in missing.output


#: Sentences of the suite's kind for the ingest test: a few with events, one without.
PIPELINE = [
    {"id": "p1", "text": "Somalia accused Kenya of training militias in the Gedo region on Tuesday.",
     "published": "2024-03-07",
     "events": [{"source": ["Somalia", "Mogadishu"], "type": "ACCUSE", "cameo": "11", "target": ["Kenya", "Nairobi"]}],
     "tags": ["active", "africa"]},
    {"id": "p2", "text": "Argentina expelled two Venezuelan diplomats, and Caracas condemned the decision.",
     "published": "2024-03-07",
     "events": [{"source": ["Argentina"], "type": "SANCTION", "cameo": "16", "target": ["Venezuelan diplomats"]},
                {"source": ["Venezuela", "Caracas"], "type": "ACCUSE", "cameo": "11", "target": ["Argentina"]}],
     "tags": ["active", "latin-america"]},
    {"id": "p3", "text": "Nepal's rice harvest fell sharply after a late monsoon, farmers in the Terai said.",
     "published": "2024-03-07", "events": [], "tags": ["no-event", "south-asia"]},
    {"id": "p4", "text": "The Japanese prime minister met the Indian foreign minister in Tokyo on Friday.",
     "published": "2024-03-07",
     "events": [{"source": ["Japanese prime minister", "Japan"], "type": "CONSULT", "cameo": "04",
                 "target": ["Indian foreign minister", "India"]}],
     "tags": ["title", "east-asia"]},
]


def test_scoring_a_real_ingest_and_export_gives_the_in_memory_score(tmp_path):
    """What `hudhud ingest` + `hudhud export` write scores exactly as the in-memory path does."""
    suite = _write(tmp_path, "suite.jsonl", PIPELINE)
    db, out = tmp_path / "s.duckdb", tmp_path / "out.jsonl"
    runner = CliRunner()  # in this process (one worker), so the model loads once for both paths
    for args in (["ingest", str(suite), "--db", str(db), "--workers", "1"],
                 ["export", "--db", str(db), "--format", "jsonl", "-o", str(out)]):
        done = runner.invoke(app, args)
        assert done.exit_code == 0, done.output
    from_store = evaluate_sentences(suite, pred=out, details=True)
    in_memory = evaluate_sentences(suite, details=True)
    assert from_store["n_predicted"] == len(PIPELINE)
    for kind in ("events", "events_cameo", "events_type_only", "by_type", "by_tag", "details"):
        assert from_store[kind] == in_memory[kind], kind
    assert in_memory["seconds"] > 0 and "seconds" not in from_store
