"""PLOVER sentence scoring on records written for this test (not the shared gold)."""

from __future__ import annotations

import json

from hudhud.evaluate.plover import evaluate_plover


def test_scores_types_and_countries(tmp_path):
    rows = [
        {"id": "a", "text": "Jordan condemned Israel on Monday.", "event_16": "ACCUSE",
         "source": [{"code": "JOR"}], "target": [{"code": "ISR"}]},
        {"id": "b", "text": "Egypt urged Turkey to withdraw its troops.", "event_16": "REQUEST",
         "source": [{"code": "EGY"}], "target": [{"code": "TUR"}]},
        {"id": "c", "text": "Kuwait will send food aid to Yemen.", "event": "AGREE",
         "source": [{"code": "KWT"}], "target": [{"code": "YEM"}]},
        {"id": "d", "text": "Protesters marched in Amman.", "event_16": "ASSAULT", "source": [], "target": []},
    ]
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = evaluate_plover(path, details=True)
    assert result["n"] == 4
    assert result["event_type_accuracy"] == 0.75  # the last gold type is wrong on purpose
    assert [e["id"] for e in result["errors"]] == ["d"]
    assert result["source_country_agreement"] == 1.0


def test_the_cli_takes_the_gold_file_as_issue_4_spells_it(tmp_path):
    from typer.testing import CliRunner

    from hudhud.cli import app

    rows = [{"id": "a", "text": "Jordan condemned Israel on Monday.", "event_16": "ACCUSE",
             "source": [{"code": "JOR"}], "target": [{"code": "ISR"}]}]
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(rows[0]), encoding="utf-8")
    runner = CliRunner()
    positional = runner.invoke(app, ["eval", "--gold-format", "plover", str(path), "--json"])
    named = runner.invoke(app, ["eval", "--gold-format", "plover", "--gold", str(path), "--json"])
    assert positional.exit_code == 0 and named.exit_code == 0
    result = json.loads(positional.stdout)
    assert {"event_type_accuracy", "source_country_agreement", "target_country_agreement", "n"} <= set(result)
    assert result == json.loads(named.stdout)
    assert runner.invoke(app, ["eval", "--gold-format", "plover"]).exit_code == 1
