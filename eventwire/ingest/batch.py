"""Reading many inputs: files, folders, globs and standard input, one kind of reader each.

Nothing here raises for one bad input: each is a ReadProblem in the stream and reading goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

from eventwire.errors import EmptyDocument, InputError
from eventwire.ingest.checks import (
    BYTES_PER_CHAR,
    MARKUP_BYTES_PER_CHAR,
    ReadOptions,
    ReadProblem,
    check_not_empty,
    decode_bytes,
)
from eventwire.ingest.feeds import read_feed
from eventwire.ingest.html import declared_charset, parse_html
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.paths import GZIP_ERRORS, expand_paths, gzip_problem, open_file, os_problem, peek_stream, read_capped, sniff_kind, split_name
from eventwire.ingest.text import build_document
from eventwire.records import Document

log = logging.getLogger(__name__)

STDIN_ID = "stdin"
STDIN_SOURCE = "<stdin>"


def limit_for(kind: str, max_chars: int) -> int | None:
    """Bytes a file of this kind may have; None for JSON Lines, which is streamed."""
    if kind == "jsonl":
        return None
    return max_chars * (BYTES_PER_CHAR if kind == "text" else MARKUP_BYTES_PER_CHAR)


def read_one(data: bytes, kind: str, *, doc_id: str, source: str, options: ReadOptions) -> Document:
    """A text or HTML file's bytes to its Document; raises InputError subclasses."""
    if not data.strip():
        raise EmptyDocument(source, "is empty or only whitespace; nothing to code")
    if kind != "html":
        return build_document(
            decode_bytes(data, source),
            doc_id=doc_id,
            source=source,
            max_chars=options.max_chars,
            default_published=options.default_published,
            find_title=True,
        )
    page = parse_html(decode_bytes(data, source, declared_charset(data)))
    check_not_empty(page.text, source, "is an HTML page with no body text (no <p> or <article> text)")
    return build_document(
        page.text,
        doc_id=doc_id,
        source=source,
        max_chars=options.max_chars,
        default_published=options.default_published,
        published=page.published,
        published_from=page.published_from,
        year_hint=page.modified,
        title=page.title,
        url=page.url,
    )


def read_stream(stream: BinaryIO, kind: str, *, doc_id: str, source: str, options: ReadOptions) -> Iterator[Document | ReadProblem]:
    if kind == "jsonl":
        yield from read_jsonl(stream, source, options)
        return
    limit = limit_for(kind, options.max_chars)
    assert limit is not None
    try:
        data = read_capped(stream, limit, options.max_chars, source)
        if kind == "feed":
            yield from read_feed(data, stem=doc_id, source=source, options=options)
        else:
            yield read_one(data, kind, doc_id=doc_id, source=source, options=options)
    except InputError as e:
        yield ReadProblem(source, e)


def read_path(path: Path, options: ReadOptions) -> Iterator[Document | ReadProblem]:
    """Everything in one file; the kind comes from the suffix, else from the first bytes."""
    source = str(path)
    stem, kind, _ = split_name(path.name)
    try:
        with open_file(path, limit_for(kind, options.max_chars) if kind else None, options.max_chars, source) as raw:
            if kind is None:
                head, raw_stream = peek_stream(raw)
                kind = sniff_kind(head)
                stream: BinaryIO = raw_stream
            else:
                stream = raw
            yield from read_stream(stream, kind, doc_id=stem, source=source, options=options)
    except InputError as e:
        yield ReadProblem(source, e)
    except GZIP_ERRORS as e:
        yield ReadProblem(source, gzip_problem(source, e))
    except OSError as e:
        yield ReadProblem(source, os_problem(source, e))


def iter_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    default_published: date | None = None,
    max_chars: int = 2_000_000,
) -> Iterator[Document | ReadProblem]:
    """Documents from files, folders (recursive) and globs, in order; bad inputs as ReadProblems.

    `default_published` dates only the documents that carry no date of their own.
    """
    options = ReadOptions(default_published, max_chars)
    ids: dict[str, str] = {}
    for item in expand_paths(paths):
        if isinstance(item, ReadProblem):
            yield item
            continue
        for result in read_path(item, options):
            if isinstance(result, Document):
                earlier = ids.setdefault(result.id, result.source or "")
                if earlier != result.source:
                    log.warning("%s: id %r is also the id of %s; rename one of them so each document keeps its own id", result.source, result.id, earlier)
            yield result


def read_stdin(
    stream: TextIO | BinaryIO,
    *,
    default_published: date | None = None,
    max_chars: int = 2_000_000,
) -> Iterator[Document | ReadProblem]:
    """Documents from standard input: one text or HTML page (id "stdin"), JSON Lines or a feed."""
    options = ReadOptions(default_published, max_chars)
    binary: BinaryIO
    if hasattr(stream, "buffer"):
        binary = stream.buffer  # type: ignore[union-attr]
    else:
        probe = stream.read(0)
        binary = stream if isinstance(probe, bytes) else _TextAsBytes(stream)  # type: ignore[arg-type,assignment]
    try:
        head, whole = peek_stream(binary)
    except GZIP_ERRORS as e:
        yield ReadProblem(STDIN_SOURCE, gzip_problem(STDIN_SOURCE, e))
        return
    yield from read_stream(whole, sniff_kind(head), doc_id=STDIN_ID, source=STDIN_SOURCE, options=options)


class _TextAsBytes:
    """A text stream (io.StringIO, a notebook's stream) read as UTF-8 bytes."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._pending = b""

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            out, self._pending = self._pending + self._stream.read().encode("utf-8"), b""
            return out
        while len(self._pending) < n:
            chunk = self._stream.read(max(n, 4096))
            if not chunk:
                break
            self._pending += chunk.encode("utf-8")
        out, self._pending = self._pending[:n], self._pending[n:]
        return out
