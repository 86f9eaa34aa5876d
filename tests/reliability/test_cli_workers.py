"""Pool workers end with the ingest that started them: `hudhud ingest --workers 2`
killed with SIGKILL leaves no worker behind (they used to stay, blocked on their
pipe, at ~440 MB each). How: engine/parent_watch.py (prctl PR_SET_PDEATHSIG, and a
thread that checks the parent is still there)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import reliability_helpers as rel

TOWNS = ["Kirkuk", "Tikrit", "Samarra", "Ramadi", "Fallujah", "Basra", "Najaf", "Karbala"]


def _corpus(path: Path, n: int) -> None:
    lines = []
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        text = (f"Bulletin {i}. Gunmen opened fire on a patrol outside {town} late on Sunday, "
                f"wounding {i % 9 + 2} police officers, the provincial council said. Nobody "
                f"claimed the attack, and the council asked Baghdad for more troops.")
        lines.append(json.dumps({"id": f"w{i:04d}", "published": "2022-05-0" + str(1 + i % 9),
                                 "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (read from /proc/*/stat)."""
    out = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid:
            out.add(int(entry.name))
    return out


def _running(pid: int) -> bool:
    """There and not a zombie (a dead process its new parent has not reaped yet)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def test_workers_exit_when_the_ingest_is_killed(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus, 3000)
    proc = subprocess.Popen([rel.HUDHUD, "ingest", str(corpus), "--db", str(tmp_path / "s.duckdb"),
                             "--workers", "2"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            workers = _children(proc.pid)
            time.sleep(0.2)
        assert len(workers) >= 2, "the pool did not start two workers"
        time.sleep(3)  # both loading the model or analysing: blocked on nothing yet
        workers = _children(proc.pid)
        rel.kill(proc)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(map(_running, workers)):
            time.sleep(0.2)
        left = sorted(w for w in workers if _running(w))
        assert not left, f"workers {left} outlived the killed ingest"
    finally:
        rel.kill(proc)
        for pid in workers:  # only the pool this test started, by pid
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
