from hudhud.ingest.markup import html_to_text, looks_like_html


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
