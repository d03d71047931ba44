"""Writing coded documents: skip what is already stored, merge events into the real-world
events they report, and keep every mention's evidence.

One call of `write_batch` runs inside the caller's transaction:

1. sort the documents: already present (skip), a new version of a stored id (replace), new;
2. store the new documents;
3. find stored events the new ones may join (shared actor keys or sentences);
4. merge each new event into the best match (dedupe.best_match) or make it a new event;
5. store new events, their actors, and every mention;
6. recount mentions, sources, articles and first/last report time of the touched events.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timezone
from typing import Any

from eventwire import dedupe
from eventwire.dedupe import MergeKey
from eventwire.errors import StoreError
from eventwire.pipeline import CodedDocument
from eventwire.records import Actor, Document, Event, Location
from eventwire.store.backend import Backend
from eventwire.store.schema import ACTOR_COLUMNS, DOCUMENT_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one add() or add_many() did."""

    documents: int = 0  # documents stored
    skipped: int = 0  # already present with the same content
    replaced: int = 0  # a stored id came back with new content; its old version was removed
    events: int = 0  # new real-world events
    merged: int = 0  # coded events that joined an existing real-world event
    mentions: int = 0  # evidence rows stored

    def __add__(self, other: "AddResult") -> "AddResult":
        return AddResult(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(slots=True)
class _Plan:
    """The working state of one batch (internal; never leaves this module)."""

    candidates: dict[str, MergeKey] = field(default_factory=dict)
    by_key: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    stored_ids: set[str] = field(default_factory=set)  # candidates that exist in the store
    new_events: dict[str, Event] = field(default_factory=dict)
    relocated: dict[str, Location] = field(default_factory=dict)  # stored events given a place
    actor_rows: list[tuple[Any, ...]] = field(default_factory=list)
    mention_rows: list[tuple[Any, ...]] = field(default_factory=list)
    original: dict[str, MergeKey] = field(default_factory=dict)
    taken_ids: set[str] = field(default_factory=set)  # coded ids already used by stored events

    def index(self, key: MergeKey) -> None:
        self.candidates[key.event_id] = key
        for k in (*key.source_keys, *key.target_keys, *key.sentences):
            self.by_key[k].add(key.event_id)

    def near(self, key: MergeKey) -> list[MergeKey]:
        ids: set[str] = set()
        for k in (*key.source_keys, *key.target_keys, *key.sentences):
            ids |= self.by_key.get(k, set())
        return [self.candidates[i] for i in sorted(ids)]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def present(db: Backend, docs: Sequence[Document]) -> set[str]:
    """Ids of `docs` already stored: the same id, URL or path, with the same content."""
    return {doc.id for doc, verdict in _classify(db, docs) if verdict == "skip"}


def _classify(db: Backend, docs: Sequence[Document]) -> list[tuple[Document, str]]:
    """Each document with "skip", "replace" or "add"; later repeats in `docs` are skipped."""
    if not docs:
        return []
    ids = [d.id for d in docs]
    urls = [d.url for d in docs if d.url]
    paths = [d.source for d in docs if d.source]
    rows = db.fetchall(
        "SELECT id, url, source, content_hash FROM documents "
        "WHERE id = ANY(?) OR url = ANY(?) OR source = ANY(?)",
        (ids, urls, paths),
    )
    by_id = {r[0]: r[3] for r in rows}
    by_url = {(r[1], r[3]) for r in rows if r[1]}
    by_path = {(r[2], r[3]) for r in rows if r[2]}
    batch_ids: set[str] = set()
    verdicts = []
    for doc in docs:
        h = dedupe.content_hash(doc.text)
        same = (
            by_id.get(doc.id) == h
            or (doc.url is not None and (doc.url, h) in by_url)
            or (doc.source is not None and (doc.source, h) in by_path)
        )
        if same or doc.id in batch_ids:  # one version of an id per batch: the first
            verdicts.append((doc, "skip"))
        elif doc.id in by_id:
            verdicts.append((doc, "replace"))
        else:
            verdicts.append((doc, "add"))
        batch_ids.add(doc.id)
    return verdicts


def write_batch(db: Backend, coded: Sequence[CodedDocument]) -> AddResult:
    """Store a batch of coded documents; the caller holds the transaction."""
    now = _now()
    # 1.
    verdicts = _classify(db, [c.document for c in coded])
    touched: set[str] = set()
    replaced = [doc.id for doc, v in verdicts if v == "replace"]
    if replaced:
        touched |= _remove_documents(db, replaced)
    keep = [c for c, (_, v) in zip(coded, verdicts) if v != "skip"]
    # 2.
    db.insert("documents", DOCUMENT_COLUMNS, [_document_row(c.document, now) for c in keep])
    # 3.
    events = [e for c in keep for e in _distinct_events(c)]
    plan = _Plan()
    keys = [dedupe.key_of(e) for e in events]
    _load_candidates(db, keys, plan)
    plan.taken_ids = {r[0] for r in db.fetchall(
        "SELECT event_id FROM events WHERE event_id = ANY(?)", ([e.event_id for e in events],))}
    # 4.
    merged = 0
    for event, key in zip(events, keys):
        match = dedupe.best_match(key, plan.near(key))
        if match is None:
            event_id = _fresh_id(event, plan)
            key = replace(key, event_id=event_id)
            plan.new_events[event_id] = event
            plan.index(key)
            _add_actor_rows(plan, event_id, "source", event.source, 0)
            _add_actor_rows(plan, event_id, "target", event.target, 0)
        else:
            merged += 1
            event_id = match.event_id
            grown = dedupe.absorb(match, key)
            _add_actor_rows(plan, event_id, "source",
                            _new_actors(event.source, match.source_keys), len(match.source_keys))
            _add_actor_rows(plan, event_id, "target",
                            _new_actors(event.target, match.target_keys), len(match.target_keys))
            if match.country is None and event.location is not None:
                plan.relocated.setdefault(event_id, event.location)
            plan.index(grown)
        plan.mention_rows.append(_mention_row(event_id, event))
        touched.add(event_id)
    # 5.
    db.insert("events", EVENT_COLUMNS, [_event_row(i, e, plan) for i, e in plan.new_events.items()])
    _update_stored(db, plan)
    db.insert("event_actors", ACTOR_COLUMNS, plan.actor_rows)
    db.insert("mentions", MENTION_COLUMNS, plan.mention_rows)
    # 6.
    _recount(db, sorted(touched))
    return AddResult(
        documents=len(keep) - len(replaced),
        skipped=len(coded) - len(keep),
        replaced=len(replaced),
        events=len(plan.new_events),
        merged=merged,
        mentions=len(plan.mention_rows),
    )


def _distinct_events(c: CodedDocument) -> list[Event]:
    """The document's events, without repeated coded ids (the mention key)."""
    seen: set[str] = set()
    kept = []
    for e in c.events:
        if e.event_id in seen:
            log.warning("document %s: coded event id %s repeats; kept the first", c.document.id, e.event_id)
            continue
        seen.add(e.event_id)
        kept.append(e if e.doc_id == c.document.id else replace(e, doc_id=c.document.id))
    return kept


def _remove_documents(db: Backend, doc_ids: list[str]) -> set[str]:
    """Delete old versions of documents; returns the events that lost mentions."""
    rows = db.fetchall("SELECT DISTINCT event_id FROM mentions WHERE doc_id = ANY(?)", (doc_ids,))
    db.execute("DELETE FROM mentions WHERE doc_id = ANY(?)", (doc_ids,))
    db.execute("DELETE FROM documents WHERE id = ANY(?)", (doc_ids,))
    log.info("replaced %d document(s) whose content changed", len(doc_ids))
    return {r[0] for r in rows}


def _load_candidates(db: Backend, keys: list[MergeKey], plan: _Plan) -> None:
    """Stored events that share an actor key (in a plausible date range) or a sentence."""
    if not keys:
        return
    # Match (actor key, date) pairs per event: the union of keys and of dates over a batch
    # covers most of the store when a corpus is about a few actors over a year. The engine
    # narrows by keys and dates (indexed); the pairs are checked here.
    pairs = {(k, d) for key in keys if key.date
             for k in (*key.source_keys, *key.target_keys)
             for d in dedupe.candidate_dates(key.date)}
    types = sorted({t for key in keys for t in dedupe.type_family(key.event_type)})
    ids: set[str] = set()
    if pairs:
        ids |= {event_id for event_id, k, d in db.fetchall(
            "SELECT e.event_id, a.actor_key, e.date FROM events e "
            "JOIN event_actors a ON a.event_id = e.event_id "
            "WHERE a.actor_key = ANY(?) AND e.date = ANY(?) AND e.event_type = ANY(?)",
            (sorted({k for k, _ in pairs}), sorted({d for _, d in pairs}), types),
        ) if (k, d) in pairs}
    sentences = sorted({s for key in keys for s in key.sentences})
    ids |= {r[0] for r in db.fetchall(
        "SELECT DISTINCT event_id FROM mentions WHERE sentence_hash = ANY(?)", (sentences,)
    )}
    for key in load_keys(db, sorted(ids)):
        plan.index(key)
        plan.original[key.event_id] = key
        plan.stored_ids.add(key.event_id)


def load_keys(db: Backend, ids: list[str]) -> list[MergeKey]:
    """The merge keys of stored events."""
    if not ids:
        return []
    actors: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"source": [], "target": []})
    for event_id, role, key in db.fetchall(
        "SELECT event_id, role, actor_key FROM event_actors WHERE event_id = ANY(?) "
        "ORDER BY event_id, role, position", (ids,)
    ):
        actors[event_id][role].append(key)
    sentences: dict[str, set[str]] = defaultdict(set)
    docs: dict[str, set[str]] = defaultdict(set)
    for event_id, h, doc_id in db.fetchall(
        "SELECT event_id, sentence_hash, doc_id FROM mentions WHERE event_id = ANY(?)", (ids,)
    ):
        sentences[event_id].add(h)
        docs[event_id].add(doc_id)
    return [
        MergeKey(
            event_id=event_id, event_type=etype, status=status or "asserted",
            source_keys=tuple(actors[event_id]["source"]), target_keys=tuple(actors[event_id]["target"]),
            date=d, precision=precision, country=country,
            sentences=frozenset(sentences[event_id]), doc_ids=frozenset(docs[event_id]),
        )
        for event_id, etype, status, d, precision, country in db.fetchall(
            "SELECT event_id, event_type, status, date, date_precision, location_country "
            "FROM events WHERE event_id = ANY(?) ORDER BY event_id", (ids,)
        )
    ]


