"""The app: security headers, escaping of untrusted text, read-only store, get()."""

from __future__ import annotations

import inspect
import re

import pytest

from hudhud.errors import StoreError
from hudhud.web import app as web_app
from hudhud.web import create_app, get, serve

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=\"/static/)[^>]*>", re.I)


def _hostile_urls(hostile_client) -> list[str]:
    actors = hostile_client.get("/api/actors").json()["actors"]
    event = hostile_client.get("/api/events").json()["events"][0]
    urls = ["/", "/actors", "/events", "/network", "/map", "/documents/evil%3C1%3E",
            f"/events/{event['id']}", "/search?q=%3Cscript%3E", "/search?q=brigade"]
    return urls + [f"/actors/{a['id']}" for a in actors]


def test_every_response_has_a_strict_csp(client):
    for url in ["/", "/api/overview", "/static/style.css", "/api/nothing", "/openapi.json"]:
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_markup_in_articles_is_escaped_everywhere(hostile_client):
    for url in _hostile_urls(hostile_client):
        response = hostile_client.get(url)
        assert response.status_code == 200, url
        html = response.text
        assert not INLINE_SCRIPT.search(html), f"inline or foreign script on {url}"
        assert "<img src=x" not in html and "<b>Brigade" not in html and "<i>Qaryat" not in html, url
        assert ' style="' not in html, f"inline style on {url} (the CSP would block it)"
    page = hostile_client.get("/documents/evil%3C1%3E").text
    assert "&lt;script&gt;alert(&#34;doc&#34;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_non_http_document_urls_are_not_links(hostile_client):
    page = hostile_client.get("/documents/evil%3C1%3E").text
    assert 'href="javascript:' not in page
    assert "javascript:alert(1)" in page  # shown as text


def test_json_keeps_the_text_as_it_is(hostile_client):
    data = hostile_client.get("/api/documents/evil%3C1%3E").json()
    assert data["document"]["text"].startswith('The <script>alert("doc")</script> Brigade')
    assert data["records"]["quote"][0]["text"] == "<img src=x onerror=alert(1)> will pay"


def test_store_is_opened_read_only_by_default(demo_db):
    app = create_app(demo_db)
    try:
        assert app.state.store.read_only
        with pytest.raises(StoreError):
            app.state.store.write(None, None)  # refused before it looks at the arguments
    finally:
        app.state.store.close()


def test_missing_store_is_a_hudhud_error(tmp_path):
    with pytest.raises(StoreError):
        create_app(tmp_path / "nothing.duckdb")


def test_serve_binds_loopback_by_default():
    params = inspect.signature(serve).parameters
    assert params["host"].default == "127.0.0.1"
    assert params["allow_write"].default is False


def test_docs_pages_that_need_a_cdn_are_off(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "hudhud"


def test_get_renders_without_a_server(demo_db):
    status, body = get(demo_db, "/api/events?type=ASSAULT&limit=2")
    assert status == 200 and '"total"' in body


def test_javascript_bundle_is_built():
    assert web_app.assets_built(), "run `make install` (cd web && npm ci && npm run build)"
