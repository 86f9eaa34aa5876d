"""The write routes: upload articles to ingest, merge and split actors.

Off unless the server runs with --allow-write, and then each request needs the
server's token (`Authorization: Bearer TOKEN` or `X-Hudhud-Token: TOKEN`),
compared in constant time. A header, not a cookie, so another web page cannot
make the analyst's browser send it.

An upload becomes a job that runs `hudhud.engine.pipeline.ingest` in this
process, one job at a time, in a background thread: the server keeps answering
while it runs (its connection and the job's share one DuckDB database, each
document committed in its own transaction). The uploaded file name gives only
the format (its suffix); the bytes go to a file the server names itself, in a
folder that names the server's process (hudhud.web.uploads) and goes when it stops.
An upload is held to the body limit twice: as sent (guard.BodyLimit) and once
decompressed (uploads.inflated_size), so 1 MB of gzip cannot become 1 GiB in a reader.
"""

from __future__ import annotations

import os
import queue
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from hudhud.errors import HudhudError, UploadTooLarge
from hudhud.model import stable_id
from hudhud.web import uploads
from hudhud.web.errors import BadRequest, NotFound
from hudhud.web.guard import MAX_BODY, token_matches, token_of

router = APIRouter()

#: Error lines a job keeps (the count is always exact).
MAX_JOB_ERRORS = 200

#: Seconds a merge or split waits for a running ingest job before answering 503.
WRITE_WAIT = 5.0


class Forbidden(HudhudError):
    code = "H065"
    status = 403


class Unauthorized(HudhudError):
    code = "H066"
    status = 401


class Busy(HudhudError):
    code = "H067"
    status = 503


def require_write(request: Request) -> None:
    """The dependency of every write route: --allow-write, then the token."""
    state = request.app.state
    if not getattr(state, "allow_write", False):
        raise Forbidden("this server is read-only.",
                        hint="Start it with `hudhud serve --allow-write` to enable writes.")
    if not token_matches(token_of(request.headers), getattr(state, "token", None)):
        raise Unauthorized("a valid token is required to write.",
                           hint="Send `Authorization: Bearer TOKEN` with the token "
                                "`hudhud serve --allow-write` printed (or HUDHUD_TOKEN).")


WriteDep = Depends(require_write)


