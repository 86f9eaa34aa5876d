"""A corpus of bad files, ingested with the real `hudhud ingest`: one clear error
line per bad file or record (naming file, or file:line), every good record
stored, and memory bounded by streaming, not by the size of the input.

The files are generated here, in tmp_path (nothing large is committed).
"""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import reliability_helpers as rel

from hudhud import settings
from hudhud.errors import InputError
from hudhud.ingest import read_paths

PARAGRAPH = ("Officials in the provincial council said the convoy was delayed by checkpoints "
             "and heavy rain along the highway to the border crossing. ")
ACTORS = ["Iraqi forces", "Kataib Hezbollah", "the Houthis", "Hezbollah", "Iran", "Syrian troops",
          "Turkish drones", "the Kurdish police", "Saudi jets", "tribal fighters"]
VERBS = ["attacked", "shelled", "raided", "condemned", "met", "protested against", "clashed with"]
PLACES = ["Mosul", "Aleppo", "Sanaa", "Tikrit", "Basra", "Idlib", "Hodeidah", "Tyre", "Kirkuk"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

PAGE = """<!DOCTYPE html><html><head><title>Clashes near Tikrit</title>
<script>document.write("SCRIPT_LEAK"); fetch("https://tracker.example/x");</script></head>
<body><nav><a href="/">Home</a></nav><iframe src="https://ads.example/"></iframe>
<article><h1>Clashes near Tikrit</h1>
<p>Fighters attacked an army post north of Tikrit on Monday, killing three soldiers, officials said.</p>
<p>The army said it had pushed the attackers back after a battle that lasted several hours.</p>
<script>var x = "SCRIPT_LEAK_TWO";</script>
<p>Residents said the road to Samarra was closed for most of the day.</p></article>
<iframe srcdoc="<p>FRAME_LEAK</p>"></iframe></body></html>"""


def tiny_articles(n: int, seed: int = 7) -> list[dict]:
    r = random.Random(seed)
    return [{"id": f"k{i}", "text": f"{r.choice(ACTORS)} {r.choice(VERBS)} positions near "
                                    f"{r.choice(PLACES)} on {r.choice(DAYS)}, report {i} said."}
            for i in range(n)]


def write_corpus(folder: Path) -> dict[str, Path]:
    """The fuzz corpus; returns the files by role."""
    folder.mkdir()
    f = {name: folder / name for name in (
        "binary.txt", "empty.txt", "blank.jsonl", "truncated.jsonl.gz", "latin1.txt",
        "utf16-nobom.txt", "utf16-bom.txt", "page.html", "malformed.jsonl", "malformed.csv",
        "feed.rss", "big.txt", "many.jsonl")}
    f["binary.txt"].write_bytes(bytes(random.Random(1).randrange(256) for _ in range(4096)) + b"\x00")
    f["empty.txt"].write_bytes(b"")
    f["blank.jsonl"].write_bytes(b"\n  \n\t\n")
    good = "".join(json.dumps(a) + "\n" for a in tiny_articles(300, seed=11))
    packed = gzip.compress(good.replace('"k', '"gz').encode())
    f["truncated.jsonl.gz"].write_bytes(packed[: len(packed) * 2 // 3])
    f["latin1.txt"].write_bytes("Le café de Beyrouth a fermé après les frappes.".encode("latin-1"))
    f["utf16-nobom.txt"].write_bytes("Iran condemned the strike on Monday.".encode("utf-16-le"))
    f["utf16-bom.txt"].write_bytes("Iraq protested the raid on Tuesday.".encode("utf-16"))
    f["page.html"].write_text(PAGE, encoding="utf-8")
    f["malformed.jsonl"].write_bytes(b"\n".join([
        json.dumps({"id": "j1", "text": "Iran condemned the raid on Monday."}).encode(),  # 1 good
        b'{"id": "j2", "text": "unterminated',  # 2 malformed JSON
        b"[1, 2, 3]",  # 3 not an object
        json.dumps({"id": "j4", "text": 5}).encode(),  # 4 text is a number
        json.dumps({"id": "j5", "text": "   "}).encode(),  # 5 empty text
        b'{"id": "j6", "text": "caf\xe9 in Tyre"}',  # 6 not UTF-8
        json.dumps({"id": "j7", "body": "Hezbollah said it shelled an outpost."}).encode(),  # 7 good
        b"",  # 8 blank: skipped, no error
        json.dumps({"id": "j9", "text": "The Houthis fired a missile at Jizan."}).encode(),  # 9 good
    ]) + b"\n")
    f["malformed.csv"].write_bytes(b"\r\n".join([
        b"id,title,text",
        b"c1,One,Iraqi forces attacked Mosul on Monday.",  # 2 good
        b"c2,Two,too,many,fields",  # 3 more fields than the header
        b"c3,Three,caf\xe9 in Basra",  # 4 not UTF-8
        b"c4,Four,",  # 5 empty text
        b'c5,Five,"A quoted text that goes on\r\nto a second line, in Aleppo."',  # 6 good, 2 lines
    ]) + b"\r\n")
    f["feed.rss"].write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>'
        "<item><title>A</title><link>https://n.example/a</link><description>Saudi jets struck "
        "Sanaa on Friday.</description></item>"
        "<item><title>B</title><link>https://n.example/b</link></item>"  # no text
        "</channel></rss>", encoding="utf-8")
    with open(f["big.txt"], "w", encoding="utf-8") as fh:  # 50 MB: one "article"
        fh.write("A very long file\n\n")
        size, n = 0, 0
        while size < 50_000_000:
            chunk = f"Paragraph {n}. {PARAGRAPH * 3}\n\n"
            fh.write(chunk)
            size, n = size + len(chunk), n + 1
    f["many.jsonl"].write_text("".join(json.dumps(a) + "\n" for a in tiny_articles(2000)),
                               encoding="utf-8")
    return f


def expected(folder: Path) -> tuple[set[str], list[str]]:
    """What the readers make of the corpus (no analysis): document ids and error lines."""
    docs, errors = set(), []
    for item in read_paths([folder]):
        if isinstance(item, InputError):
            errors.append(item.message)
        else:
            docs.add(item.id)
    return docs, errors


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    files = write_corpus(tmp / "corpus")
    # A small cut keeps the analysis of the 50 MB file short; reading it is what is tested.
    env = {"HUDHUD_MAX_DOC_CHARS": "20000"}
    run = rel.run_cli(["ingest", str(tmp / "corpus"), "--db", str(tmp / "fuzz.duckdb"), "--json"],
                      cwd=tmp, env=env, timeout=400)
    return tmp, files, run


def test_the_cli_reports_each_bad_record_once_and_goes_on(ingested, monkeypatch):
    tmp, files, run = ingested
    assert run.returncode == 0, run.stderr[-3000:]
    monkeypatch.setattr(settings, "MAX_DOC_CHARS", 20_000)  # as the CLI ran
    docs, errors = expected(tmp / "corpus")
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert sorted(lines) == sorted(errors), "one line per bad file or record, nothing else"
    summary = json.loads(run.stdout)
    assert summary["errors"] == len(errors)
    # The records the oracle calls bad, by file:line, each once.
    m, c = files["malformed.jsonl"], files["malformed.csv"]
    wanted = [f"{m}:{n}: " for n in (2, 3, 4, 5, 6)] + [f"{c}:{n}: " for n in (3, 4, 5)]
    wanted += [f"{files[n]}: " for n in ("binary.txt", "empty.txt", "blank.jsonl", "latin1.txt",
                                         "utf16-nobom.txt", "truncated.jsonl.gz")]
    wanted += [f"{files['feed.rss']}:"]
    for prefix in wanted:
        assert sum(line.startswith(prefix) for line in lines) == 1, (prefix, lines)
    assert any("not valid UTF-8 at byte" in line and "latin1.txt" in line for line in lines)
    assert any("binary file" in line and "utf16-nobom.txt" in line for line in lines)
    assert any("truncated gzip" in line for line in lines)


def test_every_good_record_is_stored(ingested, monkeypatch):
    tmp, files, run = ingested
    monkeypatch.setattr(settings, "MAX_DOC_CHARS", 20_000)  # as the CLI ran
    docs, _ = expected(tmp / "corpus")
    con = duckdb.connect(str(tmp / "fuzz.duckdb"), read_only=True)
    try:
        stored = {r[0] for r in con.execute("SELECT id FROM documents").fetchall()}
        copies = {r[0] for r in con.execute("SELECT source_id FROM doc_sources").fetchall()}
        texts = dict(con.execute("SELECT origin, text FROM documents").fetchall())
    finally:
        con.close()
    assert stored | copies == docs
    assert {"j1", "j7", "j9", "c1", "c5"} <= stored
    assert {f"k{i}" for i in range(2000)} <= stored
    assert any(i.startswith("gz") for i in stored), "the records before a gzip breaks off are kept"
    page = texts[str(files["page.html"])]
    assert "Tikrit" in page and "LEAK" not in page and "tracker" not in page
    assert len(texts[str(files["big.txt"])]) <= 20_000
    assert texts[str(files["utf16-bom.txt"])].startswith("Iraq protested")


def test_the_cli_memory_is_bounded(ingested):
    # The model and its tables take ~650 MB; the 50 MB file and 2,000 records must
    # not add their size on top.
    *_, run = ingested
    assert run.peak_rss_mb < 1100, f"peak RSS {run.peak_rss_mb:.0f} MB"


READ_ALL = """
import resource, sys
from hudhud.ingest import read_paths
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
docs = errors = 0
for item in read_paths(sys.argv[1:]):
    if hasattr(item, "text"):
        docs += 1
    else:
        errors += 1
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(docs, errors, before / 1024, after / 1024)
"""


def test_reading_streams_a_50_mb_file_and_100k_lines(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "w", encoding="utf-8") as fh:
        size, n = 0, 0
        while size < 50_000_000:
            chunk = f"Paragraph {n}. {PARAGRAPH * 3}\n\n"
            fh.write(chunk)
            size, n = size + len(chunk), n + 1
    lines = tmp_path / "lines.jsonl"
    with open(lines, "w", encoding="utf-8") as fh:
        for i in range(100_000):
            fh.write(json.dumps({"id": f"h{i}", "title": f"Item {i}", "text": f"Report {i}: {PARAGRAPH * 2}"}))
            fh.write("\n")
            if i % 9973 == 5:
                fh.write('{"id": "broken", "text": \n')
    assert big.stat().st_size + lines.stat().st_size > 75_000_000
    run = rel.run_process([sys.executable, "-c", READ_ALL, str(big), str(lines)], cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    docs, errors, before, after = run.stdout.split()
    assert (int(docs), int(errors)) == (100_001, 11)
    # Slurping either file would add at least its size (50 or 30 MB) to the peak.
    assert float(after) - float(before) < 40, f"reading grew the peak RSS by {float(after) - float(before):.0f} MB"


def test_a_huge_record_is_cut_to_what_the_parser_takes(tmp_path):
    # A 3 MB record once made spaCy raise inside nlp.pipe, which ended the run (and
    # every re-run). Now every record is cut below the parser's limit.
    from hudhud.nlp.pipeline import load_nlp

    path = tmp_path / "huge.jsonl"
    path.write_text(json.dumps({"id": "huge", "text": "word " * 600_000}) + "\n", encoding="utf-8")
    (doc,) = read_paths([path])
    assert 0 < len(doc.text) <= load_nlp().max_length


def test_subprocess_helper_sees_a_failing_command(tmp_path):
    # The memory and exit code above come from this helper: it must not hide a failure.
    run = rel.run_process([sys.executable, "-c", "import sys; sys.exit(3)"], cwd=tmp_path)
    assert run.returncode == 3
    big = rel.run_process([sys.executable, "-c", "x = bytearray(200 * 1024 * 1024)"], cwd=tmp_path)
    assert big.peak_rss_mb > 200
    assert subprocess.call([rel.HUDHUD, "--help"], stdout=subprocess.DEVNULL) == 0
