import os

from hudhud.errors import InputError
from hudhud.ingest.walk import Entry, expand, format_of


def test_format_of():
    assert format_of("a/B.JSONL") == ("jsonl", False)
    assert format_of("a.jsonl.gz") == ("jsonl", True)
    assert format_of("a.warc.gz") == ("warc", True)
    assert format_of("a.HTM") == ("html", False)
    assert format_of("a.pdf") == (None, False)
    assert format_of("a.gz") == (None, True)


def _tree(root):
    for name in ["b/2.txt", "b/1.jsonl", "a.csv", "c/d/e.html", ".hidden/x.txt", "b/.secret.txt",
                 "b/notes.pdf", "Z.txt"]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def test_folder_recursion_is_sorted_and_skips_hidden_and_unknown(tmp_path):
    _tree(tmp_path)
    found = [e.path[len(str(tmp_path)) + 1:] for e in expand([tmp_path])]
    assert found == ["Z.txt", "a.csv", "b/1.jsonl", "b/2.txt", "c/d/e.html"]
    assert [e.path for e in expand([tmp_path])] == [e.path for e in expand([str(tmp_path)])]


def test_explicit_unknown_file_is_kept_for_the_reader_to_report(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"%PDF")
    assert list(expand([path])) == [Entry(str(path), None, False)]


def test_missing_path(tmp_path):
    (item,) = expand([tmp_path / "nope.txt"])
    assert isinstance(item, InputError)
    assert item.origin.endswith("nope.txt")
    assert "no such file" in item.message


def test_symlinked_folder_loop_is_not_followed(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert [e.path for e in expand([tmp_path])] == [str(tmp_path / "a.txt")]


def test_an_entry_that_cannot_be_read_is_one_error_and_the_walk_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").symlink_to("b.txt")
    (tmp_path / "c.txt").write_text("x", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to("nowhere.txt")  # skipped, as before
    (tmp_path / "loop").symlink_to("loop")  # no known suffix: never read anyway
    found = list(expand([tmp_path]))
    assert [getattr(f, "path", None) or f.origin for f in found] == [
        str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c.txt")]
    assert isinstance(found[1], InputError) and found[1].code == "H015"
    assert "Too many levels of symbolic links" in found[1].message


def test_special_files_are_refused_by_name_or_in_a_folder(tmp_path):
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "null.txt").symlink_to("/dev/null")
    (tmp_path / "folder.txt").symlink_to(tmp_path)  # a link to a folder is not followed
    found = list(expand([tmp_path, "/dev/null"]))
    assert [(f.origin, f.code) for f in found] == [
        (str(tmp_path / "null.txt"), "H014"), (str(tmp_path / "pipe.jsonl"), "H014"), ("/dev/null", "H014")]
    assert "a character device" in found[0].message and "a FIFO" in found[1].message
