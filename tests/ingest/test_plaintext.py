from hudhud.errors import InputError
from hudhud.ingest.plaintext import read_plaintext, split_title
from hudhud.ingest.walk import Entry
from hudhud.model import Document


def read(path):
    return list(read_plaintext(Entry(str(path), "text", False), None))


def test_title_when_first_line_is_followed_by_a_blank_line():
    assert split_title("Border crossing reopens\n\nThe crossing opened on Monday.") == (
        "Border crossing reopens", "The crossing opened on Monday.")


def test_no_title_without_a_blank_line():
    text = "Border crossing reopens\nThe crossing opened on Monday."
    assert split_title(text) == (None, text)


def test_a_one_line_lead_paragraph_is_not_a_title():
    text = "The crossing opened on Monday after two years.\n\nTraders welcomed the news."
    assert split_title(text) == (None, text)
    long_first = "word " * 60 + "\n\nsecond"
    assert split_title(long_first)[0] is None


def test_a_lone_line_is_text_not_title():
    assert split_title("Only a line\n\n") == (None, "Only a line\n\n")


def test_read_txt(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Border crossing reopens\r\n\r\nThe crossing opened on Monday.\r\n\r\nTrucks queued.\r\n",
                    encoding="utf-8")
    (doc,) = read(path)
    assert isinstance(doc, Document)
    assert doc.title == "Border crossing reopens"
    assert doc.text == "The crossing opened on Monday.\n\nTrucks queued."
    assert doc.origin == str(path)


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Port closed\n\nThe port of Aden closed for a day.".encode("utf-16"))
    (doc,) = read(path)
    assert doc.title == "Port closed"
    assert doc.text == "The port of Aden closed for a day."


def test_latin1_is_a_clear_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Caf\u00e9 owners protested.".encode("latin-1"))
    (err,) = [item for item in _catch(path)]
    assert isinstance(err, InputError)
    assert err.origin == str(path)
    assert "not valid UTF-8 at byte 3" in err.message


def _catch(path):
    from hudhud.ingest import read_paths
    return read_paths([path])
