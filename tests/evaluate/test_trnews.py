"""TR-News scoring on a small file in the TR-News format, written here (own texts)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from hudhud.errors import GoldFormatError
from hudhud.evaluate.trnews import (
    GoldToponym,
    error_kinds,
    evaluate_trnews,
    is_close,
    read_trnews,
    render_trnews,
    resolve_gold,
    score_end_to_end,
    score_gold,
)
from hudhud.kb.gazetteer import Gazetteer

TEXT_1 = "Officials in Springfield, Illinois met on Monday. Turkish envoys flew to Ankara on Elm Street."
TEXT_2 = "Flooding closed roads around Winnipeg and across Manitoba."


def _toponym(text: str, phrase: str, gaz: str | None, shift: int = 0) -> str:
    start = text.index(phrase) + shift
    return (f"<toponym><phrase>{phrase}</phrase><start>{start}</start>"
            f"<end>{start + len(phrase)}</end>{gaz or ''}</toponym>")


def _gaz(geonameid: int, name: str, fclass: str, fcode: str, lat: float, lon: float) -> str:
    return (f'<gaztag geonameid="{geonameid}"><name>{name}</name><fclass>{fclass}</fclass>'
            f"<fcode>{fcode}</fcode><lat>{lat}</lat><lon>{lon}</lon></gaztag>")


def _article(doc_id: str, text: str, toponyms: list[str]) -> str:
    return (f'<article docid="{doc_id}"><title>t</title><text><![CDATA[{text}]]></text>'
            f"<toponyms>{''.join(toponyms)}</toponyms></article>")


@pytest.fixture
def corpus(tmp_path):
    xml = "<articles>" + _article("a1", TEXT_1, [
        _toponym(TEXT_1, "Springfield", _gaz(4250542, "Springfield", "P", "PPLA", 39.80, -89.64)),
        _toponym(TEXT_1, "Illinois", _gaz(4896861, "Illinois", "A", "ADM1", 40.0, -89.25), shift=3),
        _toponym(TEXT_1, "Turkish", _gaz(298795, "Turkey", "A", "PCLI", 39.0, 35.0)),
        _toponym(TEXT_1, "Ankara", _gaz(323786, "Ankara", "P", "PPLC", 39.92, 32.85)),
        _toponym(TEXT_1, "Elm Street", None),  # a street: no GeoNames id, not scored for ids
    ]) + _article("a2", TEXT_2, [
        _toponym(TEXT_2, "Winnipeg", _gaz(6183235, "Winnipeg", "P", "PPLA", 49.88, -97.15)),
        _toponym(TEXT_2, "Manitoba", _gaz(6065171, "Manitoba", "A", "ADM1", 55.0, -97.0)),
    ]) + "</articles>"
    path = tmp_path / "tr.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def test_reads_articles_and_reanchors_shifted_offsets(corpus) -> None:
    articles = read_trnews(corpus)
    assert [a.doc_id for a in articles] == ["a1", "a2"]
    first = articles[0]
    assert len(first.toponyms) == 5
    for t in first.toponyms:
        assert first.text[t.start:t.end] == t.phrase  # "Illinois" was 3 characters off
    street = first.toponyms[-1]
    assert street.geonameid is None and street.lat is None


def test_gold_mentions_resolve_to_their_geonames_ids(corpus) -> None:
    resolved = resolve_gold(read_trnews(corpus), Gazetteer.shipped())
    assert len(resolved) == 6  # the street is left out
    scores = score_gold(resolved)
    assert scores["n"] == 6
    assert scores["exact_id"] == 1.0 and scores["acc_161km"] == 1.0
    assert not error_kinds(resolved)


def test_scores_count_misses_and_near_misses(corpus) -> None:
    articles = read_trnews(corpus)
    gaz = Gazetteer.shipped()
    resolved = resolve_gold(articles, gaz)
    wrong = gaz.resolve("Springfield")  # Missouri's: same name, far from Illinois
    near = gaz.resolve("Winnipeg")
    near_place = SimpleNamespace(place=SimpleNamespace(geonameid=1, lat=49.9, lon=-97.1,
                                                       feature="P.PPLX"))
    changed = []
    for article, toponym, match in resolved:
        if toponym.phrase == "Springfield":
            match = wrong
        elif toponym.phrase == "Winnipeg":
            match = near_place
        elif toponym.phrase == "Ankara":
            match = None
        changed.append((article, toponym, match))
    assert near is not None and wrong.place.admin1 != "IL"
    scores = score_gold(changed)
    assert scores["exact_id"] == round(3 / 6, 4)
    assert scores["acc_161km"] == round(4 / 6, 4)
    kinds = error_kinds(changed)
    assert kinds["unresolved"] == 1
    assert kinds["gold P -> P.PPL (far)"] == 1 and kinds["gold P -> P.PPLX (near)"] == 1


def test_is_close_takes_the_same_id_or_161_km() -> None:
    gold = GoldToponym("Texas", 0, 5, 4736286, 31.25, -99.25, "A.ADM1")
    assert is_close(4736286, 35.0, -95.0, gold)  # the same division, another point
    assert is_close(None, 31.9, -98.5, gold)  # ~100 km
    assert not is_close(None, 29.76, -95.36, gold)  # Houston, ~400 km
    assert not is_close(None, None, None, gold)


def _analysis(*places):
    """A stand-in for DocumentAnalysis: places with their mention spans."""
    return SimpleNamespace(places=[
        SimpleNamespace(geonameid=gid, lat=lat, lon=lon,
                        mentions=[SimpleNamespace(start=s, end=e) for s, e in spans])
        for gid, lat, lon, spans in places
    ])


def test_end_to_end_matches_overlapping_spans(corpus) -> None:
    articles = read_trnews(corpus)
    t1, t2 = TEXT_1, TEXT_2
    s = t1.index("Springfield")
    a = t1.index("Ankara")
    analyses = [
        _analysis(
            (4250542, 39.8, -89.6, [(s, s + len("Springfield, Illinois"))]),  # overlaps two golds
            (323786, 39.9, 32.9, [(a, a + 6)]),
            (None, 10.0, 10.0, [(0, 9)]),  # "Officials": a false positive
        ),
        _analysis((1, 0.0, 0.0, [(t2.index("Winnipeg"), t2.index("Winnipeg") + 8)])),  # far off
    ]
    scores = score_end_to_end(articles, analyses)
    # gold 7; system 4; matched: Springfield (one gold only), Ankara, Winnipeg
    assert (scores["tp"], scores["pred"], scores["gold"]) == (3, 4, 7)
    assert scores["p"] == 0.75 and scores["r"] == round(3 / 7, 4)
    assert scores["f1"] == round(2 * 0.75 * (3 / 7) / (0.75 + 3 / 7), 4)
    assert scores["acc_161km"] == round(2 / 3, 4)


def test_evaluate_trnews_reports_gold_mentions(corpus) -> None:
    result = evaluate_trnews(corpus, end_to_end=False, gazetteer=Gazetteer.shipped())
    assert set(result) == {"gold_mentions"}
    assert set(result["gold_mentions"]) == {"exact_id", "acc_161km", "n"}
    text = render_trnews(result)
    assert "exact id 1.000" in text and "end to end" not in text


def test_a_file_that_is_not_tr_news(tmp_path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(GoldFormatError):
        read_trnews(bad)
    with pytest.raises(GoldFormatError):
        read_trnews(tmp_path / "missing.xml")


def test_evaluate_trnews_end_to_end_runs_the_analyzer(corpus) -> None:
    result = evaluate_trnews(corpus, gazetteer=Gazetteer.shipped())
    e2e = result["end_to_end"]
    assert {"p", "r", "f1", "acc_161km"} <= set(e2e)
    assert e2e["tp"] >= 2  # "flew to Ankara", "around Winnipeg", "across Manitoba"
    assert 0.0 < e2e["p"] <= 1.0 and 0.5 <= e2e["acc_161km"] <= 1.0
    assert "end to end" in render_trnews(result)
