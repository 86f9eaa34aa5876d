from hudhud import settings
from hudhud.ingest.markup import html_to_text, looks_like_html, markup_problem


def test_looks_like_html():
    assert looks_like_html("<p>One.</p><p>Two.</p>")
    assert not looks_like_html("Casualties rose from < 10 to > 40 in a week.")
    assert not looks_like_html("A single <b> is not a page.")


def test_html_to_text_drops_tags_script_and_style():
    text = html_to_text(
        "<div><p>Aid reached <b>Hodeidah</b> &amp; Taiz.</p><script>var x = 'HIDDEN';</script>"
        "<style>p {color: red}</style><!-- a comment --><p>Trucks<br>waited.</p></div>"
    )
    assert "HIDDEN" not in text and "color" not in text and "comment" not in text
    assert "<" not in text
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    assert paragraphs == ["Aid reached Hodeidah & Taiz.", "Trucks waited."]


def test_markup_within_bounds_passes(monkeypatch):
    monkeypatch.setattr(settings, "MAX_HTML_TAGS", 4)
    monkeypatch.setattr(settings, "MAX_HTML_ATTRIBUTES", 3)
    assert markup_problem('<p class="lead" id="a">One</p><p>Two <b>x</b></p><br/>') is None
    assert markup_problem("Casualties rose from < 10 to > 40.") is None


def test_too_many_tags(monkeypatch):
    monkeypatch.setattr(settings, "MAX_HTML_TAGS", 4)
    assert markup_problem("<p>a</p>" * 5) == "markup with more than 4 tags (HUDHUD_MAX_HTML_TAGS); not parsed"


def test_attributes_are_counted_past_quoted_angle_brackets(monkeypatch):
    monkeypatch.setattr(settings, "MAX_HTML_ATTRIBUTES", 3)
    # A ">" inside a quoted value does not end the tag; the fourth attribute counts.
    problem = markup_problem('<p>x</p><div title="a > b" data-x=\'1\' hidden lang=en>text</div>')
    assert problem == ("a tag with 4 attributes at character 8 (more than 3, "
                       "HUDHUD_MAX_HTML_ATTRIBUTES); not parsed")
    assert markup_problem('<div title="a > b" hidden lang=en>text</div>') is None


def test_the_scan_is_linear_in_the_length_of_the_markup():
    # Quotes opened in tag after tag: a scan restarting inside each tag's quoted
    # value would take time growing with the square of the count.
    import time

    nested = '<a x="' * 200_000  # read as one tag: its quoted values hold the next "<a"
    start = time.perf_counter()
    assert markup_problem(nested).startswith("a tag with 199999 attributes at character 0")
    many = '<b x="1">y</b>' * 20_000
    assert markup_problem(many) is None
    assert time.perf_counter() - start < 2
