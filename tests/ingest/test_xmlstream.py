import io

from hudhud.ingest import xmlstream
from hudhud.ingest.feed import ITEMS
from hudhud.ingest.xmlstream import XmlBreak, XmlItem, iter_items

HEAD = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title>\n'
TAIL = "</channel></rss>\n"


def _item(n: int) -> str:
    return f"<item><title>T{n}</title><description>Note {n}.</description></item>\n"


def _read(text: str):
    out = []
    for found in iter_items(io.BytesIO(text.encode()), ITEMS):
        if isinstance(found, XmlItem):
            out.append((found.line, found.element.findtext("title")))
        else:
            out.append(found)
    return out


def test_items_come_out_with_their_file_lines():
    assert _read(HEAD + _item(1) + _item(2) + TAIL) == [(3, "T1"), (4, "T2")]


def test_a_start_tag_cut_by_a_block_boundary_is_still_found(monkeypatch):
    monkeypatch.setattr(xmlstream, "BLOCK_BYTES", 7)
    body = HEAD + _item(1) + "<item><title>x</title></itme>\n" + _item(3) + TAIL
    found = _read(body)
    assert found[0] == (3, "T1") and found[-1] == (5, "T3")
    assert [f.line for f in found if isinstance(f, XmlBreak)] == [4]


def test_items_on_one_line_around_a_broken_one():
    body = HEAD.replace("\n", "") + _item(1)[:-1] + "<item><title>a\x01b</title></item>" + _item(3)[:-1] + TAIL
    found = _read(body)
    assert [f for f in found if not isinstance(f, XmlBreak)] == [(1, "T1"), (1, "T3")]
    (broken,) = [f for f in found if isinstance(f, XmlBreak)]
    assert "invalid Char" in broken.message and broken.line == 1


def test_an_error_that_halts_the_parser_silently_is_found_at_the_next_item():
    # "&" with no name stops lxml's parser without an exception until it is closed.
    found = _read(HEAD + _item(1) + "<item><title>a & b</title></item>\n" + _item(3) + _item(4) + TAIL)
    assert [f for f in found if not isinstance(f, XmlBreak)] == [(3, "T1"), (5, "T3"), (6, "T4")]
    (broken,) = [f for f in found if isinstance(f, XmlBreak)]
    assert broken.line == 4 and "EntityRef" in broken.message


def test_line_numbers_in_messages_after_a_restart_are_the_files():
    body = HEAD + _item(1) + "<item>\n<title>x</title></itme>\n" + _item(3) + "<item>\n<b>y</c></item>\n" + TAIL
    breaks = [f for f in _read(body) if isinstance(f, XmlBreak)]
    assert [b.line for b in breaks] == [5, 8]
    # The second parser started on line 6, after the header's two lines.
    assert breaks[1].message == "Opening and ending tag mismatch: b line 8 and c, column 9"


def test_a_broken_header_ends_the_feed():
    found = _read('<?xml version="1.0"?>\n<rss><channel><title>a & b</title>\n' + _item(1) + TAIL)
    assert len(found) == 1 and isinstance(found[0], XmlBreak) and found[0].line == 2


def test_a_feed_cut_in_an_item_keeps_the_items_before():
    found = _read(HEAD + _item(1) + _item(2) + "<item><title>cut")
    assert found[:2] == [(3, "T1"), (4, "T2")]
    assert isinstance(found[2], XmlBreak) and len(found) == 3
