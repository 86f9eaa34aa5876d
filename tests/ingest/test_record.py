import pytest

from hudhud import settings
from hudhud.ingest.docid import text_id
from hudhud.ingest.record import RecordError, build_document


def test_fields_and_synonyms():
    doc = build_document(
        {"Body": "Officials met in Erbil.", "Headline": " Talks  in Erbil ", "Link": "https://x.example/a",
         "publish_date": "Sep 28, 2017", "unknown_field": [1, 2], "ID": 7},
        origin="f.jsonl:3",
    )
    assert doc.id == "7"
    assert doc.text == "Officials met in Erbil."
    assert doc.title == "Talks in Erbil"
    assert doc.url == "https://x.example/a"
    assert doc.published == "2017-09-28"
    assert doc.origin == "f.jsonl:3"


def test_text_wins_over_its_synonyms():
    assert build_document({"content": "second", "text": "first"}, None).text == "first"


def test_id_from_text_when_none_given():
    doc = build_document({"text": "A statement was issued in Sanaa."}, None)
    assert doc.id == text_id("A statement was issued in Sanaa.")


def test_default_published_only_when_record_has_none():
    assert build_document({"text": "a"}, None, "2020-01-05").published == "2020-01-05"
    assert build_document({"text": "a", "date": "2019-02-01"}, None, "2020-01-05").published == "2019-02-01"
    assert build_document({"text": "a", "date": "soon"}, None, "2020-01-05").published == "2020-01-05"


def test_paragraph_list_is_joined():
    assert build_document({"text": ["One.", "Two."]}, None).text == "One.\n\nTwo."


def test_html_text_is_stripped():
    doc = build_document({"content": "<p>Ceasefire holds.</p><p>Shops reopen.</p>"}, None)
    assert doc.text == "Ceasefire holds.\n\nShops reopen."


@pytest.mark.parametrize("record, message", [
    ({"title": "only a title"}, "no text"),
    ({"text": ""}, "no text"),
    ({"text": "   \n "}, "empty text"),
    ({"text": 12}, "text is a int"),
    ({"text": {"a": 1}}, "text is a dict"),
])
def test_bad_records(record, message):
    with pytest.raises(RecordError, match=message):
        build_document(record, None)


def test_text_is_cut_at_max_doc_chars(monkeypatch):
    monkeypatch.setattr(settings, "MAX_DOC_CHARS", 50)
    assert len(build_document({"text": "word " * 100}, None).text) <= 50
