"""The workbench stays usable while new articles are ingested, with DuckDB's one
writer per file:

- `hudhud serve --allow-write` runs ingestion jobs itself (POST /api/ingest):
  its requests and the job share one database, so every page keeps answering.
- `hudhud serve` (read-only) holds the file only while a request runs, so
  `hudhud ingest` in another process can take it; while that process holds
  it, requests wait up to 2 s and then answer 503 with Retry-After: never a
  500, never a hang. After the ingest, the new documents are there.

Real servers (`hudhud serve` on 127.0.0.1, a free port) and a real ingest.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import reliability_helpers as rel

from hudhud.store import SCHEMA_VERSION

# The fixture of the schema this hudhud writes: `hudhud serve` opens it read-only.
FIXTURE = Path(__file__).parent / "fixtures" / f"store-v{SCHEMA_VERSION}.duckdb.gz"
TOKEN = "concurrency-" + "t" * 32
PAGES = ["/api/overview", "/", "/api/events", "/actors", "/api/documents/fx-01", "/network"]
#: What a request may take at most: the 2 s lock wait, the query, a loaded machine.
SLOW_REQUEST = 30.0  # a hang detector, not a speed target (speed lives in `hudhud bench`)


def fixture_store(folder: Path) -> Path:
    db = folder / "store.duckdb"
    with gzip.open(FIXTURE, "rb") as src, open(db, "wb") as out:
        shutil.copyfileobj(src, out)
    return db


def articles(n: int) -> list[dict]:
    places = ["Mosul", "Aleppo", "Sanaa", "Tikrit", "Kirkuk", "Hodeidah", "Baalbek", "Raqqa"]
    return [{"id": f"new{i:03d}", "published": "2021-04-0%d" % (1 + i % 9),
             "text": f"Bulletin {i}. Gunmen attacked a checkpoint near {places[i % 8]} on Monday, "
                     f"killing {2 + i % 9} soldiers, officials said. The army said it would respond."}
            for i in range(n)]


def start_server(db: Path, cwd: Path, *extra: str) -> tuple[subprocess.Popen, int]:
    port = rel.free_port()
    env = {**os.environ, "HUDHUD_TOKEN": TOKEN}
    proc = subprocess.Popen([rel.HUDHUD, "serve", "--db", str(db), "--port", str(port), *extra],
                            cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
        try:
            if rel.http(port, "/api/overview", timeout=5)[0] == 200:
                return proc, port
        except OSError:
            pass
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)


def poll(port: int, log: list, until) -> None:
    """Request the pages in turn, like an analyst clicking, until `until()`."""
    i = 0
    while not until():
        path = PAGES[i % len(PAGES)]
        start = time.monotonic()
        try:
            status, headers, _ = rel.http(port, path, timeout=SLOW_REQUEST + 5)
        except OSError as exc:  # a refused or timed-out request: recorded, fails below
            status, headers = f"error {exc.__class__.__name__}", {}
        log.append({"t": start, "path": path, "status": status, "seconds": time.monotonic() - start,
                    "retry_after": headers.get("retry-after")})
        i += 1
        time.sleep(0.05)


def check_answers(log: list) -> None:
    assert log, "no request was made while the ingest ran"
    for entry in log:
        assert entry["status"] in (200, 503), entry
        assert entry["seconds"] < SLOW_REQUEST, entry
        if entry["status"] == 503:
            assert entry["retry_after"] == "2", entry


@pytest.fixture(scope="module")
def cli_ingest_while_serving(tmp_path_factory):
    """`hudhud serve` (read-only) and, at the same time, `hudhud ingest` of 48 articles."""
    tmp = tmp_path_factory.mktemp("concurrent")
    db = fixture_store(tmp)
    corpus = tmp / "new.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles(48)), encoding="utf-8")
    server, port = start_server(db, tmp)
    try:
        log: list = []
        ingest = subprocess.Popen([rel.HUDHUD, "ingest", str(corpus), "--db", str(db), "--json"],
                                  cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        started = time.monotonic()
        poll(port, log, lambda: ingest.poll() is not None or time.monotonic() - started > 300)
        out, err = ingest.communicate(timeout=60)
        after = {path: rel.http(port, path, timeout=SLOW_REQUEST) for path in
                 ("/api/overview", "/api/documents/new007", "/documents/new047")}
        yield {"log": log, "returncode": ingest.returncode, "summary": out.decode(), "stderr": err.decode(),
               "after": after}
    finally:
        rel.kill(server)


def test_requests_answer_while_the_cli_ingests(cli_ingest_while_serving):
    run = cli_ingest_while_serving
    print("statuses during the ingest:", [e["status"] for e in run["log"]])
    assert run["returncode"] == 0, run["stderr"][-2000:]
    assert json.loads(run["summary"])["stored"] == 48
    check_answers(run["log"])


def test_the_new_documents_appear_after_the_ingest(cli_ingest_while_serving):
    after = cli_ingest_while_serving["after"]
    status, _, body = after["/api/overview"]
    assert status == 200 and json.loads(body)["counts"]["documents"] == 5 + 48
    assert after["/api/documents/new007"][0] == 200
    status, _, body = after["/documents/new047"]
    assert status == 200 and b"Bulletin 47" in body


def longest_outage(log: list) -> float:
    """Seconds of the longest run of consecutive requests that did not get a 200."""
    longest, start = 0.0, None
    for entry in log:
        if entry["status"] == 200:
            start = None
            continue
        start = entry["t"] if start is None else start
        longest = max(longest, entry["t"] + entry["seconds"] - start)
    return longest


def test_readers_get_in_between_the_cli_ingests_batches(cli_ingest_while_serving):
    # The server should answer between the ingest's write transactions (while it
    # loads the model and analyses), not 503 from its first batch to its end.
    log = cli_ingest_while_serving["log"]
    assert longest_outage(log) < 3.0, [(round(e["t"] - log[0]["t"], 2), e["status"]) for e in log]


def test_server_ingest_jobs_keep_every_page_answering(tmp_path):
    db = fixture_store(tmp_path)
    body = "".join(json.dumps(a) + "\n" for a in articles(40)).encode()
    server, port = start_server(db, tmp_path, "--allow-write")
    try:
        status, _, reply = rel.http(port, "/api/ingest?name=news.jsonl", "POST", body,
                                    {"Authorization": f"Bearer {TOKEN}"})
        assert status == 202, reply
        job = json.loads(reply)
        log: list = []
        state = {"status": job["status"]}

        def finished() -> bool:
            state.update(json.loads(rel.http(port, job["href"], timeout=10,
                                             headers={"Authorization": f"Bearer {TOKEN}"})[2]))
            return state["status"] in ("done", "failed")

        started = time.monotonic()
        poll(port, log, lambda: finished() or time.monotonic() - started > 300)
        assert state["status"] == "done", (state.get("error"), state.get("errors"))
        assert state["summary"]["stored"] == 40, state
        assert len(log) >= 5, "the job ran too briefly to be tested"
        assert [e for e in log if e["status"] != 200] == []
        assert max(e["seconds"] for e in log) < SLOW_REQUEST
        overview = json.loads(rel.http(port, "/api/overview")[2])
        assert overview["counts"]["documents"] == 5 + 40
        assert rel.http(port, "/api/documents/new039")[0] == 200
    finally:
        rel.kill(server)
