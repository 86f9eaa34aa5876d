"""Fixtures of the web tests: a store built from the demo corpus once per session,
a small hostile store whose text and names are HTML, and test clients over both."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from hudhud.model import Actor, Document, DocumentAnalysis, Event, Evidence, Quote

HOSTILE_TEXT = (
    'The <script>alert("doc")</script> Brigade attacked Qaryat al-Tin on Monday. '
    '"<img src=x onerror=alert(1)> will pay," a commander of the <b>Brigade</b> said.'
)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus analysed by the real pipeline into a fresh DuckDB file."""
    from hudhud.engine.pipeline import ingest

    db = tmp_path_factory.mktemp("web") / "demo.duckdb"
    corpus = resources.files("hudhud").joinpath("data", "demo", "articles.jsonl")
    summary = ingest([str(corpus)], str(db))
    assert summary.stored == 12, summary.to_dict()
    return db


def _span(text: str, part: str, sentence: int = 0) -> Evidence:
    start = text.index(part)
    return Evidence(sentence=sentence, start=start, end=start + len(part), text=part)


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One document whose title, url, text, actor names and quote are markup,
    written through the store without the NLP pipeline."""
    from hudhud.resolve import resolve
    from hudhud.store import Store

    db = tmp_path_factory.mktemp("web") / "hostile.duckdb"
    text = HOSTILE_TEXT
    brigade = '<script>alert("doc")</script> Brigade'
    doc = Document(id="evil<1>", text=text, title="<script>alert('title')</script> news",
                   url="javascript:alert(1)", published="2021-05-04")
    analysis = DocumentAnalysis(
        doc_id=doc.id, published=doc.published, version="test",
        actors=[
            Actor(id="brigade", name=brigade, kind="militia", country="IRQ",
                  aliases=["<b>Brigade</b>"], mentions=[_span(text, brigade), _span(text, "<b>Brigade</b>", 1)]),
            Actor(id="village", name="<i>Qaryat</i>", kind="group", mentions=[]),
        ],
        events=[Event(source="brigade", type="ASSAULT", cameo="190", target="village",
                      evidence=_span(text, brigade + " attacked Qaryat al-Tin"), date="2021-05-03",
                      place="Qaryat al-Tin")],
        quotes=[Quote(speaker="brigade", text="<img src=x onerror=alert(1)> will pay",
                      evidence=_span(text, "<img src=x onerror=alert(1)> will pay", 1))],
        sentences=[(0, text.index('"')), (text.index('"'), len(text))],
    )
    with Store(db) as store:
        assert store.write(doc, analysis)
        resolve(store)
    return db


@pytest.fixture(scope="session")
def client(demo_db: Path):
    from fastapi.testclient import TestClient

    from hudhud.web import create_app

    with TestClient(create_app(demo_db)) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_client(hostile_db: Path):
    from fastapi.testclient import TestClient

    from hudhud.web import create_app

    with TestClient(create_app(hostile_db)) as c:
        yield c


@pytest.fixture(scope="session")
def kataib(client) -> dict:
    """The demo store's Kataib Hezbollah, as the actors API lists it."""
    actors = client.get("/api/actors", params={"q": "Kataib Hezbollah"}).json()["actors"]
    return next(a for a in actors if a["kb_id"] == "kataib-hezbollah")
