"""Which files to read (paths, folders, globs) and how to open them (plain or gzip, by kind)."""

from __future__ import annotations

import glob
import gzip
import io
import logging
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import InputError, MalformedRecord
from eventwire.ingest.checks import ReadProblem, check_size_bytes

log = logging.getLogger(__name__)

KINDS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 4096
GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


def split_name(name: str) -> tuple[str, str | None, bool]:
    """(stem, kind, gzipped) of a file name: "story.html.gz" -> ("story", "html", True)."""
    p = Path(name)
    gzipped = p.suffix.lower() == ".gz"
    if gzipped:
        p = Path(p.stem)
    return p.stem, KINDS.get(p.suffix.lower()), gzipped


def sniff_kind(head: bytes) -> str:
    """Guess a kind from the first bytes, for stdin and files with an unknown suffix."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:SNIFF_BYTES].lower()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<"):
        if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        if any(tag in start for tag in (b"<html", b"<!doctype html", b"<body", b"<p>", b"<article")):
            return "html"
        if start.startswith(b"<?xml"):
            return "feed"
    return "text"


def gzip_problem(source: str, error: BaseException) -> MalformedRecord:
    return MalformedRecord(source, f"gzip data is truncated or corrupt ({error}); re-download or re-compress the file")


def os_problem(source: str, error: OSError) -> InputError:
    if isinstance(error, PermissionError):
        return InputError(source, "permission denied; make it readable (chmod) or run as a user who can read it")
    if isinstance(error, FileNotFoundError):
        return InputError(source, "does not exist; check the path")
    return InputError(source, f"cannot be read: {error.strerror or error}")


def _walk(folder: Path) -> Iterator[Path | ReadProblem]:
    """Readable files of known kinds under `folder`, sorted, hidden ones skipped."""
    problems: list[ReadProblem] = []

    def on_error(e: OSError) -> None:
        where = e.filename or str(folder)
        problems.append(ReadProblem(str(where), os_problem(str(where), e)))

    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from problems
        problems.clear()
        for name in sorted(files):
            if name.startswith("."):
                continue
            if split_name(name)[1] is None:
                log.debug("skipping %s: not a known document type", Path(root, name))
                continue
            yield Path(root, name)
    yield from problems


def _matched(matches: list[str]) -> Iterator[Path | ReadProblem]:
    for match in matches:
        p = Path(match)
        if p.is_dir():
            yield from _walk(p)
        else:
            yield p


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | ReadProblem]:
    """Files to read, in order, each once; a missing path or an unmatched glob is a ReadProblem."""
    seen: set[Path] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found: Iterable[Path | ReadProblem] = _walk(p)
        elif p.exists() or p.is_symlink():
            found = [p]
        elif glob.has_magic(str(given)):
            matches = sorted(glob.glob(str(given), recursive=True))
            if not matches:
                yield ReadProblem(str(given), InputError(str(given), "no files match this pattern; check it, and quote it so the shell does not expand it"))
            found = _matched(matches)
        else:
            yield ReadProblem(str(given), InputError(str(given), "does not exist; check the path"))
            continue
        for item in found:
            if isinstance(item, ReadProblem):
                yield item
                continue
            key = item.resolve()
            if key not in seen:
                seen.add(key)
                yield item


class _Prefixed(io.RawIOBase):
    """A stream that gives back bytes already read from another stream, then the rest of it."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def peek_stream(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first bytes of a stream (un-gzipped) and a stream that still starts at the beginning."""
    head = stream.read(SNIFF_BYTES)
    whole: BinaryIO = io.BufferedReader(_Prefixed(head, stream))
    if head.startswith(GZIP_MAGIC):
        inner = gzip.GzipFile(fileobj=whole, mode="rb")
        head = inner.read(SNIFF_BYTES)
        whole = io.BufferedReader(_Prefixed(head, inner))  # type: ignore[arg-type]
    return head, whole


def read_capped(stream: BinaryIO, limit_bytes: int, max_chars: int, source: str) -> bytes:
    """All bytes of a stream, refusing it as soon as it passes `limit_bytes`."""
    try:
        data = stream.read(limit_bytes + 1)
    except GZIP_ERRORS as e:
        raise gzip_problem(source, e) from e
    check_size_bytes(len(data), limit_bytes, max_chars, source)
    return data


def open_file(path: Path, limit_bytes: int | None, max_chars: int, source: str) -> BinaryIO:
    """Open for reading, refusing an uncompressed file over the limit from its size alone."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if limit_bytes is not None:
        check_size_bytes(path.stat().st_size, limit_bytes, max_chars, source)
    return path.open("rb")
