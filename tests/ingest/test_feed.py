from hudhud.errors import InputError
from hudhud.ingest import read_paths
from hudhud.model import Document

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://wire.example.net/</link>
<description>CHANNEL_DESCRIPTION</description>
<item>
  <title>Aid convoy reaches town</title>
  <link>https://wire.example.net/1</link>
  <pubDate>Mon, 02 Mar 2020 08:00:00 +0000</pubDate>
  <description>A short summary.</description>
  <content:encoded><![CDATA[<p>An aid convoy of twelve trucks reached the town on Sunday.</p><p>Residents had waited for <b>weeks</b>.</p><script>SCRIPT</script>]]></content:encoded>
</item>
<item>
  <title>Summary only</title>
  <link>https://wire.example.net/2</link>
  <description>&lt;p&gt;The border stayed closed for a third day.&lt;/p&gt;&lt;p&gt;Traders waited.&lt;/p&gt;</description>
</item>
<item><title>Nothing inside</title></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom</title>
  <entry>
    <title>Ministers meet</title>
    <link rel="alternate" href="https://atom.example.org/ministers"/>
    <id>tag:atom.example.org,2021:1</id>
    <published>2021-11-03T10:00:00+01:00</published>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Foreign ministers met in Amman.</p><p>They issued no statement.</p></div></content>
  </entry>
  <entry>
    <title>Summary entry</title>
    <updated>2021-11-04T10:00:00Z</updated>
    <summary>Fuel prices rose again.</summary>
  </entry>
</feed>
"""


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)])


def test_rss(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    docs, errors = split(read_paths([path]))
    assert [d.title for d in docs] == ["Aid convoy reaches town", "Summary only"]
    assert docs[0].text == "An aid convoy of twelve trucks reached the town on Sunday.\n\nResidents had waited for weeks."
    assert docs[0].url == "https://wire.example.net/1" and docs[0].published == "2020-03-02"
    assert docs[1].text == "The border stayed closed for a third day.\n\nTraders waited."
    assert docs[0].origin == f"{path}:5"
    assert all("CHANNEL_DESCRIPTION" not in d.text for d in docs)
    (error,) = errors
    assert error.origin == f"{path}:17" and "no text" in error.message


def test_atom(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    first, second = read_paths([path])
    assert first.text == "Foreign ministers met in Amman.\n\nThey issued no statement."
    assert first.url == "https://atom.example.org/ministers" and first.published == "2021-11-03"
    assert second.text == "Fuel prices rose again." and second.published == "2021-11-04" and second.url is None


def test_broken_xml_keeps_earlier_items(tmp_path):
    path = tmp_path / "wire.xml"
    path.write_text(RSS.split("<item><title>Nothing")[0] + "<item><title>Cut off", encoding="utf-8")
    docs, errors = split(read_paths([path]))
    assert len(docs) == 2
    assert "malformed XML" in errors[-1].message


def test_xml_that_is_not_a_feed(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>', encoding="utf-8")
    (error,) = read_paths([path])
    assert isinstance(error, InputError) and "no RSS or Atom items" in error.message


def test_entities_are_not_expanded(tmp_path):
    path = tmp_path / "evil.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><item><description>Before &x; after the news.</description></item></channel></rss>",
        encoding="utf-8",
    )
    items = list(read_paths([path]))
    assert all("root:" not in getattr(i, "text", "") for i in items)
