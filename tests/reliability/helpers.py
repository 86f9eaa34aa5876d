"""Helpers of the reliability tests: hostile text, the real CLI with its peak
memory, and a fingerprint of every table of a store.

Loaded by conftest.py (the tests run with --import-mode=importlib).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
#: The command under test; HUDHUD_TEST_CLI runs the tests against another one
#: (a wrapper that patches a module, say) without touching them.
HUDHUD = os.environ.get("HUDHUD_TEST_CLI") or str(Path(sys.executable).with_name("hudhud"))

# -- hostile text ---------------------------------------------------------------------

#: Pieces news text is made of, and pieces that break naive code: RTL scripts with
#: joiners and direction marks, emoji sequences, control characters, quotes of
#: every kind, stray markup, and words the extractors look for.
FRAGMENTS = [
    "Kataib Hezbollah", "Iran", "the Houthis", "Hezbollah", "Islamic State", "Iraqi forces",
    "Baghdad", "Mosul", "Sanaa", "Aleppo", "Qasem Soleimani", "the militia", "the group",
    "said", "attacked", "killed", "backed by", "a spokesman for", "condemned", "on Monday",
    "part of", "leader of", "fired rockets at", "3 January 2020", "12 soldiers",
    "الحشد الشعبي", "بغداد", "قال المتحدث", "كتائب حزب الله", "سپاه پاسداران", "می‌گوید",
    "تهران", "\u200f", "\u200e", "\u202b", "\u202e", "\u2067", "\u200c", "\u200d",
    "🚀", "👨\u200d👩\u200d👧", "🇮🇶", "🏳️\u200d🌈", "\U0001F9EA", "é", "e\u0301", "ﷺ",
    "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u00ad",
    '"', "“", "”", "«", "»", "'", "‘", "’", "„", "「", "」", '""', "''",
    "<script>alert(1)</script>", "<b>", "&amp;", "&#0;", "]]>",
    ".", "!", "?", ",", ":", ";", "-", "—", "…", "(", ")",
    " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r",
]

LONG_TOKEN = st.builds(lambda c, n: c * n, st.sampled_from(["a", "ب", "9", "-", "\"", "😀"]),
                       st.integers(300, 3000))

#: Any text, leaning on the hostile pieces: one character, no punctuation at all,
#: only quotes, very long tokens, and sequences mixing all of them.
TEXT = st.one_of(
    st.text(min_size=1, max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=3),
    st.text(alphabet=st.sampled_from('"“”«»\'‘’ \n'), min_size=1, max_size=40),
    st.text(alphabet=st.characters(categories=["Lu", "Ll", "Zs"]), min_size=1, max_size=200),
    LONG_TOKEN,
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8), LONG_TOKEN),
             min_size=1, max_size=40).map(" ".join),
)


def encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:  # lone surrogates: no file holds them
        return False


# -- the CLI, with its peak memory --------------------------------------------------------

@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float
    seconds: float
    #: The peak of the memory the process owns (RssAnon, sampled): RSS also counts pages of
    #: the library and model files it maps, which the page cache shares and which vary with
    #: how the files were written (77 MB in one install, 126 MB in a fresh clone of it).
    peak_anon_mb: float = 0.0


def _memory_kb(pid: int) -> tuple[int, int]:
    """(VmHWM, RssAnon) of a running process, in kB; (0, 0) once it has exited."""
    found = {"VmHWM:": 0, "RssAnon:": 0}
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                key = line.split(None, 1)[0]
                if key in found:
                    found[key] = int(line.split()[1])
    except OSError:
        pass
    return found["VmHWM:"], found["RssAnon:"]


def run_process(argv: list[str], cwd: Path, env: dict[str, str] | None = None,
                timeout: float = 300) -> Run:
    """Run ARGV; its output and peak resident memory.

    The peak is the child's own VmHWM, read from /proc while it runs: wait4's ru_maxrss
    also counts the memory the child held between fork and exec, a copy of this pytest
    process (about 1 GB late in a full run, 100 MB when a test file runs alone), so it
    measured the test runner, not hudhud. ru_maxrss stands in only when the child ended
    before its first reading."""
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    stamp = time.time_ns()
    out, err = cwd / f".run-{stamp}.out", cwd / f".run-{stamp}.err"
    start = time.monotonic()
    with open(out, "wb") as fo, open(err, "wb") as fe:
        proc = subprocess.Popen(argv, cwd=cwd, env=full_env, stdout=fo, stderr=fe)
        hwm_kb = anon_kb = 0
        while True:
            hwm, anon = _memory_kb(proc.pid)
            hwm_kb, anon_kb = max(hwm_kb, hwm), max(anon_kb, anon)
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > start + timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                raise AssertionError(f"{' '.join(argv)[:200]} did not finish in {timeout} s")
            time.sleep(0.02)
    peak_kb = hwm_kb or usage.ru_maxrss
    run = Run(os.waitstatus_to_exitcode(status), out.read_text("utf-8", "replace"),
              err.read_text("utf-8", "replace"), peak_kb / 1024, time.monotonic() - start, anon_kb / 1024)
    out.unlink()
    err.unlink()
    return run


def run_cli(args: list[str], cwd: Path, env: dict[str, str] | None = None,
            timeout: float = 300) -> Run:
    """`hudhud ARGS`, the real command line."""
    return run_process([HUDHUD, *args], cwd, env, timeout)


def run_python(code: str, cwd: Path, timeout: float = 300) -> Run:
    return run_process([sys.executable, "-c", code], cwd, None, timeout)


def kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def http(port: int, path: str, method: str = "GET", body: bytes | None = None,
         headers: dict | None = None, timeout: float = 15) -> tuple[int, dict, bytes]:
    """One request to 127.0.0.1:PORT with the path sent exactly as given (no
    normalising of ../): (status, lower-cased headers, body)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- what a store holds ----------------------------------------------------------------------