def _fresh_id(event: Event, plan: _Plan) -> str:
    """The first report's coded id, unless another event holds it already."""
    if event.event_id not in plan.candidates and event.event_id not in plan.taken_ids:
        return event.event_id
    for salt in range(1000):  # a replaced document may have left an orphan under the first choice
        digest = hashlib.sha1(f"{event.doc_id}\x1f{event.event_id}\x1f{salt}".encode()).hexdigest()[:16]
        fresh = f"ev-{digest}"
        if fresh not in plan.candidates and fresh not in plan.taken_ids:
            return fresh
    raise StoreError(f"no free id for event {event.event_id}; the store holds too many replaced versions")


def _new_actors(actors: tuple[Actor, ...], known: tuple[str, ...]) -> tuple[Actor, ...]:
    return tuple(a for a in dedupe.unique_actors(actors) if dedupe.actor_key(a) not in known)


def _add_actor_rows(plan: _Plan, event_id: str, role: str, actors: tuple[Actor, ...], start: int) -> None:
    for i, a in enumerate(dedupe.unique_actors(actors)):
        plan.actor_rows.append((
            event_id, role, start + i, dedupe.actor_key(a), a.name, a.text, a.country, a.sector,
            a.id, a.cameo_code, a.type, a.resolution,
        ))


