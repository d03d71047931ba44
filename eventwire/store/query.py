"""Reading the store: one filter type, turned into parameterised SQL, and the queries the
CLI, the exports and the dashboard ask.

Every query starts from `filtered_events(f)`, a SELECT of event ids that match the filter,
so that all views of the store agree on what a filter means.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from eventwire.errors import ConfigError
from eventwire.records import Actor, Evidence, Location
from eventwire.store.backend import Backend

INTERVALS = ("day", "week", "month")

# The columns of Store.events(), in order: the event, its actors (", "-joined), its place,
# its report counts, and the evidence of its earliest mention.
EVENT_FRAME_COLUMNS: tuple[str, ...] = (
    "event_id", "event_type", "mode", "cameo", "quad_class", "goldstein", "status", "date",
    "date_precision", "source_names", "source_countries", "source_keys", "target_names",
    "target_countries", "target_keys", "location_name", "location_country", "lat", "lon",
    "num_mentions", "num_sources", "num_articles", "first_seen", "last_seen", "sentence",
    "trigger", "trigger_start", "trigger_end", "sentence_start", "doc_id", "url", "title",
)
_EARTH_KM = 6371.0088


@dataclass(frozen=True)
class EventFilter:
    """Which events to look at. Empty fields do not filter."""

    actor: str | None = None  # id, canonical name, ISO3 country, CAMEO code or actor key
    source: str | None = None  # the same, on the source side only
    target: str | None = None  # the same, on the target side only
    event_type: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    country: str | None = None  # ISO3 of the event's place
    near: tuple[float, float, float] | None = None  # lat, lon, km
    text: str | None = None  # words in an evidence sentence
    quad_class: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class StoredMention:
    """One article's report of an event, with its evidence."""

    doc_id: str
    coded_id: str
    url: str | None
    title: str | None
    published: date | None
    event_type: str | None
    evidence: Evidence
    status: str | None
    reported_by: str | None
    reported_date: str | None  # the event date as this article gave it
    confidence: float | None


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One real-world event, merged over its reports."""

    event_id: str
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    status: str | None
    date: date | None
    date_precision: str | None
    location: Location | None
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    first_seen: datetime | None
    last_seen: datetime | None
    num_mentions: int
    num_sources: int
    num_articles: int
    confidence: float | None
    mentions: tuple[StoredMention, ...]


def _actor_match(role: str | None, value: str) -> tuple[str, list[Any]]:
    side = "AND a.role = ? " if role else ""
    sql = (
        "EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id " + side +
        "AND (lower(a.actor_id) = ? OR lower(a.name) = ? OR a.country = ? OR a.cameo_code = ? "
        "OR lower(a.actor_key) = ?))"
    )
    params: list[Any] = [role] if role else []
    # Ids and keys are matched without case: users type "LNA" for the id "lna".
    return sql, params + [value.lower(), value.lower(), value.upper(), value.upper(), value.lower()]


def _in(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


def where(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (on events aliased `e`) and its parameters."""
    parts: list[tuple[str, list[Any]]] = []
    if f.actor:
        parts.append(_actor_match(None, f.actor))
    if f.source:
        parts.append(_actor_match("source", f.source))
    if f.target:
        parts.append(_actor_match("target", f.target))
    if f.event_type:
        parts.append(_in("e.event_type", [t.upper() for t in f.event_type]))
    if f.quad_class:
        parts.append(_in("e.quad_class", [int(q) for q in f.quad_class]))
    if f.since:
        parts.append(("e.date >= ?", [f.since]))
    if f.until:
        parts.append(("e.date <= ?", [f.until]))
    if f.country:
        parts.append(("e.location_country = ?", [f.country.upper()]))
    if f.near:
        parts.append(_near(*f.near))
    if f.text:
        pattern = "%" + f.text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        parts.append((
            "EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.event_id "
            "AND lower(m.sentence) LIKE ? ESCAPE '\\')", [pattern],
        ))
    if not parts:
        return "TRUE", []
    return " AND ".join(f"({sql})" for sql, _ in parts), [p for _, ps in parts for p in ps]


