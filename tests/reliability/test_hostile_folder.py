"""The acceptance test of issue 12: one folder of hostile files and good articles,
ingested by the real `hudhud ingest` into a real DuckDB file.

The folder holds a symlink loop, a FIFO, a CSV with a quote left open, a gzip line
bomb (300 MB of one line in a few hundred kB), an HTML page with 300,000 attributes
on one tag, a UTF-16 JSONL file with one illegal surrogate, a WARC cut at 90%, a
record delivered again with a corrected text, and seven good articles. The ingest must finish in under a minute, store every good
record, print one line per problem and exit 0; with --strict it exits non-zero,
and the second run stores nothing twice.
"""

from __future__ import annotations

import gzip
import io
import json
import os

import duckdb
import pytest
import reliability_helpers as rel

#: A later delivery of c-wire.jsonl's record with its text corrected: it replaces the
#: document, and the run names it on a line of its own (issue 12, item 2).
CORRECTION = " Corrected: the lorry was stopped at the eastern crossing."

#: Seven good articles of our own, one per file, in five formats.
ARTICLES = {
    "a-harbour.txt": "Harbour reopens after storm\n\nThe harbour authority reopened the main quay on Tuesday "
                     "after three days of storms, officials said. Fishing boats returned to sea before noon.",
    "b-council.html": "The provincial council voted on Wednesday to rebuild the bridge over the river, the "
                      "council's spokesman said. Work is due to start in the spring.",
    "c-wire.jsonl": "Customs officers seized a lorry carrying counterfeit medicine at the northern crossing "
                    "on Thursday, the finance ministry said.",
    "d-feed.rss": "Teachers in the southern province ended a week-long strike on Friday after the government "
                  "agreed to pay overdue salaries.",
    "e-floods.txt": "Heavy rain flooded several villages in the valley on Saturday, and the civil defence "
                    "evacuated dozens of families, a local official said.",
    "f-bank.jsonl": "The central bank kept its main interest rate unchanged on Sunday, citing the need to "
                    "steady the currency.",
    "g-ballots.txt": "Election officials began counting ballots on Monday evening in the capital, and turnout "
                     "was higher than at the last vote, the electoral commission said.",
}

#: The good records inside the hostile files.
CSV_ROWS = {"c0": "Volunteers cleared rubble from the old market square on Tuesday morning.",
            "c1": "The railway company restored the night service between the two northern towns.",
            "c2": "A delegation of farmers asked the governor for seed and fuel before the sowing season."}
UTF16_LINES = {"u1": "Nurses at the district hospital received their first vaccine doses on Friday.",
               "u3": "The water utility warned of cuts in the eastern suburbs while a main pipe is replaced."}
BOMB_LINES = {"g1": "Border guards reopened the mountain pass after snowploughs cleared the road.",
              "g2": "The chamber of commerce reported a rise in exports of dates and olive oil."}
WARC_PAGES = ["The museum reopened its ancient coin gallery after two years of restoration work.",
              "Dock workers unloaded the first grain ship to reach the port since the winter storms.",
              "This page is cut off by the end of the archive and must not be stored in part."]


def _page(title: str, text: str, extra: str = "") -> str:
    return (f"<html><head><title>{title}</title></head><body><nav>Home | News</nav><article>"
            f"<h1>{title}</h1><div{extra}><p>{text}</p></div></article></body></html>")


def _good_articles(folder):
    for name, text in ARTICLES.items():
        path = folder / name
        if name.endswith(".txt"):
            path.write_text(text, encoding="utf-8")
        elif name.endswith(".html"):
            path.write_text(_page("Bridge vote", text), encoding="utf-8")
        elif name.endswith(".jsonl"):
            path.write_text(json.dumps({"id": name[:1] + "-good", "text": text}) + "\n", encoding="utf-8")
        else:
            path.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Wire</title>\n'
                            f"<item><title>Strike ends</title><description>{text}</description></item>\n"
                            "</channel></rss>\n", encoding="utf-8")


