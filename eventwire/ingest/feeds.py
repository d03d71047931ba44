"""RSS and Atom files, parsed by feedparser from bytes already read, so nothing is ever fetched.

Each item becomes a Document: text from its content (else its summary), id from its guid/id
(else its link, else `<file stem>#<n>`), date from its own published (else updated) string.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date

import feedparser

from eventwire.errors import InputError, MalformedRecord
from eventwire.ingest.checks import ReadOptions, ReadProblem
from eventwire.ingest.dateline import parse_date_value
from eventwire.ingest.html import html_to_text
from eventwire.ingest.text import build_document
from eventwire.records import Document

log = logging.getLogger(__name__)


def _item_text(entry: feedparser.FeedParserDict) -> str:
    candidates = [c.get("value", "") for c in entry.get("content") or []]
    candidates.append(entry.get("summary", ""))
    best = max(candidates, key=len)
    return html_to_text(best)


def _item_date(entry: feedparser.FeedParserDict) -> date | None:
    """The item's own date as its publisher wrote it (feedparser's *_parsed fields are UTC)."""
    for key in ("published", "updated", "created"):
        d = parse_date_value(entry.get(key))
        if d is not None:
            return d
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def read_feed(data: bytes, *, stem: str, source: str, options: ReadOptions) -> Iterator[Document | ReadProblem]:
    """Documents from the items of an RSS/Atom document; problems name `source#item`."""
    # Bytes, never a string: feedparser treats a string as a URL or a file name to open.
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = f" (the XML is malformed: {parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
        yield ReadProblem(source, MalformedRecord(source, f"is not an RSS/Atom feed or has no items{reason}; check that the file is a complete feed"))
        return
    if parsed.get("bozo"):
        log.warning("%s: feed is not well-formed (%s); reading the items that could be parsed", source, parsed.get("bozo_exception"))
    year_hint = parse_date_value(parsed.feed.get("updated") or parsed.feed.get("published"))
    for n, entry in enumerate(parsed.entries, start=1):
        doc_id = entry.get("id") or entry.get("link") or f"{stem}#{n}"
        where = f"{source}#{n}"
        own = _item_date(entry)
        try:
            yield build_document(
                _item_text(entry),
                doc_id=doc_id,
                source=where,
                max_chars=options.max_chars,
                default_published=options.default_published,
                published=own,
                published_from="feed" if own else None,
                year_hint=year_hint,
                title=entry.get("title"),
                url=entry.get("link"),
            )
        except InputError as e:
            yield ReadProblem(where, e)
