"""Every reader, on any text: it never raises, and every record comes out as
exactly one Document or one InputError naming its file (and line).

Texts are hypothesis-generated (reliability_helpers.TEXT: RTL scripts, emoji,
control characters, quotes only, one character, very long tokens ...), written
into a file of each format and read back with hudhud.ingest.read_paths.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import tempfile
from pathlib import Path

import reliability_helpers as rel
from hypothesis import given
from hypothesis import strategies as st

from hudhud.errors import InputError
from hudhud.ingest import clean_text, read_paths
from hudhud.ingest.record import max_chars
from hudhud.model import Document

TEXTS = rel.TEXT.filter(rel.encodable)
# XML 1.0 cannot carry these characters at all, not even as references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _read(path: Path) -> list[Document | InputError]:
    items = list(read_paths([path]))
    for item in items:
        assert isinstance(item, (Document, InputError)), item
        origin = item.origin if isinstance(item, InputError) else item.origin
        assert origin and origin.startswith(str(path)), (origin, path)
        if isinstance(item, Document):
            _check_document(item)
    return items


def _check_document(doc: Document) -> None:
    assert doc.id and doc.text.strip()
    assert len(doc.text) <= max_chars()
    assert clean_text(doc.text) == doc.text, "a Document's text is cleaned (and cleaning is idempotent)"
    assert "\r" not in doc.text and "\x00" not in doc.text
    json.dumps(doc.to_dict())  # travels to worker processes as JSON


def _lines_of(items: list) -> list[int]:
    return [int(str(i.origin).rsplit(":", 1)[1]) for i in items]


@rel.examples(30)
@given(texts=st.lists(TEXTS, min_size=1, max_size=6), gz=st.booleans(), ascii_only=st.booleans())
def test_jsonl_every_line_is_one_document_or_one_error(texts, gz, ascii_only):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("a.jsonl.gz" if gz else "a.jsonl")
        lines = [json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=ascii_only) for i, t in enumerate(texts)]
        data = "\n".join(lines).encode("utf-8")
        path.write_bytes(gzip.compress(data) if gz else data)
        items = _read(path)
    assert _lines_of(items) == list(range(1, len(texts) + 1))
    for item, text in zip(items, texts):
        if isinstance(item, Document):
            assert item.id == f"r{_lines_of([item])[0] - 1}"
        else:
            assert not clean_text(text[:max_chars()]).strip() or "<" in text, item


@rel.examples(30)
@given(texts=st.lists(TEXTS.filter(lambda t: "\x00" not in t), min_size=1, max_size=6),
       tsv=st.booleans())
def test_csv_every_row_is_one_document_or_one_error(texts, tsv):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("a.tsv" if tsv else "a.csv")
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="\t" if tsv else ",")
        writer.writerow(["id", "title", "text"])
        for i, t in enumerate(texts):
            writer.writerow([f"r{i}", t[:20], t])
        path.write_text(buf.getvalue(), encoding="utf-8")
        items = _read(path)
    if all(isinstance(i, InputError) and i.origin == str(path) for i in items):
        # The whole file refused (no row left): one error for the file, never a crash.
        assert len(items) == 1
        return
    assert len(items) == len(texts), [str(i) for i in items]
    assert {i.id for i in items if isinstance(i, Document)} <= {f"r{n}" for n in range(len(texts))}


@rel.examples(30)
@given(text=TEXTS, title=st.one_of(st.none(), TEXTS.map(lambda t: t.replace("\n", " ")[:80])),
       bom=st.booleans())
def test_txt_is_one_document_or_one_error(text, title, bom):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        body = (f"{title}\n\n{text}" if title else text).encode("utf-8")
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body)
        items = _read(path)
    assert len(items) == 1


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<script>var JSVAR_MARKER = "{raw}";</script><style>.x{{color:red}}</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<iframe src="https://ads.example/{title}" srcdoc="<p>IFRAME_MARKER</p>"></iframe>
<article><h1>{title}</h1>{paragraphs}</article>
<script src="https://tracker.example/t.js"></script><noscript>NOJS_MARKER</noscript>
<footer>Copyright</footer></body></html>"""


