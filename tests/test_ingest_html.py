"""HTML pages and RSS/Atom feeds (eventwire/ingest/html.py, feeds.py)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.errors import EmptyDocument, MalformedRecord
from eventwire.ingest import ReadProblem, iter_documents
from eventwire.records import Document

BODY = (
    "<p>Sudan's army and the Rapid Support Forces fought for control of the capital on Saturday, "
    "with gunfire heard around the presidential palace and the airport.</p>"
    "<p>The United Nations called on both generals to stop the fighting at once.</p>"
)


def page(head: str = "", body: str = f"<article>{BODY}</article>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def read_one(tmp_path, name: str, content: str | bytes, **kwargs) -> Document | ReadProblem:
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    results = list(iter_documents([p], **kwargs))
    assert len(results) == 1, results
    return results[0]


@pytest.mark.parametrize(
    ("head", "body", "published", "published_from"),
    [
        ('<meta property="article:published_time" content="2023-04-15T21:30:00+02:00">', f"<article>{BODY}</article>", date(2023, 4, 15), "html-meta"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-04-15"}</script>', f"<article>{BODY}</article>", date(2023, 4, 15), "json-ld"),
        ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2023-04-16T08:00:00Z"}]}</script>', f"<article>{BODY}</article>", date(2023, 4, 16), "json-ld"),
        ('<meta name="date" content="2023-04-17">', f"<article>{BODY}</article>", date(2023, 4, 17), "html-meta"),
        ('<meta name="pubdate" content="Mon, 17 Apr 2023 09:00:00 GMT">', f"<article>{BODY}</article>", date(2023, 4, 17), "html-meta"),
        ('<meta itemprop="datePublished" content="2023-04-18">', f"<article>{BODY}</article>", date(2023, 4, 18), "html-meta"),
        ("", f'<article><time datetime="2023-04-19T10:00">April 19</time>{BODY}</article>', date(2023, 4, 19), "time-tag"),
        # The article's own <time> before one in a sidebar list of other stories.
        ("", f'<div><time datetime="2021-01-01">old</time></div><article><time datetime="2023-04-20">x</time>{BODY}</article>', date(2023, 4, 20), "time-tag"),
        # Explicit publication meta wins over a <time> tag.
        ('<meta property="article:published_time" content="2023-04-15">', f'<article><time datetime="2023-04-21">x</time>{BODY}</article>', date(2023, 4, 15), "html-meta"),
        ("", f"<article>{BODY}</article>", None, None),
        ('<meta name="date" content="not a date">', f"<article>{BODY}</article>", None, None),
    ],
)
def test_html_publication_date(tmp_path, head, body, published, published_from):
    doc = read_one(tmp_path, "story.html", page(head, body))
    assert isinstance(doc, Document)
    assert (doc.published, doc.published_from) == (published, published_from)


def test_html_date_beats_the_default_and_the_default_fills_the_gap(tmp_path):
    dated = read_one(tmp_path, "a.html", page('<meta name="date" content="2023-04-15">'), default_published=date(2020, 1, 1))
    undated = read_one(tmp_path, "b.html", page(), default_published=date(2020, 1, 1))
    assert (dated.published, dated.published_from) == (date(2023, 4, 15), "html-meta")
    assert (undated.published, undated.published_from) == (date(2020, 1, 1), "option")


def test_html_dateline_takes_its_year_from_the_modified_date(tmp_path):
    body = "<article><p>KHARTOUM, April 15 (EW) - Sudan's army and the Rapid Support Forces fought for the capital on Saturday.</p></article>"
    doc = read_one(tmp_path, "c.html", page('<meta property="article:modified_time" content="2023-04-16T10:00:00Z">', body))
    assert (doc.published, doc.published_from) == (date(2023, 4, 15), "dateline")


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        ('<title>Clashes in Khartoum - Example Wire</title><meta property="og:title" content="Clashes in Khartoum">', f"<article>{BODY}</article>", "Clashes in Khartoum"),
        ("<title>Clashes in\n   Khartoum</title>", f"<article>{BODY}</article>", "Clashes in Khartoum"),
        ('<script type="application/ld+json">{"headline": "Army and RSF fight"}</script>', f"<article>{BODY}</article>", "Army and RSF fight"),
        ("", f"<article><h1>Fighting in Sudan</h1>{BODY}</article>", "Fighting in Sudan"),
        ("", f"<article>{BODY}</article>", None),
    ],
)
def test_html_title(tmp_path, head, body, title):
    assert read_one(tmp_path, "t.html", page(head, body)).title == title


@pytest.mark.parametrize(
    ("body", "kept", "dropped"),
    [
        (f"<nav><p>Home World Sport</p></nav><article>{BODY}</article><footer><p>Copyright Example</p></footer>", "Rapid Support Forces", "Copyright"),
        (f"<article>{BODY}<aside><p>Related stories you may like</p></aside><script>var p = '<p>x</p>';</script></article>", "both generals", "Related stories"),
        (f"<div class='menu'><p>Subscribe now</p></div><main>{BODY}</main>", "presidential palace", "Subscribe"),
        (f"<header><p>Example Wire</p></header>{BODY}", "airport", "Example Wire"),  # no <article>: every <p>
        ("<div>Sudan's army and the Rapid Support Forces fought for control of the capital on Saturday, witnesses said.</div><div>Menu</div>", "Rapid Support", "Menu"),
        ("<p>Iran &amp; Israel traded threats on Sunday, and the United Nations urged restraint.</p>", "Iran & Israel", "&amp;"),
    ],
)
def test_html_body_text(tmp_path, body, kept, dropped):
    doc = read_one(tmp_path, "b.html", page("", body))
    assert isinstance(doc, Document)
    assert kept in doc.text
    assert dropped not in doc.text


@pytest.mark.parametrize(
    "markup",
    [
        page("<title>Video</title>", "<nav><p>Home</p></nav><div><video src='x.mp4'></video></div>"),
        "<html><head><title>Empty</title></head><body></body></html>",
        page("", "<script>document.write('<p>hello</p>')</script>"),
    ],
)
def test_html_without_body_text_is_an_empty_document(tmp_path, markup):
    problem = read_one(tmp_path, "empty.html", markup)
    assert isinstance(problem, ReadProblem)
    assert isinstance(problem.error, EmptyDocument)
    assert "no body text" in problem.message and "empty.html" in problem.message


def test_html_declared_charset_is_used(tmp_path):
    markup = page('<meta charset="windows-1252">', "<p>The minister\u2019s envoy met the rebels on Monday and the talks went on into the night.</p>")
    doc = read_one(tmp_path, "cp.html", markup.encode("cp1252"))
    assert "minister\u2019s envoy" in doc.text


def test_html_canonical_url(tmp_path):
    doc = read_one(tmp_path, "u.html", page('<link rel="canonical" href="https://example.org/a">'))
    assert doc.url == "https://example.org/a"


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example</title><link>https://example.org</link><description>d</description>
{items}
</channel></rss>"""
ITEM = """<item><title>{title}</title><link>{link}</link>{guid}<pubDate>{date}</pubDate>
<description>{text}</description></item>"""
TEXT = "&lt;p&gt;Ethiopia's government and the Tigray forces agreed on Wednesday to a permanent end to the fighting.&lt;/p&gt;"


def test_rss_items_become_documents(tmp_path):
    items = "\n".join(
        [
            ITEM.format(title="Truce agreed", link="https://example.org/1", guid="<guid>story-1</guid>", date="Wed, 02 Nov 2022 23:30:00 -0500", text=TEXT),
            ITEM.format(title="No guid", link="https://example.org/2", guid="", date="Thu, 03 Nov 2022 08:00:00 +0000", text=TEXT),
        ]
    )
    docs = list(iter_documents([_write(tmp_path, "news.rss", RSS.format(items=items))], default_published=date(2000, 1, 1)))
    assert [d.id for d in docs] == ["story-1", "https://example.org/2"]
    # the publisher's own calendar date, not the UTC one feedparser would give (Nov 3)
    assert docs[0].published == date(2022, 11, 2)
    assert {d.published_from for d in docs} == {"feed"}
    assert docs[0].title == "Truce agreed" and docs[0].url == "https://example.org/1"
    assert docs[0].text.startswith("Ethiopia's government") and "<p>" not in docs[0].text
    assert docs[0].source.endswith("news.rss#1")


def test_atom_feed(tmp_path):
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title><id>urn:feed</id><updated>2022-11-03T00:00:00Z</updated>
<entry><id>urn:story:7</id><title>Truce</title><link href="https://example.org/7"/><updated>2022-11-02T20:00:00+02:00</updated>
<content type="html">&lt;p&gt;The African Union said on Wednesday that the two sides had agreed to silence the guns.&lt;/p&gt;</content></entry>
</feed>"""
    (doc,) = iter_documents([_write(tmp_path, "news.atom", atom)])
    assert (doc.id, doc.published, doc.url) == ("urn:story:7", date(2022, 11, 2), "https://example.org/7")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty-feed.rss", RSS.format(items="")),
        ("not-a-feed.xml", "<?xml version='1.0'?><config><value>3</value></config>"),
        ("cut-off.rss", "<?xml version='1.0'?><rss version='2.0'><channel><title>Example</tit"),
    ],
)
def test_feed_with_no_items_is_reported(tmp_path, name, content):
    good = _write(tmp_path, "good.txt", "The United Nations said on Monday that it would send an envoy to the talks in Geneva.")
    results = list(iter_documents([_write(tmp_path, name, content), good]))
    assert isinstance(results[0], ReadProblem) and isinstance(results[0].error, MalformedRecord)
    assert name in results[0].message and "no items" in results[0].message
    assert isinstance(results[1], Document)


def test_a_bad_feed_item_does_not_stop_the_others(tmp_path):
    items = "\n".join(
        [
            ITEM.format(title="Empty", link="https://example.org/1", guid="", date="Wed, 02 Nov 2022 10:00:00 GMT", text=""),
            ITEM.format(title="Good", link="https://example.org/2", guid="", date="Wed, 02 Nov 2022 10:00:00 GMT", text=TEXT),
        ]
    )
    first, second = iter_documents([_write(tmp_path, "mixed.rss", RSS.format(items=items))])
    assert isinstance(first, ReadProblem) and isinstance(first.error, EmptyDocument) and first.source.endswith("#1")
    assert isinstance(second, Document) and second.id == "https://example.org/2"


def _write(tmp_path, name: str, content: str):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    return p
