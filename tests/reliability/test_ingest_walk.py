"""What the folder walk meets besides files: symlink loops, FIFOs, devices.

Recipes (issue 12, item 4): a symlink loop inside a folder stopped the whole ingest
with "[Errno 40] Too many levels of symbolic links" (0 stored, every re-run the
same); a FIFO named on the command line blocked the ingest forever. Now an entry
that cannot be read is one error line and the walk goes on, and anything that is
not a regular file is refused before it is opened for reading.
"""

from __future__ import annotations

import json
import os
import sys

import reliability_helpers as rel

from hudhud.errors import InputError
from hudhud.ingest import read_paths

STORY = "Fishermen returned to the harbour after the navy lifted the ban on night trips."

READ = """
import sys
from hudhud.ingest import read_paths
for item in read_paths(sys.argv[1:]):
    print(getattr(item, "message", None) or "doc " + item.id, flush=True)
"""


def _read(paths):
    items = list(read_paths(paths))
    return ([i for i in items if not isinstance(i, InputError)],
            [i for i in items if isinstance(i, InputError)])


def test_symlink_loops_in_a_folder_are_one_line_each_and_the_walk_goes_on(tmp_path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "self.txt").symlink_to("self.txt")  # a link to itself
    (folder / "ping.jsonl").symlink_to("pong.jsonl")  # two links to each other
    (folder / "pong.jsonl").symlink_to("ping.jsonl")
    (folder / "sub" / "z.jsonl").write_text(json.dumps({"id": "z1", "text": STORY}) + "\n", encoding="utf-8")
    docs, errors = _read([folder])
    assert sorted(d.origin for d in docs) == [str(folder / "a.txt"), f"{folder / 'sub' / 'z.jsonl'}:1"]
    assert sorted(e.origin for e in errors) == [str(folder / n) for n in ("ping.jsonl", "pong.jsonl", "self.txt")]
    assert all("symbolic links" in e.message for e in errors)


def test_a_symlink_loop_named_on_the_command_line_says_so(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to("loop.txt")
    docs, (error,) = _read([loop])
    assert docs == [] and error.origin == str(loop)
    assert "symbolic links" in error.message


def test_a_fifo_named_on_the_command_line_is_refused_not_waited_for(tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    # In a subprocess: before the fix, reading blocks forever (no writer ever comes).
    run = rel.run_process([sys.executable, "-c", READ, str(fifo), str(good)], cwd=tmp_path, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{fifo}: ") and "not a regular file" in lines[0]
    assert lines[1].startswith("doc ")


def test_a_fifo_or_device_inside_a_folder_is_refused(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.jsonl").symlink_to("/dev/zero")
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    run = rel.run_process([sys.executable, "-c", READ, str(folder)], cwd=tmp_path, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{folder / 'pipe.txt'}: ") and "not a regular file" in lines[0]
    assert lines[1].startswith("doc ")
    assert lines[2].startswith(f"{folder / 'zero.jsonl'}: ") and "not a regular file" in lines[2]
