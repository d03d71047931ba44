"""The API's response shapes (pydantic, so FastAPI documents them) and the conversions from
the store's DataFrames. The report writer uses the same conversions, so the page reads the
same JSON whether it comes from the server or is inlined in a report."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pandas as pd
from pydantic import BaseModel, Field

from eventwire.dedupe import actor_key


class ActorRef(BaseModel):
    key: str
    name: str
    country: str | None = None


class EventRow(BaseModel):
    """One event as a table row, with the sentence it was coded from."""

    event_id: str
    event_type: str
    mode: str | None = None
    cameo: str | None = None
    quad_class: int
    goldstein: float | None = None
    status: str | None = None
    date: str | None = None
    date_precision: str | None = None
    source: list[ActorRef] = Field(default_factory=list)
    target: list[ActorRef] = Field(default_factory=list)
    location_name: str | None = None
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    num_mentions: int | None = None
    num_sources: int | None = None
    num_articles: int | None = None
    sentence: str | None = None
    trigger: str | None = None
    trigger_start: int | None = Field(None, description="offset of the trigger in the sentence")
    trigger_end: int | None = Field(None, description="end offset of the trigger in the sentence")
    doc_id: str | None = None
    url: str | None = None
    title: str | None = None


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventRow]


class Mention(BaseModel):
    """One report of an event: the article and the sentence that carry it."""

    doc_id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    sentence: str
    trigger: str | None = None
    trigger_start: int | None = Field(None, description="offset of the trigger in the sentence")
    trigger_end: int | None = None
    actor_texts: list[str] = Field(default_factory=list, description="the words naming the actors")


class EventDetail(EventRow):
    mentions: list[Mention] = Field(default_factory=list)


class ActorRow(BaseModel):
    actor_key: str
    name: str
    country: str | None = None
    sector: str | None = None
    events: int
    as_source: int = 0
    as_target: int = 0
    mean_goldstein: float | None = None


class RelationRow(BaseModel):
    source_key: str
    source_name: str
    source_country: str | None = None
    target_key: str
    target_name: str
    target_country: str | None = None
    events: int
    mentions: int = 0
    mean_goldstein: float | None = None
    cooperation: int = 0
    conflict: int = 0


class TimeseriesRow(BaseModel):
    period: str
    quad_class: int
    events: int


class Timeseries(BaseModel):
    interval: str
    items: list[TimeseriesRow]


class PlaceRow(BaseModel):
    name: str
    country: str | None = None
    lat: float
    lon: float
    events: int


class Partner(BaseModel):
    """Another actor and what passed between the two, in both directions."""

    key: str
    name: str
    country: str | None = None
    events: int
    cooperation: int
    conflict: int
    outgoing: int = Field(description="events where the profiled actor is the source")
    incoming: int = Field(description="events where the profiled actor is the target")
    mean_goldstein: float | None = None


class ActorProfile(BaseModel):
    actor: ActorRow
    partners: list[Partner]
    timeline: Timeseries


class IngestDocument(BaseModel):
    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None


class IngestResult(BaseModel):
    documents: int
    events: int = Field(description="event reports coded from the documents")
    event_ids: list[str] = Field(description="stored events these reports created; a report that "
                                             "joined a known event adds a mention to it instead")


class ApiError(BaseModel):
    detail: str


def plain(value: Any) -> Any:
    """A DataFrame cell as JSON: NaN/NaT to None, timestamps and dates to ISO text."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        stamp = pd.Timestamp(value)
        return stamp.date().isoformat() if stamp == stamp.normalize() else stamp.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def rows(df: pd.DataFrame) -> Iterator[dict[str, Any]]:
    for rec in df.to_dict(orient="records"):
        yield {k: plain(v) for k, v in rec.items()}


def split_actors(keys: str | None, names: str | None, countries: str | None) -> list[ActorRef]:
    """The store joins several actors with ", "; split them back when the lists line up."""
    ks = [k for k in (keys or "").split(", ") if k]
    ns = (names or "").split(", ")
    cs = (countries or "").split(", ")
    if len(ns) != len(ks):  # a name with a comma in it: keep the keys, which have none
        ns = ks
    if len(cs) != len(ks):
        cs = [""] * len(ks)
    return [ActorRef(key=k, name=n, country=c or None) for k, n, c in zip(ks, ns, cs)]


def _relative(start: Any, base: Any) -> int | None:
    if start is None or base is None:
        return None
    return int(start) - int(base)


