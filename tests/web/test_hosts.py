"""The Host check: which Host headers name the server, and what others get."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from hudhud.web import create_app
from hudhud.web.hosts import allowed_names, host_name


@pytest.mark.parametrize("header, name", [
    ("localhost", "localhost"), ("localhost:8000", "localhost"), ("LocalHost.:80", "localhost"),
    ("127.0.0.1:8000", "127.0.0.1"), ("[::1]:8000", "::1"), ("[::1]", "::1"),
    ("news.example.org", "news.example.org"), ("localhost:", "localhost"),
    ("localhost:80@attacker.example", None), ("127.0.0.1:8000:9", None), ("[::1]x", None),
    ("[::1", None), ("", None), (":8000", None), ("localhost,attacker.example", None),
    ("localhost/x", None), ("local host", None), ("localhost:８０", None),
])
def test_host_name_of_a_header(header, name):
    assert host_name(header) == name


def test_the_allowed_names_are_loopback_the_bound_address_and_the_extra_ones():
    assert allowed_names() == {"localhost", "127.0.0.1", "::1"}
    assert allowed_names("0.0.0.0", ["News.Example.", "[fd00::5]", " "]) == {
        "localhost", "127.0.0.1", "::1", "0.0.0.0", "news.example", "fd00::5"}


@pytest.fixture(scope="module")
def checked(demo_db):
    app = create_app(demo_db, allowed_hosts=allowed_names(extra=["desk.lan"]))
    try:
        yield app
    finally:
        app.state.store.close()


@pytest.mark.parametrize("base", ["http://localhost", "http://127.0.0.1:8000", "http://[::1]:9",
                                  "http://desk.lan:8000"])
def test_named_hosts_are_answered(checked, base):
    with TestClient(checked, base_url=base) as client:
        assert client.get("/api/overview").status_code == 200


@pytest.mark.parametrize("base", ["http://attacker.example", "http://testserver",
                                  "http://localhost.attacker.example:8000"])
@pytest.mark.parametrize("path", ["/api/overview", "/", "/api/documents/demo-01", "/static/style.css"])
def test_other_hosts_get_400_in_the_error_shape(checked, base, path):
    with TestClient(checked, base_url=base) as client:
        response = client.get(path)
    assert response.status_code == 400
    body = response.json()
    assert body == {"ok": False, "status": 400, "code": "H068", "error": body["error"], "hint": body["hint"]}
    assert "--allowed-host" in body["hint"]
    assert "content-security-policy" in response.headers
    assert "demo-01" not in response.text and "Kataib" not in response.text, "no data from the store"
