"""Analysis time and memory per document are bounded whatever the input.

A 1M-character text (the most a record keeps) took 3.5 GB and 3 minutes to analyse,
and 1M characters of quotations 4 GB and ten minutes: the parse grew with the text
and the quote speaker search with its square. Now a long text is analysed in chunks
of at most HUDHUD_CHUNK_CHARS (engine/chunks.py) and the speaker search is linear,
so a worker stays under its 600 MB budget (the model and its tables take ~520 MB)
and four times the text takes about four times as long.

Each text is analysed in a fresh process watched through /proc: it is killed as soon
as its peak resident memory passes the budget, so a regression fails in seconds.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pytest
import reliability_helpers as rel

BUDGET_MB = 600
DEMO = resources.files("hudhud").joinpath("data", "demo", "articles.jsonl")


# -- hostile texts ----------------------------------------------------------------------------

def news_text(chars: int) -> str:
    """Paragraphs of the demo articles, numbered, up to `chars` characters."""
    paragraphs = [p for line in DEMO.read_text("utf-8").splitlines()
                  for p in json.loads(line)["text"].split("\n\n")]
    out, size, n = [], 0, 0
    while size < chars:
        paragraph = f"Report {n}. {paragraphs[n % len(paragraphs)]}"
        out.append(paragraph)
        size, n = size + len(paragraph) + 2, n + 1
    return "\n\n".join(out)[:chars]


#: One quotation after another in one paragraph: attributed, standing alone, "according to".
QUOTATIONS = (
    "“We will answer the attack on base {n} at a time we choose,” said Abu Ali al-Askari. ",
    "“The convoy {n} turned back before dawn” ",
    "According to Yahya Saree, “drone number {n} reached its target near the port.” ",
)


def quotation_text(chars: int) -> str:
    out, size, n = [], 0, 0
    while size < chars:
        piece = QUOTATIONS[n % len(QUOTATIONS)].format(n=n)
        out.append(piece)
        size, n = size + len(piece), n + 1
    return "".join(out)[:chars]


def one_sentence_of_quotations(chars: int) -> str:
    """Quotations with no sentence end and no speech verb: one sentence of 1M characters."""
    piece = '"the convoy turned back" '
    return (piece * (chars // len(piece) + 1))[:chars]


# -- a process watched for its peak memory ------------------------------------------------------

@dataclass
class Watched:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    pid: int = 0
    peak_mb: dict[int, float] = field(default_factory=dict)  # pid -> peak RSS, of it and its descendants
    over_budget: bool = False

    def workers_mb(self) -> list[float]:
        return sorted(mb for pid, mb in self.peak_mb.items() if pid != self.pid)


def _peak_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), None)
    return int(line.split()[1]) / 1024 if line else None


def _descendants(root: int) -> set[int]:
    """The processes under `root` (pool workers, and a fork server's children)."""
    parent = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, ppid in parent.items() if ppid in frontier} - found
        found |= frontier
    return found


def run_watched(argv: list[str], cwd: Path, workers_only: bool = False, timeout: float = 900) -> Watched:
    """Run ARGV in its own process group, reading the peak RSS of it and its descendants
    ten times a second; stop the group as soon as one passes BUDGET_MB (with
    `workers_only`, a descendant), or at `timeout`."""
    out, err = cwd / "watched.out", cwd / "watched.err"
    start = time.monotonic()
    with open(out, "wb") as fo, open(err, "wb") as fe:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=fo, stderr=fe, start_new_session=True,
                                env={**os.environ, "COLUMNS": "200"})
        watched = Watched(0, "", "", 0.0, pid=proc.pid)
        while proc.poll() is None:
            for pid in {proc.pid} | _descendants(proc.pid):
                mb = _peak_mb(pid)
                if mb is not None:
                    watched.peak_mb[pid] = max(mb, watched.peak_mb.get(pid, 0.0))
            watched.over_budget = max(watched.workers_mb() if workers_only else watched.peak_mb.values(),
                                      default=0) > BUDGET_MB
            if watched.over_budget or time.monotonic() > start + timeout:
                os.killpg(proc.pid, signal.SIGKILL)  # the group this test started, nothing else
                proc.wait()
                break
            time.sleep(0.1)
    watched.returncode, watched.seconds = proc.returncode, time.monotonic() - start
    watched.stdout, watched.stderr = out.read_text("utf-8", "replace"), err.read_text("utf-8", "replace")
    assert watched.seconds < timeout, f"{argv[:3]} did not finish in {timeout} s"
    return watched


