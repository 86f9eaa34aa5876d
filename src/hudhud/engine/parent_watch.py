"""A pool worker ends when the ingest that started it ends, however it ends.

A worker waits for its next batch on a pipe that the other workers hold open
too, so a parent killed with SIGKILL (`kill -9` of `hudhud ingest --workers 2`)
left both workers blocked for ever, at ~440 MB each. Each worker calls
`exit_with_parent` as it starts (hudhud.engine.worker.worker_init).
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time

from hudhud import settings

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # there, but not ours to signal
        return True
    return True


def exit_with_parent(parent: int) -> None:
    """End this process when `parent` (the ingest) or the process that forked it ends.

    Linux kills the worker with the process that forked it (prctl PR_SET_PDEATHSIG:
    the ingest, or the fork server that dies with it). Where that is missing, or
    the parent died before the call, a daemon thread checks every
    WORKER_WATCH_SECONDS that both are still there, and exits otherwise.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the watchdog alone
        pass
    born_to = os.getppid()

    def orphaned() -> bool:
        return os.getppid() != born_to or not _alive(parent)

    def watch() -> None:
        while not orphaned():
            time.sleep(settings.WORKER_WATCH_SECONDS)
        os._exit(1)

    if orphaned():
        os._exit(1)
    threading.Thread(target=watch, name="hudhud-parent-watch", daemon=True).start()


__all__ = ["exit_with_parent"]