def _near(lat: float, lon: float, km: float) -> tuple[str, list[Any]]:
    """Within `km` of a point: a latitude band to use the cheap test first, then haversine."""
    band = km / 111.0
    sql = (
        "e.lat BETWEEN ? AND ? AND 2 * ? * asin(sqrt("
        "power(sin(radians(e.lat - ?) / 2), 2) + "
        "cos(radians(?)) * cos(radians(e.lat)) * power(sin(radians(e.lon - ?) / 2), 2))) <= ?"
    )
    return sql, [lat - band, lat + band, _EARTH_KM, lat, lat, lon, float(km)]


_ORDER = "e.date DESC NULLS LAST, e.first_seen DESC NULLS LAST, e.event_id"


def events(db: Backend, f: EventFilter, limit: int, offset: int) -> pd.DataFrame:
    cond, params = where(f)
    sql = f"""
    WITH page AS (
        SELECT e.* FROM events e WHERE {cond} ORDER BY {_ORDER} LIMIT ? OFFSET ?
    ), sides AS (
        SELECT a.event_id, a.role,
               string_agg(a.name, ', ' ORDER BY a.position) AS names,
               string_agg(COALESCE(a.country, ''), ', ' ORDER BY a.position) AS countries,
               string_agg(a.actor_key, ', ' ORDER BY a.position) AS keys
        FROM event_actors a JOIN page p ON p.event_id = a.event_id
        GROUP BY a.event_id, a.role
    ), ranked AS (
        SELECT m.*, d.url, d.title, row_number() OVER (
            PARTITION BY m.event_id
            ORDER BY COALESCE(CAST(d.published AS TIMESTAMP), d.ingested_at), m.doc_id, m.sentence_start
        ) AS rn
        FROM mentions m JOIN page p ON p.event_id = m.event_id JOIN documents d ON d.id = m.doc_id
    )
    SELECT e.event_id, e.event_type, e.mode, e.cameo, e.quad_class, e.goldstein, e.status,
           e.date, e.date_precision,
           s.names AS source_names, s.countries AS source_countries, s.keys AS source_keys,
           t.names AS target_names, t.countries AS target_countries, t.keys AS target_keys,
           e.location_name, e.location_country, e.lat, e.lon,
           e.num_mentions, e.num_sources, e.num_articles, e.first_seen, e.last_seen,
           r.sentence, r.trigger, r.trigger_start, r.trigger_end, r.sentence_start,
           r.doc_id, r.url, r.title
    FROM page e
    LEFT JOIN sides s ON s.event_id = e.event_id AND s.role = 'source'
    LEFT JOIN sides t ON t.event_id = e.event_id AND t.role = 'target'
    LEFT JOIN ranked r ON r.event_id = e.event_id AND r.rn = 1
    ORDER BY {_ORDER}
    """
    return db.frame(sql, [*params, int(limit), int(offset)])


def count_events(db: Backend, f: EventFilter) -> int:
    cond, params = where(f)
    row = db.fetchone(f"SELECT count(*) FROM events e WHERE {cond}", params)
    return int(row[0]) if row else 0