@rel.examples(20)
@given(texts=st.lists(TEXTS, min_size=1, max_size=5), title=TEXTS.map(lambda t: t[:60]))
def test_html_with_scripts_and_iframes_is_one_document_or_one_error(texts, title):
    paragraphs = "".join(f"<p>{html.escape(t)}</p>" for t in texts)
    page = PAGE.format(title=html.escape(title), raw=html.escape(texts[0][:50]), paragraphs=paragraphs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.html"
        path.write_text(page, encoding="utf-8")
        items = _read(path)
    assert len(items) == 1
    if isinstance(items[0], Document):
        for marker in ("JSVAR_MARKER", "IFRAME_MARKER", "tracker.example"):
            assert marker not in items[0].text


def _rss(texts: list[str]) -> str:
    items = "".join(
        f"<item><title>{html.escape(t[:40])}</title><link>https://n.example/{i}</link>"
        f"<pubDate>Mon, 06 Jan 2020 10:00:00 GMT</pubDate><description>{html.escape(t)}</description></item>\n"
        for i, t in enumerate(texts))
    return f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>x</title>\n{items}</channel></rss>'


@rel.examples(25)
@given(texts=st.lists(TEXTS.map(lambda t: _NOT_XML.sub("", t)), min_size=1, max_size=6))
def test_feed_every_item_is_one_document_or_one_error(texts):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.rss"
        path.write_text(_rss(texts), encoding="utf-8")
        items = _read(path)
    assert len(items) == len(texts), [str(i) for i in items]


@rel.examples(10)
@given(texts=st.lists(TEXTS, min_size=1, max_size=4))
def test_feed_with_characters_xml_forbids_is_reported_not_raised(texts):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.xml"
        path.write_text(_rss([t + "\x01" for t in texts]), encoding="utf-8")
        items = _read(path)
    assert items and isinstance(items[-1], InputError)


@rel.examples(15)
@given(texts=st.lists(TEXTS, min_size=1, max_size=4), gz=st.booleans())
def test_warc_every_html_response_is_one_document_or_one_error(texts, gz):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("a.warc.gz" if gz else "a.warc")
        with open(path, "wb") as fh:
            writer = WARCWriter(fh, gzip=gz)
            for i, t in enumerate(texts):
                body = PAGE.format(title="t", raw="r", paragraphs=f"<p>{html.escape(t)}</p>").encode()
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                           protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    f"https://n.example/{i}", "response", payload=io.BytesIO(body), http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2020-01-06T10:00:00Z"}))
        items = _read(path)
    assert len(items) == len(texts), [str(i) for i in items]


@rel.examples(40)
@given(data=st.binary(min_size=0, max_size=2000),
       suffix=st.sampled_from([".txt", ".html", ".jsonl", ".csv", ".tsv", ".rss", ".warc",
                               ".jsonl.gz", ".txt.gz", ".warc.gz"]))
def test_any_bytes_in_any_format_never_raise(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"a{suffix}"
        path.write_bytes(data)
        items = _read(path)
    assert items, "even an empty file says so"


# -- regressions these properties found ------------------------------------------------------

LONE = st.characters(categories=["Cs"])


@rel.examples(20)
@given(lone=LONE, where=st.sampled_from(["id", "text", "title", "url", "published"]))
def test_lone_surrogates_in_any_field_spoil_nothing(lone, where):
    # JSON may spell half a surrogate pair ("\ud800"): it cannot be hashed, encoded
    # or stored, so it becomes U+FFFD instead of ending the file.
    record = {"id": "r1", "text": "Iran condemned the strike.", "title": "t", "url": "https://n.example/1",
              "published": "2020-01-06"}
    record[where] = record[where] + lone
    good = {"id": "r2", "text": "Iraq protested the raid."}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.jsonl"
        path.write_text(json.dumps(record) + "\n" + json.dumps(good) + "\n", encoding="ascii")
        items = _read(path)
    assert [type(i) for i in items] == [Document, Document]
    assert "\ufffd" in getattr(items[0], where) or where == "published"


def test_html_record_with_control_characters_keeps_the_rest_of_the_file(tmp_path):
    # lxml refuses control characters in a text node: one record used to end the file.
    path = tmp_path / "a.jsonl"
    lines = [{"id": "a", "text": "<p>The militia <b>attacked</b> the base.\x02</p><script>x()</script>"},
             {"id": "b", "text": "<p>Iraq \x00protested.</p><p>More \ud800 text.</p>"},
             {"id": "c", "text": "Plain text after them."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="ascii")
    items = _read(path)
    assert [i.id for i in items] == ["a", "b", "c"]
    assert items[0].text == "The militia attacked the base."
