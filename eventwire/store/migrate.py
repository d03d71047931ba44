"""Schema creation and upgrades. Each step takes the store from version N to N+1.

A new store runs the same steps as an old one, from version 1, so there is one path to
the current schema. Steps run inside one transaction with the version bump.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from eventwire.errors import StoreError
from eventwire.store.schema import SCHEMA_VERSION, V1_TABLES

if TYPE_CHECKING:
    from eventwire.store.base import Backend

log = logging.getLogger(__name__)


def _v1_to_v2(db: "Backend") -> None:
    """Add a hash of each evidence sentence, so that syndicated copies of an article
    (the same sentence under another URL) are found by an index lookup."""
    db.execute("ALTER TABLE mentions ADD COLUMN sentence_hash TEXT")
    # DuckDB cannot build an index over rows updated in the same transaction: index first.
    db.execute("CREATE INDEX IF NOT EXISTS mentions_sentence ON mentions (sentence_hash)")
    db.execute("CREATE INDEX IF NOT EXISTS event_actors_key ON event_actors (actor_key)")
    # md5 of the UTF-8 text is the same in DuckDB, PostgreSQL and Python's hashlib.
    db.execute("UPDATE mentions SET sentence_hash = md5(sentence)")


STEPS: dict[int, Callable[["Backend"], None]] = {1: _v1_to_v2}


def schema_version(db: "Backend") -> int | None:
    """The store's schema version, or None when the store is empty."""
    if not db.table_exists("meta"):
        return None
    row = db.fetchone("SELECT value FROM meta WHERE key = ?", ("schema_version",))
    return int(row[0]) if row else None


def create(db: "Backend", version: int = SCHEMA_VERSION) -> None:
    """Create the tables at `version` (tests build old stores with version=1)."""
    with db.transaction():
        _create_v1(db)
        _upgrade(db, 1, version)


def migrate(db: "Backend", target: int = SCHEMA_VERSION) -> int:
    """Bring the store up to `target`; returns the version reached. Creates an empty store.

    One transaction, which on PostgreSQL holds the writers' lock: two first runs against one
    server cannot both create the store."""
    with db.transaction():
        current = schema_version(db)
        if current is None:
            _create_v1(db)
            current = 1
        if current > target:
            raise StoreError(
                f"the store has schema version {current}, newer than this eventwire knows "
                f"({SCHEMA_VERSION}); upgrade eventwire to open it"
            )
        return _upgrade(db, current, target)


def _create_v1(db: "Backend") -> None:
    for statement in V1_TABLES:
        db.execute(statement)
    db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", ("schema_version", "1"))


def _upgrade(db: "Backend", current: int, target: int) -> int:
    while current < target:
        log.info("migrating the event store from schema version %d to %d", current, current + 1)
        STEPS[current](db)
        db.execute("UPDATE meta SET value = ? WHERE key = ?", (str(current + 1), "schema_version"))
        current += 1
    return current
