"""JSON Lines: one article a line, `{"id": ..., "text": ..., "date"|"published": ..., "title", "url"}`.

The file is streamed line by line, so a corpus of any size can be read; each bad line is one
ReadProblem naming `file:line`, and the lines after it are still read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

from eventwire.errors import EmptyDocument, EncodingError, InputError, MalformedRecord
from eventwire.ingest.checks import BYTES_PER_CHAR, ReadOptions, ReadProblem
from eventwire.ingest.dateline import parse_date_value
from eventwire.ingest.paths import GZIP_ERRORS, gzip_problem
from eventwire.ingest.text import build_document
from eventwire.records import Document

log = logging.getLogger(__name__)

DATE_FIELDS = ("published", "date")


def _record(line: bytes, where: str) -> dict[str, object]:
    try:
        decoded = line.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise EncodingError(where, f"is not valid UTF-8 (byte {e.start}); JSON Lines must be UTF-8, so re-save the file as UTF-8") from e
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as e:
        raise MalformedRecord(where, f"is not valid JSON ({e.msg} at column {e.colno}); fix or remove this line") from e
    if not isinstance(record, dict):
        raise MalformedRecord(where, f"is a JSON {type(record).__name__}, not an object with \"id\" and \"text\"")
    return record


def _optional_text(record: dict[str, object], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise MalformedRecord(where, f"{key!r} must be a string or null, not {value!r}")
    return value


def _field_types(record: dict[str, object], where: str) -> tuple[str, str]:
    missing = [k for k in ("id", "text") if k not in record or record[k] is None]
    if missing:
        raise MalformedRecord(where, f"has no {' or '.join(repr(k) for k in missing)}; every line needs \"id\" and \"text\"")
    doc_id, text = record["id"], record["text"]
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or not str(doc_id).strip():
        raise MalformedRecord(where, f"\"id\" must be a non-empty string or an integer, not {doc_id!r}")
    if not isinstance(text, str):
        raise MalformedRecord(where, f"\"text\" must be a string, not a JSON {type(text).__name__}")
    return str(doc_id).strip(), text


def _record_date(record: dict[str, object], where: str) -> date | None:
    for key in DATE_FIELDS:
        value = record.get(key)
        if value is None or value == "":
            continue
        parsed = parse_date_value(value)
        if parsed is None:
            raise MalformedRecord(where, f"{key!r} is {value!r}, not a date; write it as YYYY-MM-DD")
        return parsed
    return None


def parse_line(line: bytes, where: str, options: ReadOptions) -> Document:
    record = _record(line, where)
    doc_id, text = _field_types(record, where)
    published = _record_date(record, where)
    return build_document(
        text,
        doc_id=doc_id,
        source=where,
        max_chars=options.max_chars,
        default_published=options.default_published,
        published=published,
        published_from="field" if published is not None else None,
        title=_optional_text(record, "title", where),
        url=_optional_text(record, "url", where),
    )


def read_jsonl(stream: BinaryIO, source: str, options: ReadOptions) -> Iterator[Document | ReadProblem]:
    """Documents from a JSON Lines stream; problems name `source:line`."""
    line_limit = options.max_chars * BYTES_PER_CHAR + 4096
    seen: dict[str, int] = {}
    n_records = 0
    number = 0
    while True:
        try:
            line = stream.readline(line_limit + 1)
        except GZIP_ERRORS as e:
            yield ReadProblem(source, gzip_problem(f"{source} after line {number}", e))
            return
        if not line:
            break
        number += 1
        where = f"{source}:{number}"
        if len(line) > line_limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(line_limit)
            yield ReadProblem(where, MalformedRecord(where, f"is longer than {line_limit:,} bytes, over max_chars; split the record or raise --max-chars"))
            continue
        if not line.strip():
            continue
        n_records += 1
        try:
            doc = parse_line(line, where, options)
        except InputError as e:
            yield ReadProblem(where, e)
            continue
        if doc.id in seen:
            yield ReadProblem(where, MalformedRecord(where, f"repeats id {doc.id!r} of line {seen[doc.id]}; ids must be unique"))
            continue
        seen[doc.id] = number
        yield doc
    if n_records == 0:
        yield ReadProblem(source, EmptyDocument(source, "has no JSON records; nothing to code"))
