"""An upload's ingest job and the pages share one process: neither breaks the other.

The job's store sink opens and closes the file for every batch; the server opened
and closed its own connection around every request. DuckDB keeps one database
per file per process and drops it with its last connection, so a close in one
thread while the other thread opened failed with "Unique file handle conflict":
a 500 on the pages, or a failed batch in the job (seen in
test_concurrency.py::test_server_ingest_jobs_keep_every_page_answering).
"""

from __future__ import annotations

import gzip
import shutil
import time
from pathlib import Path

from fastapi.testclient import TestClient

from hudhud.engine.sink import StoreSink
from hudhud.store import SCHEMA_VERSION
from hudhud.web import create_app

FIXTURE = Path(__file__).parent / "fixtures" / f"store-v{SCHEMA_VERSION}.duckdb.gz"
TOKEN = "jobs-token-" + "j" * 32
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PAGES = ["/api/overview", "/api/events", "/api/documents/fx-01", "/actors", "/"]


def sink_batches(seconds: float):
    """An ingest job that does what the store sink does per batch (open the store,
    read, close) for `seconds`, without the language model."""

    def run(paths, db, **_):
        sink = StoreSink(db)
        batches = 0
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            sink.fingerprints("any")  # opens and closes a Store, like sink.write
            batches += 1
        return type("Summary", (), {"to_dict": lambda self: {"batches": batches}})()

    return run


def test_pages_answer_and_the_job_finishes_while_it_opens_and_closes_the_store(tmp_path):
    db = tmp_path / "store.duckdb"
    with gzip.open(FIXTURE, "rb") as src, open(db, "wb") as out:
        shutil.copyfileobj(src, out)
    app = create_app(db, allow_write=True, token=TOKEN)
    app.state.jobs._run = sink_batches(6.0)
    answers: list[tuple[str, int, str]] = []
    try:
        with TestClient(app) as client:
            job = client.post("/api/ingest?name=news.jsonl", content=b'{"text": "x"}\n', headers=AUTH).json()
            status = job["status"]
            i = 0
            while status not in ("done", "failed"):
                path = PAGES[i % len(PAGES)]
                response = client.get(path)
                answers.append((path, response.status_code, response.text[:200]))
                status = client.get(job["href"], headers=AUTH).json()["status"]
                i += 1
            final = client.get(job["href"], headers=AUTH).json()
    finally:
        app.state.store.close()
        app.state.jobs.close()
    assert final["status"] == "done", final["error"]
    assert final["summary"]["batches"] > 20, "the job opened the store often enough to race"
    assert len(answers) > 20, "the pages were asked often enough to race"
    assert [a for a in answers if a[1] != 200] == []
