"""The Store: one object for writing coded documents and asking questions of the result,
over DuckDB or PostgreSQL alike.

    with eventwire.open("eventwire.duckdb") as store:
        store.add_many(code_documents(docs, settings))
        store.events(EventFilter(actor="TUR", since=date(2020, 1, 1)))
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from types import TracebackType

import pandas as pd

from eventwire.pipeline import CodedDocument
from eventwire.records import Document
from eventwire.store import query, writer
from eventwire.store.backend import Backend, connect
from eventwire.store.migrate import migrate, schema_version
from eventwire.store.query import EventFilter, StoredEvent
from eventwire.store.schema import SCHEMA_VERSION
from eventwire.store.writer import AddResult

log = logging.getLogger(__name__)

# add_many() writes in chunks of this many documents, all inside one transaction, to keep
# the merge lookups small.
_CHUNK = 256


class Store:
    """An event store. Open one with `eventwire.open(url)`."""

    def __init__(self, backend: Backend, *, upgrade: bool = True) -> None:
        self._db = backend
        version = schema_version(backend)
        if version != SCHEMA_VERSION and upgrade:
            migrate(backend)

    @property
    def url(self) -> str:
        return self._db.url

    @property
    def schema_version(self) -> int | None:
        return schema_version(self._db)

    # -- writing ---------------------------------------------------------------------------

    def add(self, coded: CodedDocument) -> AddResult:
        """Store one coded document, its events and their merges, in one transaction.
        Adding a document already stored (same id, URL or path, same text) does nothing."""
        return self.add_many((coded,))

    def add_many(self, coded: Iterable[CodedDocument]) -> AddResult:
        """Store many coded documents in one transaction."""
        result = AddResult()
        items = iter(coded)
        with self._db.transaction():
            while chunk := list(islice(items, _CHUNK)):
                result += writer.write_batch(self._db, chunk)
        return result

    def present(self, docs: Sequence[Document]) -> set[str]:
        """Ids of the documents already stored with the same content (skip them before coding)."""
        return writer.present(self._db, docs)

    # -- reading ---------------------------------------------------------------------------

    def events(self, f: EventFilter = EventFilter(), *, limit: int = 100, offset: int = 0) -> pd.DataFrame:
        """Matching events, newest first, with their actors and the earliest report's evidence."""
        return query.events(self._db, f, limit, offset)

    def count_events(self, f: EventFilter = EventFilter()) -> int:
        return query.count_events(self._db, f)

    def event(self, event_id: str) -> StoredEvent | None:
        """One event with its actors and every mention, or None when there is no such event."""
        found = query.load_events(self._db, [event_id])
        return found[0] if found else None

    def iter_events(self, f: EventFilter = EventFilter(), *, page: int = 500) -> Iterator[StoredEvent]:
        """Every matching event as a full record, read a page at a time."""
        offset = 0
        while ids := query.event_ids(self._db, f, page, offset):
            yield from query.load_events(self._db, ids)
            offset += len(ids)

    def relations(self, f: EventFilter = EventFilter()) -> pd.DataFrame:
        """One row per directed dyad (source actor key -> target actor key)."""
        return query.relations(self._db, f)

    def actors(self, f: EventFilter = EventFilter(), *, limit: int = 100) -> pd.DataFrame:
        return query.actors(self._db, f, limit)

    def timeseries(self, f: EventFilter = EventFilter(), *, interval: str = "day") -> pd.DataFrame:
        """Events per period (day, week or month) and quad class; undated events are left out."""
        return query.timeseries(self._db, f, interval)

    def places(self, f: EventFilter = EventFilter()) -> pd.DataFrame:
        return query.places(self._db, f)

    def documents(self, limit: int = 100, offset: int = 0) -> pd.DataFrame:
        return query.documents(self._db, limit, offset)

    def count_documents(self) -> int:
        row = self._db.fetchone("SELECT count(*) FROM documents")
        return int(row[0]) if row else 0

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"


def open_store(url: str = "eventwire.duckdb", *, read_only: bool = False) -> Store:
    """Open (creating or upgrading as needed) the store at `url`: a DuckDB file path, or a
    postgresql:// URL."""
    backend = connect(url, read_only=read_only)
    try:
        return Store(backend, upgrade=not read_only)
    except BaseException:
        backend.close()
        raise