def _document_row(doc: Document, now: datetime) -> tuple[Any, ...]:
    return (doc.id, doc.url, doc.title, doc.source, dedupe.origin(doc), doc.published,
            dedupe.content_hash(doc.text), now)


def _event_row(event_id: str, e: Event, plan: _Plan) -> tuple[Any, ...]:
    key = plan.candidates[event_id]  # carries any finer date a later report gave
    loc = e.location or plan.relocated.get(event_id)
    return (
        event_id, e.event_type, e.mode, ",".join(e.context), e.cameo, e.quad_class, e.goldstein,
        e.status, key.date, key.precision,
        loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None,
        loc.lon if loc else None, loc.geonameid if loc else None, loc.precision if loc else None,
        None, None, 0, 0, 0, e.confidence,
    )


def _mention_row(event_id: str, e: Event) -> tuple[Any, ...]:
    ev = e.evidence
    return (
        event_id, e.doc_id, e.event_id, e.event_type, ev.sentence, ev.start, ev.end, ev.trigger,
        ev.trigger_start, ev.trigger_end, e.status,
        e.reported_by.name if e.reported_by else None, e.date, e.confidence,
        dedupe.sentence_hash(ev.sentence),
    )


def _update_stored(db: Backend, plan: _Plan) -> None:
    """Stored events that a new report made more precise: a finer date, a place."""
    for event_id in sorted(plan.stored_ids):
        before, after = plan.original[event_id], plan.candidates[event_id]
        if (before.date, before.precision) != (after.date, after.precision):
            db.execute("UPDATE events SET date = ?, date_precision = ? WHERE event_id = ?",
                       (after.date, after.precision, event_id))
        loc = plan.relocated.get(event_id)
        if loc is not None:
            db.execute(
                "UPDATE events SET location_name = ?, location_country = ?, lat = ?, lon = ?, "
                "geonameid = ?, location_precision = ? WHERE event_id = ?",
                (loc.name, loc.country, loc.lat, loc.lon, loc.geonameid, loc.precision, event_id),
            )


