import gzip
import os

import pytest

from hudhud.ingest.lines import iter_lines
from hudhud.ingest.source import BadFile, inspect, open_regular, read_whole


def test_empty_file_is_reported(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"")
    with pytest.raises(BadFile, match="empty file"):
        inspect(str(path), False)


def test_whitespace_only_file_is_empty(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"  \n\n\t\n")
    with pytest.raises(BadFile, match="empty file"):
        inspect(str(path), False)


def test_nul_bytes_mean_binary(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BadFile, match="binary file, not text"):
        inspect(str(path), False)


def test_utf16_with_bom_is_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Talks resumed in Muscat.".encode("utf-16"))
    src = inspect(str(path), False)
    assert src.encoding == "utf-16"
    assert read_whole(src, 1000) == "Talks resumed in Muscat."


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfErbil airport reopened.")
    assert read_whole(inspect(str(path), False), 1000) == "Erbil airport reopened."


def test_latin1_names_the_byte(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Le caf\u00e9 de Beyrouth".encode("latin-1"))
    with pytest.raises(BadFile) as info:
        read_whole(inspect(str(path), False), 1000)
    assert "not valid UTF-8 at byte 6" in info.value.message
    assert "re-encode the file as UTF-8" in info.value.message


def test_read_whole_cuts_without_splitting_a_character(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("\u0628" * 5000, encoding="utf-8")  # two bytes each
    assert read_whole(inspect(str(path), False), 10) == "\u0628" * 10


def test_declared_charset_is_a_fallback(tmp_path):
    path = tmp_path / "a.html"
    page = '<html><head><meta charset="windows-1256"></head><body>\u0628\u063a\u062f\u0627\u062f</body></html>'
    path.write_bytes(page.encode("windows-1256"))
    text = read_whole(inspect(str(path), False), 1000, fallback_charset=True)
    assert "\u0628\u063a\u062f\u0627\u062f" in text


def test_truncated_gzip(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    data = gzip.compress(b'{"text": "a"}\n' * 2000)
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(BadFile, match="truncated gzip"):
        src = inspect(str(path), True)
        list(iter_lines(src))


def test_not_gzip_at_all(tmp_path):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(b"plain text pretending to be gzip")
    with pytest.raises(BadFile, match="truncated gzip"):
        inspect(str(path), True)


def test_iter_lines_reports_a_bad_line_and_goes_on(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"first\nsec\xffond\nthird\n")
    lines = list(iter_lines(inspect(str(path), False)))
    assert [line.number for line in lines] == [1, 2, 3]
    assert lines[0].text == "first\n" and lines[2].text == "third\n"
    assert lines[1].error == "not valid UTF-8 at byte 9 (line 2); re-encode the file as UTF-8"


def test_iter_lines_utf16(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes("one\r\ntwo\r\n".encode("utf-16"))
    lines = list(iter_lines(inspect(str(path), False)))
    assert [line.text for line in lines] == ["one\r\n", "two\r\n"]


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # Opening a FIFO for reading blocks until a writer comes; this must not.
    with pytest.raises(BadFile, match=r"not a regular file \(a FIFO\)"):
        open_regular(str(fifo))


def test_a_gzip_cut_within_its_first_8_kb_still_gives_its_head(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    data = gzip.compress(bytes(range(32, 127)) * 400 + b"\n")
    path.write_bytes(data[: len(data) // 2])
    src = inspect(str(path), True)
    assert src.encoding == "utf-8"
    with pytest.raises(BadFile, match="truncated gzip at line 1"):
        list(iter_lines(src))


def test_a_gzip_opened_from_a_descriptor_is_closed_with_its_file(tmp_path):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(b"Talks resumed."))
    src = inspect(str(path), True)
    with src.open() as fh:
        raw = fh._raw
        assert fh.read() == b"Talks resumed."
    assert raw.closed