class Jobs:
    """Ingest jobs of one server: a queue, one worker thread, their status by id."""

    def __init__(self, db: str, run: Callable[..., Any] | None = None, store: Any = None) -> None:
        self.db = db
        self.store = store  # the server's own; held open while a job writes (guard.ReleaseWhenIdle)
        self.writing = False
        self._folder: Path | None = None
        self.jobs: dict[str, dict[str, Any]] = {}
        self.write_lock = threading.Lock()  # one writer at a time: a job, or a merge/split
        self._queue: queue.Queue[tuple[str, Path, str | None]] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._guard = threading.Lock()
        self._run = run

    @property
    def folder(self) -> Path:
        """Where uploads wait for their job: a private temporary folder, made on first use."""
        with self._guard:
            if self._folder is None:
                self._folder = uploads.make_folder()
            return self._folder

    def submit(self, data: bytes, name: str, suffix: str, published: str | None) -> dict[str, Any]:
        job_id = stable_id("upload", name, len(data), time.time_ns(), os.getpid())
        path = self.folder / f"{job_id}{suffix}"
        path.write_bytes(data)
        job = {"id": job_id, "name": name, "bytes": len(data), "status": "queued",
               "href": f"/api/jobs/{job_id}", "summary": None, "errors": [], "error": None}
        self.jobs[job_id] = job
        self._queue.put((job_id, path, published))
        with self._guard:
            if self._worker is None or not self._worker.is_alive():
                # A daemon: stopping the server ends a running job, and the next
                # upload of the file resumes it (each document is all or nothing).
                self._worker = threading.Thread(target=self._work, name="hudhud-ingest", daemon=True)
                self._worker.start()
        return dict(job)

    def _work(self) -> None:
        while True:
            job_id, path, published = self._queue.get()
            job = self.jobs[job_id]
            try:
                with self.write_lock:
                    job["status"] = "running"
                    self._hold(True)
                    try:
                        self._ingest(job, path, published)
                    finally:
                        self._hold(False)
                job["status"] = "done"
            except Exception as exc:  # noqa: BLE001 - reported in the job, the server goes on
                job["status"] = "failed"
                job["error"] = str(exc)
            finally:
                path.unlink(missing_ok=True)
                self._queue.task_done()

    def _hold(self, writing: bool) -> None:
        """Open the server's connection for a job's run (and let go after), under the
        store's lock so that ReleaseWhenIdle sees `writing` and the connection agree."""
        if self.store is None:
            self.writing = writing
            return
        with self.store.lock:
            if writing:
                self.store.connection  # noqa: B018 - opening it is the point (may raise StoreBusy)
            else:
                self.store.release()
            self.writing = writing

    def _ingest(self, job: dict[str, Any], path: Path, published: str | None) -> None:
        run = self._run
        if run is None:
            from hudhud.engine.pipeline import ingest as run
        errors: list[str] = job["errors"]

        def on_error(line: str) -> None:
            if len(errors) < MAX_JOB_ERRORS:
                errors.append(line.replace(str(path), job["name"]))

        summary = run([str(path)], self.db, workers=1, published=published, on_error=on_error)
        job["summary"] = summary.to_dict()

    def wait(self, timeout: float) -> bool:
        """Wait until every queued job is done (for tests and scripts)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(j["status"] in ("done", "failed") for j in self.jobs.values()):
                return True
            time.sleep(0.05)
        return False

    def close(self) -> None:
        """Remove the upload folder (a later upload makes a new one)."""
        with self._guard:
            folder, self._folder = self._folder, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _upload_suffix(name: str) -> tuple[str, str]:
    """(display name, suffix) of an uploaded file name; only the suffix is used."""
    from hudhud.ingest.walk import format_of

    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    fmt, gzipped = format_of(base)
    if not base or fmt is None:
        raise BadRequest(f"cannot tell the format of {name!r}.",
                         hint="name the upload like articles.jsonl, news.csv, page.html, feed.xml "
                              "(optionally .gz)")
    ext = os.path.splitext(base[:-3] if gzipped else base)[1]
    return base, ext.lower() + (".gz" if gzipped else "")


Name = Annotated[str, Query(min_length=1, max_length=200,
                            description="The file's name; its suffix gives the format.")]
Published = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$",
                                        description="YYYY-MM-DD for records with no date.")]


@router.post("/api/ingest", tags=["write"], status_code=202, dependencies=[WriteDep],
             summary="Upload a file of articles to ingest (needs --allow-write and the token)")
async def ingest_upload(request: Request, name: Name = "upload.jsonl",
                        published: Published = None) -> dict[str, Any]:
    display, suffix = _upload_suffix(name)
    data = await request.body()  # at most guard.MAX_BODY bytes: BodyLimit saw to it
    if not data.strip():
        raise BadRequest("the upload is empty.", hint="send the file's bytes as the request body.")
    limit = getattr(request.app.state, "max_body", MAX_BODY)
    if await run_in_threadpool(uploads.inflated_size, data, limit) > limit:
        raise UploadTooLarge(f"{display} is larger than {limit} bytes once decompressed.",
                             hint="Split it into smaller files, each under the limit "
                                  "when decompressed (HUDHUD_MAX_UPLOAD_BYTES).")
    return request.app.state.jobs.submit(data, display, suffix, published)


JobId = Annotated[str, Query(min_length=1, max_length=64)]


# The jobs list names every upload, its size and summary: the token guards it like a write.
@router.get("/api/jobs", tags=["write"], dependencies=[WriteDep],
            summary="Ingest jobs of this server, newest first (needs --allow-write and the token)")
def jobs_api(request: Request) -> dict[str, Any]:
    jobs = getattr(request.app.state, "jobs", None)
    listed = list(jobs.jobs.values())[::-1] if jobs else []
    return {"jobs": [{k: v for k, v in j.items() if k != "errors"} for j in listed]}


@router.get("/api/jobs/{job_id}", tags=["write"], dependencies=[WriteDep],
            summary="One ingest job: status, summary, errors (needs --allow-write and the token)")
def job_api(request: Request, job_id: str) -> dict[str, Any]:
    jobs = getattr(request.app.state, "jobs", None)
    job = jobs.jobs.get(job_id) if jobs else None
    if job is None:
        raise NotFound(f"no job {job_id!r}.", hint="list them at /api/jobs.")
    return {**job, "errors": list(job["errors"])}


class Judgement(BaseModel):
    first: str = Field(min_length=1, max_length=200, description="Actor name, alias or id.")
    second: str = Field(min_length=1, max_length=200,
                        description="merge: the other actor; split: the alias that names someone else.")
    author: str | None = Field(default=None, max_length=200)


#: HudhudError codes of hudhud.resolve.judgement -> the web error they are.
_JUDGEMENT_ERRORS = {"H051": NotFound, "H052": BadRequest, "H053": BadRequest}


def _judge(request: Request, kind: str, body: Judgement) -> dict[str, Any]:
    from hudhud.kb import canonical_names
    from hudhud.resolve import resolve
    from hudhud.resolve.judgement import record

    jobs: Jobs = request.app.state.jobs
    if not jobs.write_lock.acquire(timeout=WRITE_WAIT):
        raise Busy("an ingest job is writing to the store.", hint="try again when it is done.")
    try:
        store = request.app.state.store
        with store.lock:
            try:
                row = record(store, kind, body.first, body.second, body.author)
            except HudhudError as exc:
                raise _JUDGEMENT_ERRORS.get(exc.code, BadRequest)(exc.message, hint=exc.hint) from None
            result = resolve(store, kb_names=canonical_names())
    finally:
        jobs.write_lock.release()
    row = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}
    return {"judgement": row, "resolve": result}


@router.post("/api/actors/merge", tags=["write"], dependencies=[WriteDep],
             summary="Record that two actors are one, then resolve (needs --allow-write and the token)")
def merge_api(request: Request, body: Judgement) -> dict[str, Any]:
    return _judge(request, "merge", body)


@router.post("/api/actors/split", tags=["write"], dependencies=[WriteDep],
             summary="Record that an alias names someone else, then resolve (needs --allow-write and the token)")
def split_api(request: Request, body: Judgement) -> dict[str, Any]:
    return _judge(request, "split", body)
