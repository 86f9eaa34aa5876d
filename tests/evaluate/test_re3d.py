"""re3d scoring on a tiny re3d-format folder written for these tests, and (when
shared/ is there) one real re3d folder through the whole pipeline."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from hudhud.errors import GoldFormatError
from hudhud.evaluate.re3d import (
    evaluate_re3d, render_re3d, score_baseline, score_document, summarize,
)
from hudhud.evaluate.re3d_gold import Tokens, read_re3d
from hudhud.model import Actor, Affiliation, DocumentAnalysis, Evidence

TEXT = ("The Northern Shield militia, an Iranian ally, is part of the Popular Mobilization "
        "Forces. Its leader, Karim Farhadi, said the group (NSM) would stay in Mosul. "
        "Iraqi troops watched.")


def span(value: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(value, start + 1)
    return start, start + len(value)


def _entity(value: str, type_: str) -> dict:
    b, e = span(value)
    return {"_id": f"d1-{b}-{e}-{type_}", "begin": b, "end": e, "type": type_, "value": value,
            "documentId": "d1"}


def _relation(source: str, target: str, type_: str) -> dict:
    (sb, se), (tb, te) = span(source), span(target)
    return {"_id": f"d1-{sb}-{tb}-{type_}", "sourceBegin": sb, "sourceEnd": se, "source": source,
            "targetBegin": tb, "targetEnd": te, "target": target, "type": type_,
            "begin": se, "end": tb, "value": "", "documentId": "d1"}


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "tiny"
    root.mkdir()
    entities = [_entity("The Northern Shield militia", "Organisation"),
                _entity("Iranian", "Nationality"), _entity("Iraqi", "Nationality"),
                _entity("Popular Mobilization Forces", "Organisation"),
                _entity("Karim Farhadi", "Person"), _entity("NSM", "Organisation"),
                _entity("Mosul", "Location")]
    relations = [_relation("The Northern Shield militia", "NSM", "IsSynonymOf"),
                 _relation("NSM", "The Northern Shield militia", "IsSynonymOf"),
                 _relation("The Northern Shield militia", "Popular Mobilization Forces", "BelongsTo"),
                 _relation("Karim Farhadi", "The Northern Shield militia", "InChargeOf"),
                 _relation("Karim Farhadi", "Mosul", "InChargeOf"),
                 _relation("Iranian", "The Northern Shield militia", "AlliesOf"),
                 _relation("The Northern Shield militia", "Iranian", "AlliesOf")]
    doc = {"_id": "d1", "title": "Tiny", "text": TEXT, "sourceName": "test", "sourceUrl": ""}
    for name, rows in (("documents", [doc]), ("entities", entities), ("relations", relations)):
        (root / f"{name}.json").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return root


def _ev(value: str, nth: int = 0) -> Evidence:
    b, e = span(value, nth)
    return Evidence(0, b, e, TEXT[b:e])


def _analysis() -> DocumentAnalysis:
    a = DocumentAnalysis(doc_id="d1", published=None, version="test")
    a.actors = [
        Actor("ns", "Northern Shield", "militia",
              mentions=[_ev("Northern Shield"), _ev("the group"), _ev("NSM")]),
        Actor("iran", "Iran", "state", mentions=[_ev("Iranian")]),
        Actor("pmf", "Popular Mobilization Forces", "militia",
              mentions=[_ev("Popular Mobilization Forces")]),
        Actor("karim", "Karim Farhadi", "person", mentions=[_ev("Karim Farhadi")]),
        Actor("mosul", "Mosul", "organisation", mentions=[_ev("Mosul")]),
    ]
    sentence = _ev(TEXT[:10])
    a.affiliations = [Affiliation("ns", "part_of", "pmf", sentence),
                      Affiliation("karim", "leads", "ns", sentence),
                      Affiliation("ns", "backed_by", "iran", sentence),
                      Affiliation("karim", "member_of", "pmf", sentence)]
    return a


def test_gold_reading_rules(folder):
    [doc] = read_re3d(folder)
    texts = {TEXT[b:e] for b, e in doc.actors}
    # "Iranian" argues in a relation: an actor; "Iraqi" only describes troops.
    assert texts == {"The Northern Shield militia", "Iranian", "Popular Mobilization Forces",
                     "Karim Farhadi", "NSM"}
    assert [TEXT[b:e] for b, e in doc.locations] == ["Mosul"]
    assert len(doc.synonyms) == 1  # the two directions are one pair
    assert sorted(r[0] for r in doc.relations) == ["AlliesOf", "BelongsTo", "InChargeOf"]


def test_read_re3d_finds_source_folders(folder, tmp_path):
    assert [d.source for d in read_re3d(tmp_path)] == ["tiny"]
    with pytest.raises(GoldFormatError):
        read_re3d(tmp_path / "tiny" / "nothing")


def test_token_dice():
    tokens = Tokens(TEXT)
    assert tokens.dice(span("The Northern Shield militia"), span("Northern Shield")) == pytest.approx(2 / 3)
    assert tokens.dice(span("Karim Farhadi"), span("Mosul")) == 0.0


def test_scores_of_a_hand_built_analysis(folder):
    [doc] = read_re3d(folder)
    counts: Counter = Counter()
    score_document(doc, _analysis(), counts)
    result = summarize(counts, baseline=False)
    # 7 system mentions; "Mosul" is a gold Location, so not counted; "the group" is wrong.
    assert (result["mentions"]["tp"], result["mentions"]["pred"], result["mentions"]["gold"]) == (5, 6, 5)
    assert result["mentions"]["ignored_as_location"] == 1
    assert result["mentions_exact"]["tp"] == 4  # "Northern Shield" is not the whole gold span
    # Three forms of one actor make three pairs; the gold pair is one of them.
    assert (result["alias_links"]["tp"], result["alias_links"]["pred"]) == (1, 3)
    by_type = result["relations"]["by_type"]
    assert (by_type["BelongsTo"]["tp"], by_type["BelongsTo"]["pred"]) == (1, 2)
    assert by_type["InChargeOf"]["tp"] == 1 and by_type["InChargeOf"]["gold"] == 1
    assert by_type["AlliesOf"]["tp"] == 1  # backed_by, either direction
    assert (result["relations"]["tp"], result["relations"]["pred"], result["relations"]["gold"]) == (3, 4, 3)


def test_baseline_scoring(folder):
    [doc] = read_re3d(folder)
    ents = [SimpleNamespace(start_char=b, end_char=e, label_=label) for (b, e), label in (
        (span("Karim Farhadi"), "PERSON"), (span("Iraqi"), "NORP"), (span("Mosul"), "GPE"),
        (span("Popular Mobilization Forces"), "ORG"))]
    counts: Counter = Counter()
    score_baseline(doc, SimpleNamespace(ents=ents), counts)
    result = summarize(counts)["ner_only_mentions"]
    assert (result["tp"], result["pred"], result["gold"]) == (2, 3, 5)


def test_evaluate_runs_the_analyzer(folder):
    result = evaluate_re3d(folder)
    assert result["n_documents"] == 1 and result["by_source"] == {"tiny": 1}
    assert result["mentions"]["gold"] == 5 and result["ner_only_mentions"]["gold"] == 5
    assert 0.0 <= result["mentions"]["f1"] <= 1.0
    render_re3d(result)


def _re3d() -> Path | None:
    root = Path(os.environ.get("HUDHUD_SHARED", Path(__file__).resolve().parents[3] / "shared"))
    folder = root / "external" / "re3d" / "wikipedia"
    return folder if (folder / "documents.json").exists() else None


@pytest.mark.skipif(_re3d() is None, reason="re3d of shared/ is not here")
@pytest.mark.skipif(not os.environ.get("HUDHUD_SLOW_TESTS"), reason="analyses 13 articles (~5 s)")
def test_real_re3d_folder():
    result = evaluate_re3d(_re3d())
    assert result["n_documents"] == 13
    assert result["mentions"]["gold"] > 100 and result["relations"]["gold"] > 0
    assert result["mentions"]["tp"] > 0 and result["ner_only_mentions"]["tp"] > 0
