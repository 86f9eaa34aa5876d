"""The open server: loopback by default, read-only by default, writes only with
--allow-write and the token, bounded request bodies, no path traversal, and no
server error on any generated request (schemathesis).
"""

from __future__ import annotations

import gzip
import hmac
import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import reliability_helpers as rel
from fastapi.testclient import TestClient

from hudhud.store import SCHEMA_VERSION
from hudhud.web import create_app, guard

# The fixture of the schema this hudhud writes: `hudhud serve` opens it read-only.
FIXTURE = Path(__file__).parent / "fixtures" / f"store-v{SCHEMA_VERSION}.duckdb.gz"
TOKEN = "test-token-" + "x" * 32


def fixture_store(folder: Path) -> Path:
    db = folder / "store.duckdb"
    with gzip.open(FIXTURE, "rb") as src, open(db, "wb") as out:
        shutil.copyfileobj(src, out)
    return db


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "server exited"
        try:
            if rel.http(port, "/api/overview", timeout=5)[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not start")


get = rel.http


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`hudhud serve` (the real command, default options) over a copy of the fixture store."""
    tmp = tmp_path_factory.mktemp("serve")
    db = fixture_store(tmp)
    port = rel.free_port()
    proc = subprocess.Popen([rel.HUDHUD, "serve", "--db", str(db), "--port", str(port)],
                            cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_ready(port, proc)
        yield port, db
    finally:
        rel.kill(proc)


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on `port`, from /proc/net/tcp{,6}."""
    found = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":  # LISTEN
                found.add(address)
    return found


def test_serve_listens_on_loopback_only(served):
    port, _ = served
    assert listening_addresses(port) == {"0100007F"}, "127.0.0.1 in /proc/net/tcp's byte order"


def test_serve_is_read_only_by_default(served):
    port, _ = served
    for path in ("/api/ingest?name=a.jsonl", "/api/actors/merge", "/api/actors/split"):
        status, _, body = get(port, path, "POST", b'{"first": "a", "second": "b"}',
                              {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
        assert status == 403 and json.loads(body)["code"] == "H065", (path, body)


TRAVERSALS = [
    "/static/../app.py", "/static/../../web/app.py", "/static/..%2fapp.py", "/static/..%2F..%2Fapp.py",
    "/static/%2e%2e/app.py", "/static/%2e%2e%2f%2e%2e%2fpyproject.toml", "/static/%252e%252e/app.py",
    "/static/..%5capp.py", "/static/..\\app.py", "/static/dist/../../app.py", "/static//etc/passwd",
    "/static/%2fetc%2fpasswd", "/static/....//....//app.py", "/static/..;/app.py",
    "/static/style.css%00.py", "/static/%c0%ae%c0%ae/app.py", "/../../../../etc/passwd",
    "/static/../../../../../../etc/passwd", "/documents/..%2f..%2f..%2fetc%2fpasswd",
    "/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
]
SECRETS = (b"def create_app", b"root:x:", b"[build-system]", b"import ")


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_traversal(served, path):
    port, _ = served
    status, _, body = get(port, path)
    assert status in (400, 404), (path, status, body[:200])
    assert not any(secret in body for secret in SECRETS), path


def test_static_files_still_serve(served):
    port, _ = served
    status, headers, body = get(port, "/static/style.css")
    assert status == 200 and headers["content-type"].startswith("text/css") and body


# -- the write routes: --allow-write and the token --------------------------------------------

@pytest.fixture
def writable(tmp_path):
    app = create_app(fixture_store(tmp_path), allow_write=True, token=TOKEN)
    try:
        with TestClient(app) as client:
            yield client
    finally:
        app.state.store.close()
        app.state.jobs.close()


def judge(client, kind: str, first: str, second: str, headers: dict | None = None):
    return client.post(f"/api/actors/{kind}", json={"first": first, "second": second},
                       headers=headers if headers is not None else {"Authorization": f"Bearer {TOKEN}"})


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": f"Bearer {TOKEN[:-1]}"}, {"X-Hudhud-Token": TOKEN + "x"}, {"Cookie": f"token={TOKEN}"},
])
def test_writes_need_the_token(writable, headers):
    response = judge(writable, "merge", "Syrian Arab Army", "Syrian soldiers", headers)
    assert response.status_code == 401, response.text
    assert response.json()["code"] == "H066"
    assert response.headers["www-authenticate"] == "Bearer"
    assert len(writable.get("/api/actors?q=Syrian").json()["actors"]) == 2, "nothing was written"
    assert writable.post("/api/ingest?name=a.jsonl", content=b'{"text": "x"}', headers=headers).status_code == 401
    assert writable.post(f"/api/ingest?name=a.jsonl&token={TOKEN}", content=b'{"text": "x"}').status_code == 401


def test_merge_and_split_with_the_token(writable):
    response = judge(writable, "merge", "Syrian Arab Army", "Syrian soldiers")
    assert response.status_code == 200, response.text
    assert response.json()["resolve"]["actors"] == 15
    names = {a["name"] for a in writable.get("/api/actors?limit=100").json()["actors"]}
    assert "Syrian soldiers" not in names
    response = judge(writable, "split", "Hezbollah", "Hezbollah's parliamentary bloc",
                     {"X-Hudhud-Token": TOKEN})
    assert response.status_code == 200, response.text
    assert judge(writable, "merge", "Nobody at all", "Iran").status_code == 404
    assert judge(writable, "merge", "Iran", "Hezbollah").status_code == 400  # two KB entries
    assert judge(writable, "split", "", "x").status_code == 422


def test_the_token_comes_from_the_environment_or_is_random(tmp_path, monkeypatch):
    db = fixture_store(tmp_path)
    monkeypatch.setenv("HUDHUD_TOKEN", "from-the-environment")
    app = create_app(db, allow_write=True)
    assert app.state.token == "from-the-environment"
    app.state.store.close()
    monkeypatch.delenv("HUDHUD_TOKEN")
    tokens = set()
    for _ in range(2):
        app = create_app(db, allow_write=True)
        tokens.add(app.state.token)
        app.state.store.close()
    assert len(tokens) == 2 and all(len(t) >= 40 for t in tokens)
    assert create_app(db).state.token is None


def test_tokens_are_compared_in_constant_time(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert guard.token_matches("abc", "abc") and not guard.token_matches("abd", "abc")
    assert not guard.token_matches(None, "abc") and not guard.token_matches("abc", None)
    assert len(calls) == 2


def test_serve_prints_the_token_and_takes_writes(tmp_path):
    db = fixture_store(tmp_path)
    port = rel.free_port()
    env = {k: v for k, v in __import__("os").environ.items() if k != "HUDHUD_TOKEN"}
    proc = subprocess.Popen([rel.HUDHUD, "serve", "--db", str(db), "--port", str(port), "--allow-write"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        wait_ready(port, proc)
        lines = [proc.stdout.readline().decode() for _ in range(2)]
        token = lines[1].rsplit("Bearer ", 1)[1].strip()
        assert len(token) >= 40
        body = json.dumps({"first": "Syrian Arab Army", "second": "Syrian soldiers"}).encode()
        status, _, _ = get(port, "/api/actors/merge", "POST", body, {"Content-Type": "application/json"})
        assert status == 401
        status, _, reply = get(port, "/api/actors/merge", "POST", body,
                               {"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
                               timeout=60)
        assert status == 200, reply
    finally:
        rel.kill(proc)


def test_an_upload_name_is_never_a_path(writable, tmp_path):
    jobs = writable.app.state.jobs
    jobs._run = lambda paths, db, **kw: type("S", (), {"to_dict": lambda self: {"paths": paths}})()
    response = writable.post("/api/ingest?name=../../../../tmp/evil.jsonl",
                             content=b'{"id": "x", "text": "Iran said."}\n',
                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 202, response.text
    job = response.json()
    assert job["name"] == "evil.jsonl"
    assert jobs.wait(10)
    done = writable.get(job["href"], headers={"Authorization": f"Bearer {TOKEN}"}).json()
    (path,) = done["summary"]["paths"]
    assert Path(path).parent == jobs.folder and Path(path).name == f"{job['id']}.jsonl"
    assert not Path("/tmp/evil.jsonl").exists()
    bad = writable.post("/api/ingest?name=evil.exe", content=b"MZ", headers={"Authorization": f"Bearer {TOKEN}"})
    assert bad.status_code == 400


# -- request size ---------------------------------------------------------------------------

def test_request_bodies_over_the_limit_get_413(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = b"x" * (guard.MAX_BODY + 1)
    response = writable.post("/api/ingest?name=a.jsonl", content=big, headers=auth)
    assert response.status_code == 413 and response.json()["code"] == "H064"
    assert "content-security-policy" in response.headers

    def chunks():  # no Content-Length: the limit is counted as the body arrives
        for _ in range(11):
            yield b"y" * (1024 * 1024)

    response = writable.post("/api/ingest?name=a.jsonl", content=chunks(), headers=auth)
    assert response.status_code == 413
    assert writable.request("GET", "/api/overview", content=big).status_code == 413
    assert writable.get("/api/jobs", headers=auth).json()["jobs"] == [], "nothing reached the app"


def test_a_body_under_the_limit_goes_through(writable):
    jobs = writable.app.state.jobs
    jobs._run = lambda paths, db, **kw: type("S", (), {"to_dict": lambda self: {"bytes": Path(paths[0]).stat().st_size}})()

    line = b'{"text": "Iran condemned the strike."}\n'

    def chunks():
        for _ in range(3):
            yield line * 1000

    response = writable.post("/api/ingest?name=a.jsonl", content=chunks(),
                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 202, response.text
    assert jobs.wait(10)
    assert writable.get(response.json()["href"], headers={"Authorization": f"Bearer {TOKEN}"}
                        ).json()["summary"]["bytes"] == 3000 * len(line)


# -- schemathesis: generated requests never make a server error --------------------------------

def _no_server_errors(app, headers: dict | None = None, only: tuple[str, ...] = ()) -> int:
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.checks import not_a_server_error

    api = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [r.ok() for r in api.get_all_operations()]
    if only:
        operations = [o for o in operations if o.path in only]
    for operation in operations:
        @settings(max_examples=5, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        check()
    return len(operations)


WRITE_PATHS = ("/api/ingest", "/api/actors/merge", "/api/actors/split", "/api/jobs", "/api/jobs/{job_id}")


def test_schemathesis_finds_no_server_error_on_the_write_routes(tmp_path):
    db = fixture_store(tmp_path)
    read_only = create_app(db)
    try:
        assert _no_server_errors(read_only, only=WRITE_PATHS) == len(WRITE_PATHS)
    finally:
        read_only.state.store.close()
    writable = create_app(db, allow_write=True, token=TOKEN)
    writable.state.jobs._run = lambda paths, db, **kw: type("S", (), {"to_dict": lambda self: {}})()
    try:
        _no_server_errors(writable, only=WRITE_PATHS)  # no token: 401
        _no_server_errors(writable, {"Authorization": f"Bearer {TOKEN}"}, only=WRITE_PATHS)
    finally:
        writable.state.store.close()
        writable.state.jobs.close()
