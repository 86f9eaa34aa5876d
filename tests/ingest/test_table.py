from hudhud import settings
from hudhud.errors import InputError
from hudhud.ingest import read_paths
from hudhud.model import Document


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)])


def test_csv_rows_and_bad_rows(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        "ID,Title,Date,Text,Section\n"
        '1,Port reopens,2019-06-01,"The port reopened.\n\nShips docked.",world\n'
        "2,No text,2019-06-02,,world\n"
        "3,Shifted,2019-06-03,a comma, in text,world\n"
        "\n"
        "4,Fine,03 June 2019,Markets were calm.,business\n",
        encoding="utf-8",
    )
    docs, errors = split(read_paths([path]))
    assert [(d.id, d.title, d.published, d.origin) for d in docs] == [
        ("1", "Port reopens", "2019-06-01", f"{path}:2"),
        ("4", "Fine", "2019-06-03", f"{path}:8"),
    ]
    assert docs[0].text == "The port reopened.\n\nShips docked."
    assert [e.origin for e in errors] == [f"{path}:5", f"{path}:6"]
    assert "no text" in errors[0].message
    assert "6 fields but the header has 5" in errors[1].message


def test_tsv_and_long_fields(tmp_path):
    path = tmp_path / "news.tsv"
    long_text = "The talks went on. " * 20_000  # longer than csv's default field limit
    path.write_text(f"content\theadline\n{long_text}\tLong talks\n", encoding="utf-8")
    (doc,) = read_paths([path])
    assert doc.title == "Long talks" and doc.text == long_text.strip()


def test_no_text_column(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    (error,) = read_paths([path])
    assert isinstance(error, InputError) and error.origin == str(path)
    assert "no text column" in error.message


def test_bad_utf8_row(tmp_path):
    path = tmp_path / "news.csv"
    path.write_bytes(b"text\nGood row.\nbad \xff row\nAnother row.\n")
    docs, errors = split(read_paths([path]))
    assert [d.text for d in docs] == ["Good row.", "Another row."]
    assert errors[0].origin == f"{path}:3" and "not valid UTF-8" in errors[0].message


def test_two_quotes_left_open_cost_two_rows_and_bad_lines_are_reported_once(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_FIELD_LINES", 3)
    path = tmp_path / "news.tsv"
    path.write_bytes(b"id\ttext\n"
                     b'o1\t"first open quote\n'
                     b"r1\tRoads were closed.\n"
                     b"r2\tbad \xff byte\n"
                     b'o2\t"second open quote\n'
                     b"r3\tShops reopened.\n")
    docs, errors = split(read_paths([path]))
    assert [(d.id, d.origin) for d in docs] == [("r1", f"{path}:3"), ("r3", f"{path}:6")]
    assert [(e.origin, e.code) for e in errors] == [
        (f"{path}:2", "H011"), (f"{path}:4", "H010"), (f"{path}:5", "H011")]
    assert "within 3 lines" in errors[0].message
    assert "not valid UTF-8" in errors[1].message
    assert "end of the file" in errors[2].message


def test_a_header_row_left_open_is_reported_and_the_next_row_is_the_header(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text('"id,text\nid,text\nr1,Ferries sailed again.\n', encoding="utf-8")
    docs, errors = split(read_paths([path]))
    assert [d.id for d in docs] == ["r1"]
    assert [e.origin for e in errors] == [f"{path}:1"]