def event_row(rec: dict[str, Any], model: type[EventRow] = EventRow, **extra: Any) -> EventRow:
    """A store events() record as a row, with trigger offsets made relative to the sentence."""
    fields = {k: v for k, v in rec.items() if k in model.model_fields}
    fields["source"] = split_actors(rec.get("source_keys"), rec.get("source_names"), rec.get("source_countries"))
    fields["target"] = split_actors(rec.get("target_keys"), rec.get("target_names"), rec.get("target_countries"))
    fields["trigger_start"] = _relative(rec.get("trigger_start"), rec.get("sentence_start"))
    fields["trigger_end"] = _relative(rec.get("trigger_end"), rec.get("sentence_start"))
    fields.update(extra)
    return model(**fields)


def event_page(df: pd.DataFrame, total: int, limit: int, offset: int) -> EventPage:
    return EventPage(total=total, limit=limit, offset=offset, items=[event_row(r) for r in rows(df)])


def actor_rows(df: pd.DataFrame) -> list[ActorRow]:
    return [ActorRow(**r) for r in rows(df)]


def relation_rows(df: pd.DataFrame) -> list[RelationRow]:
    return [RelationRow(**r) for r in rows(df)]


def timeseries(df: pd.DataFrame, interval: str) -> Timeseries:
    items = [TimeseriesRow(period=str(r["period"])[:10], quad_class=int(r["quad_class"]), events=int(r["events"]))
             for r in rows(df) if r.get("period") is not None]
    return Timeseries(interval=interval, items=items)


def place_rows(df: pd.DataFrame) -> list[PlaceRow]:
    return [PlaceRow(**r) for r in rows(df) if r.get("lat") is not None and r.get("lon") is not None]


def partners(key: str, relations: list[RelationRow]) -> list[Partner]:
    """Fold the directed relations that touch `key` into one line per other actor."""
    acc: dict[str, dict[str, Any]] = {}
    for r in relations:
        if r.source_key == key and r.target_key != key:
            other, name, country, direction = r.target_key, r.target_name, r.target_country, "outgoing"
        elif r.target_key == key and r.source_key != key:
            other, name, country, direction = r.source_key, r.source_name, r.source_country, "incoming"
        else:
            continue
        a = acc.setdefault(other, {"key": other, "name": name, "country": country, "events": 0, "cooperation": 0,
                                   "conflict": 0, "outgoing": 0, "incoming": 0, "_g": 0.0, "_gn": 0})
        a["events"] += r.events
        a["cooperation"] += r.cooperation
        a["conflict"] += r.conflict
        a[direction] += r.events
        if r.mean_goldstein is not None:
            a["_g"] += r.mean_goldstein * r.events
            a["_gn"] += r.events
    out = []
    for a in acc.values():
        g, gn = a.pop("_g"), a.pop("_gn")
        out.append(Partner(**a, mean_goldstein=round(g / gn, 2) if gn else None))
    return sorted(out, key=lambda p: (-p.events, p.name))


def _actor_refs(actors: Any) -> list[ActorRef]:
    return [ActorRef(key=actor_key(a), name=a.name, country=a.country) for a in actors]


def event_detail(ev: Any) -> EventDetail:
    """A store StoredEvent as the API's detail record, every mention with its evidence."""
    mentions = []
    for mn in ev.mentions:
        e = mn.evidence
        mentions.append(Mention(
            doc_id=mn.doc_id, url=mn.url, title=mn.title, published=plain(mn.published), sentence=e.sentence,
            trigger=e.trigger or None,
            trigger_start=_relative(e.trigger_start, e.start), trigger_end=_relative(e.trigger_end, e.start),
            actor_texts=[a.text for a in (*ev.source, *ev.target) if a.text],
        ))
    first = mentions[0] if mentions else None
    loc = ev.location
    return EventDetail(
        event_id=ev.event_id, event_type=ev.event_type, mode=ev.mode, cameo=ev.cameo, quad_class=ev.quad_class or 0,
        goldstein=ev.goldstein, status=ev.status, date=plain(ev.date), date_precision=ev.date_precision,
        source=_actor_refs(ev.source), target=_actor_refs(ev.target),
        location_name=loc.name if loc else None, location_country=loc.country if loc else None,
        lat=loc.lat if loc else None, lon=loc.lon if loc else None,
        num_mentions=ev.num_mentions, num_sources=ev.num_sources, num_articles=ev.num_articles,
        sentence=first.sentence if first else None, trigger=first.trigger if first else None,
        trigger_start=first.trigger_start if first else None, trigger_end=first.trigger_end if first else None,
        doc_id=first.doc_id if first else None, url=first.url if first else None, title=first.title if first else None,
        mentions=mentions,
    )