ANALYZE = """
import json, sys, time
from hudhud.engine.analyzer import analyze
from hudhud.model import Document

analyze(Document("warm-up", "Iraqi forces said rockets hit a base near Baghdad on Monday."))
out = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    start = time.process_time()
    analysis = analyze(Document(path, text, published="2020-01-03"))
    out.append({"chars": len(text), "cpu": time.process_time() - start, "quotes": len(analysis.quotes),
                "sentences": len(analysis.sentences), "actors": len(analysis.actors)})
print(json.dumps(out))
"""


def analyse_short_and_long(tmp_path: Path, make_text, long: int = 1_000_000) -> tuple[dict, dict, Watched]:
    """Analyse a quarter of `long` characters, then `long`, of one kind of text in one watched process."""
    paths = []
    for chars in (long // 4, long):
        path = tmp_path / f"text-{chars}.txt"
        path.write_text(make_text(chars), encoding="utf-8")
        paths.append(str(path))
    run = run_watched([sys.executable, "-c", ANALYZE, *paths], tmp_path)
    peak = max(run.peak_mb.values(), default=0)
    assert not run.over_budget, f"peak RSS passed {BUDGET_MB} MB ({peak:.0f} MB after {run.seconds:.0f} s)"
    assert run.returncode == 0, run.stderr[-3000:]
    short, long = json.loads(run.stdout)
    # Linear: 4x the text in about 4x the CPU time (quadratic would be 16x).
    ratio = long["cpu"] / short["cpu"]
    assert ratio < 6, f"4x the text took {ratio:.1f}x the time ({short['cpu']:.0f} s -> {long['cpu']:.0f} s)"
    return short, long, run


def test_a_1m_character_news_text_stays_in_budget_and_linear_time(tmp_path):
    short, long, run = analyse_short_and_long(tmp_path, news_text)
    assert max(run.peak_mb.values()) < BUDGET_MB
    # Nothing is lost at the cuts: every chunk's sentences and quotations are there.
    assert 3.9 < long["sentences"] / short["sentences"] < 4.1, (short, long)
    assert 3.9 < long["quotes"] / short["quotes"] < 4.1, (short, long)


def test_a_text_of_quotations_stays_in_budget_and_linear_time(tmp_path):
    # 250k characters (over 1 GB parsed whole) by default, 1M with HUDHUD_SLOW_TESTS=1;
    # tests/extract/test_quotes.py times the speaker search itself.
    short, long, run = analyse_short_and_long(tmp_path, quotation_text, 1_000_000 if rel.SLOW else 250_000)
    assert max(run.peak_mb.values()) < BUDGET_MB
    # One paragraph, cut at sentence ends outside quotations: no quotation is lost.
    assert short["quotes"] > 500 and 3.95 < long["quotes"] / short["quotes"] < 4.05, (short, long)


@pytest.mark.skipif(not rel.SLOW, reason="another 1.25M characters (~1 min); HUDHUD_SLOW_TESTS=1 runs it")
def test_one_sentence_of_1m_characters_of_quotations_stays_in_budget_and_linear_time(tmp_path):
    # No sentence end, no line break: cut at spaces outside quotations.
    _, _, run = analyse_short_and_long(tmp_path, one_sentence_of_quotations)
    assert max(run.peak_mb.values()) < BUDGET_MB


def test_ingest_workers_stay_in_budget_on_a_batch_of_long_records(tmp_path):
    # 32 records of 20k characters: one batch of the ingest, parsed at once by one worker
    # (640k characters) before parse batches stopped at HUDHUD_CHUNK_CHARS.
    path = tmp_path / "long-records.jsonl"
    text = news_text(20_000)
    with open(path, "w", encoding="utf-8") as fh:
        for n in range(32):
            fh.write(json.dumps({"id": f"long-{n}", "published": "2020-01-03",
                                 "text": f"Record {n}.\n\n{text}"}) + "\n")
    db = tmp_path / "s.duckdb"
    # The records share their paragraphs: --no-near-duplicates keeps them all.
    run = run_watched([rel.HUDHUD, "ingest", str(path), "--db", str(db), "--workers", "2", "--no-near-duplicates"],
                      tmp_path, workers_only=True)
    assert run.workers_mb(), "the ingest started no worker process"
    assert not run.over_budget, f"a worker passed {BUDGET_MB} MB: {run.workers_mb()} after {run.seconds:.0f} s"
    assert run.returncode == 0, run.stderr[-3000:]
    assert max(run.workers_mb()) < BUDGET_MB, run.workers_mb()
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 32
