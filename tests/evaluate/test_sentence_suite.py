"""The whole sentence suite (tests/data/sentences.jsonl) through the real pipeline: the
exported events must keep the floor measured when the suite was written.

The floors are today's figures minus a small margin, so that noise in one rule does not
fail the build but a real loss does. Raise them when the extractor improves: run
`hudhud eval --gold-format sentences tests/data/sentences.jsonl`, take the new figure,
subtract about 0.02. Measured 2026-11-22 (571 sentences, commit of this file):
events F1 0.206 (P 0.324, R 0.151), CAMEO-root F1 0.209, 81 of 93 event-free
sentences without a false alarm; 2026-12-07, after the session's general rules: events
F1 0.321 (P 0.389, R 0.273), CAMEO-root F1 0.326; the analysis takes about 6 s of CPU (95 sentences
per CPU second) after 4 s to load the model.
"""

from __future__ import annotations

from pathlib import Path

from hudhud.evaluate.sentences import evaluate_sentences

SUITE = Path(__file__).parents[1] / "data" / "sentences.jsonl"

#: F1 the exported events must reach: (source, type, target) and (source, CAMEO root, target).
FLOOR = {"events": 0.30, "events_cameo": 0.30}
#: Share of the event-free sentences (sport, weather, negations, ...) that must export nothing.
QUIET_FLOOR = 0.80


def test_the_suite_keeps_its_floor():
    result = evaluate_sentences(SUITE)
    figures = {kind: result[kind]["f1"] for kind in FLOOR}
    quiet = result["no_event_sentences"]
    report = (f"{figures}, quiet {quiet['without_false_alarm']}/{quiet['n']}, "
              f"{result['n_sentences']} sentences in {result['seconds']} s")
    assert all(figures[kind] >= floor for kind, floor in FLOOR.items()), report
    assert quiet["without_false_alarm"] >= QUIET_FLOOR * quiet["n"], report
    assert result["n_predicted"] == result["n_sentences"] >= 500