def relations(db: Backend, f: EventFilter) -> pd.DataFrame:
    cond, params = where(f)
    sql = f"""
    WITH fe AS (
        SELECT e.event_id, e.goldstein, e.quad_class, e.num_mentions FROM events e WHERE {cond}
    ), dyads AS (
        SELECT DISTINCT fe.event_id, s.actor_key AS sk, t.actor_key AS tk
        FROM fe
        JOIN event_actors s ON s.event_id = fe.event_id AND s.role = 'source'
        JOIN event_actors t ON t.event_id = fe.event_id AND t.role = 'target'
        -- "A and B met" stores both as source and target; the pair, not A with itself, is the relation
        WHERE s.actor_key <> t.actor_key
    ), names AS (
        SELECT actor_key, min(name) AS name, min(country) AS country FROM event_actors
        WHERE actor_key IN (SELECT sk FROM dyads UNION SELECT tk FROM dyads)
        GROUP BY actor_key
    )
    SELECT d.sk AS source_key, sn.name AS source_name, sn.country AS source_country,
           d.tk AS target_key, tn.name AS target_name, tn.country AS target_country,
           CAST(count(*) AS BIGINT) AS events,
           CAST(sum(fe.num_mentions) AS BIGINT) AS mentions,
           avg(fe.goldstein) AS mean_goldstein,
           CAST(sum(CASE WHEN fe.quad_class IN (1, 2) THEN 1 ELSE 0 END) AS BIGINT) AS cooperation,
           CAST(sum(CASE WHEN fe.quad_class IN (3, 4) THEN 1 ELSE 0 END) AS BIGINT) AS conflict
    FROM dyads d JOIN fe ON fe.event_id = d.event_id
    JOIN names sn ON sn.actor_key = d.sk JOIN names tn ON tn.actor_key = d.tk
    GROUP BY d.sk, sn.name, sn.country, d.tk, tn.name, tn.country
    ORDER BY events DESC, source_key, target_key
    """
    return db.frame(sql, params)


def actors(db: Backend, f: EventFilter, limit: int) -> pd.DataFrame:
    cond, params = where(f)
    sql = f"""
    WITH fe AS (SELECT e.event_id, e.goldstein FROM events e WHERE {cond}),
    roles AS (
        SELECT DISTINCT a.actor_key, a.event_id, a.role FROM event_actors a
        JOIN fe ON fe.event_id = a.event_id
    )
    SELECT r.actor_key, min(a.name) AS name, min(a.country) AS country, min(a.sector) AS sector,
           CAST(count(DISTINCT r.event_id) AS BIGINT) AS events,
           CAST(count(DISTINCT CASE WHEN r.role = 'source' THEN r.event_id END) AS BIGINT) AS as_source,
           CAST(count(DISTINCT CASE WHEN r.role = 'target' THEN r.event_id END) AS BIGINT) AS as_target,
           avg(fe.goldstein) AS mean_goldstein
    FROM roles r JOIN fe ON fe.event_id = r.event_id
    JOIN event_actors a ON a.event_id = r.event_id AND a.actor_key = r.actor_key AND a.role = r.role
    GROUP BY r.actor_key
    ORDER BY events DESC, r.actor_key
    LIMIT ?
    """
    return db.frame(sql, [*params, int(limit)])


def timeseries(db: Backend, f: EventFilter, interval: str) -> pd.DataFrame:
    if interval not in INTERVALS:
        raise ConfigError(f"interval {interval!r} is not one of {', '.join(INTERVALS)}")
    cond, params = where(f)
    # `interval` is one of three known words, checked above, so it may stand in the SQL.
    period = f"CAST(date_trunc('{interval}', e.date) AS DATE)"
    sql = f"""
    SELECT {period} AS period, e.quad_class, CAST(count(*) AS BIGINT) AS events
    FROM events e WHERE e.date IS NOT NULL AND ({cond})
    GROUP BY {period}, e.quad_class ORDER BY period, e.quad_class
    """
    return db.frame(sql, params)


def places(db: Backend, f: EventFilter) -> pd.DataFrame:
    cond, params = where(f)
    sql = f"""
    SELECT e.location_name AS name, e.location_country AS country, e.lat, e.lon,
           CAST(count(*) AS BIGINT) AS events
    FROM events e WHERE e.location_name IS NOT NULL AND ({cond})
    GROUP BY e.location_name, e.location_country, e.lat, e.lon
    ORDER BY events DESC, name
    """
    return db.frame(sql, params)


