"""The demo corpus (data/demo/) and its gold keep to FORMAT.md and to their own text.

The extractor is scored against this gold, so a gold record that points at text
the article does not contain, or at an actor the document does not declare,
would silently cost every run points. These checks read the shipped package
data (importlib.resources), as `hudhud` itself does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from typing import Any

import pytest

from hudhud.model import ACTOR_KINDS, EVENT_TYPES, RELATIONS

DEMO = "data/demo"

#: FORMAT.md: "the type follows the root" (17 is COERCE, or ASSAULT for violent repression).
TYPES_BY_ROOT: dict[str, set[str]] = {
    "02": {"REQUEST"}, "03": {"AGREE"}, "04": {"CONSULT"}, "05": {"SUPPORT"},
    "06": {"COOPERATE"}, "07": {"AID"}, "08": {"CONCEDE", "RETREAT"}, "09": {"ACCUSE"},
    "10": {"REQUEST"}, "11": {"ACCUSE"}, "12": {"REJECT"}, "13": {"THREATEN"},
    "14": {"PROTEST"}, "15": {"MOBILIZE"}, "16": {"SANCTION"}, "17": {"COERCE", "ASSAULT"},
    "18": {"ASSAULT"}, "19": {"ASSAULT"}, "20": {"ASSAULT"},
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ALPHA3 = re.compile(r"^[A-Z]{3}$")
ALPHA2 = re.compile(r"^[A-Z]{2}$")


def _read_jsonl(name: str) -> list[dict[str, Any]]:
    text = resources.files("hudhud").joinpath(f"{DEMO}/{name}").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


ARTICLES = _read_jsonl("articles.jsonl")
GOLD = _read_jsonl("gold.jsonl")
TEXT = {a["id"]: a["text"] for a in ARTICLES}
PUBLISHED = {a["id"]: a["published"] for a in ARTICLES}
GOLD_IDS = [g["doc_id"] for g in GOLD]


def _date(value: str) -> dt.date:
    assert ISO_DATE.match(value), value
    return dt.date.fromisoformat(value)


def test_corpus_size_and_unique_ids() -> None:
    ids = [a["id"] for a in ARTICLES]
    assert 10 <= len(ids) <= 20
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_article_shape(article: dict[str, Any]) -> None:
    assert set(article) == {"id", "published", "title", "url", "text"}
    assert article["id"] and article["title"] and article["text"]
    assert article["url"] is None
    published = _date(article["published"])
    assert dt.date(2014, 1, 1) <= published <= dt.date(2024, 12, 31)
    text = article["text"]
    assert not text.startswith(article["title"])
    assert text == text.strip() and "\n\n" in text and "\n\n\n" not in text
    assert 150 <= len(text.split()) <= 350


def test_gold_matches_articles() -> None:
    assert GOLD_IDS == [a["id"] for a in ARTICLES]
    for doc in GOLD:
        assert doc["published"] == PUBLISHED[doc["doc_id"]]
        assert set(doc) == {"doc_id", "published", "actors", "affiliations", "events", "quotes", "places"}


def test_readme_lists_every_article() -> None:
    readme = resources.files("hudhud").joinpath(f"{DEMO}/README.md").read_text(encoding="utf-8")
    for article in ARTICLES:
        assert f"| {article['id']} | {article['published']} |" in readme


@pytest.mark.parametrize("doc", GOLD, ids=GOLD_IDS)
def test_actors(doc: dict[str, Any]) -> None:
    text = TEXT[doc["doc_id"]]
    ids = [a["id"] for a in doc["actors"]]
    assert len(set(ids)) == len(ids), "actor ids repeat"
    for actor in doc["actors"]:
        assert actor["kind"] in ACTOR_KINDS, actor
        assert actor["country"] is None or ALPHA3.match(actor["country"]), actor
        assert actor["aliases"], actor
        assert len(set(actor["aliases"])) == len(actor["aliases"]), actor
        for alias in actor["aliases"]:
            assert alias in text, f"{actor['id']}: alias {alias!r} not in the text"


@pytest.mark.parametrize("doc", GOLD, ids=GOLD_IDS)
def test_every_record_names_declared_actors(doc: dict[str, Any]) -> None:
    declared = {a["id"] for a in doc["actors"]}
    used: set[str] = set()
    for aff in doc["affiliations"]:
        used |= {aff["subject"], aff["object"]}
    for event in doc["events"]:
        assert event["source"] is not None, event
        used |= {event["source"]} | ({event["target"]} - {None})
    for quote in doc["quotes"]:
        assert quote["speaker"] is not None, quote
        used.add(quote["speaker"])
    assert used <= declared, f"undeclared: {sorted(used - declared)}"
    # FORMAT.md: an actor is gold only when it takes part in a record.
    assert declared <= used, f"actors in no record: {sorted(declared - used)}"


@pytest.mark.parametrize("doc", GOLD, ids=GOLD_IDS)
def test_affiliations(doc: dict[str, Any]) -> None:
    text = TEXT[doc["doc_id"]]
    for aff in doc["affiliations"]:
        assert aff["relation"] in RELATIONS, aff
        assert aff["subject"] != aff["object"], aff
        assert aff["evidence"] in text, aff["evidence"]


@pytest.mark.parametrize("doc", GOLD, ids=GOLD_IDS)
def test_events(doc: dict[str, Any]) -> None:
    text = TEXT[doc["doc_id"]]
    published = _date(doc["published"])
    place_names = {p["name"] for p in doc["places"]}
    for event in doc["events"]:
        assert event["type"] in EVENT_TYPES, event
        assert event["type"] in TYPES_BY_ROOT.get(event["cameo"], set()), event
        assert event["source"] != event["target"], event
        assert event["evidence"] in text, event["evidence"]
        if event["date"] is not None:
            assert _date(event["date"]) <= published, event
        if event["place"] is not None:
            assert event["place"] in place_names, event
        for count in ("killed", "wounded"):
            value = event[count]
            assert value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0), event


@pytest.mark.parametrize("doc", GOLD, ids=GOLD_IDS)
def test_quotes(doc: dict[str, Any]) -> None:
    text = TEXT[doc["doc_id"]]
    for quote in doc["quotes"]:
        assert quote["text"] in text, quote["text"]
        assert len(quote["text"].split()) >= 3, quote
        assert not quote["text"].startswith(("\"", "“")) and not quote["text"].endswith(("\"", "”")), quote


@pytest.mark.parametrize("doc", GOLD, ids=GOLD_IDS)
def test_places(doc: dict[str, Any]) -> None:
    text = TEXT[doc["doc_id"]]
    names = [p["name"] for p in doc["places"]]
    assert len(set(names)) == len(names)
    for place in doc["places"]:
        assert place["name"] in text, place
        assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180, place
        assert place["country"] is None or ALPHA2.match(place["country"]), place


def test_the_corpus_covers_what_it_claims() -> None:
    """The README promises a spread of record kinds; keep the gold honest to it."""
    types = {e["type"] for doc in GOLD for e in doc["events"]}
    assert len(types) >= 14
    relations = {a["relation"] for doc in GOLD for a in doc["affiliations"]}
    assert relations == set(RELATIONS)
    assert any(e["killed"] for doc in GOLD for e in doc["events"])
    assert any(e["wounded"] for doc in GOLD for e in doc["events"])
    assert sum(len(doc["quotes"]) for doc in GOLD) >= 12