#: Columns that record when, not what: they differ between two runs of the same input.
CLOCK_COLUMNS = {"ingested_at", "seen_at", "created_at"}


def store_contents(db: Path) -> dict[str, dict]:
    """Every base table of a store: its row count, the sorted ids of its rows (the
    primary-key columns) and a hash of its rows without clock columns."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
            "ORDER BY 1").fetchall()]
        out = {}
        for table in tables:
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [table]).fetchall()]
            keys = _primary_key(con, table) or cols
            kept = [c for c in cols if c not in CLOCK_COLUMNS]
            q = lambda names: ", ".join('"' + n + '"' for n in names)  # noqa: E731
            ids = sorted(tuple(str(v) for v in r) for r in con.execute(
                f"SELECT {q(keys)} FROM {table}").fetchall())
            rows = sorted(json.dumps([str(v) for v in r], ensure_ascii=False)
                          for r in con.execute(f"SELECT {q(kept)} FROM {table}").fetchall())
            out[table] = {"count": len(ids), "ids": ids, "rows": rows,
                          "rows_sha1": hashlib.sha1("\n".join(rows).encode()).hexdigest()}
        return out
    finally:
        con.close()


def _primary_key(con, table: str) -> list[str]:
    rows = con.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() "
        "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'", [table]).fetchall()
    return list(rows[0][0]) if rows else []


# -- hypothesis ---------------------------------------------------------------------------

#: Few examples by default: the suite must stay fast on two shared cores;
#: HUDHUD_SLOW_TESTS=1 runs many more.
SLOW = bool(os.environ.get("HUDHUD_SLOW_TESTS"))


def examples(default: int, slow: int | None = None):
    from hypothesis import HealthCheck, settings

    return settings(max_examples=(slow or default * 10) if SLOW else default, deadline=None,
                    database=None, derandomize=not SLOW,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture,
                                           HealthCheck.large_base_example, HealthCheck.filter_too_much])
