"""eventwire: news text to political event data (PLOVER/CAMEO), offline and explainable.

    import eventwire
    events = eventwire.code_text("Turkey sent troops to Libya on Sunday.", published=date(2020, 1, 8))
    with eventwire.open("eventwire.duckdb") as store:
        frame = store.events()

Start reading at :func:`eventwire.pipeline.code_documents`, which names every stage in order.
Importing this package stays cheap: spaCy and the store's database drivers load on first use.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from eventwire.config import DEFAULT_DB
from eventwire.pipeline import code_documents, code_text
from eventwire.records import Actor, Document, Event, EventDate, Evidence, Location

if TYPE_CHECKING:
    from eventwire.store import Store

__version__ = "0.1.0"
__all__ = [
    "Actor", "Document", "Event", "EventDate", "Evidence", "Location", "__version__",
    "code_documents", "code_text", "open",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def open(url: str = DEFAULT_DB, *, read_only: bool = False) -> Store:  # noqa: A001 - reads as `eventwire.open(url)`
    """The event store at `url`: a DuckDB file path or a postgresql:// URL (see eventwire.store)."""
    from eventwire.store import open_store

    return open_store(url, read_only=read_only)