def _warc(path) -> list[int]:
    """Three pages; cut at 90%, inside the third. The start offset of each record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    starts = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, text in enumerate(WARC_PAGES):
            starts.append(fh.tell())
            body = _page(f"Page {n}", text + " " + " ".join(f"item{n}-{k}" for k in range(1500))).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://archive.example.org/{n}", "response", payload=io.BytesIO(body),
                http_headers=headers, warc_headers_dict={"WARC-Date": "2022-04-02T07:00:00Z"}))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 9 // 10])
    assert starts[2] < len(data) * 9 // 10
    return starts


def write_hostile_folder(folder) -> dict[str, str]:
    """The folder; returns the origin prefix of each problem the ingest must report once."""
    folder.mkdir()
    _good_articles(folder)
    (folder / "loop.txt").symlink_to("loop.txt")
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "wire.csv").write_text(
        "id,text\n" + f"c0,{CSV_ROWS['c0']}\n" + 'cbad,"He said ""never closes\n'
        + "".join(f"{key},{text}\n" for key, text in CSV_ROWS.items() if key != "c0"), encoding="utf-8")
    bomb = folder / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=6) as fh:
        fh.write((json.dumps({"id": "g1", "text": BOMB_LINES["g1"]}) + "\n").encode())
        fh.write(b'{"id": "bomb", "text": "')
        for _ in range(300):
            fh.write(b"a" * (1 << 20))
        fh.write(b'"}\n' + (json.dumps({"id": "g2", "text": BOMB_LINES["g2"]}) + "\n").encode())
    attributes = "".join(f' a{n}="1"' for n in range(300_000))
    (folder / "attrs.html").write_text(_page("Port news", "Cranes stood idle at the port.", attributes),
                                       encoding="utf-8")
    lines = [json.dumps({"id": "u1", "text": UTF16_LINES["u1"]}), json.dumps({"id": "u2", "text": "BROKEN"}),
             json.dumps({"id": "u3", "text": UTF16_LINES["u3"]})]
    data = "".join(line + "\n" for line in lines).encode("utf-16-le")
    data = data.replace("BROKEN".encode("utf-16-le"), "BRO".encode("utf-16-le") + b"\x00\xd8" + "KEN".encode("utf-16-le"))
    (folder / "utf16.jsonl").write_bytes(b"\xff\xfe" + data)
    starts = _warc(folder / "crawl.warc.gz")
    (folder / "h-correction.jsonl").write_text(
        json.dumps({"id": "c-good", "text": ARTICLES["c-wire.jsonl"] + CORRECTION}) + "\n", encoding="utf-8")
    return {"loop": f"{folder / 'loop.txt'}: ", "fifo": f"{folder / 'pipe.jsonl'}: ",
            "quote": f"{folder / 'wire.csv'}:3: ", "bomb": f"{folder / 'bomb.jsonl.gz'}:2: ",
            "attributes": f"{folder / 'attrs.html'}: ", "surrogate": f"{folder / 'utf16.jsonl'}:2: ",
            "warc": f"{folder / 'crawl.warc.gz'}:{starts[2]}: "}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    problems = write_hostile_folder(tmp / "folder")
    db = tmp / "hostile.duckdb"
    first = rel.run_cli(["ingest", str(tmp / "folder"), "--db", str(db), "--json"], cwd=tmp, timeout=240)
    before = rel.store_contents(db) if db.exists() else {}
    strict = rel.run_cli(["ingest", str(tmp / "folder"), "--db", str(db), "--json", "--strict"],
                         cwd=tmp, timeout=240)
    return tmp, db, problems, first, before, strict


def test_the_ingest_goes_through_in_under_a_minute(ingested):
    *_, first, _before, _strict = ingested
    assert first.returncode == 0, first.stderr[-3000:]
    assert first.seconds < 60, f"took {first.seconds:.0f} s"


def test_each_problem_is_one_line(ingested):
    tmp, _db, problems, first, _before, _strict = ingested
    lines = [line for line in first.stderr.splitlines() if line.strip()]
    for name, prefix in problems.items():
        assert sum(line.startswith(prefix) for line in lines) == 1, (name, lines)
    replaced = f"replaced c-good (text changed): {tmp / 'folder' / 'h-correction.jsonl'}:1"
    assert lines.count(replaced) == 1, lines
    assert len(lines) == len(problems) + 1, lines
    summary = json.loads(first.stdout)
    assert summary["errors"] == len(problems) and summary["replaced_ids"] == ["c-good"], summary


def test_every_good_record_is_stored(ingested):
    _tmp, db, _problems, _first, _before, _strict = ingested
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT id, text, url FROM documents").fetchall()
    finally:
        con.close()
    by_id = {doc_id: text for doc_id, text, _url in rows}
    for records in (CSV_ROWS, UTF16_LINES, BOMB_LINES):
        assert {key: by_id.get(key) for key in records} == records
    assert by_id["c-good"] == ARTICLES["c-wire.jsonl"] + CORRECTION, "the later text is kept"
    texts = "\n".join(text for _id, text, _url in rows)
    for name, article in ARTICLES.items():
        assert article.split("\n\n")[-1] in texts, name
    urls = {url for *_, url in rows}
    assert {"https://archive.example.org/0", "https://archive.example.org/1"} <= urls
    assert "https://archive.example.org/2" not in urls, "a cut page is never stored"
    assert "bomb" not in by_id and "cbad" not in by_id and "u2" not in by_id
    assert len(rows) == len(ARTICLES) + len(CSV_ROWS) + len(UTF16_LINES) + len(BOMB_LINES) + 2


def test_strict_exits_non_zero_and_stores_nothing_twice(ingested):
    _tmp, db, problems, _first, before, strict = ingested
    assert strict.returncode != 0
    assert len([line for line in strict.stderr.splitlines() if line.strip()]) == len(problems)
    assert rel.store_contents(db) == before


def test_the_bombs_cost_no_memory_beyond_the_model(ingested):
    # The reader alone stays within 100 MB of its imports (test_ingest_bounds.py).
    # The whole CLI peaks at about 450 MB on one short article (model, gazetteer and
    # knowledge base) and 570 MB on this folder; a line bomb held in memory
    # would add 300 MB at least (4.3 GB in the recipe).
    *_, first, _before, _strict = ingested
    assert first.peak_rss_mb < 900, f"peak RSS {first.peak_rss_mb:.0f} MB"


def test_the_hostile_folder_fits_the_600_mb_budget(ingested):
    """The whole CLI process, model and knowledge base included, stays in a worker's budget.
    Measured: the memory it owns peaks at about 440 MB; its RSS at 540-610 MB, the rest being
    pages of the model and library files it maps, which the page cache shares and whose count
    depends on how the files were written (the same install: 77 MB, a fresh clone: 126 MB).
    The budget holds the memory the process owns, with the mapped files of one install."""
    *_, first, _before, _strict = ingested
    assert first.peak_anon_mb < 600 - 100, f"peak owned memory {first.peak_anon_mb:.0f} MB"
    assert first.peak_rss_mb < 700, f"peak RSS {first.peak_rss_mb:.0f} MB"
