"""PLOVER sentence scoring on records written for this test (not the shared gold): the
figures come from the exported records, what `hudhud export` gives a user."""

from __future__ import annotations

import json

import pytest

from hudhud.errors import GoldFormatError
from hudhud.evaluate.exported import Text, export_texts
from hudhud.evaluate.plover import evaluate_plover


def _write(tmp_path, rows):
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_scores_types_and_countries_on_exported_records(tmp_path):
    rows = [
        {"id": "a", "text": "Jordan condemned Israel on Monday.", "event_16": "ACCUSE",
         "source": [{"code": "JOR"}], "target": [{"code": "ISR"}]},
        {"id": "b", "text": "Egypt urged Turkey to withdraw its troops.", "event_16": "REQUEST",
         "source": [{"code": "EGY"}], "target": [{"code": "TUR"}]},
        {"id": "c", "text": "Protesters marched in Amman.", "event_16": "ASSAULT", "source": [], "target": []},
    ]
    result = evaluate_plover(_write(tmp_path, rows), details=True)
    assert result["n"] == 3
    assert result["event_type_accuracy"] == round(2 / 3, 4)  # the last gold type is wrong on purpose
    assert [e["id"] for e in result["errors"]] == ["c"]
    assert "ASSAULT" not in result["errors"][0]["exported"]
    assert result["source_country_agreement"] == 1.0 and result["target_country_agreement"] == 1.0
    assert result["n_source"] == 2


#: Agentless sentences: each has a word that reads as the gold type, and none names
#: who acted, so no event can be exported for it.
NO_RECORD = [
    {"id": "n1", "text": "Talks were held in Geneva on Tuesday.", "event_16": "CONSULT"},
    {"id": "n2", "text": "He was arrested at the airport.", "event_16": "COERCE"},
    {"id": "n3", "text": "The proposal was rejected by a large majority.", "event_16": "REJECT"},
]


def test_a_trigger_that_exports_no_record_is_a_miss(tmp_path):
    records, _ = export_texts(Text(r["id"], r["text"]) for r in NO_RECORD)
    assert [r["events"] for r in records] == [[], [], []]  # what a user gets: nothing
    result = evaluate_plover(_write(tmp_path, NO_RECORD), details=True)
    assert result["event_type_accuracy"] == 0.0 and result["event_type_any"] == 0.0
    assert result["no_record_share"] == 1.0 and result["record_type_precision"] is None
    assert [e["predicted"] for e in result["errors"]] == [None, None, None]
    assert {c["predicted"] for c in result["confusions"]} == {"-"}


def test_the_figures_are_those_of_the_exported_records(tmp_path):
    rows = [
        {"id": "x1", "text": "Kenya accused Uganda of sheltering rebels near the border.", "event_16": "ACCUSE"},
        {"id": "x2", "text": "Peru and Bolivia signed a trade pact, and Chile criticised the deal.", "event_16": "AGREE"},
        {"id": "x3", "text": "The storm flooded villages along the coast.", "event_16": "ASSAULT"},
        *NO_RECORD,
    ]
    records, _ = export_texts(Text(r["id"], r["text"]) for r in rows)
    types = [[e["type"] for e in r["events"]] for r in records]
    result = evaluate_plover(_write(tmp_path, rows))
    gold = [r["event_16"] for r in rows]
    assert result["event_type_accuracy"] == round(sum(bool(t) and t[0] == g for t, g in zip(types, gold)) / 6, 4)
    assert result["event_type_any"] == round(sum(g in t for t, g in zip(types, gold)) / 6, 4)
    assert result["no_record_share"] == round(sum(not t for t in types) / 6, 4)
    assert result["n_records"] == sum(len(t) for t in types)


def test_a_line_without_text_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(NO_RECORD[0]) + "\n" + json.dumps({"id": "z", "event_16": "AGREE"}) + "\n")
    with pytest.raises(GoldFormatError, match=r"bad\.jsonl:2"):
        evaluate_plover(path)


def test_the_cli_takes_the_gold_file_as_issue_4_spells_it(tmp_path):
    from typer.testing import CliRunner

    from hudhud.cli import app

    rows = [{"id": "a", "text": "Jordan condemned Israel on Monday.", "event_16": "ACCUSE",
             "source": [{"code": "JOR"}], "target": [{"code": "ISR"}]}]
    path = _write(tmp_path, rows)
    runner = CliRunner()
    positional = runner.invoke(app, ["eval", "--gold-format", "plover", str(path), "--json"])
    named = runner.invoke(app, ["eval", "--gold-format", "plover", "--gold", str(path), "--json"])
    assert positional.exit_code == 0 and named.exit_code == 0
    result = json.loads(positional.stdout)
    assert {"event_type_accuracy", "event_type_any", "no_record_share", "source_country_agreement",
            "target_country_agreement", "n"} <= set(result)
    named_result = json.loads(named.stdout)
    for one in (result, named_result):
        one.pop("seconds")  # the one figure that differs between two runs
    assert result == named_result
    assert runner.invoke(app, ["eval", "--gold-format", "plover"]).exit_code == 1
