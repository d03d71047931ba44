"""The main flow: documents in, events out. Read this module first.

(Skeleton: the coder fills it in; the signature is the contract other stages build on.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from eventwire.config import Settings
from eventwire.records import Document, Event


@dataclass(frozen=True, slots=True)
class CodedDocument:
    document: Document
    events: tuple[Event, ...]


def code_documents(docs: Iterable[Document], settings: Settings = Settings()) -> Iterator[CodedDocument]:
    """Code each document into PLOVER events, in order, one `CodedDocument` per input."""
    for doc in docs:
        yield CodedDocument(doc, ())
