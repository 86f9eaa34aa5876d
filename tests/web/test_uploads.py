"""Uploads: their size once decompressed, and folders that name their owner."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import zlib
from pathlib import Path

import pytest

from hudhud.web import uploads
from hudhud.web.uploads import inflated_size

LIMIT = 1_000_000


def gzip_of_run(size: int, byte: bytes = b"z") -> bytes:
    """One gzip member holding `size` copies of `byte`, compressed a mebibyte at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = byte * (1 << 20)
    parts = [packer.compress(block[:min(len(block), size - done)]) for done in range(0, size, len(block))]
    return b"".join(parts) + packer.flush()


def readers_size(data: bytes) -> int:
    """What Python's gzip module gives for `data`, up to the point where it fails."""
    out = 0
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        try:
            while chunk := fh.read(1024):
                out += len(chunk)
        except (EOFError, OSError, zlib.error):
            pass
    return out


PLAIN = b'{"id": "a", "text": "Rockets hit the base."}\n'
MEMBERS = [gzip.compress(b"first line\n"), gzip.compress(b"second line\n")]


@pytest.mark.parametrize("data", [
    gzip.compress(PLAIN * 100),
    b"".join(MEMBERS),
    MEMBERS[0] + b"\x00" * 7 + MEMBERS[1],  # zero padding, which gzip.GzipFile skips
    gzip.compress(os.urandom(200_000)),
    gzip.compress(b"y" * LIMIT),
], ids=["one member", "two members", "padded members", "incompressible", "exactly the limit"])
def test_the_count_is_what_the_readers_decompress(data):
    assert inflated_size(data, LIMIT) == readers_size(data)


def test_data_that_is_not_gzip_counts_as_itself():
    assert inflated_size(PLAIN, LIMIT) == len(PLAIN)
    assert inflated_size(b"", LIMIT) == 0


def test_one_byte_past_the_limit_is_refused():
    assert inflated_size(gzip.compress(b"y" * (LIMIT + 1)), LIMIT) == LIMIT + 1


def test_a_line_bomb_is_refused_after_the_limit_not_after_the_line():
    bomb = gzip_of_run(256 << 20)  # 256 MiB of one letter in about 250 kB
    assert len(bomb) < 300_000
    assert inflated_size(bomb, LIMIT) == LIMIT + 1
    small_bombs = gzip_of_run(600_000) * 2  # each member under the limit, the two over it
    assert inflated_size(small_bombs, LIMIT) == LIMIT + 1


def test_a_member_after_zero_padding_still_counts():
    sneaky = MEMBERS[0] + b"\x00" * 3 + gzip_of_run(2 * LIMIT)
    assert inflated_size(sneaky, LIMIT) == LIMIT + 1


def test_a_damaged_or_cut_member_ends_the_count():
    whole = gzip.compress(PLAIN * 3000)
    cut = whole[: len(whole) // 2]
    # The readers get what decompresses before the cut (less, read in bigger slices).
    assert readers_size(cut) <= inflated_size(cut, LIMIT) < len(PLAIN) * 3000
    damaged = MEMBERS[0] + b"\x1f\x8b\x07" + b"\x00" * 7 + gzip_of_run(2 * LIMIT)  # method 7: none
    assert readers_size(damaged) <= inflated_size(damaged, LIMIT) == len(b"first line\n")
    trailing = MEMBERS[0] + b"not gzip at all"
    assert inflated_size(trailing, LIMIT) == len(b"first line\n") + len(b"not gzip at all")


# -- folders that name their owner ------------------------------------------------------------

def test_a_folder_names_this_process_and_its_start(tmp_path):
    folder = uploads.make_folder(str(tmp_path))
    pid, start = folder.name[len(uploads.PREFIX):].split("-")[:2]
    assert int(pid) == os.getpid() and int(start) == uploads.process_start(os.getpid()) > 0
    assert uploads.owner_alive(folder.name) is True
    assert (folder.stat().st_mode & 0o777) == 0o700


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_only_folders_of_gone_owners_are_removed(tmp_path):
    live = subprocess.Popen(["sleep", "60"])
    try:
        start = uploads.process_start(live.pid)
        names = {
            "dead": f"{uploads.PREFIX}{_dead_pid()}-{start}-aaaa",
            "reused": f"{uploads.PREFIX}{live.pid}-{start - 1}-bbbb",  # same pid, another process
            "live": f"{uploads.PREFIX}{live.pid}-{start}-cccc",
            "mine": f"{uploads.PREFIX}{os.getpid()}-{uploads.process_start(os.getpid())}-dddd",
            "no owner": f"{uploads.PREFIX}k2j9x_1q",  # named by hudhud before owners were named
            "other": "pytest-of-someone",
        }
        for name in names.values():
            (tmp_path / name).mkdir()
            (tmp_path / name / "upload.jsonl").write_text("{}\n")
        target = tmp_path / "precious"
        target.mkdir()
        (target / "keep.txt").write_text("keep")
        link = tmp_path / f"{uploads.PREFIX}{_dead_pid()}-1-link"
        link.symlink_to(target, target_is_directory=True)

        removed = uploads.remove_stale(str(tmp_path))

        assert sorted(p.name for p in removed) == sorted([names["dead"], names["reused"]])
        left = {p.name for p in tmp_path.iterdir()}
        assert left == {names["live"], names["mine"], names["no owner"], names["other"],
                        "precious", link.name}
        assert (target / "keep.txt").read_text() == "keep", "a symlink is never followed"
    finally:
        live.kill()
        live.wait()


def test_a_missing_parent_removes_nothing(tmp_path):
    assert uploads.remove_stale(str(tmp_path / "nowhere")) == []


def test_jobs_close_removes_the_folder_and_a_later_upload_makes_another(tmp_path, monkeypatch):
    from hudhud.web.write import Jobs

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    jobs = Jobs(str(tmp_path / "x.duckdb"), run=lambda *a, **k: None)
    first = jobs.folder
    assert first.parent == tmp_path and first.is_dir()
    jobs.close()
    assert not first.exists()
    second = jobs.folder
    assert second.is_dir() and second != first
    jobs.close()
    assert list(Path(tmp_path).iterdir()) == []
