"""String folding shared by the knowledge base index and the resolver.

Names are compared as *keys*: accents stripped, curly quotes straightened, acronym dots
removed, hyphens split, and every token lower-cased except all-capital acronyms. Keeping
acronyms in capitals is what stops the pronoun "us" from matching "US" or "who" from matching
"WHO", while "Erdoğan", "ERDOGAN's" and "erdogan" still meet.
"""

from __future__ import annotations

import re
import unicodedata

_PUNCT = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ",
})
# Letters that Unicode decomposition leaves alone.
_LETTERS = str.maketrans({
    "ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "Đ": "D",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th", "ʿ": "'", "ʾ": "'",
})
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_TOKEN = re.compile(r"'s|[^\W_]+")


def fold(text: str) -> str:
    """Straighten quotes and dashes and strip accents, keeping case and punctuation."""
    text = unicodedata.normalize("NFKD", text.translate(_PUNCT).translate(_LETTERS))
    return "".join(c for c in text if not unicodedata.combining(c))


def _case(token: str) -> str:
    if len(token) >= 2 and token.isupper() and token.isalpha():
        return token
    return token.lower()


def raw_tokens(text: str) -> list[str]:
    """Folded tokens in their written case; a possessive becomes its own token "'s"."""
    text = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), fold(text))
    return _TOKEN.findall(_POSSESSIVE.sub(" 's", text))


def tokens(text: str) -> list[str]:
    """Key tokens ("Libya’s" -> libya, 's; "U.N." -> UN; "Erdoğan" -> erdogan)."""
    return [key_token(t) for t in raw_tokens(text)]


def key_token(token: str) -> str:
    return token if token == "'s" else _case(token)


def key(text: str) -> str:
    """The index key of a name: its folded tokens joined by single spaces."""
    return " ".join(tokens(text))


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()
