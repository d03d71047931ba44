"""Checks every document passes before it is coded: size, emptiness, binary, encoding, language.

Encoding choice: UTF-8 first (a BOM is dropped). Bytes that are not UTF-8 are decoded as
Windows-1252 with a logged warning, because older newsroom archives and exports are very often
in that code page and refusing them helps nobody. Only input that is neither UTF-8 nor valid
cp1252 raises `EncodingError`. UTF-16 with a byte-order mark is also accepted.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from eventwire.errors import (
    BinaryDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncodingError,
    InputError,
    NotEnglish,
)

log = logging.getLogger(__name__)

# Worst case of UTF-8: four bytes a character. A text file above this many bytes a character of
# the limit is refused from its size alone, before any of it is read. HTML and feeds carry markup
# (and a feed many stories), so they may be larger on disk.
BYTES_PER_CHAR = 4
MARKUP_BYTES_PER_CHAR = 8

_SNIFF_BYTES = 8192
# Share of control bytes (other than tab, newlines, form feed, escape) above which input is binary.
_MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")

# Words that make up a large share of any English prose and are rare as words in other
# languages written in Latin script. Kept short and unambiguous on purpose: "a", "in", "do",
# "die", "son" and the like belong to other languages too.
ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to that is was for with on as by at from have has had were are been be
    this which but not its it they their he she his her said would will who after over
    than about into or an also could should there these those when while against""".split()
)
LANGUAGE_SAMPLE_CHARS = 2000
# Below this many words a text is too short to judge and is taken as English.
MIN_WORDS_TO_JUDGE = 25
# English news prose runs at 30-45 % function words from the list above; French, German,
# Spanish or Italian prose stays under 5 %.
MIN_ENGLISH_SHARE = 0.12

_WORD = re.compile(r"\w+")


def check_size_bytes(n_bytes: int, limit_bytes: int, max_chars: int, source: str) -> None:
    """Refuse input over `limit_bytes` (a multiple of `max_chars`) from its byte count alone."""
    if n_bytes > limit_bytes:
        raise DocumentTooLarge(
            source,
            f"is more than {limit_bytes:,} bytes, which cannot fit the limit of {max_chars:,} characters; "
            "split the file, or raise max_chars in the settings (--max-chars)",
        )


def check_size_chars(text: str, max_chars: int, source: str) -> None:
    if len(text) > max_chars:
        raise DocumentTooLarge(
            source,
            f"{len(text):,} characters is more than the limit of {max_chars:,}; "
            "split the document, or raise max_chars in the settings (--max-chars)",
        )


def check_not_binary(data: bytes, source: str) -> None:
    """Refuse NUL bytes or a high share of control bytes in the first few kilobytes."""
    head = data[:_SNIFF_BYTES]
    if not head:
        return
    if b"\x00" in head:
        raise BinaryDocument(source, "contains NUL bytes, so it is a binary file, not text; pass text, HTML, JSONL or a feed")
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    if controls / len(head) > _MAX_CONTROL_SHARE:
        raise BinaryDocument(source, "is mostly non-text bytes, so it is a binary file; pass text, HTML, JSONL or a feed")


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Bytes to text: BOM, then a declared charset, then UTF-8, then cp1252 with a warning."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise EncodingError(source, f"has a UTF-16 byte-order mark but is not valid UTF-16 ({e.reason}); re-save it as UTF-8") from e
    check_not_binary(data, source)
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            log.warning("%s: unknown charset %r declared; trying UTF-8", source, declared)
        else:
            if codec not in ("utf-8", "ascii"):
                try:
                    return data.decode(codec)
                except UnicodeDecodeError:
                    log.warning("%s: declared charset %s does not fit the bytes; trying UTF-8", source, codec)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise EncodingError(
                source,
                f"is not valid UTF-8 (byte {utf8_error.start}: {utf8_error.reason}) nor Windows-1252; "
                "convert it to UTF-8, e.g. iconv -f LATIN1 -t UTF-8",
            ) from utf8_error
        log.warning("%s: not valid UTF-8; read as Windows-1252 (convert it to UTF-8 to silence this)", source)
        return text


def normalise_text(text: str) -> str:
    """The text a Document carries: NFC, Unix newlines, no BOM, no surrounding blank space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return unicodedata.normalize("NFC", text).strip()


def check_not_empty(text: str, source: str, what: str = "is empty or only whitespace") -> None:
    if not text.strip():
        raise EmptyDocument(source, f"{what}; nothing to code")


def english_share(text: str) -> tuple[float, int]:
    """Share of English function words among the words of the first ~2,000 characters."""
    words = _WORD.findall(text[:LANGUAGE_SAMPLE_CHARS].lower())
    if not words:
        return 0.0, 0
    hits = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS)
    return hits / len(words), len(words)


def check_english(text: str, source: str) -> None:
    share, n_words = english_share(text)
    if n_words < MIN_WORDS_TO_JUDGE and any(c.isalpha() and c.isascii() for c in text):
        return
    if share < MIN_ENGLISH_SHARE:
        raise NotEnglish(
            source,
            f"does not look like English ({share:.0%} common English words in the first "
            f"{LANGUAGE_SAMPLE_CHARS:,} characters); eventwire codes English news only, so translate it first",
        )


def check_text(text: str, source: str, max_chars: int) -> str:
    """All checks on decoded text; returns the normalised text."""
    text = normalise_text(text)
    check_not_empty(text, source)
    check_size_chars(text, max_chars, source)
    check_english(text, source)
    return text


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """One file or record that could not be read; the batch goes on without it."""

    source: str
    error: InputError

    @property
    def message(self) -> str:
        return str(self.error)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    default_published: date | None = None  # the caller's default date (the CLI's --date)
    max_chars: int = 2_000_000
