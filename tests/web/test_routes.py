"""Every page has a JSON twin, every API route answers, exports carry the filter."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from fastapi.routing import APIRoute

from hudhud.web.routes import TWINS, router


def _routes(in_schema: bool) -> dict[str, APIRoute]:
    return {r.path_format: r for r in router.routes
            if isinstance(r, APIRoute) and r.include_in_schema == in_schema}


def test_each_html_route_has_a_json_twin(client):
    html = _routes(in_schema=False)
    api = _routes(in_schema=True)
    assert html and api
    assert set(api) <= set(client.app.openapi()["paths"])
    assert set(html) == set(TWINS), "every HTML route is declared with its twin"
    for page, twin in TWINS.items():
        assert twin in api, f"{page} has no JSON twin"
        assert twin.startswith("/api/")


def _concrete(path: str, kataib: dict, event_id: str) -> str:
    return (path.replace("{actor_id}", kataib["id"]).replace("{event_id}", event_id)
            .replace("{doc_id}", "demo-01"))


def test_each_page_names_its_twin_and_both_answer(client, kataib):
    event_id = client.get("/api/events", params={"limit": 1}).json()["events"][0]["id"]
    for page, twin in TWINS.items():
        url = _concrete(page, kataib, event_id)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html")
        link = response.headers["link"]
        alt = _concrete(twin, kataib, event_id)
        assert link.startswith(f"<{alt}") and 'rel="alternate"' in link
        assert f'href="{alt}"' in response.text  # in <head> and in the footer
        data = client.get(alt)
        assert data.status_code == 200, alt
        assert data.headers["content-type"] == "application/json"


def test_twin_keeps_the_query_string(client):
    response = client.get("/events", params={"type": "ASSAULT", "since": "2019-01-01"})
    assert "</api/events?type=ASSAULT&since=2019-01-01>" in response.headers["link"]


def test_overview_counts_and_chart(client):
    data = client.get("/api/overview").json()
    assert data["counts"]["documents"] == 12
    assert data["top_actors"] and data["top_actors"][0]["mentions"] >= data["top_actors"][-1]["mentions"]
    assert sum(b["n"] for b in data["chart"]["bars"]) == sum(data["event_types"].values())
    assert sum(data["event_types"].values()) == data["counts"]["events"]
    days = [e["day"] for e in data["latest_events"]]
    assert days == sorted(days, reverse=True)


def test_actor_api_has_both_directions_and_kb_facts(client, kataib):
    data = client.get(f"/api/actors/{kataib['id']}").json()
    assert data["actor"]["name"] == "Kataib Hezbollah"
    assert data["actor"]["cameo"] == "IRQREB"  # from the knowledge base entry
    assert set(data["affiliations"]) == {"out", "in"}
    assert data["events_as_target"], "the demo corpus has strikes on Kataib Hezbollah"
    for e in data["events_as_target"]:
        assert e["target_actor_id"] == kataib["id"]
        assert e["span_href"].startswith(f"/documents/{e['doc_id']}?focus={e['id']}")
    assert data["graph_url"] == f"/api/graph?actor={kataib['id']}"


def test_actor_page_by_name(client, kataib):
    assert client.get("/api/actors/Kataib Hezbollah").json()["actor"]["id"] == kataib["id"]


def test_events_filter_and_paging(client):
    all_ = client.get("/api/events", params={"limit": 1000}).json()
    assert all_["total"] == len(all_["events"])
    assault = client.get("/api/events", params={"type": "ASSAULT", "limit": 5}).json()
    assert assault["total"] == sum(e["type"] == "ASSAULT" for e in all_["events"])
    assert len(assault["events"]) == min(5, assault["total"])
    late = client.get("/api/events", params={"since": "2024-01-01"}).json()
    assert late["total"] and all(e["day"] >= "2024-01-01" for e in late["events"])
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()["events"]
    assert [e["id"] for e in second] == [e["id"] for e in all_["events"][5:10]]


def test_search_finds_actor_place_and_text(client):
    data = client.get("/api/search", params={"q": "Kirkuk"}).json()
    assert any(p["name"] == "Kirkuk" for p in data["places"])
    assert any(d["id"] == "demo-05" for d in data["documents"])
    hits = [p["text"] for d in data["documents"] for p in d["snippet_parts"] if p["hit"]]
    assert hits and all(h.lower() == "kirkuk" for h in hits)
    actors = client.get("/api/search", params={"q": "hezbollah"}).json()["actors"]
    assert any(a["name"] == "Kataib Hezbollah" for a in actors)
    assert client.get("/api/search", params={"q": ""}).json()["documents"] == []


def test_document_api_segments_rebuild_the_text(client):
    data = client.get("/api/documents/demo-01").json()
    assert "".join(s["text"] for s in data["segments"]) == data["document"]["text"]
    kinds = {k for s in data["segments"] for k in s["kinds"]}
    assert {"event", "mention", "place"} <= kinds
    for rec in data["records"]["event"]:
        assert rec["span_href"].endswith(f"#r-{rec['id']}")


def test_event_api_highlights_its_span(client):
    event = client.get("/api/events", params={"type": "ASSAULT", "limit": 1}).json()["events"][0]
    data = client.get(f"/api/events/{event['id']}").json()
    focused = "".join(s["text"] for s in data["segments"] if s["focus"])
    assert focused == event["evidence"]
    page = client.get(f"/events/{event['id']}").text
    assert 'class="mark' in page and "focus" in page


def test_graph_api_and_ego_network(client, kataib):
    graph = client.get("/api/graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["edges"] and all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    ego = client.get("/api/graph", params={"actor": kataib["id"]}).json()
    assert ego["centre"]["id"] == kataib["id"]
    assert any(n["centre"] for n in ego["nodes"])
    assert len(ego["nodes"]) <= len(graph["nodes"])


def test_map_api_points_are_located(client):
    data = client.get("/api/map").json()
    assert data["events"] and all(e["lat"] is not None and e["lon"] is not None for e in data["events"])
    assert data["places"]
    early = client.get("/api/map", params={"until": "2016-01-01"}).json()
    assert len(early["events"]) < len(data["events"])


def test_exports_follow_the_filter(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv", params={"type": "ACCUSE"}).text)))
    assert rows and {r["type"] for r in rows} == {"ACCUSE"}
    assert len(rows) == client.get("/api/events", params={"type": "ACCUSE"}).json()["total"]
    lines = client.get("/api/events.jsonl", params={"type": "ACCUSE"}).text.splitlines()
    assert len(lines) == len(rows) and json.loads(lines[0])["type"] == "ACCUSE"
    gexf = client.get("/api/graph.gexf", params={"layer": "affiliations"})
    assert gexf.headers["content-disposition"].startswith("attachment")
    root = ET.fromstring(gexf.content)
    ns = {"g": "http://gexf.net/1.3"}
    edges = root.findall(".//g:edge", ns)
    graph = client.get("/api/graph", params={"layer": "affiliations"}).json()
    assert len(edges) == len(graph["edges"]) and len(root.findall(".//g:node", ns)) == len(graph["nodes"])
    edge_rows = list(csv.DictReader(io.StringIO(client.get("/api/graph.csv").text)))
    assert len(edge_rows) == len(client.get("/api/graph").json()["edges"])


@pytest.mark.parametrize("url, status, code", [
    ("/api/actors/no-such-actor", 404, "H061"),
    ("/api/events/no-such-event", 404, "H061"),
    ("/api/documents/no-such-doc", 404, "H061"),
    ("/api/events?since=2020-02-31", 400, "H062"),
    ("/api/events?type=NOTATYPE", 422, "H063"),
    ("/api/events?limit=0", 422, "H063"),
    ("/api/nothing-here", 404, "H060"),
])
def test_errors_have_one_json_shape(client, url, status, code):
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert body["ok"] is False and body["status"] == status and body["code"] == code
    assert body["error"]


def test_html_errors_are_pages(client):
    response = client.get("/actors/no-such-actor")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "H061" in response.text


def test_empty_form_fields_mean_no_filter(client):
    full = client.get("/api/events").json()["total"]
    assert client.get("/api/events?actor=&since=&until=&type=").json()["total"] == full


def test_actor_page_pages_its_lists(client, kataib):
    full = client.get(f"/api/actors/{kataib['id']}", params={"limit": 1000}).json()
    part = max(full["totals"], key=lambda k: (full["totals"][k], k))
    total = full["totals"][part]
    assert total >= 2
    one = client.get(f"/api/actors/{kataib['id']}", params={"limit": 1}).json()
    assert one["totals"] == full["totals"]
    assert all(one["pages"][k]["shown"] <= 1 for k in one["pages"])
    older = one["pages"][part]["older_href"]
    html = client.get(f"/actors/{kataib['id']}", params={"limit": 1}).text
    assert f"1–1 of {total:,}" in html and "older →" in html
    # The link of the HTML page, followed on the JSON twin: the next record of that list.
    path, _, rest = older.partition("?")
    second = client.get("/api" + path + "?" + rest.split("#")[0]).json()
    assert second["pages"][part]["offset"] == 1 and second["pages"][part]["newer_href"]
    page_html = client.get(older.split("#")[0]).text
    assert f"2–2 of {total:,}" in page_html and "← newer" in page_html


def test_actor_page_past_the_end_and_bad_pages(client, kataib):
    data = client.get(f"/api/actors/{kataib['id']}", params={"offset": 100000}).json()
    assert all(data["pages"][k]["shown"] == 0 for k in data["pages"])
    assert all(data["pages"][k]["older_href"] is None for k in data["pages"])
    for params in ({"limit": 0}, {"offset": -1}, {"quotes_offset": "x"}, {"limit": 5000}):
        response = client.get(f"/api/actors/{kataib['id']}", params=params)
        assert response.status_code == 422, params
