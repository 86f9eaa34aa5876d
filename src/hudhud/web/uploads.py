"""Uploads at the server's boundary: how big they become once decompressed, and
the folder where they wait for their job, which names the process that owns it.

A gzip stream shrinks repetitive text a thousandfold: 1 MB on the wire can
hold a 1 GiB line, which the readers would then decompress. `inflated_size`
counts what the readers would get, a slice at a time, and stops as soon as the
count passes the upload limit, so the check itself never holds more than one
slice.

An upload folder is named `hudhud-uploads-<pid>-<start>-<random>`, where
<start> is the owner's start time in clock ticks since boot (field 22 of
/proc/<pid>/stat). A server removes its folder when it stops; one killed
with SIGKILL cannot, so each server removes, on start, the folders whose owner
is gone. The start time tells a dead server from a new process that got the
same pid: `hudhud-uploads-4242-9001-x1` of a server started at tick 9001 is
stale once process 4242 started at another tick, or is not there at all.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import zlib
from pathlib import Path

#: The two bytes every gzip member starts with (RFC 1952).
GZIP_MAGIC = b"\x1f\x8b"

#: Bytes of input fed, and at most bytes of output taken, per decompression step.
SLICE = 64 * 1024

PREFIX = "hudhud-uploads-"
_OWNED = re.compile(rf"^{PREFIX}(\d+)-(\d+)-")


def inflated_size(data: bytes, limit: int) -> int:
    """The size `data` has once decompressed as the readers do, or `limit + 1` as
    soon as it passes `limit`.

    Only data that starts with a gzip member is decompressed by any reader: the
    gzip module reads members one after another, skipping zero bytes between
    them; warcio reads members one after another. Both stop at the first member
    that is damaged or cut short, and whatever follows the last member is
    counted as it is. So `inflated_size` of a 1 MB gzip holding a 1 GiB line
    is `limit + 1`, found after decompressing `limit` bytes, a slice at a time."""
    total, pos, view = 0, 0, memoryview(data)
    while data.startswith(GZIP_MAGIC, pos):
        size, end = _member(view, pos, limit - total)
        total += size
        if total > limit:
            return limit + 1
        if end is None:  # damaged or cut short: no reader goes past it
            return total
        pos = end
        while pos < len(data) and data[pos] == 0:  # padding, as gzip.GzipFile skips it
            pos += 1
    return total + len(data) - pos


def _member(view: memoryview, pos: int, room: int) -> tuple[int, int | None]:
    """(bytes out, where the next member starts) of the gzip member at `pos`; the
    count stops once past `room`; the end is None for a damaged or cut member."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip header, CRC and size
    size, pending, full = 0, b"", False
    try:
        while not inflater.eof:
            if not pending and not full:  # zlib holds no more output: feed it
                if pos >= len(view):
                    return size, None
                pending, pos = view[pos:pos + SLICE], pos + SLICE
            out = inflater.decompress(pending, SLICE)
            size += len(out)
            if size > room:
                return size, None
            pending, full = inflater.unconsumed_tail, len(out) == SLICE
    except zlib.error:
        return size, None
    return size, min(pos, len(view)) - len(inflater.unused_data)


def process_start(pid: int) -> int | None:
    """Clock ticks since boot when process `pid` started, or None if there is no such
    process. Where /proc is missing, 0 for any live process (only the pid is checked)."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    except OSError:
        return _alive_without_proc(pid)
    # The command name (field 2) may hold spaces and parentheses: split after the last ")".
    fields = stat_line.rsplit(")", 1)[1].split()
    return int(fields[19])  # field 22 of the whole line


def _alive_without_proc(pid: int) -> int | None:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return 0  # it exists, owned by someone else
    return 0


def make_folder(parent: str | None = None) -> Path:
    """A new private folder for this process's uploads (mode 0700, from mkdtemp)."""
    pid = os.getpid()
    start = process_start(pid) or 0
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{pid}-{start}-", dir=parent))


def owner_alive(name: str) -> bool | None:
    """Whether the server that made folder `name` still runs; None for names that
    record no owner (folders of hudhud versions before this one, or not ours)."""
    match = _OWNED.match(name)
    if match is None:
        return None
    pid, start = int(match.group(1)), int(match.group(2))
    now = process_start(pid)
    if now is None:
        return False
    return start == 0 or now == 0 or now == start


def remove_stale(parent: str | None = None) -> list[Path]:
    """Remove the upload folders under `parent` (the temporary folder) whose owner
    is gone; returns them. Only real folders of this user are touched, never a
    symlink, and folders that name no owner are left alone."""
    base = Path(parent or tempfile.gettempdir())
    removed = []
    try:
        entries = list(os.scandir(base))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(PREFIX) or owner_alive(entry.name) is not False:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed
