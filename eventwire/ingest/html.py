"""HTML pages to text, title, URL and publication date, with the standard library's parser.

The body is the paragraphs of the page's <article>, else of its <main>, else every <p> outside
navigation, headers, footers and asides, else any longer block of text. Dates are taken in this
order: `article:published_time` meta, JSON-LD `datePublished`, other date meta (`date`,
`pubdate`, `dc.date`, `itemprop=datePublished`), then a `<time datetime>` (one in the article
first). Modified-dates are kept only as a year hint for a dateline.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from eventwire.ingest.dateline import parse_date_value

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "figure", "button", "select"})
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "section", "td", "dd", "dt", "article", "main", "body", "ul", "ol", "table", "tr"})
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"})
# A bare <div> block counts as body text in the last fallback only when it is this long.
_MIN_LOOSE_BLOCK = 80

_PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished")
_DATE_META = ("date", "pubdate", "publishdate", "publish-date", "publication_date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published", "originalpublicationdate")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class Block:
    tag: str
    text: str
    in_article: bool
    in_main: bool


@dataclass(frozen=True, slots=True)
class HtmlPage:
    text: str
    title: str | None
    url: str | None
    published: date | None
    published_from: str | None  # "html-meta", "json-ld", "time-tag"
    modified: date | None  # a year hint only


def declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:2048])
    return m.group(1).decode("ascii") if m else None


class _Collector(HTMLParser):
    """Walks the tags once, keeping text blocks with where they were and the page metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self.time_tags: list[tuple[str, bool]] = []  # (datetime, in the article or marked as the publication)
        self.title_parts: list[str] = []
        self.canonical: str | None = None
        self._stack: list[str] = []
        self._skip_depth = 0
        self._article_depth = 0
        self._main_depth = 0
        self._in_title = False
        self._in_json_ld = False
        self._buffer: list[str] = []
        self._block_tag = "div"

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer = []
        if text and not self._skip_depth:
            self.blocks.append(Block(self._block_tag, text, self._article_depth > 0, self._main_depth > 0))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or "").lower()
            if key and "content" in a:
                self.meta.setdefault(key, a["content"].strip())
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.canonical = a.get("href") or None
            return
        if tag == "time" and a.get("datetime"):
            self.time_tags.append((a["datetime"], self._article_depth > 0 or "pubdate" in a or a.get("itemprop") == "datePublished"))
        if tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in_json_ld = True
        if tag == "title":
            self._in_title = True
        if tag in _VOID:
            if tag == "br":
                self._buffer.append(" ")
            return
        if tag in _BLOCKS:
            self._flush()
            if tag in _PARAGRAPHS:
                self._block_tag = tag
            elif tag == "div":
                self._block_tag = "div"
        self._stack.append(tag)
        if tag in _SKIP:
            self._skip_depth += 1
        if tag == "article":
            self._article_depth += 1
        if tag == "main" or a.get("role") == "main":
            self._main_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._stack:
            return
        if tag in _BLOCKS:
            self._flush()
            self._block_tag = "div"
        while self._stack:
            open_tag = self._stack.pop()
            if open_tag in _SKIP:
                self._skip_depth -= 1
            if open_tag == "article":
                self._article_depth -= 1
            if open_tag == "main" and self._main_depth:
                self._main_depth -= 1
            if open_tag == tag:
                break
        if tag == "title":
            self._in_title = False
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)
        elif self._in_title:
            self.title_parts.append(data)
        elif not self._skip_depth:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _body_blocks(blocks: list[Block]) -> list[Block]:
    """The trafilatura-like cascade, much reduced: article, main, paragraphs, long loose blocks."""
    for chosen in (
        [b for b in blocks if b.in_article and b.tag in _PARAGRAPHS],
        [b for b in blocks if b.in_main and b.tag in _PARAGRAPHS],
        [b for b in blocks if b.tag in _PARAGRAPHS],
        [b for b in blocks if len(b.text) >= _MIN_LOOSE_BLOCK],
    ):
        if chosen:
            return chosen
    return []


def _json_ld_objects(chunks: list[str]) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            found.append(node)
            walk(node.get("@graph"))

    for chunk in chunks:
        try:
            walk(json.loads(chunk))
        except json.JSONDecodeError:
            continue
    return found


def _first_date(values: list[object]) -> date | None:
    for v in values:
        d = parse_date_value(v)
        if d is not None:
            return d
    return None


def _publication_date(c: _Collector, ld: list[dict[str, object]]) -> tuple[date | None, str | None]:
    by_source: tuple[tuple[str, list[object]], ...] = (
        ("html-meta", [c.meta.get(k) for k in _PUBLISHED_META]),
        ("json-ld", [o.get("datePublished") for o in ld]),
        ("html-meta", [c.meta.get(k) for k in _DATE_META]),
        ("time-tag", [v for v, preferred in c.time_tags if preferred] + [v for v, preferred in c.time_tags if not preferred]),
    )
    for source, values in by_source:
        d = _first_date(values)
        if d is not None:
            return d, source
    return None, None


def _title(c: _Collector, ld: list[dict[str, object]], blocks: list[Block]) -> str | None:
    headline = next((o["headline"] for o in ld if isinstance(o.get("headline"), str)), None)
    h1 = next((b.text for b in blocks if b.tag == "h1"), None)
    for candidate in (c.meta.get("og:title"), headline, " ".join("".join(c.title_parts).split()), h1):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    return None


def parse_html(markup: str) -> HtmlPage:
    """Extract the page; `text` is "" when the page has no body text (the caller refuses it)."""
    c = _Collector()
    c.feed(markup)
    c.close()
    ld = _json_ld_objects(c.json_ld)
    body = _body_blocks(c.blocks)
    published, published_from = _publication_date(c, ld)
    modified = _first_date([c.meta.get(k) for k in _MODIFIED_META] + [o.get("dateModified") for o in ld])
    url = c.meta.get("og:url") or c.canonical
    return HtmlPage(
        text="\n\n".join(b.text for b in body),
        title=_title(c, ld, c.blocks),
        url=url or None,
        published=published,
        published_from=published_from,
        modified=modified,
    )


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), paragraphs on blank lines."""
    if "<" not in markup:
        return markup.strip()
    c = _Collector()
    c.feed(markup)
    c.close()
    return "\n\n".join(b.text for b in c.blocks)