def documents(db: Backend, limit: int, offset: int) -> pd.DataFrame:
    sql = """
    SELECT d.id, d.url, d.title, d.source, d.published, d.content_hash, d.ingested_at,
           (SELECT CAST(count(*) AS BIGINT) FROM mentions m WHERE m.doc_id = d.id) AS mentions
    FROM documents d ORDER BY d.ingested_at DESC, d.id LIMIT ? OFFSET ?
    """
    return db.frame(sql, [int(limit), int(offset)])


def event_ids(db: Backend, f: EventFilter, limit: int, offset: int) -> list[str]:
    cond, params = where(f)
    return [r[0] for r in db.fetchall(
        f"SELECT e.event_id FROM events e WHERE {cond} ORDER BY {_ORDER} LIMIT ? OFFSET ?",
        [*params, int(limit), int(offset)],
    )]


def load_events(db: Backend, ids: list[str]) -> list[StoredEvent]:
    """Full records of the given events, in the order of `ids`, with actors and mentions."""
    if not ids:
        return []
    sides: dict[tuple[str, str], list[Actor]] = defaultdict(list)
    for row in db.fetchall(
        "SELECT event_id, role, name, text, country, sector, actor_id, cameo_code, type, resolution "
        "FROM event_actors WHERE event_id = ANY(?) ORDER BY event_id, role, position", (ids,)
    ):
        sides[(row[0], row[1])].append(Actor(
            name=row[2], text=row[3] or row[2], country=row[4], sector=row[5], id=row[6],
            cameo_code=row[7], type=row[8], resolution=row[9] or "unresolved",
        ))
    mentions: dict[str, list[StoredMention]] = defaultdict(list)
    for row in db.fetchall(
        "SELECT m.event_id, m.doc_id, m.coded_id, d.url, d.title, d.published, m.event_type, "
        "m.sentence, m.sentence_start, m.sentence_end, m.trigger, m.trigger_start, m.trigger_end, "
        "m.status, m.reported_by, m.reported_date, m.confidence "
        "FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ANY(?) "
        "ORDER BY m.event_id, COALESCE(CAST(d.published AS TIMESTAMP), d.ingested_at), "
        "m.doc_id, m.sentence_start", (ids,)
    ):
        mentions[row[0]].append(StoredMention(
            doc_id=row[1], coded_id=row[2], url=row[3], title=row[4], published=row[5],
            event_type=row[6],
            evidence=Evidence(sentence=row[7], start=row[8], end=row[9], trigger=row[10] or "",
                              trigger_start=row[11], trigger_end=row[12]),
            status=row[13], reported_by=row[14], reported_date=row[15], confidence=row[16],
        ))
    records = {}
    for row in db.fetchall(
        "SELECT event_id, event_type, mode, context, cameo, quad_class, goldstein, status, date, "
        "date_precision, location_name, location_country, lat, lon, geonameid, location_precision, "
        "first_seen, last_seen, num_mentions, num_sources, num_articles, confidence "
        "FROM events WHERE event_id = ANY(?)", (ids,)
    ):
        event_id = row[0]
        location = None
        if row[10] is not None:
            location = Location(name=row[10], country=row[11], lat=_num(row[12]), lon=_num(row[13]),
                                geonameid=row[14], precision=row[15] or "city")
        records[event_id] = StoredEvent(
            event_id=event_id, event_type=row[1], mode=row[2],
            context=tuple(c for c in (row[3] or "").split(",") if c),
            cameo=row[4], quad_class=row[5], goldstein=row[6], status=row[7], date=row[8],
            date_precision=row[9], location=location,
            source=tuple(sides[(event_id, "source")]), target=tuple(sides[(event_id, "target")]),
            first_seen=row[16], last_seen=row[17], num_mentions=row[18], num_sources=row[19],
            num_articles=row[20], confidence=row[21], mentions=tuple(mentions[event_id]),
        )
    return [records[i] for i in ids if i in records]


def _num(value: float | None) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value
