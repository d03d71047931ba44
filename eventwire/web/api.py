"""The read-only JSON API: thin routes over the store's SQL aggregations.

Every list route takes the same filters (`Filters`), so the page can send one query string
to all of them. Bad parameters answer 422 with a sentence in `detail` saying what to send.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from eventwire.records import PLOVER_TYPES
from eventwire.web import models as m

log = logging.getLogger(__name__)

MAX_LIMIT = 500
QUAD_CLASSES = (1, 2, 3, 4)
T = TypeVar("T")


class StoreGate:
    """One open store shared by the app's worker threads, used by one request at a time
    (a DuckDB connection must not run two queries at once)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._lock = threading.Lock()

    @contextmanager
    def use(self) -> Iterator[Any]:
        with self._lock:
            yield self.store


def gate(request: Request) -> StoreGate:
    return request.app.state.gate


def bad(message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=message)


def parse_types(values: list[str]) -> tuple[str, ...]:
    """PLOVER type names, repeated or comma-separated, in any case."""
    names = tuple(dict.fromkeys(v.strip().upper() for raw in values for v in raw.split(",") if v.strip()))
    unknown = [n for n in names if n not in PLOVER_TYPES]
    if unknown:
        raise bad(f"unknown event type(s) {', '.join(unknown)}; use PLOVER types: {', '.join(PLOVER_TYPES)}")
    return names


def parse_near(value: str | None) -> tuple[float, float, float] | None:
    """"lat,lon,km" as three numbers inside their ranges."""
    if value is None or not value.strip():
        return None
    parts = value.split(",")
    try:
        lat, lon, km = (float(p) for p in parts)
    except ValueError:
        raise bad(f"near={value!r} is malformed; send near=LAT,LON,KM, e.g. near=32.9,13.2,50") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_000):
        raise bad(f"near={value!r} is out of range: latitude -90..90, longitude -180..180, 0 < km <= 20000")
    return lat, lon, km


