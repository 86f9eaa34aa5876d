"""One bad unit costs its own record, never the good records around it.

Recipes (issue 12, item 3): a UTF-16 JSONL file with one illegal surrogate stored
none of its good lines; an RSS feed whose fatal XML error came late lost the good
items parsed in the same chunk; a .warc.gz cut in its first 8 KB stored nothing
although its first record was whole, and one cut at 90% stored the cut record's
half page as if it were whole. Each case now keeps every complete record and
reports the line or record that broke.
"""

from __future__ import annotations

import gzip
import io
import json
import random

import pytest

from hudhud.errors import InputError
from hudhud.ingest import read_paths

WORDS = ("convoy", "checkpoint", "ministry", "ceasefire", "harbour", "curfew", "ballot", "tribe",
         "pipeline", "drone", "border", "council", "refinery", "bridge", "garrison", "market")


def _read(path):
    items = list(read_paths([path]))
    return ([i for i in items if not isinstance(i, InputError)],
            [i for i in items if isinstance(i, InputError)])


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(f"{rng.choice(WORDS)}{rng.randrange(10_000)}" for _ in range(n))


# -- UTF-16 JSON lines ------------------------------------------------------------------------

LINES = [
    {"id": "u1", "text": "Engineers restored power to the eastern districts on Sunday."},
    {"id": "u2", "text": "BROKEN"},
    {"id": "u3", "text": "The governor said schools would reopen after the holiday."},
]


@pytest.mark.parametrize("codec, bom, lone", [("utf-16-le", b"\xff\xfe", b"\x00\xd8"),
                                              ("utf-16-be", b"\xfe\xff", b"\xd8\x00")])
def test_one_illegal_surrogate_costs_one_utf16_line(tmp_path, codec, bom, lone):
    path = tmp_path / "wire.jsonl"
    encoded = [(json.dumps(line) + "\n").encode(codec) for line in LINES]
    # A high surrogate followed by a letter, not by its low half: no character at all.
    encoded[1] = encoded[1].replace("BROKEN".encode(codec), "BRO".encode(codec) + lone + "KEN".encode(codec))
    path.write_bytes(bom + b"".join(encoded))
    docs, errors = _read(path)
    assert [d.id for d in docs] == ["u1", "u3"]
    assert docs[1].origin == f"{path}:3"
    (error,) = errors
    assert error.origin == f"{path}:2" and "UTF-16" in error.message


def test_a_utf16_file_ending_in_half_a_unit_keeps_its_whole_lines(tmp_path):
    path = tmp_path / "wire.jsonl"
    body = "".join(json.dumps(line) + "\n" for line in (LINES[0], LINES[2]))
    path.write_bytes(body.encode("utf-16") + '{"id": "u4"'.encode("utf-16-le") + b"\x7b")
    docs, errors = _read(path)
    assert [d.id for d in docs] == ["u1", "u3"]
    (error,) = errors
    assert error.origin == f"{path}:3"


# -- feeds ------------------------------------------------------------------------------------

def _item(n: int) -> str:
    return (f"<item><title>Bulletin {n}</title><link>https://wire.example.org/{n}</link>"
            f"<description>Bulletin {n}: the port authority reported {n} ships waiting.</description></item>\n")


@pytest.mark.parametrize("broken", ["<item><title>x</title></itme>\n", "<item><title>a\x01b</title></item>\n"])
def test_a_late_xml_error_keeps_the_items_before_and_after_it(tmp_path, broken):
    path = tmp_path / "wire.rss"
    head = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>w</title>\n'
    before = "".join(_item(n) for n in range(2000))
    after = "".join(_item(n) for n in range(2000, 2003))
    path.write_text(head + before + broken + after + "</channel></rss>\n", encoding="utf-8")
    docs, errors = _read(path)
    assert len(docs) == 2003
    assert [d.origin for d in docs[-3:]] == [f"{path}:{line}" for line in (2004, 2005, 2006)]
    assert docs[-1].url == "https://wire.example.org/2002"
    (error,) = errors
    assert error.origin == f"{path}:2003" and "malformed XML" in error.message


def test_an_atom_entry_after_a_broken_one_keeps_its_namespace(tmp_path):
    path = tmp_path / "wire.atom"
    entry = ('<entry><title>Story {n}</title><link href="https://atom.example.org/{n}"/>'
             "<updated>2021-05-0{n}T08:00:00Z</updated><summary>Story {n}: the talks resumed.</summary></entry>\n")
    path.write_text('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title>\n'
                    + entry.format(n=1) + "<entry><title>bad & worse</title></entry>\n" + entry.format(n=3)
                    + "</feed>\n", encoding="utf-8")
    docs, errors = _read(path)
    assert [(d.title, d.url, d.published) for d in docs] == [
        ("Story 1", "https://atom.example.org/1", "2021-05-01"),
        ("Story 3", "https://atom.example.org/3", "2021-05-03"),
    ]
    assert docs[1].origin == f"{path}:5"
    (error,) = errors
    assert error.origin == f"{path}:4"


# -- web archives -----------------------------------------------------------------------------

def _warc(path, gz: bool, sizes: list[int]) -> list[int]:
    """A WARC of one HTML response per size (words of filler); the end offset of each record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(12)
    ends = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for n, size in enumerate(sizes):
            page = (f"<html><head><title>Page {n}</title></head><body><article><h1>Page {n}</h1>"
                    f"<p>Page {n}: the delegation arrived in the capital for a second round of talks.</p>"
                    f"<p>{_sentence(rng, size)}.</p></article></body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://crawl.example.org/{n}", "response", payload=io.BytesIO(page.encode()),
                http_headers=headers, warc_headers_dict={"WARC-Date": "2022-03-01T09:00:00Z"}))
            ends.append(fh.tell())
    return ends


def test_a_warc_gz_cut_in_its_first_8_kb_keeps_its_first_record(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    ends = _warc(path, True, [200, 3000, 3000])
    assert ends[0] < 4000 < ends[1]
    path.write_bytes(path.read_bytes()[:ends[0] + 500])
    docs, errors = _read(path)
    assert [d.url for d in docs] == ["https://crawl.example.org/0"]
    (error,) = errors
    assert error.origin == f"{path}:{ends[0]}"


@pytest.mark.parametrize("gz", [True, False])
def test_a_warc_cut_at_90_percent_reports_the_cut_record(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    ends = _warc(path, gz, [3000, 3000, 3000])
    data = path.read_bytes()
    cut = len(data) * 9 // 10
    assert ends[1] < cut < ends[2]
    path.write_bytes(data[:cut])
    docs, errors = _read(path)
    assert [d.url for d in docs] == ["https://crawl.example.org/0", "https://crawl.example.org/1"]
    (error,) = errors
    assert error.origin == f"{path}:{ends[1]}"
    assert "cut off" in error.message


# -- gzip ---------------------------------------------------------------------------------------

def test_a_jsonl_gz_cut_in_its_first_8_kb_keeps_its_whole_lines(tmp_path):
    rng = random.Random(5)
    lines = [json.dumps({"id": f"z{n}", "text": f"Dispatch {n}: {_sentence(rng, 30)}."}) for n in range(60)]
    packed = gzip.compress("\n".join(lines).encode() + b"\n")
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(packed[:3000])
    docs, errors = _read(path)
    assert len(docs) >= 5
    assert [d.id for d in docs] == [f"z{n}" for n in range(len(docs))]
    (error,) = errors
    assert error.origin == str(path)
    assert "truncated gzip" in error.message and f"line {len(docs) + 1}" in error.message
