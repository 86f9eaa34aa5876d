"""A quoted CSV field that never closes must cost one row, not every row after it.

Recipe (issue 12, item 1): a row opens a quote and never closes it. The csv module
reads on to the end of the file and returns one giant field, so the rows below
vanished into it without a word. Now the quote may span at most
settings.MAX_FIELD_LINES physical lines (and settings.MAX_LINE_BYTES bytes); a row
past either, or one still open at the end of the file, is one error naming the
line it starts on, and the lines after that line are read as rows again.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import reliability_helpers as rel
from hypothesis import given
from hypothesis import strategies as st

from hudhud import settings
from hudhud.errors import InputError
from hudhud.ingest import read_paths

STORIES = {
    "c1": "Militiamen set up a checkpoint on the road to the airport before dawn.",
    "c2": "The water board said pumping would resume once the generators were repaired.",
    "c3": "Two lorries of flour crossed the bridge after the curfew was lifted.",
    "c4": "A court in the capital adjourned the trial of four officers until March.",
}


def _read(path):
    items = list(read_paths([path]))
    docs = {i.id: i for i in items if not isinstance(i, InputError)}
    return docs, [i for i in items if isinstance(i, InputError)]


def test_a_quote_left_open_to_the_end_of_the_file_costs_one_row(tmp_path):
    path = tmp_path / "wire.csv"
    rows = ["id,text", "c0,ok text", 'cbad,"He said ""never closes']
    rows += [f"{key},{text}" for key, text in STORIES.items()]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs, errors = _read(path)
    assert sorted(docs) == ["c0", *STORIES]
    assert {key: docs[key].text for key in STORIES} == STORIES
    assert docs["c1"].origin == f"{path}:4"
    (error,) = errors
    assert error.origin == f"{path}:3"
    assert "quote" in error.message and "end of the file" in error.message


def test_a_quote_running_past_the_line_limit_costs_one_row(tmp_path, monkeypatch):
    # The quote opened on line 3 is closed by accident far below (by the quotes of
    # row c9): without a limit, rows c1..c8 became the text of "cbad".
    monkeypatch.setattr(settings, "MAX_FIELD_LINES", 4, raising=False)
    path = tmp_path / "wire.csv"
    rows = ["id,text", "c0,ok text", 'cbad,"an opening quote and no end']
    rows += [f"c{n},Report {n}: the council met again on the budget." for n in range(1, 9)]
    rows += ['c9,"He called it ""a first step"" and left."', "c10,The market reopened."]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    docs, errors = _read(path)
    assert sorted(docs, key=lambda k: int(k[1:])) == [f"c{n}" for n in range(11)]
    assert docs["c9"].text == 'He called it "a first step" and left.'
    assert docs["c5"].origin == f"{path}:8"
    (error,) = errors
    assert error.origin == f"{path}:3"
    assert "4 lines" in error.message


def test_a_quote_closed_by_accident_by_a_later_row_costs_one_row(tmp_path):
    # Within the line limit: the first quote of row c2 closes the quote of cbad,
    # and text follows it, which no well-formed field does.
    path = tmp_path / "wire.csv"
    path.write_text('id,text\nc0,ok text\ncbad,"never closes\nc1,The army shelled the town.\n'
                    'c2,"He left," they said.\nc3,"a stray"quote stays as it always was\n', encoding="utf-8")
    docs, errors = _read(path)
    assert sorted(docs) == ["c0", "c1", "c2", "c3"]
    assert docs["c1"].text == "The army shelled the town."
    assert docs["c2"].text == "He left, they said."
    assert docs["c3"].text == "a strayquote stays as it always was"
    (error,) = errors
    assert error.origin == f"{path}:3" and "closed on line 5" in error.message


def test_a_quoted_field_within_the_limit_still_spans_lines(tmp_path, monkeypatch):
    # The text of m1 spans lines 2 to 6: exactly the limit.
    monkeypatch.setattr(settings, "MAX_FIELD_LINES", 5, raising=False)
    path = tmp_path / "wire.csv"
    path.write_text('id,text\nm1,"First paragraph.\n\nSecond paragraph.\n\nThird."\nm2,Next row.\n',
                    encoding="utf-8")
    docs, errors = _read(path)
    assert errors == []
    assert docs["m1"].text == "First paragraph.\n\nSecond paragraph.\n\nThird."
    assert docs["m2"].origin == f"{path}:7"


def test_a_row_past_the_byte_limit_costs_one_row(tmp_path, monkeypatch):
    # Each line is short, so only the row's total size can stop it.
    monkeypatch.setattr(settings, "MAX_LINE_BYTES", 1000, raising=False)
    path = tmp_path / "wire.csv"
    inner = "\n".join(f"line {n} of a quote that grows" for n in range(100))
    path.write_text(f'id,text\nc0,ok text\nbig,"{inner}"\nc1,{STORIES["c1"]}\n', encoding="utf-8")
    docs, errors = _read(path)
    assert {"c0", "c1"} <= set(docs) and "big" not in docs
    assert errors[0].origin == f"{path}:3" and "1000 bytes" in errors[0].message
    assert docs["c1"].text == STORIES["c1"]


# Texts start with a letter: a quote left open is then closed, if at all, by the
# opening quote of a later field, which text follows. (A later field that starts
# with a line break or a comma can close it cleanly: no reader can tell that file
# from one whose quoted field really holds those lines, up to the line limit.)
TEXTS = st.text(alphabet=st.sampled_from(list('ab ,"\n.')), max_size=30).map(lambda text: "a" + text)


@rel.examples(60)
@given(texts=st.lists(TEXTS, min_size=1, max_size=8), where=st.integers(0, 8),
       opened=st.sampled_from(["x", "x,y", 'x ""y']))
def test_one_quote_left_open_anywhere_costs_only_its_row(texts, where, opened):
    where = min(where, len(texts))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "text"])
    writer.writerows([f"g{n}", text] for n, text in enumerate(texts[:where]))
    line = out.getvalue().count("\n") + 1
    out.write(f'open,"{opened}\n')
    writer.writerows([f"g{n}", text] for n, text in enumerate(texts[where:], where))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "wire.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        docs, errors = _read(path)
    assert {f"g{n}" for n in range(len(texts))} <= set(docs), out.getvalue()
    assert "open" not in docs
    assert [e.origin for e in errors if e.code == "H011"] == [f"{path}:{line}"]
