import io

import pytest

from hudhud.errors import InputError
from hudhud.ingest import read_paths
from hudhud.model import Document

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

PAGE = (
    "<html><head><title>Drone strike reported</title></head><body>"
    "<nav>NAV_SHOULD_VANISH</nav><article><h1>Drone strike reported</h1>"
    "<p>A drone struck a vehicle on the road east of the city late on Friday, residents said.</p>"
    "<p>There was no immediate claim of responsibility for the attack on the road.</p>"
    "</article></body></html>"
)


def _write(path, gz):
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for uri, ctype, status, body in [
            ("https://news.example.com/strike", "text/html; charset=utf-8", "200 OK", PAGE.encode()),
            ("https://news.example.com/logo.png", "image/png", "200 OK", b"\x89PNG\x00\x00"),
            ("https://news.example.com/gone", "text/html", "404 Not Found", b"<html>missing</html>"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2022-02-11T20:00:00Z"})
            writer.write_record(record)


@pytest.mark.parametrize("name, gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_become_documents(tmp_path, name, gz):
    path = tmp_path / name
    _write(path, gz)
    (doc,) = read_paths([path])
    assert isinstance(doc, Document)
    assert doc.url == "https://news.example.com/strike"
    assert doc.published == "2022-02-11"
    assert doc.title == "Drone strike reported"
    assert doc.text.startswith("A drone struck a vehicle") and "NAV_SHOULD_VANISH" not in doc.text
    assert doc.origin.startswith(f"{path}:")


def test_not_a_warc(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_text("this is not a web archive\n", encoding="utf-8")
    (error,) = read_paths([path])
    assert isinstance(error, InputError) and error.origin == str(path)


def test_an_archive_cut_inside_a_records_headers_says_so(tmp_path):
    path = tmp_path / "crawl.warc"
    _write(path, False)
    data = path.read_bytes()
    second = data.index(b"WARC/1.0", 10)  # the image record
    path.write_bytes(data[: second + 40])  # inside its WARC headers
    docs = [i for i in read_paths([path]) if isinstance(i, Document)]
    errors = [i for i in read_paths([path]) if isinstance(i, InputError)]
    assert [d.url for d in docs] == ["https://news.example.com/strike"]
    assert [(e.origin, e.code) for e in errors] == [(f"{path}:{second}", "H016")]


def test_a_cut_record_of_any_type_is_reported(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _write(path, True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 30])  # inside the last (404) record's gzip member
    items = list(read_paths([path]))
    assert isinstance(items[0], Document)
    assert len(items) == 2 and isinstance(items[1], InputError) and "cut off" in items[1].message
