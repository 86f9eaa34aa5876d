from hudhud.errors import InputError
from hudhud.ingest.walk import Entry
from hudhud.ingest.webpage import read_webpage
from hudhud.model import Document

PAGE = """<!DOCTYPE html>
<html><head>
<title>Council approves budget | The Example Post</title>
<meta property="og:title" content="Council approves budget">
<meta property="og:url" content="https://post.example.com/2021/05/budget">
<meta property="article:published_time" content="2021-05-04T09:15:00+03:00">
<script>var analytics = "SCRIPT_SHOULD_VANISH";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/region">Region</a></li><li>NAV_SHOULD_VANISH</li></ul></nav>
<article>
<h1>Council approves budget</h1>
<p>The provincial council voted on Tuesday to approve a budget that doubles spending on water and power.</p>
<p>Members who opposed the plan said the province could not raise the money without new help from the capital.</p>
<p>The governor's office said work on two new pumping stations would start before the summer heat.</p>
</article>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>COMMENT_SHOULD_VANISH: a reader disagreeing at length with the council.</p></div></section>
<footer>FOOTER_SHOULD_VANISH All rights reserved.</footer>
<script>document.write("SECOND_SCRIPT_SHOULD_VANISH");</script>
</body></html>
"""


def read(path):
    return list(read_webpage(Entry(str(path), "html", False), None))


def test_only_the_article_survives(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (doc,) = read(path)
    assert isinstance(doc, Document)
    assert "SHOULD_VANISH" not in doc.text
    assert "<" not in doc.text and ">" not in doc.text
    assert doc.text.startswith("The provincial council voted on Tuesday")
    assert "pumping stations" in doc.text
    assert doc.text.count("\n\n") == 2  # three paragraphs
    assert doc.title == "Council approves budget"
    assert doc.url == "https://post.example.com/2021/05/budget"
    assert doc.published == "2021-05-04"


def test_page_without_article_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><script>1</script></body></html>", encoding="utf-8")
    (err,) = read(path)
    assert isinstance(err, InputError)
    assert err.origin == str(path)


def test_declared_legacy_charset(tmp_path):
    path = tmp_path / "ar.html"
    body = "\u0627\u062c\u062a\u0645\u0639 \u0627\u0644\u0645\u062c\u0644\u0633 \u0641\u064a \u0627\u0644\u0628\u0635\u0631\u0629 " * 8
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head>' \
           f"<body><article><p>{body}</p><p>{body}.</p></article></body></html>"
    path.write_bytes(page.encode("windows-1256"))
    (doc,) = read(path)
    assert "\u0627\u0644\u0628\u0635\u0631\u0629" in doc.text
