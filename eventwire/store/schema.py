"""The event store's tables, written once in portable SQL for DuckDB and PostgreSQL.

Four tables hold the data:

    documents      one row per article read (its id, where it came from, a content hash)
    events         one row per real-world event, merged across every report of it
    event_actors   the source and target actors of each merged event
    mentions       one row per (article, coded event): the evidence that supports an event

`meta` records the schema version. A new store is created at version 1 and then brought
up to date by the same migration steps that upgrade an old store (see migrate.py), so a
fresh store and a migrated one cannot drift apart.

Type names are the few that both engines spell alike; what differs between them
(placeholders, bulk inserts, transactions, locking) is handled in backend.py.
"""

from __future__ import annotations

SCHEMA_VERSION = 2

# Version 1: the tables as first released.
V1_TABLES: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS documents (
        id TEXT PRIMARY KEY,
        url TEXT,
        title TEXT,
        source TEXT,
        origin TEXT,
        published DATE,
        content_hash TEXT NOT NULL,
        ingested_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS events (
        event_id TEXT PRIMARY KEY,
        event_type TEXT NOT NULL,
        mode TEXT,
        context TEXT,
        cameo TEXT,
        quad_class INTEGER,
        goldstein DOUBLE PRECISION,
        status TEXT,
        date DATE,
        date_precision TEXT,
        location_name TEXT,
        location_country TEXT,
        lat DOUBLE PRECISION,
        lon DOUBLE PRECISION,
        geonameid TEXT,
        location_precision TEXT,
        first_seen TIMESTAMP,
        last_seen TIMESTAMP,
        num_mentions INTEGER NOT NULL DEFAULT 0,
        num_sources INTEGER NOT NULL DEFAULT 0,
        num_articles INTEGER NOT NULL DEFAULT 0,
        confidence DOUBLE PRECISION
    )""",
    """CREATE TABLE IF NOT EXISTS event_actors (
        event_id TEXT NOT NULL,
        role TEXT NOT NULL,
        position INTEGER NOT NULL,
        actor_key TEXT NOT NULL,
        name TEXT NOT NULL,
        text TEXT,
        country TEXT,
        sector TEXT,
        actor_id TEXT,
        cameo_code TEXT,
        type TEXT,
        resolution TEXT,
        PRIMARY KEY (event_id, role, position)
    )""",
    """CREATE TABLE IF NOT EXISTS mentions (
        event_id TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        coded_id TEXT NOT NULL,
        event_type TEXT,
        sentence TEXT NOT NULL,
        sentence_start INTEGER,
        sentence_end INTEGER,
        trigger TEXT,
        trigger_start INTEGER,
        trigger_end INTEGER,
        status TEXT,
        reported_by TEXT,
        reported_date TEXT,
        confidence DOUBLE PRECISION,
        PRIMARY KEY (doc_id, coded_id)
    )""",
    "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
    "CREATE INDEX IF NOT EXISTS mentions_event ON mentions (event_id)",
    "CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id)",
    "CREATE INDEX IF NOT EXISTS documents_url ON documents (url)",
)

# Column order used by every insert; the store builds rows in this order.
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "id", "url", "title", "source", "origin", "published", "content_hash", "ingested_at",
)
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "event_type", "mode", "context", "cameo", "quad_class", "goldstein", "status",
    "date", "date_precision", "location_name", "location_country", "lat", "lon", "geonameid",
    "location_precision", "first_seen", "last_seen", "num_mentions", "num_sources",
    "num_articles", "confidence",
)
ACTOR_COLUMNS: tuple[str, ...] = (
    "event_id", "role", "position", "actor_key", "name", "text", "country", "sector",
    "actor_id", "cameo_code", "type", "resolution",
)
MENTION_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "coded_id", "event_type", "sentence", "sentence_start",
    "sentence_end", "trigger", "trigger_start", "trigger_end", "status", "reported_by",
    "reported_date", "confidence", "sentence_hash",
)
