"""A pool worker's watchdog: the process ends soon after the parent it was given does,
even where the kernel's parent-death signal does not reach it (here the "parent" is a
separate process, so only the watchdog can see it go)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

WORKER = """
import sys, time
from hudhud.engine.parent_watch import exit_with_parent
exit_with_parent(int(sys.argv[1]))
print("watching", flush=True)
time.sleep(60)
"""


def test_the_worker_exits_when_its_parent_goes():
    parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    env = {**os.environ, "HUDHUD_WORKER_WATCH_SECONDS": "0.2"}
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(parent.pid)], env=env,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert worker.stdout.readline().strip() == "watching"
        time.sleep(0.5)
        assert worker.poll() is None, "the worker ended while its parent ran"
        parent.kill()
        parent.wait()
        started = time.monotonic()
        assert worker.wait(timeout=10) == 1
        assert time.monotonic() - started < 5
    finally:
        for proc in (parent, worker):
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_a_worker_whose_parent_is_already_gone_exits_at_once():
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    worker = subprocess.run([sys.executable, "-c", WORKER, str(gone.pid)], capture_output=True,
                            text=True, timeout=60)
    # It ended in exit_with_parent, with no traceback (an import error would exit 1 too).
    assert worker.returncode == 1 and "watching" not in worker.stdout and not worker.stderr, worker.stderr
