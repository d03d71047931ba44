"""Plain text to a Document, and the one place where a document's publication date is chosen.

Date precedence, for every reader: the document's own metadata (a JSONL field, HTML meta,
JSON-LD, a <time> tag, a feed item's date), then a wire dateline at the head of the text, then
the caller's default (the CLI's --date). A dateline is part of the document, so it beats the
default; the default still lends it a year when the dateline has none.
"""

from __future__ import annotations

import re
from datetime import date

from eventwire.ingest.checks import check_text
from eventwire.ingest.dateline import find_dateline
from eventwire.records import Document

# A headline is one short line that does not read as the end of a sentence.
_MAX_TITLE_CHARS = 160
_MAX_TITLE_WORDS = 20
_SENTENCE_END = re.compile(r"""[.:;,]["'”’)]?$""")


def guess_title(text: str) -> str | None:
    """The first line when it looks like a headline and more text follows it, else None."""
    first, sep, rest = text.strip().partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first:
        return None
    if len(first) > _MAX_TITLE_CHARS or len(first.split()) > _MAX_TITLE_WORDS:
        return None
    if _SENTENCE_END.search(first) or find_dateline(first) is not None:
        return None
    if first[0].islower():
        return None
    return first


def choose_date(
    text: str,
    own: date | None,
    own_from: str | None,
    *,
    default: date | None,
    year_hint: date | None = None,
) -> tuple[date | None, str | None]:
    """(published, published_from) by the precedence in this module's docstring."""
    if own is not None:
        return own, own_from
    dateline = find_dateline(text)
    if dateline is not None:
        resolved = dateline.resolve(year_hint or default)
        if resolved is not None:
            return resolved, "dateline"
    if default is not None:
        return default, "option"
    return None, None


def build_document(
    text: str,
    *,
    doc_id: str,
    source: str,
    max_chars: int,
    default_published: date | None = None,
    published: date | None = None,
    published_from: str | None = None,
    year_hint: date | None = None,
    title: str | None = None,
    url: str | None = None,
    find_title: bool = False,
) -> Document:
    """Check the text and make the Document; raises InputError subclasses naming `source`."""
    text = check_text(text, source, max_chars)
    if title is None and find_title:
        title = guess_title(text)
    when, when_from = choose_date(text, published, published_from, default=default_published, year_hint=year_hint)
    return Document(
        id=doc_id,
        text=text,
        published=when,
        title=title.strip() if title else None,
        url=url or None,
        source=source,
        published_from=when_from,
    )


def read_text_document(
    text: str,
    *,
    doc_id: str,
    published: date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    max_chars: int = 2_000_000,
) -> Document:
    """A Document from a string (for notebooks). `published` is this document's own date.

    Without it, a dateline with a year gives the date. The text is checked like a file's:
    raises EmptyDocument, DocumentTooLarge or NotEnglish.
    """
    return build_document(
        text,
        doc_id=doc_id,
        source=source or doc_id,
        max_chars=max_chars,
        published=published,
        published_from="option" if published is not None else None,
        title=title,
        url=url,
        find_title=True,
    )