def _recount(db: Backend, event_ids: list[str]) -> None:
    """Recount the touched events from their mentions, and drop those left with none."""
    if not event_ids:
        return
    db.execute(
        "UPDATE events SET num_mentions = agg.n, num_articles = agg.a, num_sources = agg.s, "
        "first_seen = agg.f, last_seen = agg.l, confidence = agg.c FROM ("
        " SELECT m.event_id, COUNT(*) AS n, COUNT(DISTINCT m.doc_id) AS a,"
        " COUNT(DISTINCT d.origin) AS s,"
        " MIN(COALESCE(CAST(d.published AS TIMESTAMP), d.ingested_at)) AS f,"
        " MAX(COALESCE(CAST(d.published AS TIMESTAMP), d.ingested_at)) AS l,"
        " MAX(m.confidence) AS c"
        " FROM mentions m JOIN documents d ON d.id = m.doc_id"
        " WHERE m.event_id = ANY(?) GROUP BY m.event_id) AS agg "
        "WHERE events.event_id = agg.event_id",
        (event_ids,),
    )
    orphans = [r[0] for r in db.fetchall(
        "SELECT event_id FROM events WHERE event_id = ANY(?) AND event_id NOT IN "
        "(SELECT event_id FROM mentions WHERE event_id = ANY(?))", (event_ids, event_ids)
    )]
    if orphans:
        db.execute("DELETE FROM event_actors WHERE event_id = ANY(?)", (orphans,))
        db.execute("DELETE FROM events WHERE event_id = ANY(?)", (orphans,))
