"""The server's boundary, tested on the real `hudhud serve` process: it answers
only requests that name it (no DNS rebinding), lists jobs only to the token,
refuses uploads that decompress past the upload limit without inflating them,
and leaves no upload folder behind, even of a server killed with SIGKILL.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import struct
import subprocess
import time
import zlib
from contextlib import contextmanager
from pathlib import Path

import pytest
import reliability_helpers as rel

from hudhud.store import SCHEMA_VERSION

FIXTURE = Path(__file__).parent / "fixtures" / f"store-v{SCHEMA_VERSION}.duckdb.gz"
TOKEN = "boundary-token-" + "b" * 32
AUTH = {"Authorization": f"Bearer {TOKEN}"}
#: A gzip member header: deflate, no flags, no time, best compression, Unix.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"


def fixture_store(folder: Path) -> Path:
    db = folder / "store.duckdb"
    with gzip.open(FIXTURE, "rb") as src, open(db, "wb") as out:
        shutil.copyfileobj(src, out)
    return db


@contextmanager
def serving(folder: Path, *options: str):
    """`hudhud serve --db COPY --port P OPTIONS` with its own TMPDIR (folder/tmp):
    yields (port, process, tmpdir); killed at the end if still running. Its ingest
    jobs fail at once, for want of a language model: these tests are about what
    reaches a job, and loading the model would cost each one 10 s and 200 MB."""
    db = fixture_store(folder)
    tmpdir = folder / "tmp"
    tmpdir.mkdir(exist_ok=True)
    port = rel.free_port()
    env = {**os.environ, "TMPDIR": str(tmpdir), "HUDHUD_TOKEN": TOKEN,
           "HUDHUD_SPACY_MODEL": str(folder / "no-model-here")}
    proc = subprocess.Popen([rel.HUDHUD, "serve", "--db", str(db), "--port", str(port), *options],
                            cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
        yield port, proc, tmpdir
    finally:
        rel.kill(proc)


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """The server as `hudhud serve` starts it with no options."""
    with serving(tmp_path_factory.mktemp("plain")) as (port, _, _):
        yield port


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("writable"), "--allow-write") as served:
        yield served


def error_of(body: bytes) -> dict:
    data = json.loads(body)
    assert set(data) == {"ok", "status", "error", "code", "hint"} and data["ok"] is False, data
    return data


# -- item 9: the Host check -------------------------------------------------------------------

FOREIGN_HOSTS = ["attacker.example", "attacker.example:{port}", "127.0.0.1.attacker.example:{port}",
                 "localhost.attacker.example", "localhost:{port}@attacker.example", "",
                 "[::1].attacker.example", "127.0.0.1:{port}:80"]


OWN_HOSTS = ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST", "localhost.", "[::1]:{port}",
             "127.0.0.1"]


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_a_request_naming_another_host_gets_400_and_no_data(plain, host):
    for path in ("/api/overview", "/api/documents/fx-01", "/documents/fx-01", "/api/actors", "/"):
        status, _, body = rel.http(plain, path, headers={"Host": host.format(port=plain)})
        assert status == 400, (host, path, body[:200])
        assert error_of(body)["code"] == "H068"
        assert b"fx-01" not in body and b"Erbil" not in body, "nothing from the store"
    for own in OWN_HOSTS:  # while the names of this machine are answered
        status, _, body = rel.http(plain, "/api/documents/fx-01", headers={"Host": own.format(port=plain)})
        assert status == 200 and json.loads(body)["document"]["id"] == "fx-01", own
    for hosts in ([], ["localhost", "attacker.example"]):  # none, or two that disagree
        assert _raw_request(plain, hosts) == 400


def _raw_request(port: int, hosts: list[str]) -> int:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", "/api/overview", skip_host=True)
        for host in hosts:
            conn.putheader("Host", host)
        conn.endheaders()
        return conn.getresponse().status
    finally:
        conn.close()


def test_names_given_with_allowed_host_are_answered_too(tmp_path):
    with serving(tmp_path, "--allow-write", "--allowed-host", "desk.lan",
                 "--allowed-host", "Analyst.Example.") as (port, _, _):
        for host in ("desk.lan:{port}", "analyst.example", "localhost:{port}"):
            assert rel.http(port, "/api/overview", headers={"Host": host.format(port=port)})[0] == 200
        status, _, body = rel.http(port, "/api/overview", headers={"Host": "other.example"})
        assert status == 400 and error_of(body)["code"] == "H068"
        # The Host is checked before the token: a page that learnt the token gets nothing either.
        status, _, _ = rel.http(port, "/api/jobs", headers={**AUTH, "Host": "attacker.example"})
        assert status == 400


# -- item 10: the jobs list needs the token ------------------------------------------------

def test_the_jobs_list_needs_the_token(writable):
    port = writable[0]
    status, _, _ = rel.http(port, "/api/ingest?name=mine.jsonl", "POST", b'{"nothing": 1}\n', AUTH)
    assert status == 202
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"X-Hudhud-Token": TOKEN[:-1]}):
        status, headers_back, body = rel.http(port, "/api/jobs", headers=headers)
        assert status == 401 and error_of(body)["code"] == "H066", body
        assert b"mine.jsonl" not in body and headers_back["www-authenticate"] == "Bearer"
    status, _, body = rel.http(port, "/api/jobs", headers=AUTH)
    assert status == 200
    job = next(j for j in json.loads(body)["jobs"] if j["name"] == "mine.jsonl")
    status, _, body = rel.http(port, job["href"])
    assert status == 401 and b"mine.jsonl" not in body
    assert rel.http(port, job["href"], headers=AUTH)[0] == 200


def test_a_read_only_server_has_no_jobs_to_show(plain):
    status, _, body = rel.http(plain, "/api/jobs")
    assert status == 403 and error_of(body)["code"] == "H065"


# -- item 5: the upload limit holds once decompressed ---------------------------------------------

def line_bomb(size: int) -> bytes:
    """A .jsonl.gz of one JSON line whose text is `size` bytes of one letter: 1 GiB packs
    into about 1 MB (the recipe of issue 12). Built in well under a second: each mebibyte
    is compressed once after a full flush, which makes its bytes the same every time."""
    head, tail = b'{"id": "bomb", "text": "', b'"}\n'
    block = b"a" * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)  # raw deflate: header ours
    packed_head = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    packed_block = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    packed_tail = packer.compress(tail) + packer.flush()
    count = size // len(block)
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    total = len(head) + count * len(block) + len(tail)
    return (GZIP_HEADER + packed_head + packed_block * count + packed_tail
            + struct.pack("<II", crc, total & 0xFFFFFFFF))


def wait_for_jobs(port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = json.loads(rel.http(port, "/api/jobs", headers=AUTH)[2])["jobs"]
        if all(j["status"] in ("done", "failed") for j in jobs):
            return
        time.sleep(0.2)
    raise AssertionError("the jobs did not finish")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def test_an_upload_that_decompresses_past_the_limit_gets_413_without_inflating(writable):
    port, proc, tmpdir = writable
    small = line_bomb(3 << 20)  # the recipe holds: it is the gzip of one line
    assert gzip.decompress(small) == b'{"id": "bomb", "text": "' + b"a" * (3 << 20) + b'"}\n'
    bomb = line_bomb(1 << 30)
    assert len(bomb) < 1_200_000
    wait_for_jobs(port)  # an earlier job's reading must not count here
    before = peak_rss_mb(proc.pid)
    for name in ("bomb.jsonl.gz", "bomb.csv.gz", "bomb.warc"):  # warcio inflates a .warc itself
        status, headers, body = rel.http(port, f"/api/ingest?name={name}", "POST", bomb, AUTH, timeout=60)
        assert status == 413, (name, status, body[:300])
        error = error_of(body)
        assert error["code"] == "H069" and error["status"] == 413 and "decompressed" in error["error"]
        assert "content-security-policy" in headers
    grown = peak_rss_mb(proc.pid) - before
    assert grown < 60, f"the server's peak memory grew by {grown:.0f} MB"
    jobs = json.loads(rel.http(port, "/api/jobs", headers=AUTH)[2])["jobs"]
    assert not [j for j in jobs if j["name"].startswith("bomb")], "no job was made"
    stored = [p for p in tmpdir.rglob("*") if p.is_file()]
    assert stored == [], "nothing was written"
    under = gzip.compress(b'{"nothing": 1}\n' * 1000)
    assert rel.http(port, "/api/ingest?name=fine.jsonl.gz", "POST", under, AUTH)[0] == 202


# -- item 16: upload folders go with their server ---------------------------------------------------

def upload_folders(tmpdir: Path) -> list[Path]:
    return sorted(tmpdir.glob("hudhud-uploads-*"))


def test_the_upload_folder_goes_when_the_server_is_stopped(tmp_path):
    with serving(tmp_path, "--allow-write") as (port, proc, tmpdir):
        status, _, body = rel.http(port, "/api/ingest?name=a.jsonl", "POST", b'{"nothing": 1}\n', AUTH)
        assert status == 202, body
        assert len(upload_folders(tmpdir)) == 1
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        assert upload_folders(tmpdir) == [], "the server removed its uploads as it stopped"
        assert proc.returncode in (0, 128 + signal.SIGTERM), proc.returncode


def test_a_new_server_removes_the_uploads_of_dead_servers_only(tmp_path):
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    killed = tmp_path / "killed"
    killed.mkdir()
    with serving(killed, "--allow-write") as (port, proc, old_tmp):
        assert rel.http(port, "/api/ingest?name=a.jsonl", "POST", b'{"nothing": 1}\n', AUTH)[0] == 202
        (stale,) = upload_folders(old_tmp)
        proc.kill()  # SIGKILL: no chance to clean up
        proc.wait()
    shutil.move(str(stale), tmpdir / stale.name)
    sleeper = subprocess.Popen(["sleep", "120"])
    try:
        start = Path(f"/proc/{sleeper.pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
        alive = tmpdir / f"hudhud-uploads-{sleeper.pid}-{start}-live"
        unnamed = tmpdir / "hudhud-uploads-x8_k2l0q"  # an older hudhud's, owner unknown
        for folder in (alive, unnamed):
            folder.mkdir()
            (folder / "upload.jsonl").write_text("{}\n")
        with serving(tmp_path) as (_, _, served_tmp):  # a read-only server cleans up too
            assert served_tmp == tmpdir
            assert not (tmpdir / stale.name).exists(), "the killed server's folder is gone"
            assert (alive / "upload.jsonl").exists() and (unnamed / "upload.jsonl").exists()
    finally:
        sleeper.kill()
        sleeper.wait()
