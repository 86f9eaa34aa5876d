"""Bounds the readers keep whatever one line or one tag holds.

Recipes (issue 12, items 5 and 6): a 1 MB .jsonl.gz holding one 1 GiB line took
4.3 GB in the reader (the CSV variant 6.4 GB); an HTML page with 300,000 attributes
on one tag parsed in time growing with the square of the count. Now lines are read
with a byte cap on the decompressed stream (settings.MAX_LINE_BYTES) and markup is
measured before it is parsed (settings.MAX_HTML_ATTRIBUTES, settings.MAX_HTML_TAGS);
each breach is one error naming the file (and line) and the next record is read.

The bombs are built here, in tmp_path; each runs in a subprocess so its peak
memory and time are its own.
"""

from __future__ import annotations

import gzip
import json
import sys

import pytest
import reliability_helpers as rel

from hudhud import settings
from hudhud.errors import InputError
from hudhud.ingest import read_paths

GOOD = ["Aid agencies said the crossing would open for two hours each morning.",
        "The electricity ministry blamed the outage on a sabotaged pylon."]

#: Reads the paths, then prints its document ids, its error lines and how much
#: reading raised the peak memory (MB) above what the imports took.
READ = """
import json, resource, sys
from hudhud.ingest import read_paths
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
docs, errors = [], []
for item in read_paths(sys.argv[1:]):
    (errors if hasattr(item, "origin") and not hasattr(item, "text") else docs).append(
        getattr(item, "message", None) or item.id)
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps({"docs": docs, "errors": errors, "grown_mb": grown}))
"""


def _read_in_subprocess(tmp_path, *paths, timeout=120, env=None):
    run = rel.run_process([sys.executable, "-c", READ, *map(str, paths)], cwd=tmp_path,
                          env=env, timeout=timeout)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout), run


def write_line_bomb(path, before: bytes, after: bytes, prefix: bytes, suffix: bytes,
                    megabytes: int = 300) -> None:
    """A gzip file whose middle line is `prefix`, MEGABYTES of "a", `suffix`: some 300 kB packed."""
    chunk = b"a" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=6) as fh:
        fh.write(before + prefix)
        for _ in range(megabytes):
            fh.write(chunk)
        fh.write(suffix + after)


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".csv.gz"])
def test_a_gzip_line_bomb_is_one_error_in_bounded_memory(tmp_path, suffix):
    path = tmp_path / f"bomb{suffix}"
    if suffix == ".jsonl.gz":
        before = (json.dumps({"id": "g1", "text": GOOD[0]}) + "\n").encode()
        after = (json.dumps({"id": "g2", "text": GOOD[1]}) + "\n").encode()
        write_line_bomb(path, before, after, b'{"id": "bomb", "text": "', b'"}\n')
    else:
        before = f"id,text\ng1,{GOOD[0]}\n".encode()
        after = f"g2,{GOOD[1]}\n".encode()
        write_line_bomb(path, before, after, b'bomb,"', b'"\n')
    assert path.stat().st_size < 2_000_000
    result, run = _read_in_subprocess(tmp_path, path)
    assert result["docs"] == ["g1", "g2"]
    line = 2 if suffix == ".jsonl.gz" else 3
    (error,) = result["errors"]
    assert error.startswith(f"{path}:{line}: ") and "longer than" in error
    # Holding the line would take at least its 300 MB; the cap is 16 MiB.
    assert result["grown_mb"] < 100, f"reading grew the peak RSS by {result['grown_mb']:.0f} MB"
    assert run.seconds < 60


def test_the_line_cap_is_a_setting(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_LINE_BYTES", 200, raising=False)
    path = tmp_path / "wire.jsonl"
    long_text = "The committee published its report. " * 10
    path.write_text("\n".join(json.dumps({"id": f"l{n}", "text": text}) for n, text in
                              enumerate([GOOD[0], long_text, GOOD[1]])) + "\n", encoding="utf-8")
    items = list(read_paths([path]))
    assert [getattr(i, "id", None) for i in items] == ["l0", None, "l2"]
    assert items[1].origin == f"{path}:2" and "longer than 200 bytes" in items[1].message


def _attribute_bomb(count: int) -> str:
    attributes = "".join(f' a{n}="1"' for n in range(count))
    return (f"<html><head><title>Port news</title></head><body><article><h1>Port news</h1>"
            f"<div{attributes}><p>{GOOD[0]}</p><p>{GOOD[1]}</p></div></article></body></html>")


def test_an_attribute_bomb_page_is_refused_at_once(tmp_path):
    page = tmp_path / "bomb.html"
    page.write_text(_attribute_bomb(300_000), encoding="utf-8")
    assert page.stat().st_size > 3_000_000
    lines = tmp_path / "wire.jsonl"
    lines.write_text(json.dumps({"id": "h1", "text": _attribute_bomb(300_000)}) + "\n"
                     + json.dumps({"id": "h2", "text": GOOD[0]}) + "\n", encoding="utf-8")
    story = tmp_path / "story.html"
    story.write_text(_attribute_bomb(12), encoding="utf-8")
    # Before the bound, the page alone parsed for more than five minutes.
    result, run = _read_in_subprocess(tmp_path, page, lines, story, timeout=90)
    assert run.seconds < 30
    assert result["docs"][0] == "h2" and len(result["docs"]) == 2
    first, second = result["errors"]
    assert first.startswith(f"{page}: ") and "300000 attributes" in first
    assert second.startswith(f"{lines}:1: ") and "attributes" in second


def test_a_page_of_too_many_tags_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_HTML_TAGS", 1000, raising=False)
    path = tmp_path / "list.html"
    items = "".join(f"<li><b>{n}</b></li>" for n in range(600))
    path.write_text(f"<html><body><article><p>{GOOD[0]}</p><ul>{items}</ul></article></body></html>",
                    encoding="utf-8")
    (error,) = read_paths([path])
    assert isinstance(error, InputError) and error.origin == str(path)
    assert "more than 1000 tags" in error.message
