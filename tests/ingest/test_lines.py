import gzip

import pytest

from hudhud import settings
from hudhud.errors import BAD_WIDE_LINE, LINE_TOO_LONG
from hudhud.ingest.lines import iter_lines
from hudhud.ingest.source import BadFile, inspect


def _lines(path, gzipped=False):
    return list(iter_lines(inspect(str(path), gzipped)))


def test_the_cap_counts_the_line_without_its_end(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_LINE_BYTES", 10)
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"0123456789\n01234567890\nend")
    first, second, third = _lines(path)
    assert first.text == "0123456789\n" and first.error is None and first.size == 11
    assert second.error == "line longer than 10 bytes (12 bytes); skipped" and second.code is LINE_TOO_LONG
    assert (third.number, third.text) == (3, "end")


def test_a_long_last_line_without_an_end_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_LINE_BYTES", 10)
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"short\n" + b"x" * 100_000)
    short, long = _lines(path)
    assert short.text == "short\n" and long.error and "100000 bytes" in long.error


def test_the_byte_offset_of_a_bad_utf8_byte_counts_the_bom(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xef\xbb\xbfone\ntw\xffo\n")
    one, two = _lines(path)
    assert one.text == "one\n"
    assert two.error == "not valid UTF-8 at byte 9 (line 2); re-encode the file as UTF-8"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_files_split_on_whole_newline_units(tmp_path, codec):
    # "\u0a00" is b"\x00\x0a" in UTF-16-LE: a newline byte that is no newline.
    text = "first \u0a00 line\r\nsecond\n\nlast"
    path = tmp_path / "a.jsonl"
    path.write_bytes("\ufeff".encode(codec) + text.encode(codec))
    assert [line.text for line in _lines(path)] == ["first \u0a00 line\r\n", "second\n", "\n", "last"]


def test_a_wide_line_past_the_cap_is_refused_and_the_next_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_LINE_BYTES", 40)
    path = tmp_path / "a.jsonl"
    path.write_bytes(("ok\n" + "x" * 100_000 + "\nafter\n").encode("utf-16"))
    ok, long, after = _lines(path)
    assert ok.text == "ok\n" and after.text == "after\n" and after.number == 3
    assert long.code is LINE_TOO_LONG and "200002 bytes" in long.error


def test_a_lone_surrogate_costs_its_utf16_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xff\xfe" + "a\n".encode("utf-16-le") + b"\x00\xd8" + "b\nc\n".encode("utf-16-le"))
    a, bad, c = _lines(path)
    assert (a.text, c.text) == ("a\n", "c\n")
    assert bad.code is BAD_WIDE_LINE and bad.error.startswith("not valid UTF-16 at byte 6 (line 2")


def test_a_cut_gzip_keeps_its_whole_lines_and_names_the_broken_one(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    data = gzip.compress(b"".join(b"line %d %s\n" % (n, bytes(range(65, 91)) * (n % 7)) for n in range(3000)))
    path.write_bytes(data[: len(data) // 2])
    read = []
    with pytest.raises(BadFile, match=r"truncated gzip at line \d+") as info:
        for line in iter_lines(inspect(str(path), True)):
            read.append(line)
    assert read and [line.number for line in read] == list(range(1, len(read) + 1))
    assert f"at line {len(read) + 1}," in info.value.message
