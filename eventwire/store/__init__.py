"""The event store: one record per real-world event, with every report that supports it.

    store = eventwire.open("eventwire.duckdb")        # or "postgresql://host/db"
    store.add_many(coded_documents)
    store.events(EventFilter(actor="LBY", since=date(2020, 1, 1)))

Layout: schema.py (the tables), migrate.py (versions), backend.py (DuckDB and PostgreSQL,
the only place they differ), writer.py (adding and merging), query.py (filters and reads),
base.py (the Store object). The merge rule itself is eventwire.dedupe.
"""

from __future__ import annotations

from eventwire.store.backend import connect
from eventwire.store.base import Store, open_store
from eventwire.store.migrate import migrate as _migrate
from eventwire.store.query import EventFilter, StoredEvent, StoredMention
from eventwire.store.schema import SCHEMA_VERSION
from eventwire.store.writer import AddResult

open = open_store  # noqa: A001 - `eventwire.open(url)` reads best; the builtin stays reachable


def migrate(url: str) -> int:
    """Upgrade the store at `url` to the current schema; returns the version reached."""
    db = connect(url)
    try:
        return _migrate(db)
    finally:
        db.close()


__all__ = [
    "SCHEMA_VERSION", "AddResult", "EventFilter", "Store", "StoredEvent", "StoredMention",
    "migrate", "open",
]