@dataclass(frozen=True, slots=True)
class Filters:
    """The query parameters shared by every list route, validated."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    event_type: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    country: str | None = None
    near: tuple[float, float, float] | None = None
    text: str | None = None
    quad_class: tuple[int, ...] = ()

    def to_store(self) -> Any:
        from eventwire.store import EventFilter

        return EventFilter(actor=self.actor, source=self.source, target=self.target, event_type=self.event_type,
                           since=self.since, until=self.until, country=self.country, near=self.near,
                           text=self.text, quad_class=self.quad_class)


def filters(
    actor: Annotated[str | None, Query(description="actor key or name, as source or target")] = None,
    source: Annotated[str | None, Query(description="source actor key or name")] = None,
    target: Annotated[str | None, Query(description="target actor key or name")] = None,
    type: Annotated[list[str], Query(description="PLOVER event type; repeat or comma-separate")] = [],  # noqa: B006
    since: Annotated[date | None, Query(description="first day, YYYY-MM-DD")] = None,
    until: Annotated[date | None, Query(description="last day, YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3 code", min_length=2, max_length=3)] = None,
    near: Annotated[str | None, Query(description="LAT,LON,KM: events within KM of a point")] = None,
    text: Annotated[str | None, Query(description="words in the evidence sentence")] = None,
    quad: Annotated[list[int], Query(description="quad class 1-4; repeatable")] = [],  # noqa: B006
) -> Filters:
    if since and until and since > until:
        raise bad(f"since={since} is after until={until}; swap them")
    bad_quads = [q for q in quad if q not in QUAD_CLASSES]
    if bad_quads:
        raise bad(f"quad must be 1 (verbal cooperation), 2 (material cooperation), 3 (verbal conflict) "
                  f"or 4 (material conflict), not {bad_quads}")
    return Filters(actor=actor or None, source=source or None, target=target or None, event_type=parse_types(type),
                   since=since, until=until, country=country.upper() if country else None, near=parse_near(near),
                   text=text or None, quad_class=tuple(dict.fromkeys(quad)))


FilterDep = Annotated[Filters, Depends(filters)]
GateDep = Annotated[StoreGate, Depends(gate)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
RelationLimit = Annotated[int, Query(ge=1, le=10_000, description="the busiest pairs, at most 10000")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]
Interval = Literal["day", "week", "month"]
ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": m.ApiError, "description": "a bad parameter"}}


def _read(g: StoreGate, fn: Callable[[Any], T]) -> T:
    with g.use() as store:
        return fn(store)


def actor_profile(store: Any, key: str, f: Filters, interval: str = "month") -> m.ActorProfile | None:
    """One actor: its totals, the actors it cooperates with and fights, and its activity over time."""
    scoped = replace(f, actor=key).to_store()
    found = [a for a in m.actor_rows(store.actors(scoped, limit=MAX_LIMIT)) if a.actor_key == key]
    if not found:
        return None
    partners = m.partners(key, m.relation_rows(store.relations(scoped)))
    timeline = m.timeseries(store.timeseries(scoped, interval=interval), interval)
    return m.ActorProfile(actor=found[0], partners=partners, timeline=timeline)


router = APIRouter(prefix="/api", responses=ERRORS)


@router.get("/events", response_model=m.EventPage, summary="Events matching the filters, newest first, a page at a time")
def list_events(g: GateDep, f: FilterDep, limit: Limit = 100, offset: Offset = 0) -> m.EventPage:
    sf = f.to_store()
    return _read(g, lambda s: m.event_page(s.events(sf, limit=limit, offset=offset), s.count_events(sf), limit, offset))


@router.get("/events/{event_id}", response_model=m.EventDetail, summary="One event with every report of it",
            responses={404: {"model": m.ApiError}})
def get_event(g: GateDep, event_id: Annotated[str, Path(min_length=1, max_length=200)]) -> m.EventDetail:
    stored = _read(g, lambda s: s.event(event_id))
    if stored is None:
        raise HTTPException(status_code=404, detail=f"no event {event_id!r} in this store")
    return m.event_detail(stored)


@router.get("/actors", response_model=list[m.ActorRow], summary="The most active actors")
def list_actors(g: GateDep, f: FilterDep, limit: Limit = 100) -> list[m.ActorRow]:
    sf = f.to_store()
    return _read(g, lambda s: m.actor_rows(s.actors(sf, limit=limit)))


@router.get("/actors/{key:path}", response_model=m.ActorProfile, summary="Whom an actor cooperates with and fights, over time",
            responses={404: {"model": m.ApiError}})
def get_actor(g: GateDep, f: FilterDep, key: Annotated[str, Path(min_length=1, max_length=200)],
              interval: Interval = "month") -> m.ActorProfile:
    profile = _read(g, lambda s: actor_profile(s, key, f, interval))
    if profile is None:
        raise HTTPException(status_code=404, detail=f"no events with actor {key!r} match these filters")
    return profile


@router.get("/relations", response_model=list[m.RelationRow], summary="Directed actor pairs with event counts")
def list_relations(g: GateDep, f: FilterDep, limit: RelationLimit = 1000) -> list[m.RelationRow]:
    sf = f.to_store()
    return _read(g, lambda s: m.relation_rows(s.relations(sf).head(limit)))


@router.get("/timeseries", response_model=m.Timeseries, summary="Events per period and quad class")
def get_timeseries(g: GateDep, f: FilterDep, interval: Interval = "day") -> m.Timeseries:
    sf = f.to_store()
    return _read(g, lambda s: m.timeseries(s.timeseries(sf, interval=interval), interval))


@router.get("/places", response_model=list[m.PlaceRow], summary="Located events per place")
def list_places(g: GateDep, f: FilterDep) -> list[m.PlaceRow]:
    sf = f.to_store()
    return _read(g, lambda s: m.place_rows(s.places(sf)))
