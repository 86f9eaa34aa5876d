"""Document ids are whatever the input says ("reports/2024/17" from a JSONL id
field, "100% sure", "why?not"): every link the pages and the JSON give to a
document leads to it, on the real `hudhud serve` process, and so does every
other link on the way.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
import reliability_helpers as rel

from hudhud.model import Actor, Affiliation, Document, DocumentAnalysis, Event, Evidence, Place, Quote

#: Ids as a feed or a JSONL file may give them, each with a word to find it by.
ODD_IDS = {
    "reports/2024/17": "quarry", "why?not": "harbour", "note#3": "orchard", "100% sure": "granary",
    "two words": "lighthouse", "x%2Fy": "viaduct", "a/../b": "tannery", "/leading": "foundry",
}
MAX_REQUESTS = 3000
EXPORTS = (".csv", ".jsonl", ".gexf")


def span(text: str, part: str, sentence: int = 0) -> Evidence:
    start = text.index(part)
    return Evidence(sentence=sentence, start=start, end=start + len(part), text=part)


def article(doc_id: str, word: str, n: int) -> tuple[Document, DocumentAnalysis]:
    """A short article with an event, an affiliation, a quote and a place, all of
    whose records link back to the document."""
    text = (f"The Harrow Column shelled the {word} near Tal Sameer on Tuesday. "
            f'"We hold the {word}," said a captain of the Harrow Column, which the Vale Council backs.')
    second = text.index('"')
    column = Actor(id="column", name="Harrow Column", kind="militia", country="SYR",
                   mentions=[span(text, "Harrow Column")])
    council = Actor(id="council", name="Vale Council", kind="government", country="SYR",
                    mentions=[span(text, "Vale Council", 1)])
    site = Actor(id=f"site-{n}", name=f"{word} guards", kind="group", mentions=[])
    analysis = DocumentAnalysis(
        doc_id=doc_id, published=f"2022-04-{n + 10:02d}", version="test",
        actors=[column, council, site],
        events=[Event(source="column", type="ASSAULT", cameo="195", target=site.id,
                      evidence=span(text, f"Harrow Column shelled the {word}"), date=f"2022-04-{n + 9:02d}",
                      place="Tal Sameer")],
        affiliations=[Affiliation(subject="column", relation="backed_by", object="council",
                                  evidence=span(text, "the Vale Council backs", 1))],
        quotes=[Quote(speaker="column", text=f"We hold the {word},", evidence=span(text, f"We hold the {word},", 1))],
        places=[Place(name="Tal Sameer", lat=35.1 + n / 100, lon=38.2, country="SY",
                      mentions=[span(text, "Tal Sameer")])],
        sentences=[(0, second), (second, len(text))],
    )
    return Document(id=doc_id, text=text, title=f"On the {word}", published=analysis.published), analysis


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from hudhud.resolve import resolve
    from hudhud.store import Store

    folder = tmp_path_factory.mktemp("odd-ids")
    db = folder / "odd.duckdb"
    with Store(db) as store:
        for n, (doc_id, word) in enumerate(ODD_IDS.items()):
            assert store.write(*article(doc_id, word, n))
        resolve(store)
    port = rel.free_port()
    proc = subprocess.Popen([rel.HUDHUD, "serve", "--db", str(db), "--port", str(port)],
                            cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the server did not start"
            try:
                if rel.http(port, "/api/overview", timeout=5)[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        rel.kill(proc)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def json_links(value) -> list[str]:
    """Every link a JSON answer gives: the values of `href`, `*_href` and `*_url` keys."""
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and (key == "href" or key.endswith(("_href", "_url"))):
                out.append(item)
            else:
                out.extend(json_links(item))
    elif isinstance(value, list):
        for item in value:
            out.extend(json_links(item))
    return out


def links_of(headers: dict, body: bytes) -> list[str]:
    found = []
    if headers.get("link", "").startswith("<"):
        found.append(headers["link"][1:].split(">", 1)[0])
    kind = headers.get("content-type", "")
    if kind.startswith("text/html"):
        parser = Links()
        parser.feed(body.decode("utf-8"))
        found += parser.found
    elif kind.startswith("application/json"):
        found += json_links(json.loads(body))
    # Static files and exports are no record's page (and the script bundle may not be built here).
    return [u for u in found if u.startswith("/") and not u.startswith(("//", "/static/"))
            and not urlsplit(u).path.endswith(EXPORTS)]


def crawl(port: int, seeds: list[str]) -> tuple[dict[str, tuple[int, dict, bytes]], list[str]]:
    """Follow every link of this site from `seeds` (fragments dropped): the answers
    by path and the paths that did not answer 200."""
    seen: dict[str, tuple[int, dict, bytes]] = {}
    queue = deque(seeds)
    broken = []
    while queue:
        path = urlsplit(queue.popleft())._replace(fragment="").geturl()
        if path in seen:
            continue
        assert len(seen) < MAX_REQUESTS, "the crawl does not end"
        seen[path] = answer = rel.http(port, path)
        if answer[0] != 200:
            broken.append(f"{answer[0]} {path}")
            continue
        queue.extend(links_of(answer[1], answer[2]))
    return seen, broken


def test_every_link_to_a_document_with_an_odd_id_leads_to_it(served):
    seeds = ["/", "/events", "/actors", "/network", "/map", "/api/overview", "/api/events",
             "/api/graph", "/api/map", *(f"/search?q={word}" for word in ODD_IDS.values())]
    seen, broken = crawl(served, seeds)
    assert broken == [], "\n".join(broken)
    reached: dict[str, set[str]] = {}
    for path, (_, headers, body) in seen.items():
        route = urlsplit(path).path  # the id is a single encoded segment of the path
        for prefix in ("/documents/", "/api/documents/"):
            if route.startswith(prefix):
                doc_id = unquote(route[len(prefix):])
                reached.setdefault(doc_id, set()).add(prefix)
                if prefix == "/api/documents/":
                    assert json.loads(body)["document"]["id"] == doc_id, path
                else:
                    assert ODD_IDS[doc_id] in body.decode("utf-8"), path
    assert reached == {doc_id: {"/documents/", "/api/documents/"} for doc_id in ODD_IDS}


def test_each_document_page_names_its_twin_and_its_spans(served):
    for doc_id in ODD_IDS:
        encoded = quote(doc_id, safe="")
        status, headers, body = rel.http(served, f"/documents/{encoded}")
        assert status == 200, (doc_id, body[:200])
        assert headers["link"].startswith(f"</api/documents/{encoded}>")
        status, _, body = rel.http(served, f"/api/documents/{encoded}")
        assert status == 200 and json.loads(body)["document"]["id"] == doc_id
        records = json.loads(body)["records"]
        assert records["event"] and records["quote"]
        for record in records["event"] + records["quote"]:
            assert record["span_href"].startswith(f"/documents/{encoded}?focus=")
