"""The main flow: documents in, events out. Read this module first.

    code_documents(docs, settings)
      1. parse      spaCy pipeline over each text, in batches        (eventwire.nlp)
      2. triggers   lexicon matches over the dependency parse         (eventwire.coding.triggers)
      3. actors     source and target from syntax, resolved in the KB (coding.arguments, eventwire.actors)
      4. status     asserted / intended / requested / negated / ...   (eventwire.coding.modality)
      5. when/where event date and place from the trigger's sentence  (eventwire.dates, eventwire.places)
      6. events     typed Event records with CAMEO, Goldstein, evidence (eventwire.coding.coder)

Storing, merging reports and exporting come after this, in eventwire.store and eventwire.export.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from eventwire.config import Settings
from eventwire.records import Document, Event

if TYPE_CHECKING:
    from eventwire.coding.coder import Coder

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CodedDocument:
    document: Document
    events: tuple[Event, ...]
    error: str | None = None  # why coding this document failed; its events are then empty


def code_documents(
    docs: Iterable[Document], settings: Settings = Settings(), *, coder: "Coder | None" = None
) -> Iterator[CodedDocument]:
    """Code each document into PLOVER events, in order, one `CodedDocument` per input."""
    from eventwire.coding.coder import Coder
    from eventwire.nlp import load_pipeline

    nlp = load_pipeline(settings.model)
    coder = coder or Coder(settings)
    pending = ((d.text, d) for d in docs)
    # 1. parse, in batches (the slow part; everything after it is per-sentence rules)
    for parsed, document in nlp.pipe(pending, as_tuples=True, batch_size=settings.batch_size):
        # 2.-6. triggers, actors, status, dates and places, events
        try:
            events = coder.code(document, parsed)
        except Exception as e:  # one document's failure must not end a corpus run
            log.exception("coding failed for document %s; it is skipped", document.id)
            yield CodedDocument(document, (), f"coding failed: {type(e).__name__}: {e}")
            continue
        yield CodedDocument(document, tuple(events))


def code_text(text: str, *, published: date | None = None, doc_id: str = "text", settings: Settings = Settings()) -> list[Event]:
    """Code one text: the quickest way in from a notebook."""
    doc = Document(id=doc_id, text=text, published=published)
    return list(next(code_documents([doc], settings)).events)
